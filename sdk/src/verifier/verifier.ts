import { recoverAddress, Signature, type JsonRpcApiProvider, type Provider, type SignatureLike } from "ethers";

import { type BatchChain } from "../contracts";
import {
  DASourceTimeoutError,
  DataHashMismatchError,
  DAStoreUnavailableError,
  DataNotFoundError,
  DataUnavailableError,
  type DASourceFailure,
} from "../errors/da";
import {
  MalformedBlockHeaderError,
  MalformedDataObjectError,
  MalformedSidecarError,
  SidecarMismatchError,
  UnsupportedVersionError,
} from "../errors/proof";
import { InvalidL2BlockError, L2DataError } from "../errors/sequencer";
import {
  BatchSequenceError,
  CursorMismatchError,
  InvalidHeaderSignatureError,
  InvalidVerifierOptionError,
  MalformedCursorError,
  ReplayDataMissingError,
  ReplicaDivergedError,
  ReplicaGenesisMismatchError,
} from "../errors/verifier";
import { bounded, DA_SOURCE_TIMEOUTS, FallbackDataReader } from "../da/fallback";
import { readSidecar } from "../da/sidecar";
import { L2RpcDataSource, StoreDataSource, type DataSource } from "../da/sources";
import type { DAStore } from "../da/store";
import {
  batchHeaderDomain,
  blockHeaderHash,
  blockLeaf,
  bytesToHex,
  decodeBatchData,
  decodeBlockHeader,
  encodeBlockHeader,
  headerDigest,
  headerHash,
  hexToBytes,
  keccak256,
  merkleRoot,
  MerkleTree,
  txLeaf,
  ZERO_HASH,
  type Address,
  type BatchData,
  type BatchHeader,
  type BatchHeaderDomain,
  type BlockHeaderFields,
  type DecodedBlockHeader,
  type Hex,
} from "../proof";
import { rawTransactionOf } from "../sequencer/l2-reader";

import { compareBatch, type ComparedBlock, type DataBlockHashes } from "./compare";
import { MemoryCursorStore, type BatchRecord, type BatchState, type CursorStore } from "./cursor";
import { SignedHeaderBook, unpackSignatures, type ObservedHeader } from "./equivocation";
import type { DataUnavailableFinding, EquivocationFinding, ExecutionFinding, StructuralFinding } from "./findings";
import { batchChainEvents, submittedSignatures, type BatchChainEvent } from "./logs";
import type { Replica, ReplicaBlock } from "./replica";
import { transactionsRoot } from "./transactions-trie";
import { toHeaderValue, type CommittedBatch, type CommittedBlockLeaf, type LastLeaf } from "./types";
import { connectBatchChain } from "../contracts/connectors";

/** Block ranges of `eth_getLogs` at most this long by default, as public RPC providers require. */
export const DEFAULT_LOG_CHUNK = 2_000;

/** A finding about a batch's contents: one DisputeManager challenge, or the execution dispute. */
export type BatchFinding = Exclude<StructuralFinding, EquivocationFinding> | ExecutionFinding;

/** The previous batch of the kept chain, as a parent-link challenge across the boundary needs it. */
export interface PreviousBatch {
  readonly batch: CommittedBatch;
  /** Its last committed leaf and that leaf's proof in its stateBatchRoot. */
  readonly lastLeaf: LastLeaf;
}

/** Everything a challenger needs to prove a batch finding, gathered while checking the batch. */
export interface BatchContext {
  readonly batch: CommittedBatch;
  readonly previous: PreviousBatch;
  /**
   * The committed block leaves (from the sidecar, or the replica's own when they give stateBatchRoot, or those posted
   * in the batch's DA answer on L1).
   */
  readonly blockLeaves: readonly CommittedBlockLeaf[];
  /**
   * The RLP header each leaf's blockHash names; undefined for a posted leaf whose blockHash names no replica block
   * (no known header hashes to it), so no proof that needs that header is built from another block's.
   */
  readonly rlpHeaders: readonly (Hex | undefined)[];
  /** The data object's raw transactions per block, which the transaction leaves are over. */
  readonly transactions: readonly (readonly Hex[])[];
  /** The transaction leaves, in position order (`txBatchRoot` is their root). */
  readonly txLeaves: readonly Hex[];
  /**
   * The committed blocks' own raw transactions, by block number, where they differ from the data object's and the
   * L2 RPC had them (checked against the block's transactionsRoot): what transactions-trie proofs are built from.
   */
  readonly l2Transactions: ReadonlyMap<bigint, readonly Hex[]>;
  /** The replica's blocks for the batch (as replayed from the data object). */
  readonly replicaBlocks: readonly ReplicaBlock[];
  /**
   * The replica: it answers `eth_getProof` at the batch's blocks (EDR serves past blocks) until the verifier rewinds
   * it, which it does only on a rollback of the batch, after the handler has returned.
   */
  readonly replica: Replica;
}

