import {
  Signature,
  type ContractTransactionReceipt,
  type ContractTransactionResponse,
  type Log,
  type TransactionReceipt,
} from "ethers";

import { latestTimestamp, signerOf } from "../contracts/connection";
import { type DepositQueuedEvent, type L1Bridge, type L2Bridge, type WithdrawalInitiatedEvent } from "../contracts";
import { transact } from "../contracts/transact";
import { EventNotFoundError } from "../errors/chain";
import { finalizeWithdrawalArguments, type Address, type Hex, type WithdrawalProof } from "../proof";

import type { InitiatedWithdrawal, L1Deposit } from "./types";
import { connectIERC20, connectIERC20Permit, connectIERC5267 } from "../contracts/connectors";

/** A deposit as queued on L1, and the receipt of the deposit transaction. */
export interface QueuedDeposit {
  readonly deposit: L1Deposit;
  readonly receipt: TransactionReceipt;
}

/**
 * The deposit the L1 bridge at `address` queued in `receipt`, from its first DepositQueued log; others' logs are passed
 * over (a token called during a deposit could emit a look-alike event). {@link EventNotFoundError} when it queued none.
 */
export function queuedDeposit(address: string, l1Bridge: L1Bridge, receipt: TransactionReceipt): QueuedDeposit {
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== address.toLowerCase()) continue;
    const parsed = l1Bridge.interface.parseLog(log);
    if (parsed?.name !== "DepositQueued") continue;
    // ethers' Result carries the event's fields by name, as TypeChain's OutputObject types them.
    const { index, from, to, l1Token, amount, l1Timestamp } = parsed.args as unknown as DepositQueuedEvent.OutputObject;
    return {
      deposit: { index, from: from as Address, to: to as Address, l1Token: l1Token as Address, amount, l1Timestamp },
      receipt,
    };
  }
  throw new EventNotFoundError("L1Bridge", "DepositQueued", receipt.hash);
}

/**
 * The withdrawals the L2 bridge at `address` initiated in `logs`, in log order; others' logs are passed over (a token
 * called during a withdrawal could emit a look-alike event).
 */
export function withdrawalsIn(address: string, l2Bridge: L2Bridge, logs: readonly Log[]): InitiatedWithdrawal[] {
  const found: InitiatedWithdrawal[] = [];
  for (const log of logs) {
    if (log.address.toLowerCase() !== address.toLowerCase()) continue;
    const parsed = l2Bridge.interface.parseLog(log);
    if (parsed?.name !== "WithdrawalInitiated") continue;
    const { index, l2Sender, l1To, l1Token, amount, withdrawalHash, root } =
      parsed.args as unknown as WithdrawalInitiatedEvent.OutputObject;
    found.push({
      withdrawal: { index, l2Sender: l2Sender as Address, l1To: l1To as Address, l1Token: l1Token as Address, amount },
      hash: withdrawalHash as Hex,
      l2BlockNumber: BigInt(log.blockNumber),
      l2TxHash: log.transactionHash as Hex,
      root: root as Hex,
    });
  }
  return found;
}

/** The withdrawal the L2 bridge at `address` initiated in `receipt`; {@link EventNotFoundError} when none. */
export function initiatedWithdrawal(
  address: string,
  l2Bridge: L2Bridge,
  receipt: TransactionReceipt,
): InitiatedWithdrawal {
  const [withdrawal] = withdrawalsIn(address, l2Bridge, receipt.logs);
  if (!withdrawal) throw new EventNotFoundError("L2Bridge", "WithdrawalInitiated", receipt.hash);
  return withdrawal;
}

/** Sends a deposit from `l1Bridge`'s signer and reads the deposit L1 queued; reverts come back typed. */
async function deposit(l1Bridge: L1Bridge, send: () => Promise<ContractTransactionResponse>): Promise<QueuedDeposit> {
  const receipt = await transact(send, { L1Bridge: l1Bridge.interface });
  return queuedDeposit(await l1Bridge.getAddress(), l1Bridge, receipt);
}

