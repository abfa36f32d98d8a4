import type { JsonRpcApiProvider, Provider } from "ethers";

import { latestTimestamp } from "../contracts/connection";
import { type BatchChain, type L1Bridge, type L2Bridge } from "../contracts";
import {
  NotCommittedError,
  ProofBuildError,
  StatusTimeoutError,
  TransactionNotFoundError,
  WithdrawalNotFoundError,
} from "../errors/bridge";
import {
  BATCH_STATUSES,
  blockLeaf,
  headerHash,
  MerkleTree,
  txLeaf,
  WITHDRAWAL_STATUSES,
  WITHDRAWAL_TREE_DEPTH,
  zeroHash,
  ZERO_HASH,
  type Address,
  type BatchHeader,
  type BlockLeafInput,
  type Hex,
  type TxInclusionProof,
  type WithdrawalProof,
} from "../proof";

import type {
  BridgeAddresses,
  InitiatedWithdrawal,
  TransactionInclusion,
  WithdrawalLifecycle,
  WithdrawalStatusName,
} from "./types";
import { connectBatchChain, connectL1Bridge, connectL2Bridge } from "../contracts/connectors";

export interface BridgeReaderConfig extends BridgeAddresses {
  readonly l1: Provider;
  readonly l2: JsonRpcApiProvider;
  /** L2 block that created the L2 bridge; blocks before it have a zero withdrawal root (default 1, the devnet's). */
  readonly l2BridgeBlock?: bigint;
  /** L1 block to read logs from (BatchChain's deployment; default 0). */
  readonly l1FromBlock?: number;
}

export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  /** Called with each state seen while waiting. */
  readonly onUpdate?: (lifecycle: WithdrawalLifecycle) => void;
}

interface L2BlockHeader {
  readonly number: bigint;
  readonly hash: Hex;
  readonly stateRoot: Hex;
  readonly timestamp: bigint;
}

/** The fields of `eth_getBlockByNumber(number, false)` this reader uses. */
interface RpcBlockHeader {
  readonly hash: Hex;
  readonly stateRoot: Hex;
  readonly timestamp: string;
  readonly transactions: readonly Hex[];
}

/**
 * Reads bridge state and builds proofs with providers only (no signer, no `eth_getProof`, no archive node): withdrawal
 * trees come from the L2 bridge's events, block leaves from L2 block headers, batch headers from BatchChain's events,
 * and every status from the contracts' status views.
 */
export class BridgeReader {
  readonly batchChain: BatchChain;
  readonly l1Bridge: L1Bridge;
  readonly l2Bridge: L2Bridge;

  constructor(readonly config: BridgeReaderConfig) {
    this.batchChain = connectBatchChain(config.batchChain, config.l1);
    this.l1Bridge = connectL1Bridge(config.l1Bridge, config.l1);
    this.l2Bridge = connectL2Bridge(config.l2Bridge, config.l2);
  }

  /** Whether deposit `index` has been relayed on L2, and by which L2 transaction. */
  async depositRelay(
    index: bigint,
  ): Promise<{ readonly relayed: boolean; readonly l2TxHash?: Hex; readonly l2BlockNumber?: bigint }> {
    if ((await this.l2Bridge.depositCount()) <= index) return { relayed: false };
    const [event] = await this.l2Bridge.queryFilter(this.l2Bridge.filters.DepositRelayed(index));
    return { relayed: true, l2TxHash: event?.transactionHash as Hex, l2BlockNumber: BigInt(event?.blockNumber ?? 0) };
  }

  /** Waits until deposit `index` is relayed on L2. */
  async waitForDepositRelay(index: bigint, options: WaitOptions = {}) {
    return this.poll(`deposit ${index} relayed`, options, async () => {
      const relay = await this.depositRelay(index);
      return { done: relay.relayed, value: relay, seen: relay.relayed ? "relayed" : "queued" };
    });
  }

  /** Every withdrawal initiated on L2 so far, in index order. */
  async withdrawals(): Promise<InitiatedWithdrawal[]> {
    const events = await this.l2Bridge.queryFilter(this.l2Bridge.filters.WithdrawalInitiated());
    return events
      .map((event) => ({
        withdrawal: {
          index: event.args.index,
          l2Sender: event.args.l2Sender as Address,
          l1To: event.args.l1To as Address,
          l1Token: event.args.l1Token as Address,
          amount: event.args.amount,
        },
        hash: event.args.withdrawalHash as Hex,
        l2BlockNumber: BigInt(event.blockNumber),
        l2TxHash: event.transactionHash as Hex,
        root: event.args.root as Hex,
      }))
      .sort((a, b) => (a.withdrawal.index < b.withdrawal.index ? -1 : 1));
  }

  /** The withdrawal with this hash (or index). */
  async withdrawal(id: Hex | bigint): Promise<InitiatedWithdrawal> {
    const all = await this.withdrawals();
    const found = all.find((w) => (typeof id === "bigint" ? w.withdrawal.index === id : w.hash === id.toLowerCase()));
    if (!found) throw new WithdrawalNotFoundError(String(id));
    return found;
  }