/** What a DA finding can say about its batch. */
export interface UnavailableContext {
  readonly batch: CommittedBatch;
  readonly previous: PreviousBatch;
}

/** An equivocation, with the committed batch when one of the two headers is in the kept chain. */
export interface EquivocationContext {
  readonly committed: CommittedBatch | undefined;
}

/** A finding and its context; `type` says which context. */
export type FindingReport =
  | { readonly type: "batch"; readonly finding: BatchFinding; readonly context: BatchContext }
  | { readonly type: "unavailable"; readonly finding: DataUnavailableFinding; readonly context: UnavailableContext }
  | { readonly type: "equivocation"; readonly finding: EquivocationFinding; readonly context: EquivocationContext };

/**
 * Called for each finding, once. The verifier waits for it before it goes on, so a challenger can prove the finding
 * (and read the replica at the batch's blocks) before a rollback rewinds the replica.
 */
export type FindingHandler = (report: FindingReport) => void | Promise<void>;

/** Totals so far, sent with every progress event. */
export interface VerifierProgress {
  /** The last L1 block whose logs were read, and the block the current sync reads up to. */
  readonly l1Block: bigint;
  readonly l1Target: bigint;
  /** Batches of the kept chain, and how many of them are checked. */
  readonly batches: number;
  readonly batchesChecked: number;
  readonly blocksReplayed: number;
  readonly findings: number;
}

/** Where a batch's data object was read from: the DA store (Memo), the L2 RPC, or the batch's DA answer on L1. */
export type DataSourceName = "store" | "l2" | "l1";

/**
 * What an L1 data source may offer besides the data object: the block leaves posted in the batch's DA answer, in
 * order (their Merkle root is the header's stateBatchRoot). It throws when it has none (no answer, or none yet);
 * `signal` says the verifier gave up waiting.
 */
export interface PostedLeavesSource {
  blockLeaves(header: BatchHeader, signal?: AbortSignal): Promise<readonly CommittedBlockLeaf[]>;
}

/**
 * What an L1 data source may offer for a batch whose committed `dataHash` matches no encoding of its data: the data
 * object rebuilt from its DA answer, whose roots L1 checked, whatever it hashes to (`L1DataSource.rebuild`).
 */
export interface PostedDataSource {
  rebuild(header: BatchHeader, signal?: AbortSignal): Promise<Uint8Array>;
}

/** What a verifier reports while it works (pass `onProgress`). */
export type VerifierEvent =
  | { readonly kind: "logs"; readonly fromBlock: bigint; readonly toBlock: bigint; readonly events: number }
  | {
      /** A batch's data object was read from `source`, after the sources in `failures` failed (Memo -> L2 -> L1). */
      readonly kind: "data";
      readonly batchIndex: bigint;
      readonly source: DataSourceName;
      readonly failures: readonly DASourceFailure[];
    }
  | {
      /** No source served a batch's data object: why each one failed (the batch is tried again at the next sync). */
      readonly kind: "data-unavailable";
      readonly batchIndex: bigint;
      readonly failures: readonly DASourceFailure[];
    }
  | { readonly kind: "rolled-back"; readonly fromIndex: bigint; readonly previousCount: bigint }
  | { readonly kind: "replayed"; readonly batchIndex: bigint; readonly blocks: number; readonly rejected: number }
  | {
      readonly kind: "checked";
      readonly batchIndex: bigint;
      readonly state: BatchState;
      readonly blocks: number;
      readonly transactions: number;
      readonly findings: number;
    }
  | { readonly kind: "held"; readonly batchIndex: bigint; readonly waitingFor: bigint }
  | { readonly kind: "finding"; readonly report: FindingReport };

export interface VerifierConfig {
  /** The L1 provider: BatchChain's logs, the submitBatch transactions, `isRolledBack`. */
  readonly l1: Provider;
  readonly batchChain: string;
  /** The DA store of data objects and sidecars. */
  readonly store: DAStore;
  /** The verifier's own L2 replica at the pinned genesis (or at the cursor, when restarting with a kept replica). */
  readonly replica: Replica;
  /** The L2's JSON-RPC: rebuilds a data object the store lacks, and gives committed blocks' transactions. Optional. */
  readonly l2?: JsonRpcApiProvider;
  /**
   * The last resort for a data object neither the store nor the L2 serves: the batch's DA answer on L1 (an
   * `L1DataSource`, which may raise the DA request and wait for the answer). When it also offers the posted block
   * leaves ({@link PostedLeavesSource}), they stand in for a missing sidecar whose leaves the replica does not
   * produce. Optional.
   */
  readonly l1Data?: DataSource & Partial<PostedLeavesSource> & Partial<PostedDataSource>;
  /**
   * Per-source timeouts of data reads, in milliseconds (FallbackDataReader's defaults: store 10 s, L2 30 s, L1
   * unbounded). The store's also bounds each sidecar read, the L1's each read of posted leaves.
   */
  readonly dataTimeouts?: { readonly store?: number; readonly l2?: number; readonly l1?: number };
  /** Where the cursor is persisted (default in memory). */
  readonly cursor?: CursorStore;
  /** The first L1 block to read logs from when there is no cursor: at or before BatchChain's deployment (default 0). */
  readonly startBlock?: bigint | number;
  /** Longest log range per `eth_getLogs` (default {@link DEFAULT_LOG_CHUNK}). */
  readonly chunkSize?: number;
  /** How many blocks behind L1's latest to follow (default 0). */
  readonly confirmations?: number;
  readonly onFinding?: FindingHandler;
  readonly onProgress?: (event: VerifierEvent, progress: VerifierProgress) => void;
}

