import { Contract, Signature, type ContractTransactionReceipt, type Signer } from "ethers";

import type { L1Bridge, L2Bridge } from "../contracts";
import { decodeRevert } from "../errors/contract";
import { finalizeWithdrawalArguments, type Address, type DepositInput, type Hex, type WithdrawalProof } from "../proof";

import type { InitiatedWithdrawal } from "./types";

/** A deposit as queued on L1, and the receipt of the deposit transaction. */
export interface QueuedDeposit {
  readonly deposit: DepositInput & { readonly index: bigint; readonly amount: bigint; readonly l1Timestamp: bigint };
  readonly receipt: ContractTransactionReceipt;
}

function queuedFrom(l1Bridge: L1Bridge, receipt: ContractTransactionReceipt): QueuedDeposit {
  for (const log of receipt.logs) {
    const parsed = l1Bridge.interface.parseLog(log);
    if (parsed?.name !== "DepositQueued") continue;
    const { index, from, to, l1Token, amount, l1Timestamp } = parsed.args;
    return {
      deposit: { index, from: from as Address, to: to as Address, l1Token: l1Token as Address, amount, l1Timestamp },
      receipt,
    };
  }
  throw new Error("the deposit transaction emitted no DepositQueued event");
}

async function send<T>(
  run: () => Promise<T>,
  contract: { interface: L1Bridge["interface"] | L2Bridge["interface"] },
  name: string,
) {
  try {
    return await run();
  } catch (error) {
    throw decodeRevert(error, { [name]: contract.interface });
  }
}

/** Deposits `amount` wei for `to` on L2 (`l1Bridge` connected to the depositor). */
export async function depositETH(l1Bridge: L1Bridge, to: string, amount: bigint): Promise<QueuedDeposit> {
  const receipt = await send(
    async () => (await l1Bridge.depositETH(to, { value: amount })).wait(),
    l1Bridge,
    "L1Bridge",
  );
  return queuedFrom(l1Bridge, receipt!);
}

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

const TOKEN_ABI = [
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
  "function nonces(address owner) view returns (uint256)",
  "function eip712Domain() view returns (bytes1, string, string, uint256, address, bytes32, uint256[])",
];

/**
 * Deposits `amount` of `token` for `to` on L2. With `permit`, signs an EIP-2612 permit (the token must support it and
 * ERC-5267's `eip712Domain`) instead of sending an approval; otherwise approves first when the allowance is short.
 */
export async function depositERC20(
  l1Bridge: L1Bridge,
  token: string,
  to: string,
  amount: bigint,
  options: { readonly permit?: boolean; readonly deadline?: bigint } = {},
): Promise<QueuedDeposit> {
  const signer = l1Bridge.runner as Signer;
  const owner = await signer.getAddress();
  const spender = await l1Bridge.getAddress();
  const erc20 = new Contract(token, TOKEN_ABI, signer);
  if (options.permit) {
    const [, name, version, chainId, verifyingContract] = await erc20.eip712Domain!();
    // An hour of L1 time: the chain's clock, not this machine's, decides whether the permit is still valid.
    const latest = await signer.provider!.getBlock("latest");
    const deadline = options.deadline ?? BigInt(latest!.timestamp + 3600);
    const nonce = await erc20.nonces!(owner);
    const signature = Signature.from(
      await signer.signTypedData({ name, version, chainId, verifyingContract }, PERMIT_TYPES, {
        owner,
        spender,
        value: amount,
        nonce,
        deadline,
      }),
    );
    const receipt = await send(
      async () =>
        (
          await l1Bridge.depositERC20WithPermit(token, to, amount, deadline, signature.v, signature.r, signature.s)
        ).wait(),
      l1Bridge,
      "L1Bridge",
    );
    return queuedFrom(l1Bridge, receipt!);
  }
  if ((await erc20.allowance!(owner, spender)) < amount) await (await erc20.approve!(spender, amount)).wait();
  const receipt = await send(async () => (await l1Bridge.depositERC20(token, to, amount)).wait(), l1Bridge, "L1Bridge");
  return queuedFrom(l1Bridge, receipt!);
}

function initiatedFrom(l2Bridge: L2Bridge, receipt: ContractTransactionReceipt): InitiatedWithdrawal {
  for (const log of receipt.logs) {
    const parsed = l2Bridge.interface.parseLog(log);
    if (parsed?.name !== "WithdrawalInitiated") continue;
    const { index, l2Sender, l1To, l1Token, amount, withdrawalHash, root } = parsed.args;
    return {
      withdrawal: { index, l2Sender: l2Sender as Address, l1To: l1To as Address, l1Token: l1Token as Address, amount },
      hash: withdrawalHash as Hex,
      l2BlockNumber: BigInt(receipt.blockNumber),
      l2TxHash: receipt.hash as Hex,
      root: root as Hex,
    };
  }
  throw new Error("the withdrawal transaction emitted no WithdrawalInitiated event");
}

/** Withdraws `amount` wei on L2 to `l1To` on L1 (`l2Bridge` connected to the L2 sender). */
export async function withdrawETH(l2Bridge: L2Bridge, l1To: string, amount: bigint): Promise<InitiatedWithdrawal> {
  const receipt = await send(
    async () => (await l2Bridge.withdraw(l1To, { value: amount })).wait(),
    l2Bridge,
    "L2Bridge",
  );
  return initiatedFrom(l2Bridge, receipt!);
}

/** Withdraws `amount` of the bridge-created `l2Token` on L2 to `l1To` on L1, as its L1 token. */
export async function withdrawERC20(
  l2Bridge: L2Bridge,
  l2Token: string,
  l1To: string,
  amount: bigint,
): Promise<InitiatedWithdrawal> {
  const receipt = await send(
    async () => (await l2Bridge.withdrawERC20(l2Token, l1To, amount)).wait(),
    l2Bridge,
    "L2Bridge",
  );
  return initiatedFrom(l2Bridge, receipt!);
}

/** Pays out a withdrawal on L1 with a proof from BridgeReader.buildWithdrawalProof; reverts come back typed. */
export async function finalizeWithdrawal(
  l1Bridge: L1Bridge,
  proof: WithdrawalProof,
): Promise<ContractTransactionReceipt> {
  const [withdrawal, batchIndex, blockLeaf, blockLeafIndex, blockProof, withdrawalProof] =
    finalizeWithdrawalArguments(proof);
  const receipt = await send(
    async () =>
      (
        await l1Bridge.finalizeWithdrawal(
          withdrawal,
          batchIndex,
          {
            ...blockLeaf,
            blockHash: blockLeaf.blockHash as string,
            stateRoot: blockLeaf.stateRoot as string,
            withdrawalRoot: blockLeaf.withdrawalRoot as string,
          },
          blockLeafIndex,
          blockProof,
          withdrawalProof,
        )
      ).wait(),
    l1Bridge,
    "L1Bridge",
  );
  return receipt!;
}
