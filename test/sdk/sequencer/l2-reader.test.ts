/**
 * rawTransactionOf: the raw signed bytes rebuilt from a node's JSON fields are ethers' serialization of the same
 * transaction, byte for byte, for every type the L2 accepts and for the edges of RLP (zero values, creation, calldata
 * around the 56-byte long form, access lists, authorizations); fields that cannot be the transaction are refused.
 */
import { expect } from "chai";
import { Transaction, type TransactionLike } from "ethers";

import { L2DataError } from "../../../sdk/src/errors/sequencer";
import { rawTransactionOf } from "../../../sdk/src/sequencer/l2-reader";
import { seededAddress, seededWallet, seededWord } from "../../helpers/seeded";

const hex = (value: bigint | number) => `0x${BigInt(value).toString(16)}`;

/** The transaction as a node's `eth_getBlockByNumber(.., true)` gives it: hex quantities, lowercase data. */
function rpcForm(tx: Transaction): Record<string, unknown> {
  const signature = tx.signature!;
  const rpc: Record<string, unknown> = {
    hash: tx.hash,
    type: hex(tx.type ?? 0),
    from: tx.from,
    to: tx.to === null ? null : tx.to.toLowerCase(),
    nonce: hex(tx.nonce),
    gas: hex(tx.gasLimit),
    value: hex(tx.value),
    input: tx.data,
    r: hex(BigInt(signature.r)),
    s: hex(BigInt(signature.s)),
    // A legacy transaction's v carries its chain id (EIP-155) or is 27/28; a typed one's is its y parity.
    v: hex(
      tx.type !== 0
        ? signature.yParity
        : tx.chainId === 0n
          ? 27 + signature.yParity
          : tx.chainId * 2n + 35n + BigInt(signature.yParity),
    ),
  };
  if (tx.type !== 0) rpc.yParity = hex(signature.yParity);
  if (tx.type !== 0 || tx.chainId !== 0n) rpc.chainId = hex(tx.chainId);
  if (tx.gasPrice !== null && tx.type !== 2 && tx.type !== 4) rpc.gasPrice = hex(tx.gasPrice);
  if (tx.type === 2 || tx.type === 4) {
    rpc.maxFeePerGas = hex(tx.maxFeePerGas!);
    rpc.maxPriorityFeePerGas = hex(tx.maxPriorityFeePerGas!);
  }
  if (tx.type !== 0) rpc.accessList = tx.accessList;
  if (tx.type === 4) {
    rpc.authorizationList = tx.authorizationList!.map((authorization) => ({
      chainId: hex(authorization.chainId),
      address: authorization.address,
      nonce: hex(authorization.nonce),
      yParity: hex(authorization.signature.yParity),
      r: hex(BigInt(authorization.signature.r)),
      s: hex(BigInt(authorization.signature.s)),
    }));
  }
  return rpc;
}

function signed(label: string, fields: TransactionLike): Transaction {
  const tx = Transaction.from(fields);
  tx.signature = seededWallet(label).signingKey.sign(tx.unsignedHash);
  return tx;
}

describe("sdk: rawTransactionOf", function () {
  const key = seededWallet("delegator");
  const authorization = {
    chainId: 59902n,
    address: seededAddress("delegate"),
    nonce: 3n,
    signature: key.signingKey.sign(seededWord("authorization")),
  };
  const calldata = (length: number) => `0x${"ab".repeat(length)}`;
  const cases: [string, TransactionLike][] = [
    ["legacy without EIP-155", { type: 0, nonce: 0, gasPrice: 1n, gasLimit: 21_000n, to: seededAddress("to") }],
    [
      "legacy with EIP-155, 55 bytes of calldata",
      { type: 0, chainId: 59902n, nonce: 7, gasPrice: 10n ** 9n, gasLimit: 90_000n, data: calldata(55), value: 1n },
    ],
    [
      "EIP-2930 with an access list, creation",
      {
        type: 1,
        chainId: 59902n,
        nonce: 1,
        gasPrice: 2n,
        gasLimit: 1_000_000n,
        to: null,
        data: calldata(56),
        accessList: [{ address: seededAddress("list"), storageKeys: [seededWord("k1"), `0x${"00".repeat(32)}`] }],
      },
    ],
    [
      "EIP-1559, zero value, 3,000 bytes of calldata",
      {
        type: 2,
        chainId: 59902n,
        nonce: 2 ** 40,
        maxFeePerGas: 50n * 10n ** 9n,
        maxPriorityFeePerGas: 0n,
        gasLimit: 5_000_000n,
        to: seededAddress("contract"),
        data: calldata(3_000),
      },
    ],
    [
      "EIP-1559, a value of 2^255",
      {
        type: 2,
        chainId: 59902n,
        nonce: 0,
        maxFeePerGas: 1n,
        maxPriorityFeePerGas: 1n,
        gasLimit: 21_000n,
        value: 1n << 255n,
        to: seededAddress("rich"),
      },
    ],
    [
      "EIP-7702 with an authorization",
      {
        type: 4,
        chainId: 59902n,
        nonce: 5,
        maxFeePerGas: 3n,
        maxPriorityFeePerGas: 2n,
        gasLimit: 100_000n,
        to: seededAddress("self"),
        authorizationList: [authorization],
      },
    ],
  ];

  for (const [name, fields] of cases) {
    it(`rebuilds ethers' serialization: ${name}`, function () {
      const tx = signed(name, fields);
      const rebuilt = rawTransactionOf(rpcForm(tx), 1n);
      expect(rebuilt.raw).to.equal(tx.serialized);
      expect(rebuilt.hash).to.equal(tx.hash);
      expect(rebuilt.type).to.equal(tx.type);
      expect(rebuilt.to).to.equal(tx.to === null ? null : tx.to.toLowerCase());
    });
  }

  it("takes checksummed addresses and zero-padded quantities as the same transaction", function () {
    const tx = signed("padded", cases[3]![1]);
    const rpc = { ...rpcForm(tx), to: tx.to, nonce: `0x000${BigInt(tx.nonce).toString(16)}`, value: "0x0" };
    expect(rawTransactionOf(rpc, 1n).raw).to.equal(tx.serialized);
  });

  it("refuses fields that do not hash to the transaction, and fields that are not hex", function () {
    const tx = signed("tampered", cases[3]![1]);
    const rpc = rpcForm(tx);
    expect(() => rawTransactionOf({ ...rpc, value: "0x1" }, 4n)).to.throw(L2DataError, "re-serialises to");
    expect(() => rawTransactionOf({ ...rpc, input: "0xzz" }, 4n)).to.throw(L2DataError, "cannot be re-serialised");
    expect(() => rawTransactionOf({ ...rpc, gas: undefined }, 4n)).to.throw(L2DataError, "cannot be re-serialised");
    expect(() => rawTransactionOf({ ...rpc, gas: -1 }, 4n)).to.throw(L2DataError, "cannot be re-serialised");
  });
});