/** What one {@link Verifier.sync} did. */
export interface SyncReport {
  readonly progress: VerifierProgress;
  /** Every finding reported during the sync, in order. */
  readonly findings: readonly FindingReport[];
}

/** A batch's data object, decoded and matching its header. */
interface BatchDataFound {
  readonly data: BatchData;
  readonly source: DataSourceName;
  /** The object came from the DA answer on L1 and does not hash to the header's `dataHash`. */
  readonly dataHashMismatch?: boolean;
}

/**
 * The committed leaves of a batch, each with the header it names (both undefined for a posted leaf whose blockHash
 * no known header hashes to: see {@link Verifier.postedLeaves}).
 */
type Leaves = readonly {
  readonly leaf: CommittedBlockLeaf;
  readonly rlpHeader: Hex | undefined;
  readonly header: DecodedBlockHeader | undefined;
}[];

/** Pairs of `a[i]` and `b[i]`, as far as both go. */
function zip<A, B>(a: readonly A[], b: readonly B[]): [A, B][] {
  const pairs: [A, B][] = [];
  for (const [i, first] of a.entries()) {
    const second = b[i];
    if (second !== undefined) pairs.push([first, second]);
  }
  return pairs;
}

function positiveInteger(option: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidVerifierOptionError(option, value, `an integer of at least ${min}`);
  }
  return value;
}

const committedPart = (record: BatchRecord): CommittedBatch => ({
  header: record.header,
  headerHash: record.headerHash,
  proposer: record.proposer,
  l1Block: record.l1Block,
  l1TxHash: record.l1TxHash,
  signatures: record.signatures,
});

const leafOf = (block: ReplicaBlock): CommittedBlockLeaf => ({
  number: block.number,
  timestamp: block.timestamp,
  blockHash: block.hash,
  stateRoot: block.stateRoot,
  withdrawalRoot: block.withdrawalRoot,
});

/**
 * A verifier: follows BatchChain's log from a start block (or its persisted cursor) in bounded chunks and checks every
 * batch of the kept chain, in order. For each batch it reads the data object through a {@link FallbackDataReader}
 * (the DA store, else rebuilt from the L2 RPC, else the batch's DA answer on L1; each read re-hashed against
 * `dataHash`, the source reported in a `data` progress event), the sidecar (or its own leaves when they give the
 * committed root, or the leaves posted in the DA answer on L1 over the replica's own block headers), recomputes the
 * transaction root, replays the blocks on its own replica, and compares header fields, parent links, transactions,
 * bridge slots and block hashes ({@link compareBatch}). Each fault is reported to `onFinding` with what a challenger
 * needs. A batch with findings, or whose data it cannot get, holds the later batches back until it is rolled back
 * (or its data turns up: a batch whose data no source serves is tried again at every sync, so one whose DA request
 * was answered on L1 is checked, and its findings reported, at the next sync, well within the answer's review time);
 * on a rollback the replica is rewound to the last kept batch.
 *
 * Equivocation: `observe(header, signature)` takes signed headers from a peer network; the verifier also records
 * every committed header's signatures, and reports a signer that signed two headers for one index and parent, neither
 * rolled back.
 */
export class Verifier {
  private readonly chunkSize: bigint;
  private readonly confirmations: bigint;
  private readonly cursorStore: CursorStore;
  private readonly batchChainContract: BatchChain;
  private readonly book = new SignedHeaderBook();
  private readonly reportedEquivocations = new Set<string>();
  /** Header hashes whose DA answer was reported not to hash to their `dataHash`. */
  private readonly reportedDataHash = new Set<string>();
  private ready: Promise<void> | undefined;
  private domain!: BatchHeaderDomain;
  private chainId = 0n;
  private nextBlock: bigint;
  private batches: BatchRecord[] = [];
  private l1Target = 0n;
  private blocksReplayed = 0;
  /** How many batches of `batches` are checked (kept up to date rather than counted at every progress event). */
  private checkedCount = 0;
  private findingCount = 0;
  private syncFindings: FindingReport[] = [];
  private readonly dataReader: FallbackDataReader;

