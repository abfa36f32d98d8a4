import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { getBytes, hexlify, keccak256 as ethersKeccak, Wallet } from "ethers";
import fc from "fast-check";
import hre from "hardhat";

import { checkObjectKey, objectKey } from "../../sdk/src/da/store";
import { readSidecar, storeSidecar } from "../../sdk/src/da/sidecar";
import { DataHashMismatchError } from "../../sdk/src/errors/da";
import { MalformedCursorError } from "../../sdk/src/errors/verifier";
import { bootstrapL2Bridge, createL2Chain, FileCursorStore, FileDAStore, type L2Chain } from "../../sdk/src/node";
import {
  batchDataHash,
  blockHeaderHash,
  blockLeaf,
  checkSidecar,
  decodeBlockHeader,
  decodeSidecar,
  encodeBatchData,
  encodeBlockHeader,
  encodeSidecar,
  headerDigest,
  headerHash,
  isSidecar,
  MalformedBlockHeaderError,
  MalformedSidecarError,
  merkleRoot,
  rlpEncode,
  SidecarMismatchError,
  sidecarKey,
  ZERO_HASH,
  type BlockHeaderFields,
  type Hex,
} from "../../sdk/src/proof";
import { readRawL2Block } from "../../sdk/src/sequencer/l2-reader";
import { packQuorumSignatures } from "../../sdk/src/sequencer/quorum";
import { compareBatch, type ComparedBlock } from "../../sdk/src/verifier/compare";
import { decodeCursor, encodeCursor, MemoryCursorStore, type VerifierCursor } from "../../sdk/src/verifier/cursor";
import { unpackSignatures } from "../../sdk/src/verifier/equivocation";
import { DevNodeReplica, type ReplicaBlock } from "../../sdk/src/verifier/replica";
import { transactionsRoot } from "../../sdk/src/verifier/transactions-trie";
import type { HeaderValue } from "../../sdk/src/verifier/types";

const word = (label: string): Hex => ethersKeccak(new TextEncoder().encode(label)) as Hex;

/** A header of no chain, over `blocks` leaves. */
function headerOver(leaves: readonly Hex[], overrides: Partial<HeaderValue> = {}): HeaderValue {
  return {
    batchIndex: 3n,
    parentHash: word("parent"),
    firstBlock: 10n,
    lastBlock: 10n + BigInt(leaves.length) - 1n,
    txCount: 0,
    txBatchRoot: ZERO_HASH,
    stateBatchRoot: merkleRoot(leaves),
    depositCount: 0n,
    depositChainHash: ZERO_HASH,
    dataHash: word("data"),
    ...overrides,
  };
}

/** Mines `count` transfers in one block on `chain`. */
async function transfersInOneBlock(chain: L2Chain, count: number): Promise<void> {
  const [alice, bob] = chain.users as [Wallet, Wallet];
  let nonce = await chain.provider.getTransactionCount(alice.address);
  await chain.provider.send("evm_setAutomine", [false]);
  for (let i = 0; i < count; i++) await alice.sendTransaction({ to: bob.address, value: 1n, nonce: nonce++ });
  await chain.provider.send("evm_mine", []);
  await chain.provider.send("evm_setAutomine", [true]);
}

/** Block `number` of `chain` as a data object carries it. */
async function rawBlock(chain: L2Chain, number: number) {
  const block = await readRawL2Block(chain.provider, BigInt(number));
  return { ...block, transactions: block.transactions.map((transaction) => transaction.raw) };
}

const rpcHeader = async (chain: L2Chain, number: number) =>
  (await chain.provider.send("eth_getBlockByNumber", [`0x${number.toString(16)}`, false])) as BlockHeaderFields & {
    hash: Hex;
    transactions: Hex[];
  };