  /** Batch `batchIndex`'s header, from its BatchSubmitted event, checked against the hash BatchChain stores. */
  async batchHeader(batchIndex: bigint): Promise<BatchHeader> {
    const stored = await this.batchChain.headerHash(batchIndex);
    const events = await this.batchChain.queryFilter(
      this.batchChain.filters.BatchSubmitted(batchIndex, undefined, stored),
      this.config.l1FromBlock ?? 0,
    );
    const event = events.at(-1);
    if (!event) throw new ProofBuildError(`no BatchSubmitted event for batch ${batchIndex} with hash ${stored}`);
    const a = event.args;
    const header: BatchHeader = {
      batchIndex,
      parentHash: a.parentHash as Hex,
      firstBlock: a.firstBlock,
      lastBlock: a.lastBlock,
      txCount: a.txCount,
      txBatchRoot: a.txBatchRoot as Hex,
      stateBatchRoot: a.stateBatchRoot as Hex,
      depositCount: a.depositCount,
      depositChainHash: a.depositChainHash as Hex,
      dataHash: a.dataHash as Hex,
    };
    if (headerHash(header) !== stored.toLowerCase())
      throw new ProofBuildError(`batch ${batchIndex}'s event does not hash to its stored header`);
    return header;
  }

  /** The batch that commits L2 block `l2Block`, or undefined while none does. */
  async batchOf(l2Block: bigint): Promise<bigint | undefined> {
    const [committed, batchIndex] = await this.batchChain.batchOfL2Block(l2Block);
    return committed ? batchIndex : undefined;
  }

  /**
   * Builds the proof that pays withdrawal `id` on L1, against the batch that commits its L2 block. Throws
   * {@link NotCommittedError} while no batch does, and {@link ProofBuildError} when what the nodes return does not
   * rebuild the batch's commitments.
   */
  async buildWithdrawalProof(id: Hex | bigint): Promise<WithdrawalProof> {
    const all = await this.withdrawals();
    const target = all.find((w) => (typeof id === "bigint" ? w.withdrawal.index === id : w.hash === id.toLowerCase()));
    if (!target) throw new WithdrawalNotFoundError(String(id));
    const batchIndex = await this.batchOf(target.l2BlockNumber);
    if (batchIndex === undefined) throw new NotCommittedError(target.l2BlockNumber);
    const header = await this.batchHeader(batchIndex);
    const first = BigInt(header.firstBlock);
    const last = BigInt(header.lastBlock);

    // Block leaves: each block's header, and the withdrawal root after it from the events.
    const leaves: BlockLeafInput[] = [];
    for (let number = first; number <= last; number++) {
      const block = await this.l2Header(number);
      leaves.push({ ...block, blockHash: block.hash, withdrawalRoot: this.withdrawalRootAfter(all, number) });
    }
    const blockTree = MerkleTree.from(leaves.map((leaf) => blockLeaf(leaf)));
    if (blockTree.root !== header.stateBatchRoot) {
      throw new ProofBuildError(`L2 blocks ${first}..${last} do not rebuild batch ${batchIndex}'s stateBatchRoot`);
    }
    const blockLeafIndex = Number(target.l2BlockNumber - first);

    // The withdrawal tree as it stood after the withdrawal's block.
    const inTree = all.filter((w) => w.l2BlockNumber <= target.l2BlockNumber);
    const withdrawalTree = MerkleTree.from(
      inTree.map((w) => w.hash),
      { depth: WITHDRAWAL_TREE_DEPTH },
    );
    const leaf = leaves[blockLeafIndex];
    if (leaf === undefined) throw new ProofBuildError(`L2 block ${target.l2BlockNumber} is not in batch ${batchIndex}`);
    if (withdrawalTree.root !== leaf.withdrawalRoot)
      throw new ProofBuildError("the withdrawal events do not rebuild the block's root");
    return {
      withdrawal: target.withdrawal,
      batchIndex,
      header,
      blockLeaf: leaf,
      blockLeafIndex,
      blockSiblings: blockTree.proof(blockLeafIndex),
      withdrawalSiblings: withdrawalTree.proof(Number(target.withdrawal.index)),
    };
  }

  /** Where withdrawal `id` stands (see {@link WithdrawalLifecycle}). */
  async getWithdrawalStatus(id: Hex | bigint): Promise<WithdrawalLifecycle> {
    const target = await this.withdrawal(id);
    const paid = WITHDRAWAL_STATUSES[Number(await this.l1Bridge.withdrawalStatus(target.hash))];
    if (paid === "Finalized") return { status: "Finalized" };
    const batchIndex = await this.batchOf(target.l2BlockNumber);
    if (batchIndex === undefined) return { status: "Initiated", l2BlockNumber: target.l2BlockNumber };
    const status = BATCH_STATUSES[Number(await this.batchChain.batchStatus(batchIndex))];
    switch (status) {
      case "Pending": {
        const finalizesAt = await this.batchChain.finalizesAt(batchIndex);
        const now = await latestTimestamp(this.config.l1, "L1");
        return {
          status: "Committed",
          batchIndex,
          finalizesAt,
          secondsLeft: finalizesAt > now ? finalizesAt - now : 0n,
        };
      }
      case "Disputed":
      case "Insecure":
        return { status, batchIndex };
      case "Finalized":
        return { status: "ReadyToFinalize", batchIndex };
      default:
        // Rolled back (or not yet visible): the block waits to be committed again.
        return { status: "Initiated", l2BlockNumber: target.l2BlockNumber };
    }
  }