  /** Throws InvalidVerifierOptionError for a bad log option, InvalidDAOptionError for a bad data timeout. */
  constructor(readonly config: VerifierConfig) {
    this.chunkSize = BigInt(positiveInteger("chunkSize", config.chunkSize, DEFAULT_LOG_CHUNK, 1));
    this.confirmations = BigInt(positiveInteger("confirmations", config.confirmations, 0, 0));
    const start = config.startBlock ?? 0;
    if (typeof start === "number") positiveInteger("startBlock", start, 0, 0);
    else if (start < 0n) throw new InvalidVerifierOptionError("startBlock", start, "an integer of at least 0");
    this.nextBlock = BigInt(start);
    this.cursorStore = config.cursor ?? new MemoryCursorStore();
    this.batchChainContract = connectBatchChain(config.batchChain, config.l1);
    const l1Data = config.l1Data;
    this.dataReader = new FallbackDataReader({
      store: new StoreDataSource(config.store, "store"),
      l2: config.l2 === undefined ? undefined : new L2RpcDataSource(config.l2, "l2"),
      // Named "l1" here whatever the source calls itself, so the progress events say which leg served.
      l1: l1Data === undefined ? undefined : { name: "l1", read: (header, signal) => l1Data.read(header, signal) },
      timeouts: config.dataTimeouts,
    });
  }

  /** Totals so far. */
  get progress(): VerifierProgress {
    return {
      l1Block: this.nextBlock - 1n,
      l1Target: this.l1Target,
      batches: this.batches.length,
      batchesChecked: this.checkedCount,
      blocksReplayed: this.blocksReplayed,
      findings: this.findingCount,
    };
  }

  /** The kept chain as the verifier holds it, with each batch's state. */
  get chain(): readonly BatchRecord[] {
    return this.batches;
  }

  /**
   * Reads BatchChain's logs from the cursor up to `toBlock` (default: L1's latest less `confirmations`) in chunks,
   * applies submissions and rollbacks, checks every batch it can, and saves the cursor after each chunk.
   */
  async sync(options: { readonly toBlock?: bigint } = {}): Promise<SyncReport> {
    await this.init();
    this.syncFindings = [];
    const latest = BigInt(await this.config.l1.getBlockNumber()) - this.confirmations;
    this.l1Target = options.toBlock !== undefined && options.toBlock < latest ? options.toBlock : latest;
    let scanned = false;
    while (this.nextBlock <= this.l1Target) {
      scanned = true;
      const fromBlock = this.nextBlock;
      const toBlock = fromBlock + this.chunkSize - 1n < this.l1Target ? fromBlock + this.chunkSize - 1n : this.l1Target;
      const events = await batchChainEvents(this.config.l1, this.config.batchChain, fromBlock, toBlock);
      for (const event of events) await this.apply(event);
      this.nextBlock = toBlock + 1n;
      this.emit({ kind: "logs", fromBlock, toBlock, events: events.length });
      await this.checkPending();
      await this.save();
    }
    if (!scanned) {
      await this.checkPending(); // batches waiting for their data are tried again at every sync
      await this.save();
    }
    return { progress: this.progress, findings: this.syncFindings };
  }

  /**
   * Takes a signed header seen off chain (a peer's proposal): records who signed it and reports an equivocation when
   * that signer signed another header for the same index and parent, neither rolled back. Returns the findings.
   */
  async observe(header: BatchHeader, signature: SignatureLike): Promise<EquivocationFinding[]> {
    await this.init();
    const value = toHeaderValue(header);
    let signer: Address;
    let serialized: Hex;
    try {
      const parsed = Signature.from(signature);
      signer = recoverAddress(headerDigest(value, this.domain), parsed) as Address;
      serialized = parsed.serialized as Hex;
    } catch (error) {
      throw new InvalidHeaderSignatureError(typeof signature === "string" ? signature : JSON.stringify(signature), {
        cause: error,
      });
    }
    return this.recordSigned(signer, { header: value, headerHash: headerHash(value), signature: serialized });
  }

  private init(): Promise<void> {
    this.ready ??= this.initialise().catch((error: unknown) => {
      this.ready = undefined; // a later call tries again
      throw error;
    });
    return this.ready;
  }

  private async initialise(): Promise<void> {
    this.chainId = (await this.config.l1.getNetwork()).chainId;
    this.domain = batchHeaderDomain(this.chainId, this.config.batchChain.toLowerCase() as Address);
    const saved = await this.cursorStore.load();
    if (saved !== undefined) {
      const expected = `${this.chainId}:${this.config.batchChain.toLowerCase()}`;
      const actual = `${saved.chainId}:${saved.batchChain.toLowerCase()}`;
      if (expected !== actual) throw new CursorMismatchError(expected, actual);
      this.nextBlock = saved.nextBlock;
      this.batches = [...saved.batches];
      this.checkedCount = this.batches.filter((batch) => batch.state === "checked").length;
      for (const record of this.batches) await this.registerCommitted(record);
    }
    await this.alignReplica();
  }