describe("verifier building blocks", function () {
  let chain: L2Chain;
  const directories: string[] = [];
  const directory = () => {
    const made = mkdtempSync(path.join(tmpdir(), "metis-verifier-unit-"));
    directories.push(made);
    return made;
  };

  before(async function () {
    chain = await createL2Chain(hre);
    await bootstrapL2Bridge(chain);
    await transfersInOneBlock(chain, 4);
  });

  after(() => {
    for (const made of directories.splice(0)) rmSync(made, { recursive: true, force: true });
  });

  describe("RLP block headers", function () {
    it("encode the node's fields to the bytes its block hash is over, and decode back", async function () {
      for (const number of [0, 1, 2]) {
        const rpc = await rpcHeader(chain, number);
        const rlp = encodeBlockHeader(rpc);
        expect(blockHeaderHash(rlp)).to.equal(rpc.hash);
        expect(decodeBlockHeader(rlp)).to.deep.equal({
          hash: rpc.hash,
          parentHash: rpc.parentHash,
          stateRoot: rpc.stateRoot,
          transactionsRoot: rpc.transactionsRoot,
          number: BigInt(number),
          timestamp: BigInt(rpc.timestamp),
        });
      }
    });

    it("refuse fields that no fork's header has", async function () {
      const rpc = await rpcHeader(chain, 2);
      const withoutLondon: Record<string, unknown> = { ...rpc };
      delete withoutLondon.baseFeePerGas;
      expect(() => encodeBlockHeader(withoutLondon as unknown as BlockHeaderFields)).to.throw(
        MalformedBlockHeaderError,
        /withdrawalsRoot is given/,
      );
      expect(() => encodeBlockHeader({ ...rpc, stateRoot: "0x1234" })).to.throw(MalformedBlockHeaderError, /stateRoot/);
      expect(() => encodeBlockHeader({ ...rpc, number: "7" })).to.throw(MalformedBlockHeaderError, /number/);
      const fields: Record<string, unknown> = { ...rpc };
      delete fields.miner;
      expect(() => encodeBlockHeader(fields as unknown as BlockHeaderFields)).to.throw(
        MalformedBlockHeaderError,
        /miner/,
      );
    });

    it("decode only a list of the header's fields, each of its size", async function () {
      const rlp = encodeBlockHeader(await rpcHeader(chain, 2));
      expect(() => decodeBlockHeader(Uint8Array.of(0x80))).to.throw(MalformedBlockHeaderError, /not a list/);
      expect(() => decodeBlockHeader(Uint8Array.of(0x81, 0x01))).to.throw(MalformedBlockHeaderError, /RLP/);
      const fields = Array.from({ length: 15 }, () => new Uint8Array(32));
      expect(() => decodeBlockHeader(rlpEncode(fields))).to.throw(MalformedBlockHeaderError, /miner has 32 bytes/);
      expect(() => decodeBlockHeader(rlpEncode([...fields, ...fields]))).to.throw(
        MalformedBlockHeaderError,
        /30 fields/,
      );
      expect(() => decodeBlockHeader(hexlify(rlp) as Hex)).not.to.throw();
    });
  });

  describe("the transactions trie", function () {
    it("has the root the block header names (@ethereumjs/mpt)", async function () {
      const { transactionsRoot: root } = await rpcHeader(chain, 2);
      const { transactions } = await rawBlock(chain, 2);
      expect(transactions).to.have.length(4);
      expect(await transactionsRoot(transactions)).to.equal(root);
      expect(await transactionsRoot(transactions.slice(0, 3))).not.to.equal(root);
    });
  });

  describe("batch sidecars", function () {
    const blocks = async () =>
      Promise.all(
        [1, 2].map(async (number) => {
          const rpc = await rpcHeader(chain, number);
          return {
            number: BigInt(number),
            timestamp: BigInt(rpc.timestamp),
            stateRoot: rpc.stateRoot as Hex,
            withdrawalRoot: word(`withdrawals ${number}`),
            rlpHeader: hexlify(encodeBlockHeader(rpc)) as Hex,
          };
        }),
      );

    it("round-trip, derive each leaf's block hash from its header, and check against their header", async function () {
      const input = await blocks();
      const leaves = input.map((block) =>
        blockLeaf({ ...block, blockHash: blockHeaderHash(getBytes(block.rlpHeader)) }),
      );
      const header = headerOver(leaves);
      const encoded = encodeSidecar({ headerHash: headerHash(header), blocks: input });
      const decoded = decodeSidecar(encoded);
      expect(decoded.headerHash).to.equal(headerHash(header));
      expect(decoded.blocks.map((block) => block.leaf.blockHash)).to.deep.equal([
        (await rpcHeader(chain, 1)).hash,
        (await rpcHeader(chain, 2)).hash,
      ]);
      expect(decoded.blocks.map((block) => block.rlpHeader)).to.deep.equal(input.map((block) => block.rlpHeader));
      expect(() => checkSidecar(decoded, header)).not.to.throw();
      expect(isSidecar(encoded)).to.equal(true);
      expect(objectKey(encoded)).to.equal(sidecarKey(headerHash(header)));

      const longer = headerOver([...leaves, ZERO_HASH], { stateBatchRoot: header.stateBatchRoot });
      const otherRoot = headerOver(leaves, { stateBatchRoot: word("root") });
      const forLonger = decodeSidecar(encodeSidecar({ headerHash: headerHash(longer), blocks: input }));
      const forOtherRoot = decodeSidecar(encodeSidecar({ headerHash: headerHash(otherRoot), blocks: input }));
      expect(() => checkSidecar(forLonger, longer))
        .to.throw(SidecarMismatchError)
        .with.property("field", "blockCount");
      expect(() => checkSidecar(forOtherRoot, otherRoot))
        .to.throw(SidecarMismatchError)
        .with.property("field", "stateBatchRoot");
      expect(() => checkSidecar(decoded, longer))
        .to.throw(SidecarMismatchError)
        .with.property("field", "headerHash");
    });

    it("decode only the version-1 layout", async function () {
      const [first] = await blocks();
      const tag = new TextEncoder().encode("MetisL2 batch sidecar");
      const entry = [
        Uint8Array.of(1),
        Uint8Array.of(2),
        getBytes(first!.stateRoot),
        getBytes(word("w")),
        getBytes(first!.rlpHeader),
      ];
      const hash = getBytes(word("header"));
      const cases: [Uint8Array, RegExp][] = [
        [rlpEncode([tag, Uint8Array.of(1), hash]), /3 items/],
        [rlpEncode([tag, Uint8Array.of(2), hash, []]), /version 2/],
        [rlpEncode([tag, Uint8Array.of(1), hash.subarray(1), []]), /headerHash must have 32 bytes/],
        [rlpEncode([tag, Uint8Array.of(1), hash, [entry.slice(0, 4)]]), /blocks\[0\] has 4 items/],
        [rlpEncode([tag, Uint8Array.of(1), hash, [[...entry.slice(0, 4), new Uint8Array()]]]), /rlpHeader is empty/],
        [rlpEncode([tag, Uint8Array.of(1), hash, [[Uint8Array.of(0, 1), ...entry.slice(1)]]]), /leading zero/],
        [rlpEncode([tag, Uint8Array.of(1), hash, hash]), /blocks must be a list/],
        [Uint8Array.of(0xc1), /malformed RLP/],
      ];
      for (const [bytes, message] of cases) expect(() => decodeSidecar(bytes)).to.throw(MalformedSidecarError, message);
      expect(() => decodeSidecar(rlpEncode([tag, Uint8Array.of(1), hash, [entry]]))).not.to.throw();
    });

    it("are told apart from data objects, and stores keep each under its own key only", async function () {
      const data = encodeBatchData({ batchIndex: 1, blocks: [{ number: 1, timestamp: 2, transactions: [] }] });
      expect(isSidecar(data)).to.equal(false);
      expect(objectKey(data)).to.equal(batchDataHash(data));
      const sidecar = encodeSidecar({ headerHash: word("header"), blocks: await blocks() });
      const store = new FileDAStore(directory());
      await expect(store.put(word("elsewhere"), sidecar))
        .to.be.rejectedWith(SidecarMismatchError)
        .and.eventually.include({ field: "key", expected: sidecarKey(word("header")) });
      await expect(store.put(sidecarKey(word("header")), data)).to.be.rejectedWith(DataHashMismatchError);
      expect(() => checkObjectKey(batchDataHash(data), data)).not.to.throw();
      expect(await storeSidecar(store, sidecar)).to.equal(sidecarKey(word("header")));
      expect(await store.get(sidecarKey(word("header")))).to.deep.equal(sidecar);
    });

    it("are read back only for the header they belong to", async function () {
      const input = await blocks();
      const leaves = input.map((block) =>
        blockLeaf({ ...block, blockHash: blockHeaderHash(getBytes(block.rlpHeader)) }),
      );
      const header = headerOver(leaves);
      const store = new FileDAStore(directory());
      await storeSidecar(store, encodeSidecar({ headerHash: headerHash(header), blocks: input }));
      expect((await readSidecar(store, header)).blocks).to.have.length(2);
      // A sidecar stored for a header with another root can be found under that header only, and is refused there.
      const forged = headerOver(leaves, { stateBatchRoot: word("forged root") });
      await storeSidecar(store, encodeSidecar({ headerHash: headerHash(forged), blocks: input }));
      await expect(readSidecar(store, forged)).to.be.rejectedWith(SidecarMismatchError, /stateBatchRoot/);
    });
  });

  describe("the cursor", function () {
    const cursor: VerifierCursor = {
      version: 1,
      chainId: 31337n,
      batchChain: "0x00000000000000000000000000000000000000bc",
      nextBlock: 42n,
      batches: [
        {
          state: "checked",
          header: headerOver([word("genesis leaf")], { batchIndex: 0n, firstBlock: 0n, lastBlock: 0n }),
          headerHash: word("h0"),
          proposer: "0x0000000000000000000000000000000000000000",
          l1Block: 1n,
          l1TxHash: word("t0"),
          signatures: undefined,
          lastLeaf: {
            leaf: { number: 0n, timestamp: 5n, blockHash: word("b"), stateRoot: word("s"), withdrawalRoot: ZERO_HASH },
            proof: [],
          },
        },
        {
          state: "pending",
          header: headerOver([word("leaf")], { batchIndex: 1n, txCount: 7 }),
          headerHash: word("h1"),
          proposer: "0x00000000000000000000000000000000000000aa",
          l1Block: 9n,
          l1TxHash: word("t1"),
          signatures: "0x1234",
        },
      ],
    };

    it("round-trips through its JSON text, in memory and in a file", async function () {
      expect(decodeCursor(encodeCursor(cursor))).to.deep.equal(cursor);
      const memory = new MemoryCursorStore();
      expect(await memory.load()).to.equal(undefined);
      await memory.save(cursor);
      expect(await memory.load()).to.deep.equal(cursor);
      const file = new FileCursorStore(path.join(directory(), "nested", "cursor.json"));
      expect(await file.load()).to.equal(undefined);
      await file.save(cursor);
      expect(await file.load()).to.deep.equal(cursor);
    });

    it("refuses text that is not a cursor, naming the field", function () {
      const json = JSON.parse(encodeCursor(cursor)) as { batches: Record<string, unknown>[] } & Record<string, unknown>;
      const variants: [unknown, RegExp][] = [
        [{ ...json, version: 2 }, /version is not 1/],
        [{ ...json, nextBlock: "-1" }, /nextBlock is not a decimal integer/],
        [{ ...json, batches: [json.batches[1]] }, /batches\[0\] is batch 1/],
        [{ ...json, batches: [{ ...json.batches[0], lastLeaf: null }] }, /is checked but has no lastLeaf/],
        [{ ...json, batches: [{ ...json.batches[0], state: "done" }] }, /state is not one of/],
        [{ ...json, batches: [{ ...json.batches[0], headerHash: "0x12" }] }, /headerHash is not 32 bytes/],
        [{ ...json, batches: "none" }, /batches is not a list/],
      ];
      for (const [variant, message] of variants) {
        expect(() => decodeCursor(JSON.stringify(variant))).to.throw(MalformedCursorError, message);
      }
      expect(() => decodeCursor("{")).to.throw(MalformedCursorError, /not JSON/);
    });
  });

  describe("quorum signatures", function () {
    it("unpack into each signer with its r ++ s ++ v signature", async function () {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 5 }),
          fc.uint8Array({ minLength: 32, maxLength: 32 }),
          async (count, digestBytes) => {
            const keys = Array.from({ length: count }, () => Wallet.createRandom());
            const digest = hexlify(digestBytes) as Hex;
            const signatures = keys.map((key) => key.signingKey.sign(digest).serialized);
            const packed = packQuorumSignatures(
              digest,
              signatures,
              keys.map((key) => key.address),
            );
            const unpacked = unpackSignatures(packed, digest);
            expect(unpacked.map((entry) => entry.signer).sort()).to.deep.equal(keys.map((key) => key.address).sort());
            for (const { signer, signature } of unpacked) {
              expect(signatures).to.include(signature);
              expect(keys.find((key) => key.address === signer)!.signingKey.sign(digest).serialized).to.equal(
                signature,
              );
            }
          },
        ),
        { numRuns: 20 },
      );
    });

    it("leave out an entry that does not recover", function () {
      const digest = headerDigest(headerOver([word("x")]), {
        name: "MetisL2",
        version: "1",
        chainId: 1n,
        verifyingContract: "0x00000000000000000000000000000000000000bc",
      });
      const key = Wallet.createRandom();
      const good = packQuorumSignatures(digest, [key.signingKey.sign(digest).serialized], [key.address]);
      const bad = `0x00${"00".repeat(64)}`;
      expect(unpackSignatures(`${good}${bad.slice(2)}` as Hex, digest).map((entry) => entry.signer)).to.deep.equal([
        key.address,
      ]);
    });
  });

  describe("compareBatch", function () {
    /** An honest one-block batch: the leaf, its header, the data and a replica that agree. */
    function honest(): { header: HeaderValue; previous: ReplicaBlock["parentHash"]; blocks: ComparedBlock[] } {
      const replica: ReplicaBlock = {
        number: 10n,
        timestamp: 100n,
        hash: word("block 10"),
        parentHash: word("block 9"),
        stateRoot: word("state 10"),
        transactionsRoot: word("txs 10"),
        transactionHashes: [word("tx a"), word("tx b")],
        rlpHeader: "0x",
        withdrawalRoot: word("withdrawals 10"),
        depositCount: 2n,
        depositChainHash: word("deposits 2"),
      };
      const leaf = {
        number: 10n,
        timestamp: 100n,
        blockHash: replica.hash,
        stateRoot: replica.stateRoot,
        withdrawalRoot: replica.withdrawalRoot,
      };
      return {
        header: headerOver([blockLeaf(leaf)], { depositCount: 2n, depositChainHash: word("deposits 2") }),
        previous: word("block 9"),
        blocks: [
          {
            leaf,
            header: { ...replica },
            data: { number: 10n, timestamp: 100n, transactionHashes: replica.transactionHashes },
            replica,
            committedTransactions: replica.transactionHashes,
          },
        ],
      };
    }
    const previousLeaf = (blockHash: Hex) => ({
      number: 9n,
      timestamp: 90n,
      blockHash,
      stateRoot: word("state 9"),
      withdrawalRoot: ZERO_HASH,
    });
    const run = ({ header, previous, blocks }: ReturnType<typeof honest>) =>
      compareBatch({ header, previousLeaf: previousLeaf(previous), blocks });

    it("finds nothing in an honest batch", function () {
      expect(run(honest())).to.deep.equal({ structural: [], blockTransactionsUnknown: false });
    });

    it("reports execution only when nothing structural explains a different block", function () {
      const diverged = honest();
      const block = diverged.blocks[0]!;
      diverged.blocks[0] = {
        ...block,
        replica: { ...block.replica!, hash: word("other"), stateRoot: word("other state") },
      };
      expect(run(diverged).execution).to.deep.include({ kind: "execution", leafIndex: 0, blockHash: word("other") });
      // The bridge slots are not compared where the replica has another state: no proof could be made against it.
      expect(run(diverged).structural).to.deep.equal([]);

      const alsoStructural = honest();
      const other = alsoStructural.blocks[0]!;
      alsoStructural.blocks[0] = {
        ...other,
        leaf: { ...other.leaf, timestamp: 101n },
        replica: { ...other.replica!, hash: word("other") },
      };
      const comparison = run(alsoStructural);
      expect(comparison.execution).to.equal(undefined);
      expect(comparison.structural.map((finding) => finding.kind)).to.deep.equal(["blockTimestamp"]);
    });

    it("flags unknown committed transactions only when nothing structural was found", function () {
      const unknown = honest();
      unknown.blocks[0] = { ...unknown.blocks[0]!, committedTransactions: undefined };
      expect(run(unknown)).to.deep.include({ blockTransactionsUnknown: true, structural: [] });
      unknown.previous = word("another parent");
      expect(run(unknown)).to.deep.include({ blockTransactionsUnknown: false });
      expect(run(unknown).structural.map((finding) => finding.kind)).to.deep.equal(["parentLink"]);
    });

    it("checks a leaf with no known header only where its proof needs no header", function () {
      const headerless = honest();
      const block = headerless.blocks[0]!;
      const { batchIndex } = headerless.header;
      // An invented hash, timestamp and parent nothing can check; a withdrawal root provable against its state root.
      headerless.previous = word("another parent");
      headerless.blocks[0] = {
        ...block,
        leaf: { ...block.leaf, blockHash: word("invented"), timestamp: 1n, withdrawalRoot: word("stolen") },
        header: undefined,
        committedTransactions: undefined, // no header, so no transactions: neither compared nor "unknown"
      };
      expect(run(headerless)).to.deep.equal({
        structural: [{ kind: "withdrawalRoot", batchIndex, leafIndex: 0 }],
        blockTransactionsUnknown: false,
      });
      // With the real withdrawal root nothing structural is left: its hash is not the replica's, so execution.
      headerless.blocks[0] = {
        ...headerless.blocks[0],
        leaf: { ...headerless.blocks[0].leaf, withdrawalRoot: block.leaf.withdrawalRoot },
      };
      expect(run(headerless).execution).to.deep.include({ leafIndex: 0, blockHash: block.replica!.hash });
      // A number other than its position needs no header either.
      headerless.blocks[0] = { ...headerless.blocks[0], leaf: { ...headerless.blocks[0].leaf, number: 11n } };
      expect(run(headerless).structural).to.deep.equal([{ kind: "blockNumber", batchIndex, leafIndex: 0 }]);
    });
  });

  describe("DevNodeReplica", function () {
    // Over an ethers provider (any dev node), and straight to an in-process chain's EIP-1193 provider (the agent's).
    const replicaOver = (l2: Awaited<ReturnType<typeof createL2Chain>>, direct: boolean) =>
      direct
        ? new DevNodeReplica(l2.provider, chain.bridgeAddress, {}, l2.eip1193)
        : new DevNodeReplica(l2.provider, chain.bridgeAddress);
    for (const direct of [false, true]) {
      const via = direct ? " (requests to the EIP-1193 provider)" : " (requests through ethers)";
      it(`mines exactly the data object's transactions: one it cannot take now is dropped, not kept for later${via}`, async function () {
        const replica = replicaOver(await createL2Chain(hre), direct);
        const [first, second] = [await rawBlock(chain, 1), await rawBlock(chain, 2)];
        const [alice] = chain.users as [Wallet];
        const future = await alice.signTransaction({
          to: alice.address,
          value: 1n,
          nonce: 50,
          chainId: (await chain.provider.getNetwork()).chainId,
          gasLimit: 21_000n,
          maxFeePerGas: 10n ** 11n,
          maxPriorityFeePerGas: 1n,
        });
        const result = await replica.replay([
          { ...first, transactions: [...first.transactions, future as Hex] },
          second,
        ]);
        expect(result.rejected).to.deep.equal([ethersKeccak(future)]);
        expect(result.blocks.map((block) => block.hash)).to.deep.equal(
          await Promise.all([1, 2].map(async (number) => (await rpcHeader(chain, number)).hash)),
        );
        expect(await replica.provider.send("eth_getBlockByNumber", ["pending", false])).to.have.property("transactions")
          .that.is.empty;
      });

      it(`rewinds to a snapshot it took, and without one by replaying its own blocks from genesis${via}`, async function () {
        const l2 = await createL2Chain(hre);
        const replica = replicaOver(l2, direct);
        const blocks = [await rawBlock(chain, 1), await rawBlock(chain, 2)];
        await replica.replay([blocks[0]!]);
        await replica.replay([blocks[1]!]);
        await replica.rewind(1n);
        expect(await replica.head()).to.equal(1n);
        await replica.replay([blocks[1]!]);
        // Another replica object over the same node has no snapshots: it resets and replays block 1.
        const restarted = replicaOver(l2, direct);
        await restarted.rewind(1n);
        expect(await restarted.head()).to.equal(1n);
        expect((await restarted.block(1n)).hash).to.equal((await rpcHeader(chain, 1)).hash);
      });
    }
  });
});