/** Sends a withdrawal from `l2Bridge`'s signer and reads the withdrawal L2 initiated; reverts come back typed. */
async function withdraw(
  l2Bridge: L2Bridge,
  send: () => Promise<ContractTransactionResponse>,
): Promise<InitiatedWithdrawal> {
  const receipt = await transact(send, { L2Bridge: l2Bridge.interface });
  return initiatedWithdrawal(await l2Bridge.getAddress(), l2Bridge, receipt);
}

/** Deposits `amount` wei for `to` on L2 (`l1Bridge` connected to the depositor). */
export async function depositETH(l1Bridge: L1Bridge, to: string, amount: bigint): Promise<QueuedDeposit> {
  return deposit(l1Bridge, () => l1Bridge.depositETH(to, { value: amount }));
}

/** The EIP-2612 permit's typed-data types. */
export const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** How long a permit signed by {@link depositERC20} (or BridgeWriter's) stays valid by default, in L1 seconds. */
export const PERMIT_VALIDITY = 3600n;

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
  const signer = signerOf(l1Bridge, "the L1 bridge");
  const owner = await signer.getAddress();
  const spender = await l1Bridge.getAddress();
  if (options.permit) {
    const [, name, version, chainId, verifyingContract] = await connectIERC5267(token, signer).eip712Domain();
    // An hour of L1 time: the chain's clock, not this machine's, decides whether the permit is still valid.
    const deadline = options.deadline ?? (await latestTimestamp(signer.provider, "L1")) + PERMIT_VALIDITY;
    const nonce = await connectIERC20Permit(token, signer).nonces(owner);
    const signature = Signature.from(
      await signer.signTypedData({ name, version, chainId, verifyingContract }, PERMIT_TYPES, {
        owner,
        spender,
        value: amount,
        nonce,
        deadline,
      }),
    );
    return deposit(l1Bridge, () =>
      l1Bridge.depositERC20WithPermit(token, to, amount, deadline, signature.v, signature.r, signature.s),
    );
  }
  const erc20 = connectIERC20(token, signer);
  if ((await erc20.allowance(owner, spender)) < amount) {
    await transact(() => erc20.approve(spender, amount), { ERC20: erc20.interface });
  }
  return deposit(l1Bridge, () => l1Bridge.depositERC20(token, to, amount));
}

/** Withdraws `amount` wei on L2 to `l1To` on L1 (`l2Bridge` connected to the L2 sender). */
export async function withdrawETH(l2Bridge: L2Bridge, l1To: string, amount: bigint): Promise<InitiatedWithdrawal> {
  return withdraw(l2Bridge, () => l2Bridge.withdraw(l1To, { value: amount }));
}

/** Withdraws `amount` of the bridge-created `l2Token` on L2 to `l1To` on L1, as its L1 token. */
export async function withdrawERC20(
  l2Bridge: L2Bridge,
  l2Token: string,
  l1To: string,
  amount: bigint,
): Promise<InitiatedWithdrawal> {
  return withdraw(l2Bridge, () => l2Bridge.withdrawERC20(l2Token, l1To, amount));
}

/** `L1Bridge.finalizeWithdrawal`'s arguments for `proof`, in the types its TypeChain binding takes. */
export function finalizeCallArguments(proof: WithdrawalProof) {
  const [withdrawal, batchIndex, blockLeaf, blockLeafIndex, blockProof, withdrawalProof] =
    finalizeWithdrawalArguments(proof);
  const leaf = {
    ...blockLeaf,
    blockHash: blockLeaf.blockHash as string,
    stateRoot: blockLeaf.stateRoot as string,
    withdrawalRoot: blockLeaf.withdrawalRoot as string,
  };
  return [withdrawal, batchIndex, leaf, blockLeafIndex, blockProof, withdrawalProof] as const;
}

/** Pays out a withdrawal on L1 with a proof from BridgeReader.buildWithdrawalProof; reverts come back typed. */
export async function finalizeWithdrawal(
  l1Bridge: L1Bridge,
  proof: WithdrawalProof,
): Promise<ContractTransactionReceipt> {
  return transact(() => l1Bridge.finalizeWithdrawal(...finalizeCallArguments(proof)), {
    L1Bridge: l1Bridge.interface,
  });
}