  /**
   * Brings the replica to the last block of the last replayed batch: rewinds a replica that is ahead, and replays
   * the batches a fresh replica lacks (a restart), checking that every checked batch comes back the same.
   */
  private async alignReplica(): Promise<void> {
    const replayed = this.batches.filter((batch) => batch.state === "checked" || batch.state === "faulty");
    const target = replayed.at(-1)?.header.lastBlock ?? 0n;
    const head = await this.config.replica.head();
    if (head === target) return;
    if (head > target) {
      await this.config.replica.rewind(target);
      return;
    }
    const boundary = replayed.filter((batch) => batch.header.lastBlock <= head).at(-1)?.header.lastBlock ?? 0n;
    if (boundary !== head) await this.config.replica.rewind(boundary);
    for (const record of replayed) {
      if (record.header.batchIndex === 0n || record.header.lastBlock <= boundary) continue;
      const found = await this.fetchData(record.header);
      if (found === undefined) throw new ReplayDataMissingError(record.header.batchIndex, record.header.dataHash);
      const { blocks } = await this.config.replica.replay(found.data.blocks);
      this.blocksReplayed += blocks.length;
      const expected = record.lastLeaf?.leaf.blockHash;
      const actual = blocks.at(-1)?.hash ?? ZERO_HASH;
      if (record.state === "checked" && expected !== undefined && actual !== expected) {
        throw new ReplicaDivergedError(record.header.batchIndex, record.header.lastBlock, expected, actual);
      }
    }
  }

  private async save(): Promise<void> {
    await this.cursorStore.save({
      version: 1,
      chainId: this.chainId,
      batchChain: this.config.batchChain.toLowerCase() as Address,
      nextBlock: this.nextBlock,
      batches: this.batches,
    });
  }

  private emit(event: VerifierEvent): void {
    this.config.onProgress?.(event, this.progress);
  }

  private async report(report: FindingReport): Promise<void> {
    this.findingCount++;
    this.syncFindings.push(report);
    this.emit({ kind: "finding", report });
    await this.config.onFinding?.(report);
  }

  private async apply(event: BatchChainEvent): Promise<void> {
    const count = BigInt(this.batches.length);
    if (event.kind === "submitted") {
      const index = event.batch.header.batchIndex;
      if (index !== count) throw new BatchSequenceError(count, index, event.batch.l1Block);
      const signatures =
        index === 0n ? undefined : await submittedSignatures(this.config.l1, this.config.batchChain, event.batch);
      const record: BatchRecord = { ...event.batch, signatures, state: "pending" };
      this.batches.push(record);
      await this.registerCommitted(record);
      return;
    }
    if (event.fromIndex === 0n || event.fromIndex > count) {
      throw new BatchSequenceError(count, event.fromIndex, event.l1Block);
    }
    const kept = this.batches[Number(event.fromIndex) - 1];
    const removed = this.batches.slice(Number(event.fromIndex));
    if (kept && removed.some((batch) => batch.state === "checked" || batch.state === "faulty")) {
      await this.config.replica.rewind(kept.header.lastBlock);
    }
    this.checkedCount -= removed.filter((batch) => batch.state === "checked").length;
    this.batches.length = Number(event.fromIndex);
    this.emit({ kind: "rolled-back", fromIndex: event.fromIndex, previousCount: event.previousCount });
  }

  /** Checks the kept chain's batches in order, up to the first that is not (yet) good. */
  private async checkPending(): Promise<void> {
    let previous: BatchRecord | undefined;
    for (const [i, record] of this.batches.entries()) {
      if (record.state !== "checked") {
        const state = record.state === "faulty" ? "faulty" : await this.check(i, record, previous);
        if (state !== "checked") {
          const next = this.batches[i + 1];
          if (next !== undefined)
            this.emit({ kind: "held", batchIndex: next.header.batchIndex, waitingFor: BigInt(i) });
          return;
        }
      }
      previous = this.batches[i];
    }
  }

  private setState(index: number, record: BatchRecord, state: BatchState, lastLeaf?: LastLeaf): void {
    this.checkedCount += (state === "checked" ? 1 : 0) - (record.state === "checked" ? 1 : 0);
    this.batches[index] = lastLeaf === undefined ? { ...record, state } : { ...record, state, lastLeaf };
  }

