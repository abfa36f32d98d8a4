import type { Log, TransactionReceipt } from "ethers";

import { latestTimestamp, freshBlockNumber } from "../contracts/connection";
import { decodeRevert } from "../errors/contract";
import { type BatchChain, type L1Bridge, type L2Bridge } from "../contracts";
import type { Deployment } from "../deployments/types";
import {
  NoDepositInTransactionError,
  NoWithdrawalInTransactionError,
  NotCommittedError,
  ChainMismatchError,
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

import { addressArgument, hashArgument, indexArgument } from "./arguments";
import { resolveBridgeConfig, type BridgeReaderConfig, type ResolvedBridgeConfig } from "./config";
import { scanLogs, type Topics } from "./scan";
import { withdrawalsIn } from "./writer";
import type {
  BridgeAddresses,
  DepositLifecycle,
  DepositStatus,
  InitiatedWithdrawal,
  L1Deposit,
  TransactionInclusion,
  WithdrawalLifecycle,
  WithdrawalStatus,
  WithdrawalStatusName,
} from "./types";
import { connectBatchChain, connectL1Bridge, connectL2Bridge } from "../contracts/connectors";

export type { BridgeReaderAddressConfig, BridgeReaderConfig, BridgeReaderDeploymentConfig } from "./config";

export interface WaitOptions<State = WithdrawalLifecycle> {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  /** Called with each state seen while waiting (every poll, the last one included). */
  readonly onUpdate?: (state: State) => void;
}

/** Whether deposit `index` has been relayed on L2, and by which L2 transaction. */
export interface DepositRelay {
  readonly relayed: boolean;
  readonly l2TxHash?: Hex;
  readonly l2BlockNumber?: bigint;
}

/** The L2 transaction that initiated withdrawals: its hash, or its receipt (nothing is read to find its logs). */
export type WithdrawalTransaction = { readonly l2TxHash: Hex } | { readonly receipt: TransactionReceipt };

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
  /** The bridge's addresses, from the deployment or the loose config. */
  readonly addresses: BridgeAddresses;
  /** The deployment given, if the config was one. */
  readonly deployment?: Deployment;
  /** Where scans start and how they go (see {@link BridgeReaderConfig}). */
  readonly scan: ResolvedBridgeConfig;

  /** Withdrawals read so far, by index, and the last L2 block read (with its hash, to notice a changed L2). */
  private readonly initiated = new Map<bigint, InitiatedWithdrawal>();
  private scannedTo: { readonly number: number; readonly hash: string } | undefined;
  /** Relays found so far, with the L2 block hash they were in (checked again before a cached one is returned). */
  private readonly relays = new Map<bigint, { readonly relay: DepositRelay; readonly blockHash: string }>();

  constructor(readonly config: BridgeReaderConfig) {
    this.scan = resolveBridgeConfig(config);
    this.addresses = this.scan.addresses;
    if (this.scan.deployment) this.deployment = this.scan.deployment;
    this.batchChain = connectBatchChain(this.addresses.batchChain, config.l1);
    this.l1Bridge = connectL1Bridge(this.addresses.l1Bridge, config.l1);
    this.l2Bridge = connectL2Bridge(this.addresses.l2Bridge, config.l2);
  }

  /**
   * Throws {@link ChainMismatchError} when a provider serves another chain than the deployment's (nothing to check
   * with loose addresses). Asked on every read: a wallet's provider moves when its user switches networks.
   */
  private async checkChains(): Promise<void> {
    const checks = [
      ["L1", this.config.l1, this.scan.l1ChainId],
      ["L2", this.config.l2, this.scan.l2ChainId],
    ] as const;
    for (const [chain, provider, expected] of checks) {
      if (expected === undefined) continue;
      const { chainId } = await provider.getNetwork();
      if (chainId !== expected) throw new ChainMismatchError(chain, expected, chainId);
    }
  }

  /** Whether deposit `index` has been relayed on L2, and by which L2 transaction. */
  async depositRelay(index: bigint): Promise<DepositRelay> {
    indexArgument("index", index);
    await this.checkChains();
    return this.relayOf(index);
  }

  /** {@link depositRelay} once the chains are checked (for the public reads that checked them already). */
  private async relayOf(index: bigint): Promise<DepositRelay> {
    const known = this.relays.get(index);
    if (known) {
      // A rewound L2 may have relayed it again elsewhere: the cached relay holds only while its block does.
      const block = await this.config.l2.getBlock(Number(known.relay.l2BlockNumber));
      if (block?.hash === known.blockHash) return known.relay;
      this.relays.delete(index);
    }
    if ((await this.l2Bridge.depositCount()) <= index) return { relayed: false };
    const topics = await this.l2Bridge.filters.DepositRelayed(index).getTopicFilter();
    const [log] = await this.scanL2(topics as Topics, { firstOnly: true });
    // Counted but not in the logs read (a node behind the one that answered the count): not relayed as far as this
    // reader can show; the next read finds it.
    if (!log) return { relayed: false };
    const relay: DepositRelay = {
      relayed: true,
      l2TxHash: log.transactionHash as Hex,
      l2BlockNumber: BigInt(log.blockNumber),
    };
    this.relays.set(index, { relay, blockHash: log.blockHash });
    return relay;
  }

  /**
   * Waits until deposit `index` is relayed on L2, calling `onUpdate` with the deposit's state at every poll (Queued
   * until it is Relayed).
   */
  async waitForDepositRelay(index: bigint, options: WaitOptions<DepositLifecycle> = {}): Promise<DepositRelay> {
    indexArgument("index", index);
    return this.poll(`deposit ${index} relayed`, options, async () => {
      const relay = await this.depositRelay(index);
      options.onUpdate?.(await this.depositLifecycle(index, relay));
      return { done: relay.relayed, value: relay, seen: relay.relayed ? "relayed" : "queued" };
    });
  }

  /** Where deposit `index` stands (see {@link DepositLifecycle}). */
  async getDepositLifecycle(index: bigint): Promise<DepositLifecycle> {
    indexArgument("index", index);
    return this.depositLifecycle(index, await this.depositRelay(index));
  }

  /**
   * The deposits L1 transaction `l1TxHash` queued (one per DepositQueued event of the L1 bridge in its receipt), each
   * with where it stands. {@link TransactionNotFoundError} (chain L1) when the L1 node knows no mined transaction
   * with that hash; {@link NoDepositInTransactionError} when it queued none.
   */
  async getDepositStatus(query: { readonly l1TxHash: Hex }): Promise<DepositStatus[]> {
    const l1TxHash = hashArgument("l1TxHash", query.l1TxHash);
    await this.checkChains();
    const receipt = await this.config.l1.getTransactionReceipt(l1TxHash);
    if (!receipt) throw new TransactionNotFoundError(l1TxHash, "L1");
    const deposits = this.queuedIn(receipt.logs);
    if (deposits.length === 0) throw new NoDepositInTransactionError(l1TxHash);
    return Promise.all(
      deposits.map(async (deposit) => ({
        deposit,
        l1TxHash,
        l1BlockNumber: BigInt(receipt.blockNumber),
        lifecycle: await this.depositLifecycle(deposit.index, await this.relayOf(deposit.index), deposit),
      })),
    );
  }

  /** The L2 token the bridge created for `l1Token`, or undefined until its first deposit (or createL2Token). */
  async l2TokenOf(l1Token: string): Promise<Address | undefined> {
    await this.checkChains();
    const l2Token = await this.l2Bridge.l2TokenOf(addressArgument("l1Token", l1Token));
    return BigInt(l2Token) === 0n ? undefined : (l2Token.toLowerCase() as Address);
  }

  /** The L1 token that `l2Token` represents, or undefined when the bridge did not create `l2Token`. */
  async l1TokenOf(l2Token: string): Promise<Address | undefined> {
    await this.checkChains();
    const l1Token = await this.l2Bridge.l1TokenOf(addressArgument("l2Token", l2Token));
    return BigInt(l1Token) === 0n ? undefined : (l1Token.toLowerCase() as Address);
  }

  /**
   * Every withdrawal initiated on L2 so far, in index order. Scans the L2 bridge's events from the L2 bridge block
   * the first time and only the new blocks afterwards (from scratch again when the L2 block last read changed).
   */
  async withdrawals(): Promise<InitiatedWithdrawal[]> {
    await this.checkChains();
    const topics = await this.l2Bridge.filters.WithdrawalInitiated().getTopicFilter();
    // The head's hash is read before the scan and again after: logs read while the L2 changed under the scan are
    // not kept as the state of that head (another attempt, from scratch).
    for (let attempt = 0; ; attempt++) {
      const latest = await freshBlockNumber(this.config.l2);
      const head = await this.config.l2.getBlock(latest);
      let from = this.scan.l2FromBlock;
      const last = this.scannedTo;
      if (last !== undefined && last.number <= latest) {
        const block = await this.config.l2.getBlock(last.number);
        if (block?.hash === last.hash) from = last.number + 1;
      }
      if (from === this.scan.l2FromBlock) this.initiated.clear();
      const logs = await this.scanL2(topics as Topics, { from, to: latest });
      for (const initiated of this.initiatedIn(logs)) this.initiated.set(initiated.withdrawal.index, initiated);
      const after = await this.config.l2.getBlock(latest);
      if (head?.hash && after?.hash === head.hash) {
        this.scannedTo = { number: latest, hash: head.hash };
        break;
      }
      this.scannedTo = undefined;
      if (attempt === 2) throw new ProofBuildError(`the L2 kept changing under three scans of block ${latest}`);
    }
    return [...this.initiated.values()].sort((a, b) => (a.withdrawal.index < b.withdrawal.index ? -1 : 1));
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
    await this.checkChains();
    return this.headerOf(batchIndex);
  }

  /** {@link batchHeader} once the chains are checked. */
  private async headerOf(batchIndex: bigint): Promise<BatchHeader> {
    const stored = await this.batchChain.headerHash(batchIndex);
    const topics = await this.batchChain.filters.BatchSubmitted(batchIndex, undefined, stored).getTopicFilter();
    const to = await freshBlockNumber(this.config.l1);
    const logs = await scanLogs(
      this.config.l1,
      "L1",
      { address: this.addresses.batchChain, topics: topics as Topics, from: this.scan.l1FromBlock, to },
      { chunk: this.scan.logChunk, onProgress: this.config.onScanProgress },
    );
    const log = logs.at(-1);
    const event = log ? this.batchChain.interface.parseLog(log) : null;
    if (!event) throw new ProofBuildError(`no BatchSubmitted event for batch ${batchIndex} with hash ${stored}`);
    const a = event.args;
    const header: BatchHeader = {
      batchIndex,
      parentHash: a.parentHash as Hex,
      firstBlock: a.firstBlock as bigint,
      lastBlock: a.lastBlock as bigint,
      txCount: a.txCount as bigint,
      txBatchRoot: a.txBatchRoot as Hex,
      stateBatchRoot: a.stateBatchRoot as Hex,
      depositCount: a.depositCount as bigint,
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
    const header = await this.headerOf(batchIndex);
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

  /** Where withdrawal `id` (its hash or index) stands (see {@link WithdrawalLifecycle}). */
  async getWithdrawalStatus(id: Hex | bigint): Promise<WithdrawalLifecycle>;
  /**
   * The withdrawals an L2 transaction initiated (from its receipt: the L2 bridge's WithdrawalInitiated events), each
   * with where it stands. {@link TransactionNotFoundError} when the L2 node knows no mined transaction with that hash;
   * {@link NoWithdrawalInTransactionError} when it initiated none.
   */
  async getWithdrawalStatus(transaction: WithdrawalTransaction): Promise<WithdrawalStatus[]>;
  async getWithdrawalStatus(
    id: Hex | bigint | WithdrawalTransaction,
  ): Promise<WithdrawalLifecycle | WithdrawalStatus[]> {
    if (typeof id === "bigint" || typeof id === "string") return this.lifecycleOf(await this.withdrawal(id));
    await this.checkChains();
    let receipt: TransactionReceipt | null;
    if ("receipt" in id) {
      receipt = id.receipt;
      // A receipt kept from before an L2 rewind names a block no longer on the chain: its withdrawals are gone.
      const block = await this.config.l2.getBlock(receipt.blockNumber);
      if (block?.hash !== receipt.blockHash) throw new TransactionNotFoundError(receipt.hash, "L2");
    } else {
      const l2TxHash = hashArgument("l2TxHash", id.l2TxHash);
      receipt = await this.config.l2.getTransactionReceipt(l2TxHash);
      if (!receipt) throw new TransactionNotFoundError(l2TxHash, "L2");
    }
    const initiated = this.initiatedIn(receipt.logs);
    if (initiated.length === 0) throw new NoWithdrawalInTransactionError(receipt.hash);
    return Promise.all(initiated.map(async (w) => ({ initiated: w, lifecycle: await this.lifecycleOf(w) })));
  }

  /** Where `target` stands, from L1's status views. */
  private async lifecycleOf(target: InitiatedWithdrawal): Promise<WithdrawalLifecycle> {
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
    await this.checkChains();
    const receipt = await this.config.l2.getTransactionReceipt(txHash);
    if (!receipt) throw new TransactionNotFoundError(txHash);
    const l2BlockNumber = BigInt(receipt.blockNumber);
    const batchIndex = await this.batchOf(l2BlockNumber);
    if (batchIndex === undefined) return { txHash, l2BlockNumber, committed: false };
    const header = await this.headerOf(batchIndex);
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
    if (number < this.scan.l2BridgeBlock) return ZERO_HASH;
    let root = zeroHash(WITHDRAWAL_TREE_DEPTH);
    for (const w of all) if (w.l2BlockNumber <= number) root = w.root;
    return root;
  }

  /** The L2 bridge's logs matching `topics`, from the L2 bridge block (or `range.from`) to the latest block. */
  private async scanL2(
    topics: Topics,
    range: { readonly from?: number; readonly to?: number; readonly firstOnly?: boolean } = {},
  ): Promise<Log[]> {
    const to = range.to ?? (await freshBlockNumber(this.config.l2));
    return scanLogs(
      this.config.l2,
      "L2",
      { address: this.addresses.l2Bridge, topics, from: range.from ?? this.scan.l2FromBlock, to },
      { chunk: this.scan.logChunk, onProgress: this.config.onScanProgress, firstOnly: range.firstOnly },
    );
  }

  /** The deposits the L1 bridge queued in `logs` (others' logs passed over: a token could emit a look-alike). */
  private queuedIn(logs: readonly Log[]): L1Deposit[] {
    const address = this.addresses.l1Bridge.toLowerCase();
    const found: L1Deposit[] = [];
    for (const log of logs) {
      if (log.address.toLowerCase() !== address) continue;
      const parsed = this.l1Bridge.interface.parseLog(log);
      if (parsed?.name !== "DepositQueued") continue;
      const a = parsed.args;
      found.push({
        index: a.index as bigint,
        from: (a.from as string).toLowerCase() as Address,
        to: (a.to as string).toLowerCase() as Address,
        l1Token: (a.l1Token as string).toLowerCase() as Address,
        amount: a.amount as bigint,
        l1Timestamp: a.l1Timestamp as bigint,
      });
    }
    return found;
  }

  /** The withdrawals the L2 bridge initiated in `logs` (others' logs passed over). */
  private initiatedIn(logs: readonly Log[]): InitiatedWithdrawal[] {
    return withdrawalsIn(this.addresses.l2Bridge, this.l2Bridge, logs);
  }

  /** Deposit `index`'s state given its relay; reads its queue time when `deposit` does not give it. */
  private async depositLifecycle(index: bigint, relay: DepositRelay, deposit?: L1Deposit): Promise<DepositLifecycle> {
    if (relay.relayed && relay.l2TxHash !== undefined && relay.l2BlockNumber !== undefined)
      return { status: "Relayed", index, l2TxHash: relay.l2TxHash, l2BlockNumber: relay.l2BlockNumber };
    const [l1Timestamp, delay] = await Promise.all([
      deposit?.l1Timestamp ??
        this.l1Bridge.depositTime(index).catch((error: unknown) => {
          throw decodeRevert(error, { L1Bridge: this.l1Bridge.interface }); // L1BridgeUnknownDeposit: not queued
        }),
      this.batchChain.forceInclusionDelay(),
    ]);
    return { status: "Queued", index, l1Timestamp, forcedInclusionDeadline: l1Timestamp + delay };
  }

  private async poll<T, State>(
    what: string,
    options: WaitOptions<State>,
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