  /**
   * Waits until withdrawal `id` reaches `target` or a later state, reporting each state seen. `Insecure` and
   * `Disputed` are side states of a committed withdrawal: waiting for one ends when it is seen, or when the withdrawal
   * is past it (ready or finalized).
   */
  async waitForStatus(id: Hex | bigint, target: WithdrawalStatusName, options: WaitOptions = {}) {
    const order: WithdrawalStatusName[] = ["Initiated", "Committed", "ReadyToFinalize", "Finalized"];
    const rank = (status: WithdrawalStatusName) =>
      status === "Insecure" || status === "Disputed" ? order.indexOf("Committed") : order.indexOf(status);
    const side = target === "Insecure" || target === "Disputed";
    const reached = (status: WithdrawalStatusName) =>
      status === target || (side ? rank(status) > rank("Committed") : rank(status) >= rank(target));
    return this.poll(`withdrawal ${String(id)} ${target}`, options, async () => {
      const lifecycle = await this.getWithdrawalStatus(id);
      options.onUpdate?.(lifecycle);
      return { done: reached(lifecycle.status), value: lifecycle, seen: lifecycle.status };
    });
  }

  /**
   * Where an L2 transaction stands on L1: its batch (when committed), the batch's status, and the proof of its leaf
   * in the batch's txBatchRoot, rebuilt from the batch's L2 blocks.
   */
  async getTransactionInclusion(txHash: Hex): Promise<TransactionInclusion> {
    const receipt = await this.config.l2.getTransactionReceipt(txHash);
    if (!receipt) throw new TransactionNotFoundError(txHash);
    const l2BlockNumber = BigInt(receipt.blockNumber);
    const batchIndex = await this.batchOf(l2BlockNumber);
    if (batchIndex === undefined) return { txHash, l2BlockNumber, committed: false };
    const header = await this.batchHeader(batchIndex);
    const leaves: Hex[] = [];
    let leafIndex = -1;
    for (let number = BigInt(header.firstBlock); number <= BigInt(header.lastBlock); number++) {
      (await this.rpcHeader(number)).transactions.forEach((hash, indexInBlock) => {
        if (hash.toLowerCase() === txHash.toLowerCase()) leafIndex = leaves.length;
        leaves.push(txLeaf({ l2BlockNumber: number, indexInBlock, txHash: hash }));
      });
    }
    const tree = MerkleTree.from(leaves);
    if (tree.root !== header.txBatchRoot || leafIndex < 0) {
      throw new ProofBuildError(
        `L2 blocks ${header.firstBlock}..${header.lastBlock} do not rebuild batch ${batchIndex}'s txBatchRoot`,
      );
    }
    const status = BATCH_STATUSES[Number(await this.batchChain.batchStatus(batchIndex))];
    const proof: TxInclusionProof = {
      batchIndex,
      header,
      l2BlockNumber,
      indexInBlock: receipt.index,
      txHash,
      leafIndex,
      siblings: tree.proof(leafIndex),
    };
    return {
      txHash,
      l2BlockNumber,
      committed: true,
      batchIndex,
      batchStatus: status as TransactionInclusion["batchStatus"],
      proof,
    };
  }

  /** L2 block `number` with its transaction hashes; {@link ProofBuildError} when the node lacks it. */
  private async rpcHeader(number: bigint): Promise<RpcBlockHeader> {
    const block = (await this.config.l2.send("eth_getBlockByNumber", [
      `0x${number.toString(16)}`,
      false,
    ])) as RpcBlockHeader | null;
    if (!block) throw new ProofBuildError(`L2 block ${number} does not exist`);
    return block;
  }

  private async l2Header(number: bigint): Promise<L2BlockHeader> {
    const block = await this.rpcHeader(number);
    return { number, hash: block.hash, stateRoot: block.stateRoot, timestamp: BigInt(block.timestamp) };
  }

  /** The L2 bridge's withdrawal root after block `number`, from its events (slot 2 as the sequencer read it). */
  private withdrawalRootAfter(all: readonly InitiatedWithdrawal[], number: bigint): Hex {
    if (number < (this.config.l2BridgeBlock ?? 1n)) return ZERO_HASH;
    let root = zeroHash(WITHDRAWAL_TREE_DEPTH);
    for (const w of all) if (w.l2BlockNumber <= number) root = w.root;
    return root;
  }

  private async poll<T>(
    what: string,
    options: WaitOptions,
    check: () => Promise<{ done: boolean; value: T; seen: string }>,
  ): Promise<T> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      const { done, value, seen } = await check();
      if (done) return value;
      if (Date.now() >= deadline) throw new StatusTimeoutError(what, seen, options.timeoutMs ?? 60_000);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1_000));
    }
  }
}