  /** Checks batch `record` at `index` of the kept chain, whose previous batch (`previousRecord`) is checked. */
  private async check(
    index: number,
    record: BatchRecord,
    previousRecord: BatchRecord | undefined,
  ): Promise<BatchState> {
    if (previousRecord === undefined) return this.checkGenesis(record);
    if (previousRecord.lastLeaf === undefined) {
      throw new MalformedCursorError(`checked batch ${previousRecord.header.batchIndex} has no last leaf`);
    }
    const previous: PreviousBatch = { batch: committedPart(previousRecord), lastLeaf: previousRecord.lastLeaf };
    const batch = committedPart(record);
    const { header } = record;
    const wasUnavailable = record.state === "unavailable";
    const unavailable = async (reason: DataUnavailableFinding["reason"]): Promise<BatchState> => {
      this.setState(index, record, "unavailable");
      this.emit({
        kind: "checked",
        batchIndex: header.batchIndex,
        state: "unavailable",
        blocks: 0,
        transactions: 0,
        findings: 1,
      });
      if (!wasUnavailable) {
        const finding: DataUnavailableFinding = { kind: "dataUnavailable", batchIndex: header.batchIndex, reason };
        await this.report({ type: "unavailable", finding, context: { batch, previous } });
      }
      return "unavailable";
    };

    const found = await this.fetchData(header);
    if (found === undefined) return unavailable("dataObject");
    if (found.dataHashMismatch === true && !this.reportedDataHash.has(record.headerHash)) {
      // Reported once; the batch is still checked with the data L1 holds, so every other fault stays provable.
      this.reportedDataHash.add(record.headerHash);
      const finding: DataUnavailableFinding = {
        kind: "dataUnavailable",
        batchIndex: header.batchIndex,
        reason: "dataHash",
      };
      await this.report({ type: "unavailable", finding, context: { batch, previous } });
    }
    const transactions = found.data.blocks.map((block) => block.transactions);
    const dataBlocks: DataBlockHashes[] = found.data.blocks.map((block) => ({
      number: block.number,
      timestamp: block.timestamp,
      transactionHashes: block.transactions.map((raw) => bytesToHex(keccak256(hexToBytes(raw)))),
    }));
    const txLeaves: Hex[] = [];
    for (const block of dataBlocks) {
      for (const [indexInBlock, txHash] of block.transactionHashes.entries()) {
        txLeaves.push(txLeaf({ l2BlockNumber: block.number, indexInBlock, txHash }));
      }
    }
    if (txLeaves.length !== header.txCount || merkleRoot(txLeaves) !== header.txBatchRoot) {
      return unavailable("transactionLeaves");
    }
    const sidecar = await this.readLeaves(header);
    const replay = await this.config.replica.replay(found.data.blocks);
    this.blocksReplayed += replay.blocks.length;
    this.emit({
      kind: "replayed",
      batchIndex: header.batchIndex,
      blocks: replay.blocks.length,
      rejected: replay.rejected.length,
    });
    const rewind = () => this.config.replica.rewind(previousRecord.header.lastBlock);
    const leaves = sidecar ?? this.ownLeaves(header, replay.blocks) ?? (await this.postedLeaves(header, replay.blocks));
    if (leaves === undefined) {
      await rewind();
      return unavailable("blockLeaves");
    }
    const l2Transactions = new Map<bigint, readonly Hex[]>();
    const blocks: ComparedBlock[] = await Promise.all(
      zip(leaves, dataBlocks).map(async ([{ leaf, header: committedHeader }, data], b) => {
        const ours = replay.blocks[b];
        let committedTransactions: readonly Hex[] | undefined;
        if (committedHeader === undefined) {
          // No header names the leaf's block, so it has no transactions to read (compareBatch skips them).
        } else if (ours !== undefined && ours.transactionsRoot === committedHeader.transactionsRoot) {
          committedTransactions = ours.transactionHashes.map((hash) => hash.toLowerCase() as Hex);
        } else {
          const raws = await this.committedBlockTransactions(leaf.blockHash, committedHeader.transactionsRoot);
          if (raws !== undefined) l2Transactions.set(leaf.number, raws);
          committedTransactions = raws?.map((raw) => bytesToHex(keccak256(hexToBytes(raw))));
        }
        return { leaf, header: committedHeader, data, replica: ours, committedTransactions };
      }),
    );
    const comparison = compareBatch({ header, previousLeaf: previous.lastLeaf.leaf, blocks });
    if (comparison.blockTransactionsUnknown) {
      await rewind();
      return unavailable("blockTransactions");
    }
    const blockLeaves = leaves.map((block) => block.leaf);
    const tree = MerkleTree.from(blockLeaves.map((leaf) => blockLeaf(leaf)));
    const last = blockLeaves.length - 1;
    const lastLeaf: LastLeaf = { leaf: blockLeaves[last] ?? previous.lastLeaf.leaf, proof: tree.proof(last) };
    const findings: BatchFinding[] = [
      ...(comparison.structural as BatchFinding[]),
      ...(comparison.execution ? [comparison.execution] : []),
    ];
    const state: BatchState = findings.length === 0 ? "checked" : "faulty";
    this.setState(index, record, state, lastLeaf);
    this.emit({
      kind: "checked",
      batchIndex: header.batchIndex,
      state,
      blocks: leaves.length,
      transactions: txLeaves.length,
      findings: findings.length,
    });
    const context: BatchContext = {
      batch,
      previous,
      blockLeaves,
      rlpHeaders: leaves.map((block) => block.rlpHeader),
      transactions,
      txLeaves,
      l2Transactions,
      replicaBlocks: replay.blocks,
      replica: this.config.replica,
    };
    for (const finding of findings) await this.report({ type: "batch", finding, context });
    return state;
  }

  /** Batch 0 is the genesis anchor: its only leaf must be the replica's genesis block. */
  private async checkGenesis(record: BatchRecord): Promise<BatchState> {
    const genesis = await this.config.replica.block(0n);
    const leaf = { ...leafOf(genesis), withdrawalRoot: ZERO_HASH };
    const actual = blockLeaf(leaf);
    if (actual !== record.header.stateBatchRoot)
      throw new ReplicaGenesisMismatchError(record.header.stateBatchRoot, actual);
    this.setState(0, record, "checked", { leaf, proof: [] });
    this.emit({ kind: "checked", batchIndex: 0n, state: "checked", blocks: 1, transactions: 0, findings: 0 });
    return "checked";
  }

  /**
   * The batch's data object from the first source that serves it (the DA store, the L2 RPC, the DA answer on L1;
   * each read re-hashed against `dataHash`), reported in a `data` (or `data-unavailable`) progress event; undefined
   * when no source serves it, or what they serve does not hold the header's batch and blocks.
   */
  private async fetchData(header: CommittedBatch["header"]): Promise<BatchDataFound | undefined> {
    let bytes: Uint8Array;
    let source: DataSourceName;
    let dataHashMismatch = false;
    try {
      const read = await this.dataReader.read(header);
      bytes = read.data;
      source = read.source as DataSourceName;
      this.emit({ kind: "data", batchIndex: header.batchIndex, source, failures: read.failures });
    } catch (error) {
      if (!(error instanceof DataUnavailableError)) throw error;
      const posted = await this.rebuiltFromL1(header, error);
      if (posted === undefined) {
        this.emit({ kind: "data-unavailable", batchIndex: header.batchIndex, failures: error.failures });
        return undefined;
      }
      bytes = posted;
      source = "l1";
      dataHashMismatch = true;
      this.emit({ kind: "data", batchIndex: header.batchIndex, source, failures: error.failures });
    }
    let data: BatchData;
    try {
      data = decodeBatchData(bytes);
    } catch (error) {
      if (error instanceof MalformedDataObjectError || error instanceof UnsupportedVersionError) return undefined;
      throw error;
    }
    const blocks = header.lastBlock - header.firstBlock + 1n;
    const matches =
      data.batchIndex === header.batchIndex &&
      data.blocks[0]?.number === header.firstBlock &&
      BigInt(data.blocks.length) === blocks;
    return matches ? { data, source, dataHashMismatch } : undefined;
  }

  /**
   * The data object rebuilt from the batch's DA answer when the L1 source served an answer that does not hash to
   * `dataHash` (and can rebuild it regardless): L1 checked its roots, so it is the batch's data. Undefined otherwise.
   */
  private async rebuiltFromL1(
    header: CommittedBatch["header"],
    unavailable: DataUnavailableError,
  ): Promise<Uint8Array | undefined> {
    const rebuild = this.config.l1Data?.rebuild?.bind(this.config.l1Data);
    const l1Failure = unavailable.failures.find(({ source }) => source === "l1");
    if (rebuild === undefined || !(l1Failure?.error instanceof DataHashMismatchError)) return undefined;
    try {
      return await bounded("l1", this.config.dataTimeouts?.l1, (signal) => rebuild(header, signal));
    } catch {
      return undefined;
    }
  }

  /** The sidecar's leaves and headers, or undefined when the store has none that belongs to the header. */
  private async readLeaves(header: CommittedBatch["header"]): Promise<Leaves | undefined> {
    try {
      const timeoutMs = this.config.dataTimeouts?.store ?? DA_SOURCE_TIMEOUTS.store;
      const sidecar = await bounded("store", timeoutMs, () => readSidecar(this.config.store, header));
      return sidecar.blocks.map((block) => ({ ...block, header: decodeBlockHeader(block.rlpHeader) }));
    } catch (error) {
      const known =
        error instanceof DataNotFoundError ||
        error instanceof DAStoreUnavailableError ||
        error instanceof DASourceTimeoutError ||
        error instanceof MalformedSidecarError ||
        error instanceof SidecarMismatchError ||
        error instanceof MalformedBlockHeaderError;
      if (known) return undefined;
      throw error;
    }
  }

  /** The replica's own leaves, when the replay reached every block and they give the committed stateBatchRoot. */
  private ownLeaves(header: CommittedBatch["header"], blocks: readonly ReplicaBlock[]): Leaves | undefined {
    if (BigInt(blocks.length) !== header.lastBlock - header.firstBlock + 1n) return undefined;
    const leaves = blocks.map(leafOf);
    if (merkleRoot(leaves.map((leaf) => blockLeaf(leaf))) !== header.stateBatchRoot) return undefined;
    return blocks.map((block) => ({ leaf: leafOf(block), rlpHeader: block.rlpHeader, header: block }));
  }

  /**
   * The leaves posted in the batch's DA answer on L1 (when `l1Data` offers them), each with the RLP header of the
   * replayed block whose hash is the leaf's blockHash; undefined when there are none (yet), they do not give the
   * committed stateBatchRoot over the header's range, or the replica has no block at some leaf's position.
   *
   * A leaf whose blockHash is no replica block (a quorum may post an invented hash: DARequestManager checks only the
   * roots) comes without a header and is compared with the replica's block at its position (compareBatch checks what
   * needs no header of it: its bridge slots, and the next leaf's parent link against its hash; a difference nothing
   * structural explains is the execution finding). Refusing such a batch instead would leave it unavailable for
   * good, and let it finalize unchallenged although those proofs convict it.
   */
  private async postedLeaves(
    header: CommittedBatch["header"],
    blocks: readonly ReplicaBlock[],
  ): Promise<Leaves | undefined> {
    const source = this.config.l1Data;
    const read = source?.blockLeaves?.bind(source);
    if (read === undefined) return undefined;
    let posted: readonly CommittedBlockLeaf[];
    try {
      posted = await bounded("l1", this.config.dataTimeouts?.l1, (signal) => read(header, signal));
    } catch {
      return undefined; // as for the data object: no answer (yet), or L1 could not be read; tried again next sync
    }
    if (BigInt(posted.length) !== header.lastBlock - header.firstBlock + 1n) return undefined;
    if (merkleRoot(posted.map((leaf) => blockLeaf(leaf))) !== header.stateBatchRoot) return undefined;
    const byHash = new Map(blocks.map((block) => [block.hash.toLowerCase(), block]));
    const leaves = [];
    for (const [position, leaf] of posted.entries()) {
      const block = byHash.get(leaf.blockHash.toLowerCase());
      if (block !== undefined) {
        leaves.push({ leaf, rlpHeader: block.rlpHeader, header: decodeBlockHeader(block.rlpHeader) });
        continue;
      }
      // No header is known for this hash: the leaf is checked against the replica's block at its position, which
      // must exist (the replay reached it) for any of its checks to mean something.
      const ours = blocks[position];
      if (ours?.number !== header.firstBlock + BigInt(position)) return undefined;
      leaves.push({ leaf, rlpHeader: undefined, header: undefined });
    }
    return leaves;
  }

  /**
   * The raw transactions of the committed block `blockHash` from the L2 RPC, checked against the block's own header
   * (it must hash to `blockHash`) and its `transactionsRoot`; undefined when the L2 RPC has no such block.
   */
  private async committedBlockTransactions(blockHash: Hex, root: Hex): Promise<readonly Hex[] | undefined> {
    const l2 = this.config.l2;
    if (l2 === undefined) return undefined;
    const rpc = (await l2.send("eth_getBlockByHash", [blockHash, true])) as
      (BlockHeaderFields & { readonly transactions: Record<string, unknown>[] }) | null;
    if (rpc === null) return undefined;
    try {
      if (blockHeaderHash(encodeBlockHeader(rpc)) !== blockHash) return undefined;
      const number = BigInt(rpc.number);
      const raws = rpc.transactions.map((transaction) => rawTransactionOf(transaction, number).raw);
      return (await transactionsRoot(raws)) === root ? raws : undefined;
    } catch (error) {
      if (error instanceof L2DataError || error instanceof InvalidL2BlockError) return undefined;
      throw error;
    }
  }

  /** Records the signatures a committed batch was submitted with (for equivocation). */
  private async registerCommitted(record: BatchRecord): Promise<void> {
    if (record.signatures === undefined) return;
    const digest = headerDigest(record.header, this.domain);
    for (const { signer, signature } of unpackSignatures(record.signatures, digest)) {
      await this.recordSigned(signer, { header: record.header, headerHash: record.headerHash, signature });
    }
  }

  private async recordSigned(signer: Address, signed: ObservedHeader): Promise<EquivocationFinding[]> {
    const findings: EquivocationFinding[] = [];
    for (const other of this.book.add(signer, signed)) {
      const key = `${signer.toLowerCase()}:${signed.header.batchIndex}:${signed.header.parentHash}`;
      if (this.reportedEquivocations.has(key)) continue;
      const [first, second] = await Promise.all([
        this.batchChainContract.isRolledBack(other.headerHash),
        this.batchChainContract.isRolledBack(signed.headerHash),
      ]);
      if (first || second) continue;
      this.reportedEquivocations.add(key);
      const finding: EquivocationFinding = {
        kind: "equivocation",
        batchIndex: signed.header.batchIndex,
        signer,
        headers: [other.header, signed.header],
        signatures: [other.signature, signed.signature],
      };
      const committed = this.batches.find(
        (batch) => batch.headerHash === other.headerHash || batch.headerHash === signed.headerHash,
      );
      await this.report({
        type: "equivocation",
        finding,
        context: { committed: committed === undefined ? undefined : committedPart(committed) },
      });
      findings.push(finding);
    }
    return findings;
  }
}
