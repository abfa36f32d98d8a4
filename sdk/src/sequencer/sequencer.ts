import { type ContractTransactionReceipt, type JsonRpcApiProvider, type Wallet } from "ethers";

import { latestTimestamp, providerOf } from "../contracts/connection";
import { DEFAULT_LOG_CHUNK, type LogScanProgress } from "../contracts/logs";
import { transact } from "../contracts/transact";
import { type BatchChain, type L1Bridge, type SequencerRegistry } from "../contracts";
import { checkDAIntegerOption } from "../da/options";
import { storeSidecar } from "../da/sidecar";
import { readVerified, type DAStore } from "../da/store";
import type { Deployment } from "../deployments/types";
import { resolveAddresses, scanChunk, scanStart, type WithDeployment } from "../deployments/resolve";
import { MetisError } from "../errors/base";
import { InvalidDAOptionError } from "../errors/da";
import { RewardPoolNotConfiguredError } from "../errors/rewards";
import {
  AlreadySignedError,
  DepositDueError,
  HeaderMismatchError,
  InvalidL2BlockError,
  L2BlockNotFinalError,
  NothingToBatchError,
  NotScheduledError,
  QuorumNotReachedError,
  RolledBackHeaderError,
  SignerNotMemberError,
  UnverifiedParentError,
} from "../errors/sequencer";
import {
  BATCH_HEADER_TYPES,
  BATCH_STATUSES,
  batchHeaderDomain,
  headerDigest,
  headerHash,
  type Address,
  type BatchHeader,
  type Hex,
} from "../proof";

import { buildBatch, type BuiltBatch } from "./batch-builder";
import { buildSidecar } from "./block-headers";
import { DAAnswerer, type DAAnswererConfig, type DAAnswerRound } from "./da-answerer";
import { relayPendingDeposits, type KnownDeposit, type L1Finality } from "./deposits";
import { RewardKeeper, type RewardLoop, type RewardLoopOptions, type RewardRound } from "./rewards-keeper";
import { latestBlockNumber, rawTransactionOf, readL2Blocks, rpcBlock } from "./l2-reader";
import { bridgeRelayEvents, checkL2Blocks } from "./l2-validity";
import { packQuorumSignatures } from "./quorum";
import { SignatureTally } from "./signature-tally";
import {
  canonicalHeader,
  MemorySigningRecord,
  slotOf,
  type BatchHeaderFields,
  type SignedHeader,
  type SigningRecord,
  type SigningSlot,
} from "./signing-record";
import {
  connectBatchChain,
  connectL1Bridge,
  connectL2Bridge,
  connectSequencerRegistry,
  l2BridgeInterface,
} from "../contracts/connectors";

/** Throws a {@link HeaderMismatchError} naming the first field of `header` that differs from `derived`. */
function compareHeaders(derived: BatchHeader, header: BatchHeader): void {
  for (const field of Object.keys(derived) as (keyof BatchHeader)[]) {
    const ours = String(derived[field]).toLowerCase();
    const theirs = String(header[field]).toLowerCase();
    if (ours !== theirs) throw new HeaderMismatchError(field, derived[field], header[field]);
  }
}

/** Anything that can be asked to sign a proposed header: another sequencer, in-process or behind a transport. */
export interface HeaderSigner {
  /** The signer key's address. */
  readonly address: string;
  /**
   * Checks `header` and returns an EIP-712 signature of it, or throws why it refuses: an {@link AlreadySignedError}
   * (carrying the header it signed instead) when it already signed another header for the same index and parent.
   */
  sign(header: BatchHeader): Promise<string>;
  /**
   * The header this signer signed for `slot`, with its signature, if it signed one that was not rolled back: a
   * proposer asks before it picks a header, so that it proposes the one most stake is already bound to. Optional: a
   * proposer learns the same from the AlreadySignedError of `sign`, only later.
   */
  signedFor?(slot: SigningSlot): Promise<SignedHeader | undefined>;
}

/** Where the header a proposal offers came from (see {@link Sequencer.propose}). */
export type ProposalSource =
  /** This sequencer had signed it already for the slot, so it can offer no other. */
  | "signed"
  /** Peers had signed it already, with the most stake. */
  | "peers"
  /** This sequencer proposed it for the slot before, and rebuilt it from the same L2 blocks. */
  | "pending"
  /** Built now from the L2 blocks after L1's tip. */
  | "built"
  /** Peers refused the first header, having signed this one, with more stake. */
  | "adopted";

/** What a sequencer reports while it works (pass `onProgress`). */
export type SequencerEvent =
  | {
      readonly kind: "deposits-relayed";
      readonly count: number;
      readonly depositCount: bigint;
      readonly transactions: number;
    }
  | {
      readonly kind: "batch-built";
      readonly batchIndex: bigint;
      readonly firstBlock: bigint;
      readonly lastBlock: bigint;
      readonly txCount: number;
      readonly dataHash: Hex;
    }
  | {
      readonly kind: "header-chosen";
      readonly batchIndex: bigint;
      readonly headerHash: Hex;
      readonly firstBlock: bigint;
      readonly lastBlock: bigint;
      readonly source: ProposalSource;
    }
  | {
      /** The blocks after L1's tip re-derive a header L1 rolled back (and bans): the batch takes fewer blocks. */
      readonly kind: "range-changed";
      readonly batchIndex: bigint;
      readonly rolledBackHash: Hex;
      readonly firstBlock: bigint;
      /** The last block of the rolled-back header's range. */
      readonly bannedLastBlock: bigint;
      /** The last block the batch takes instead. */
      readonly lastBlock: bigint;
    }
  | {
      /**
       * Storing a batch's data object (or sidecar) in the DA store failed: the batch goes on regardless (the L2
       * serves its data), and the object is queued to be stored again ({@link Sequencer.retryUploads}).
       */
      readonly kind: "store-upload-failed";
      readonly batchIndex: bigint;
      readonly dataHash: Hex;
      readonly reason: string;
      /** How many batches' objects are queued now. */
      readonly queued: number;
    }
  | {
      /**
       * Storing a batch's data object and sidecar did not end within the proposer's `storeBudgetMs`: the proposal
       * goes on without waiting, the write goes on in the background, and the batch is queued until that write
       * (`store-uploaded`) or a {@link Sequencer.retryUploads} stores it; a write that fails later is reported as
       * `store-upload-failed`.
       */
      readonly kind: "store-upload-pending";
      readonly batchIndex: bigint;
      readonly dataHash: Hex;
      readonly queued: number;
    }
  | {
      /** A queued batch's data object and sidecar are now in the DA store. */
      readonly kind: "store-uploaded";
      readonly batchIndex: bigint;
      readonly dataHash: Hex;
      readonly queued: number;
    }
  | {
      /** The upload queue was full: its oldest batch left it (L2 still serves that batch's data). */
      readonly kind: "store-upload-dropped";
      readonly batchIndex: bigint;
      readonly dataHash: Hex;
    }
  | { readonly kind: "signed"; readonly signer: string }
  | { readonly kind: "refused"; readonly signer: string; readonly reason: string }
  | { readonly kind: "submitted"; readonly batchIndex: bigint; readonly txHash: string; readonly gasUsed: bigint }
  | {
      /** A rewards round settled these finalized batches (and passed over `skipped`, already settled). */
      readonly kind: "rewards-settled";
      readonly batches: readonly bigint[];
      readonly skipped: readonly bigint[];
      readonly nextBatch: bigint;
    }
  | {
      /** The staking account claimed its rewards. */
      readonly kind: "rewards-claimed";
      readonly account: string;
      readonly eth: bigint;
      readonly tokens: bigint;
      readonly txHash: string;
    }
  | {
      /** A periodic rewards round failed; the next one runs as scheduled. */
      readonly kind: "rewards-failed";
      readonly reason: string;
    };

export interface SequencerConfig {
  /** The sequencer's signer key, connected to L1: it signs headers and sends its proposals. */
  readonly key: Wallet;
  /**
   * The deployment: it supplies every address left out below (`daRequestManager` and `rewardPool` included), and its
   * deployment block is where log scans start unless `fromBlock` is given.
   */
  readonly deployment?: Deployment;
  readonly batchChain: string;
  readonly registry: string;
  readonly l1Bridge: string;
  /** JSON-RPC provider of the L2 chain. */
  readonly l2: JsonRpcApiProvider;
  readonly l2Bridge: string;
  /** Where batch data objects are stored and checked ("Memo"). */
  readonly store: DAStore;
  /**
   * This sequencer's own relay key on L2 (its signer key, allowed as a relayer by the L2 bridge), so that every relay
   * it makes is attributable to it; without it this sequencer does not relay deposits.
   */
  readonly relayer?: Wallet;
  /** Whether to relay pending L1 deposits before building a batch (default true when a relayer is given). */
  readonly relayDeposits?: boolean;
  /** When an L1 deposit counts as final, for relaying and for checking others' relays (default `"finalized"`). */
  readonly l1Finality?: L1Finality;
  /** Most L2 blocks in one batch (default 100). */
  readonly maxBlocksPerBatch?: number;
  /**
   * What this sequencer signed, proposed and verified (default: a {@link MemorySigningRecord}, which a restart
   * forgets; production sequencers pass a persistent one, such as `FileSigningRecord` from the `./node` entry).
   */
  readonly record?: SigningRecord;
  /**
   * Seconds a signed header is given to land before a deposit it leaves out becomes overdue: this sequencer refuses
   * to sign a header that would be rejected within that time, since it could sign no other for the slot. The default,
   * two rotation timeouts (at most a quarter of the force-inclusion delay), covers a proposer that collects the
   * signatures and withholds the batch: its turn ends within one timeout, and the next proposer adopts the header
   * (see {@link Sequencer.propose}) in the next.
   */
  readonly depositDueMargin?: number;
  /** The DARequestManager, to answer DA requests against batches this sequencer signed. */
  readonly daRequestManager?: string;
  /**
   * Most batches whose DA-store upload failed kept queued for {@link Sequencer.retryUploads} (default
   * {@link DEFAULT_MAX_QUEUED_UPLOADS}). An entry is only the header: its objects are re-derived from the L2 when
   * retried, so the queue holds no batch data.
   */
  readonly maxQueuedUploads?: number;
  /**
   * Most milliseconds one {@link Sequencer.propose} waits on the DA store in all (default
   * {@link DEFAULT_STORE_BUDGET_MS}; 0 never waits): the retry of queued uploads and the chosen batch's upload share
   * it, and what has not ended by then goes on in the background (`store-upload-pending`).
   */
  readonly storeBudgetMs?: number;
  /** The RewardPool, to settle finalized batches and claim this sequencer's rewards ({@link Sequencer.claimRewards}). */
  readonly rewardPool?: string;
  /**
   * The staking account, connected to L1: the pool credits it and it claims (default `key`, for a sequencer whose key
   * staked for itself). Settlements are sent and paid by `key`.
   */
  readonly stakingAccount?: Wallet;
  /** Most batches one rewards round settles (default 16). */
  readonly maxSettlements?: number;
  /** First L1 block of every log scan (default: the deployment's block, else 0). */
  readonly fromBlock?: number;
  /** Most L1 blocks per `eth_getLogs` of the deposit scan (default {@link DEFAULT_LOG_CHUNK}). */
  readonly logChunk?: number;
  /** Called after each range of a log scan. */
  readonly onScanProgress?: (progress: LogScanProgress) => void;
  readonly onProgress?: (event: SequencerEvent) => void;
}

/** The config {@link Sequencer} takes: {@link SequencerConfig} whose addresses a `deployment` may supply. */
export type SequencerOptions = WithDeployment<
  SequencerConfig,
  "batchChain" | "registry" | "l1Bridge" | "l2Bridge" | "daRequestManager" | "rewardPool"
>;

/** Default bound of the upload queue, in batches. */
export const DEFAULT_MAX_QUEUED_UPLOADS = 1_024;

/**
 * Default {@link SequencerConfig.storeBudgetMs}: 5 s. A store that never answers costs each request its retries times
 * its timeout (about 31 s for S3DAStore's defaults, the retry of the queue and the new batch's upload each), close to
 * a rotation timeout: a proposer waiting that long would miss its turn, and so would every next one. 5 s leaves a
 * healthy store time to take a batch's objects, and the turn time to collect the signatures and submit.
 */
export const DEFAULT_STORE_BUDGET_MS = 5_000;

/**
 * The part of an L2 node that recovery needs: dropping blocks. A production node reorganises its chain; the devnet's
 * in-process L2 replays its history without them.
 */
export interface L2Node {
  /** Drops every block after `toBlock`, which stays the head with the same hash. */
  rewind(toBlock: bigint): Promise<void>;
}

/** What {@link Sequencer.recover} did. */
export interface RecoveryReport {
  /** The invalid block, and why; the L2 was rebuilt from the block before it. */
  readonly invalidBlock: bigint;
  readonly reason: string;
  /** Blocks dropped (the invalid one and every later one). */
  readonly droppedBlocks: number;
  /** Transactions of the dropped blocks sent again (every one but relays, which are redone from L1). */
  readonly replayed: readonly string[];
  /** Transactions of the dropped blocks that are no longer valid (for example spending a forged deposit). */
  readonly discarded: readonly string[];
  /**
   * The first invalid block of the rebuilt L2, if one is left (a kept transaction that now does something invalid):
   * call {@link Sequencer.recover} again.
   */
  readonly stillInvalid?: bigint;
}

/** {@link Sequencer.answerDataRequests}'s options: the answerer's own (the rest comes from the sequencer's config). */
export type DataRequestAnswerOptions = Pick<
  DAAnswererConfig,
  "gasBudget" | "chunkBaseGas" | "fromBlock" | "logChunk" | "onProgress"
>;

/** A batch that went on chain. */
export interface ProposalResult {
  readonly batch: BuiltBatch;
  readonly receipt: ContractTransactionReceipt;
  /** Signers whose signatures were submitted. */
  readonly signers: readonly string[];
}

/**
 * A sequencer: builds batches from the L2 chain, checks and signs other sequencers' proposals, and proposes when the
 * SequencerRegistry schedules it. Every check a signer makes is made from its own L2 view and the L1 contracts, never
 * from what the proposer claims.
 */
export class Sequencer implements HeaderSigner {
  readonly address: string;
  readonly batchChain: BatchChain;
  readonly registry: SequencerRegistry;
  readonly l1Bridge: L1Bridge;
  /** What this sequencer signed, proposed and verified. */
  readonly record: SigningRecord;
  /** The sign() calls in flight, one after another: two at once could both find a slot empty. */
  private signing: Promise<unknown> = Promise.resolve();
  /** The DA answerer, made by the first {@link answerDataRequests}. */
  private answerer: DAAnswerer | undefined;
  /** Batches whose objects could not be stored, by header hash, oldest first (see {@link retryUploads}). */
  private readonly uploads = new Map<Hex, BatchHeaderFields>();
  /** The DA-store writes `sign` and `propose` started and do not wait for. */
  private readonly storeWrites = new Set<Promise<unknown>>();
  /** The pass of {@link retryUploads} under way, if one is (a propose may leave it running). */
  private retrying: Promise<number> | undefined;
  /** The last deposit a relay found, where the next relay's scan may start (see RelayOptions.after). */
  private lastDeposit: KnownDeposit | undefined;
  /** Settles and claims rewards, made by the first rewards call. */
  private rewards: RewardKeeper | undefined;

  /**
   * Throws InvalidDAOptionError when `maxQueuedUploads` is not a positive integer or `storeBudgetMs` not a
   * non-negative one; DeploymentAddressMissingError / DeploymentAddressMismatchError when an address is given neither
   * way or contradicts the deployment; InvalidLogScanOptionError for a bad `fromBlock` or `logChunk`.
   */
  readonly config: SequencerConfig;

  constructor(options: SequencerOptions) {
    const config = resolveAddresses(
      "Sequencer",
      options,
      ["batchChain", "registry", "l1Bridge", "l2Bridge"],
      ["daRequestManager", "rewardPool"],
    );
    scanStart(config);
    scanChunk(config.logChunk, DEFAULT_LOG_CHUNK);
    this.config = config;
    checkDAIntegerOption("maxQueuedUploads", config.maxQueuedUploads, 1);
    checkDAIntegerOption("storeBudgetMs", config.storeBudgetMs, 0);
    this.address = config.key.address;
    this.batchChain = connectBatchChain(config.batchChain, config.key);
    this.registry = connectSequencerRegistry(config.registry, config.key);
    this.l1Bridge = connectL1Bridge(config.l1Bridge, config.key);
    this.record = config.record ?? new MemorySigningRecord();
  }

  /** The signer scheduled to propose the next batch now. */
  async scheduledProposer(): Promise<string> {
    const [count, [, , , lastAcceptedAt]] = await Promise.all([this.batchChain.batchCount(), this.batchChain.tip()]);
    const [scheduled] = await this.registry.scheduledProposer(count, lastAcceptedAt);
    return scheduled;
  }

  /** Whether this sequencer is scheduled to propose the next batch now. */
  async isScheduled(): Promise<boolean> {
    return (await this.scheduledProposer()).toLowerCase() === this.address.toLowerCase();
  }

  /**
   * Relays pending L1 deposits to L2 (when this sequencer relays), then builds the next batch and stores its data
   * object and sidecar (best effort: a store failure queues them for {@link retryUploads}).
   */
  async buildNextBatch(): Promise<BuiltBatch> {
    return this.buildNext(undefined);
  }

  /** {@link buildNextBatch}, waiting on the store until `deadline` (`Date.now()` time) at most, when one is given. */
  private async buildNext(deadline: number | undefined): Promise<BuiltBatch> {
    await this.relayIfRelaying();
    const tip = await this.committedTip();
    const head = await latestBlockNumber(this.config.l2);
    if (head <= tip.lastBlock) throw new NothingToBatchError(tip.lastBlock);
    const max = BigInt(this.config.maxBlocksPerBatch ?? 100);
    const firstBlock = tip.lastBlock + 1n;
    const lastBlock = head - tip.lastBlock > max ? tip.lastBlock + max : head;
    let blocks = await readL2Blocks(this.config.l2, this.config.l2Bridge, firstBlock, lastBlock);
    try {
      await checkL2Blocks(blocks, tip.deposits, this.validity());
    } catch (error) {
      // Relays other nodes count as final but this one does not yet: batch the blocks before them, which the check
      // (block by block, in order) has already passed.
      if (!(error instanceof L2BlockNotFinalError) || error.blockNumber <= firstBlock) throw error;
      blocks = blocks.slice(0, Number(error.blockNumber - firstBlock));
    }
    let batch = buildBatch(tip.batchCount, tip.headerHash, blocks);
    // After a rollback of a valid batch the same blocks give the same header, which BatchChain refuses for good:
    // leave the last block to the next batch instead.
    const bannedLastBlock = batch.header.lastBlock;
    let banned: Hex | undefined;
    while (await this.batchChain.isRolledBack(headerHash(batch.header))) {
      banned ??= headerHash(batch.header);
      if (blocks.length === 1) throw new RolledBackHeaderError(headerHash(batch.header), firstBlock);
      blocks = blocks.slice(0, -1);
      batch = buildBatch(tip.batchCount, tip.headerHash, blocks);
    }
    if (banned !== undefined) {
      this.config.onProgress?.({
        kind: "range-changed",
        batchIndex: batch.header.batchIndex,
        rolledBackHash: banned,
        firstBlock,
        bannedLastBlock,
        lastBlock: batch.header.lastBlock,
      });
    }
    // The committed leaves and RLP headers, so a verifier can locate and prove a forged leaf (da/sidecar). A store
    // that cannot take them does not stop the batch: the L2 serves its data, and the upload is queued.
    await this.upload(
      canonicalHeader(batch.header),
      batch.data,
      await buildSidecar(this.config.l2, batch.header, blocks),
      deadline,
    );
    this.config.onProgress?.({
      kind: "batch-built",
      batchIndex: batch.header.batchIndex,
      firstBlock: batch.header.firstBlock,
      lastBlock: batch.header.lastBlock,
      txCount: batch.header.txCount,
      dataHash: batch.header.dataHash as Hex,
    });
    return batch;
  }

  /** The batches whose objects are queued for upload to the DA store, oldest first. */
  get queuedUploads(): readonly BatchHeaderFields[] {
    return [...this.uploads.values()];
  }

  /**
   * Stores the objects (data object and sidecar) of every queued batch in the DA store, oldest first, each re-derived
   * from this node's L2 and checked against the queued header, and reports `store-uploaded` for each. Stops at the
   * first store failure (the store is still down: `store-upload-failed`), keeping that batch and the later ones
   * queued; a batch this node's L2 no longer derives (its blocks were rebuilt) leaves the queue
   * (`store-upload-dropped`). {@link propose} starts it first (and waits for it only within its `storeBudgetMs`).
   * Passes never overlap: a call while one is under way waits for it, then makes its own. Never throws for the store;
   * returns how many batches are still queued.
   */
  async retryUploads(): Promise<number> {
    while (this.retrying !== undefined) await this.retrying.catch(() => undefined);
    return this.startRetry();
  }

  /** Starts a {@link retryUploads} pass now (none is under way). */
  private startRetry(): Promise<number> {
    const run: Promise<number> = this.retryPass().finally(() => {
      if (this.retrying === run) this.retrying = undefined;
    });
    this.retrying = run;
    return run;
  }

  private async retryPass(): Promise<number> {
    for (const [hash, header] of [...this.uploads]) {
      let objects: { readonly data: Uint8Array; readonly sidecar: Uint8Array };
      try {
        objects = await this.objectsOf(header);
      } catch (error) {
        if (!(error instanceof MetisError)) break; // the L2 did not answer now: try again next time
        this.uploads.delete(hash);
        this.config.onProgress?.({
          kind: "store-upload-dropped",
          batchIndex: header.batchIndex,
          dataHash: header.dataHash,
        });
        continue;
      }
      try {
        await this.storeObjects(header, objects.data, objects.sidecar);
      } catch (error) {
        this.reportUploadFailed(header, error);
        break;
      }
      this.uploaded(header, hash);
    }
    return this.uploads.size;
  }

  /**
   * Waits for the DA-store writes {@link sign} and {@link propose} left running in the background (each best effort,
   * never failing).
   */
  async settleStoreWrites(): Promise<void> {
    while (this.storeWrites.size > 0) await Promise.all([...this.storeWrites]);
  }

  /** `header`'s data object and sidecar, re-derived from this node's L2 blocks of its range. */
  private async objectsOf(header: BatchHeaderFields): Promise<{ data: Uint8Array; sidecar: Uint8Array }> {
    const blocks = await readL2Blocks(this.config.l2, this.config.l2Bridge, header.firstBlock, header.lastBlock);
    const batch = buildBatch(header.batchIndex, header.parentHash, blocks);
    compareHeaders(batch.header, header);
    return { data: batch.data, sidecar: await buildSidecar(this.config.l2, header, blocks) };
  }

  /** Stores a batch's data object and sidecar; throws what the store throws. */
  private async storeObjects(header: BatchHeaderFields, data: Uint8Array, sidecar: Uint8Array): Promise<void> {
    await this.config.store.put(header.dataHash, data);
    await storeSidecar(this.config.store, sidecar);
  }

  /**
   * {@link storeObjects}, best effort: a failure queues the batch for {@link retryUploads} instead of throwing. With a
   * `deadline` (`Date.now()` time) it waits until then at most: a write still going on then is left to end in the
   * background, the batch queued meanwhile (`store-upload-pending`; see {@link finishLate}).
   */
  private async upload(
    header: BatchHeaderFields,
    data: Uint8Array,
    sidecar: Uint8Array,
    deadline?: number,
  ): Promise<void> {
    const state = { late: false, ended: false };
    const run = (async () => {
      let failure: { error: unknown } | undefined;
      try {
        await this.storeObjects(header, data, sidecar);
      } catch (error) {
        failure = { error };
      }
      state.ended = true;
      if (state.late) this.finishLate(header, failure);
      else if (failure) this.queueUpload(header, failure.error);
    })();
    if (deadline === undefined) return run;
    if ((await within(run, deadline)) || state.ended) return;
    state.late = true;
    this.inBackground(run);
    this.enqueue(header);
    this.config.onProgress?.({
      kind: "store-upload-pending",
      batchIndex: header.batchIndex,
      dataHash: header.dataHash,
      queued: this.uploads.size,
    });
  }

  /**
   * The end of a write {@link upload} left running: stored, the batch leaves the queue (`store-uploaded`); failed, it
   * stays (`store-upload-failed`). Either only while it is still queued: a {@link retryUploads} may have stored it, or
   * a full queue dropped it, meanwhile.
   */
  private finishLate(header: BatchHeaderFields, failure: { error: unknown } | undefined): void {
    const hash = headerHash(header);
    if (!this.uploads.has(hash)) return;
    if (failure) {
      this.reportUploadFailed(header, failure.error);
      return;
    }
    this.uploaded(header, hash);
  }

  /** Takes `header` (hash `hash`) off the upload queue, its objects stored, and says so. */
  private uploaded(header: BatchHeaderFields, hash: Hex): void {
    this.uploads.delete(hash);
    this.config.onProgress?.({
      kind: "store-uploaded",
      batchIndex: header.batchIndex,
      dataHash: header.dataHash,
      queued: this.uploads.size,
    });
  }

  /** Keeps `work` (which never rejects) in {@link storeWrites} until it ends. */
  private inBackground(work: Promise<unknown>): void {
    const run = work.catch(() => undefined);
    this.storeWrites.add(run);
    void run.finally(() => this.storeWrites.delete(run));
  }

  /** Queues `header` for {@link retryUploads} (the oldest entry leaves a full queue) and reports the failure. */
  private queueUpload(header: BatchHeaderFields, error: unknown): void {
    this.enqueue(header);
    this.reportUploadFailed(header, error);
  }

  /** Queues `header` for {@link retryUploads}, unless it is; the oldest entry leaves a full queue. */
  private enqueue(header: BatchHeaderFields): void {
    const hash = headerHash(header);
    if (!this.uploads.has(hash)) {
      this.uploads.set(hash, header);
      const max = this.config.maxQueuedUploads ?? DEFAULT_MAX_QUEUED_UPLOADS;
      for (const [oldest, dropped] of this.uploads) {
        if (this.uploads.size <= max) break;
        this.uploads.delete(oldest);
        this.config.onProgress?.({
          kind: "store-upload-dropped",
          batchIndex: dropped.batchIndex,
          dataHash: dropped.dataHash,
        });
      }
    }
  }

  private reportUploadFailed(header: BatchHeaderFields, error: unknown): void {
    this.config.onProgress?.({
      kind: "store-upload-failed",
      batchIndex: header.batchIndex,
      dataHash: header.dataHash,
      reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      queued: this.uploads.size,
    });
  }

  /**
   * In the background (a signature never waits for the store): reads `batch`'s data object from the DA store and,
   * when the store lacks it, serves other bytes or cannot be reached, stores this node's own copy (overwriting a
   * corrupted one); a failed write is queued for {@link retryUploads}. {@link settleStoreWrites} waits for it.
   */
  private keepStored(batch: BuiltBatch): void {
    const header = canonicalHeader(batch.header);
    const run = (async () => {
      try {
        await readVerified(this.config.store, header.dataHash);
        return;
      } catch {
        // missing, corrupted or unreachable: store this node's own copy
      }
      try {
        await this.config.store.put(header.dataHash, batch.data);
      } catch (error) {
        this.queueUpload(header, error);
      }
    })();
    this.inBackground(run);
  }

  /** Relays the final L1 deposits the L2 bridge lacks from this sequencer's own relay key, when it relays. */
  private async relayIfRelaying(): Promise<void> {
    const { relayer, relayDeposits = relayer !== undefined } = this.config;
    if (!relayer || !relayDeposits) return;
    const l2Bridge = connectL2Bridge(this.config.l2Bridge, relayer);
    const { relayed, depositCount, transactions, lastDeposit } = await relayPendingDeposits(this.l1Bridge, l2Bridge, {
      finality: this.config.l1Finality,
      fromBlock: scanStart(this.config),
      ...this.scanOptions(),
      ...(this.lastDeposit === undefined ? {} : { after: this.lastDeposit }),
    });
    if (lastDeposit !== undefined) this.lastDeposit = lastDeposit;
    if (relayed > 0) this.config.onProgress?.({ kind: "deposits-relayed", count: relayed, depositCount, transactions });
  }

  /** The committed chain's tip as the next batch builds on it: index, parent, last L2 block and deposit state. */
  private async committedTip() {
    const [batchCount, [lastBlock, depositCount, depositChainHash]] = await Promise.all([
      this.batchChain.batchCount(),
      this.batchChain.tip(),
    ]);
    const parent = (await this.batchChain.headerHash(batchCount - 1n)) as Hex;
    const deposits = { depositCount, depositChainHash: depositChainHash as Hex };
    return { batchCount, headerHash: parent, lastBlock, deposits };
  }

  /**
   * The batch this sequencer derives for L2 blocks `firstBlock..lastBlock` on top of the current L1 chain, after
   * checking every block against the L2's validity rules (see `checkL2Blocks`). Throws {@link InvalidL2BlockError}
   * for the first invalid block: this sequencer never builds or signs a batch over it.
   */
  async deriveBatch(firstBlock: bigint, lastBlock: bigint): Promise<BuiltBatch> {
    const tip = await this.committedTip();
    const blocks = await readL2Blocks(this.config.l2, this.config.l2Bridge, firstBlock, lastBlock);
    // Blocks after the committed tip continue its deposit state; a range starting elsewhere is refused when signing.
    if (firstBlock === tip.lastBlock + 1n) await checkL2Blocks(blocks, tip.deposits, this.validity());
    return buildBatch(tip.batchCount, tip.headerHash, blocks);
  }

  /** The first L2 block after the committed tip that is invalid, or undefined when every one is valid. */
  async findInvalidBlock(): Promise<InvalidL2BlockError | undefined> {
    const tip = await this.committedTip();
    const head = await latestBlockNumber(this.config.l2);
    if (head <= tip.lastBlock) return undefined;
    try {
      const blocks = await readL2Blocks(this.config.l2, this.config.l2Bridge, tip.lastBlock + 1n, head);
      await checkL2Blocks(blocks, tip.deposits, this.validity());
      return undefined;
    } catch (error) {
      if (error instanceof InvalidL2BlockError) return error;
      if (error instanceof L2BlockNotFinalError) return undefined; // not invalid, only not final yet here
      throw error;
    }
  }

  /**
   * Rebuilds the L2 without its first invalid block after the committed tip (PROTOCOL section 6): `node` drops that
   * block and every later one; this sequencer relays the final L1 deposits again (when it relays), then sends every
   * other transaction of the dropped blocks again, in order. Relays are not replayed but redone from L1, so a forged
   * deposit disappears; a transaction that no longer applies (one spending the forged deposit) is discarded. Returns
   * undefined when there is nothing to recover from.
   */
  async recover(node: L2Node): Promise<RecoveryReport | undefined> {
    const invalid = await this.findInvalidBlock();
    if (!invalid) return undefined;
    const head = await latestBlockNumber(this.config.l2);
    const bridgeInterface = l2BridgeInterface();
    const relaySelectors = new Set(
      (["relayDeposit", "relayDeposits", "createL2Token"] as const).map((name) =>
        bridgeInterface.getFunction(name).selector.toLowerCase(),
      ),
    );
    // Relays are recognised by what they did (a DepositRelayed or L2TokenCreated of the bridge), whatever contract or
    // delegated account made the call, and by calling the bridge's relay functions even when they reverted.
    const relays = new Set<string>();
    for (const list of (
      await bridgeRelayEvents(this.config.l2, this.config.l2Bridge, invalid.blockNumber, head)
    ).values()) {
      for (const { transactionHash } of list) relays.add(transactionHash.toLowerCase());
    }
    const bridge = this.config.l2Bridge.toLowerCase();
    const kept: { hash: string; raw: string }[] = [];
    const discarded: string[] = [];
    for (let number = invalid.blockNumber; number <= head; number++) {
      const rpc = await rpcBlock(this.config.l2, number);
      for (const transaction of rpc.transactions) {
        const to = (transaction.to as string | null | undefined)?.toLowerCase();
        const input = transaction.input ?? transaction.data;
        const selector = (typeof input === "string" ? input : "0x").slice(0, 10).toLowerCase();
        if (relays.has(String(transaction.hash).toLowerCase())) continue;
        if (to === bridge && relaySelectors.has(selector)) continue;
        try {
          kept.push(rawTransactionOf(transaction, number));
        } catch {
          discarded.push(transaction.hash as string); // a type the L2 does not accept
        }
      }
    }
    await node.rewind(invalid.blockNumber - 1n);
    await this.relayIfRelaying();
    const replayed: string[] = [];
    for (const transaction of kept) {
      try {
        const hash = (await this.config.l2.send("eth_sendRawTransaction", [transaction.raw])) as string;
        await this.config.l2.waitForTransaction(hash);
        replayed.push(hash);
      } catch {
        discarded.push(transaction.hash);
      }
    }
    return {
      invalidBlock: invalid.blockNumber,
      reason: invalid.reason,
      droppedBlocks: Number(head - invalid.blockNumber + 1n),
      replayed,
      discarded,
      stillInvalid: (await this.findInvalidBlock())?.blockNumber,
    };
  }

  private validity() {
    return {
      l1Bridge: this.l1Bridge,
      registry: this.registry,
      l2: this.config.l2,
      l2Bridge: this.config.l2Bridge,
      finality: this.config.l1Finality,
      fromBlock: scanStart(this.config),
      scan: this.scanOptions(),
    };
  }

  /** The range size and progress callback of this sequencer's log scans. */
  private scanOptions() {
    const { logChunk, onScanProgress } = this.config;
    return {
      ...(logChunk === undefined ? {} : { logChunk }),
      ...(onScanProgress === undefined ? {} : { onScanProgress }),
    };
  }

  /**
   * Signs `header` for its slot (batch index and parent hash), at most one header per slot (PROTOCOL section 6):
   *
   * - If this sequencer signed this very header before, it returns the same signature again, without other checks.
   * - If it signed another header for the slot, it refuses with an {@link AlreadySignedError} carrying that header and
   *   its signature, unless L1 rolled that header back (`BatchChain.isRolledBack`: a rollback started at it, so it can
   *   never land again). Then the chain is being rebuilt, and a header signed again for the slot is how: it checks the
   *   new header as below and replaces the record's entry. The DisputeManager does not count a rolled-back header as
   *   equivocation (DisputeManagerHeaderRolledBack). Headers a rollback removed after the first one descend from it,
   *   so the batches that replace them have other parents: other slots, which never collide.
   * - Otherwise it re-derives the header: the same index and parent as L1's tip, the next L2 block, the same roots,
   *   deposits and data hash from this node's own L2 view (a {@link HeaderMismatchError} names the first field that
   *   differs); every L1 batch it builds on is one this sequencer verified ({@link UnverifiedParentError}); no deposit
   *   it leaves out becomes overdue within `depositDueMargin` ({@link DepositDueError}).
   *
   * The DA store is not a condition: re-deriving the header re-derived its data object (the data hash matched), so
   * this node holds the data, and the L2 serves it to anyone else; a store outage never stops a signature, so never
   * halts the chain. After signing, in the background, it checks the store holds the object and, when the store lacks
   * it, serves other bytes or cannot be reached, stores its own copy (best effort; a failed write is queued for
   * {@link retryUploads}; {@link settleStoreWrites} waits for it).
   *
   * The signature is written to the record (durably, for a persistent record) before it is returned, so a crash can
   * never leave a signature handed out that the record lacks. Calls are serialised.
   */
  async sign(header: BatchHeader): Promise<string> {
    const run = this.signing.then(() => this.signOnce(canonicalHeader(header)));
    this.signing = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async signOnce(header: BatchHeaderFields): Promise<Hex> {
    const hash = headerHash(header);
    const earlier = await this.record.signed(slotOf(header));
    if (earlier) {
      const earlierHash = headerHash(earlier.header);
      if (earlierHash === hash) return earlier.signature;
      if (!(await this.batchChain.isRolledBack(earlierHash))) {
        throw new AlreadySignedError(this.address, earlier.header, earlierHash, earlier.signature, hash);
      }
    }
    const derived = await this.check(header);
    const signature = (await this.config.key.signTypedData(
      await this.domain(),
      { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] },
      header,
    )) as Hex;
    await this.record.putSigned({ header, signature });
    // A header this sequencer derived itself, on L1 batches it verified: a batch it may build on once it lands.
    await this.record.putVerified(hash);
    this.keepStored(derived);
    return signature;
  }

  /** The header this sequencer signed for `slot` and its signature, unless L1 rolled that header back. */
  async signedFor(slot: SigningSlot): Promise<SignedHeader | undefined> {
    const entry = await this.record.signed(slot);
    if (!entry || (await this.batchChain.isRolledBack(headerHash(entry.header)))) return undefined;
    return entry;
  }

  /** Every check {@link sign} makes of a header before it signs (see there); returns the batch it derived. */
  private async check(header: BatchHeaderFields): Promise<BuiltBatch> {
    const derived = await this.derivedFor(header);
    await this.checkBeyondBlocks(header);
    return derived;
  }

  /** The batch this sequencer derives for `header`'s blocks; a {@link HeaderMismatchError} when it differs. */
  private async derivedFor(header: BatchHeaderFields): Promise<BuiltBatch> {
    const [lastCommitted] = await this.batchChain.tip();
    if (header.firstBlock !== lastCommitted + 1n) {
      throw new HeaderMismatchError("firstBlock", lastCommitted + 1n, header.firstBlock);
    }
    const derived = await this.deriveBatch(header.firstBlock, header.lastBlock);
    compareHeaders(derived.header, header);
    return derived;
  }

  /**
   * The checks of a header beyond its own blocks: the L1 batches below it, deposits due. Not the DA store: the data
   * is this node's own, derived from its L2, and a store outage must not halt the chain (see {@link sign}).
   */
  private async checkBeyondBlocks(header: BatchHeaderFields): Promise<void> {
    await this.verifyChain(header.batchIndex);
    await this.checkDepositsDue(header.depositCount);
  }

  /**
   * Checks that every L1 batch below `batchIndex` that a batch at `batchIndex` would build on is one this sequencer
   * verified, and throws an {@link UnverifiedParentError} for the first that is not. Batch 0, the genesis anchor, is
   * verified by construction (BatchChain writes it at deployment from the pinned genesis). Walking down from
   * `batchIndex - 1`, it stops at a batch already verified (the record caches their hashes), and below the parent
   * also at a Finalized one (L1 can no longer change it, so verifying it protects nothing); it re-derives the rest
   * from its own L2 view, oldest first, and records each hash it verified.
   */
  async verifyChain(batchIndex: bigint): Promise<void> {
    const toVerify: bigint[] = [];
    for (let index = batchIndex - 1n; index > 0n; index--) {
      const [hash, status] = await this.batchChain.headerStatus(index);
      if (await this.record.isVerified(hash as Hex)) break;
      if (index < batchIndex - 1n && BATCH_STATUSES[Number(status)] === "Finalized") break;
      toVerify.push(index);
    }
    for (const index of toVerify.reverse()) await this.verifyCommitted(index);
  }

  /** Re-derives L1's batch `index` over the same L2 blocks from this node's view and compares the header hash. */
  private async verifyCommitted(index: bigint): Promise<void> {
    const [[hash, , lastBlock], [parentHash, , previousLast, previousDeposits]] = await Promise.all([
      this.batchChain.batchInfo(index),
      this.batchChain.batchInfo(index - 1n),
    ]);
    const firstBlock = previousLast + 1n;
    const head = await latestBlockNumber(this.config.l2);
    if (lastBlock > head) {
      throw new UnverifiedParentError(
        index,
        hash,
        undefined,
        `this node's L2 ends at block ${head}, before the batch's last block ${lastBlock}`,
      );
    }
    let derived: BuiltBatch;
    try {
      const blocks = await readL2Blocks(this.config.l2, this.config.l2Bridge, firstBlock, lastBlock);
      const depositChainHash = (await this.l1Bridge.depositChainAt(previousDeposits)) as Hex;
      await checkL2Blocks(blocks, { depositCount: previousDeposits, depositChainHash }, this.validity());
      derived = buildBatch(index, parentHash as Hex, blocks);
    } catch (error) {
      if (!(error instanceof MetisError)) throw error; // a node or network failure: not a verdict on the batch
      throw new UnverifiedParentError(
        index,
        hash,
        undefined,
        `its L2 blocks fail this node's checks: ${error.message}`,
        {
          cause: error,
        },
      );
    }
    const derivedHash = headerHash(derived.header);
    if (derivedHash !== hash.toLowerCase()) {
      throw new UnverifiedParentError(
        index,
        hash,
        derivedHash,
        `this node derives ${derivedHash} from L2 blocks ${firstBlock}..${lastBlock}`,
      );
    }
    await this.record.putVerified(hash as Hex);
  }

  /** Refuses a header whose first left-out deposit becomes overdue on L1 within the margin (see the config). */
  private async checkDepositsDue(depositCount: bigint): Promise<void> {
    const [, , firstExcludedTime] = await this.l1Bridge.depositCheck(depositCount);
    if (firstExcludedTime === 0n) return; // every queued deposit is in
    const [delay, rotationTimeout, now] = await Promise.all([
      this.batchChain.forceInclusionDelay(),
      this.registry.rotationTimeout(),
      latestTimestamp(providerOf(this.batchChain, "the sequencer key"), "L1"),
    ]);
    const margin =
      this.config.depositDueMargin !== undefined
        ? BigInt(this.config.depositDueMargin)
        : 2n * rotationTimeout < delay / 4n
          ? 2n * rotationTimeout
          : delay / 4n;
    const deadline = firstExcludedTime + delay;
    if (now + margin > deadline) throw new DepositDueError(depositCount, deadline, margin);
  }

  /**
   * Proposes the next batch: asks `peers` to sign a header and submits it with a quorum. Throws
   * {@link NotScheduledError} when another sequencer's turn it is, {@link UnverifiedParentError} when L1's chain
   * holds a batch this sequencer could not verify, {@link QuorumNotReachedError} (with each refusal) when the
   * signatures do not reach more than two thirds of the epoch's stake, and a ContractRevertError when L1 rejects the
   * batch.
   *
   * So that a slot's signers never split over several headers (none of them could then land), the header is chosen in
   * this order, the first that this sequencer can re-derive from its own L2 view over the same blocks and would sign:
   *
   * 1. the header this sequencer already signed for the slot (it can sign no other);
   * 2. a header peers already signed (asked with `signedFor`), the most stake first;
   * 3. the header it proposed for the slot before (the record's pending proposal), rebuilt from the same blocks, so
   *    a proposer that missed a quorum offers its first range again however much the L2 has grown;
   * 4. a new batch of the blocks after L1's tip ({@link buildNextBatch}).
   *
   * When peers refuse because they signed another header for the slot (an {@link AlreadySignedError} carries it and
   * its signature), and that header has more stake than the one offered, the proposer adopts it if it can re-derive
   * it, and asks the others again. Only signatures that verify against the epoch's members are counted. The proposer
   * signs its own header last, once the quorum is reached, so a proposal that fails binds nothing of its own.
   *
   * The DA store: the proposer first stores the objects of batches whose upload failed before ({@link retryUploads}),
   * then stores the chosen batch's data object and sidecar. A store that fails does not stop the proposal: the batch
   * is submitted all the same (its data is on the L2, where verifiers read it), and its objects stay queued
   * (`store-upload-failed`) until a later propose or {@link retryUploads} stores them (`store-uploaded`). Nor does a
   * slow one: the proposal waits on the store `storeBudgetMs` at most in all, and leaves what has not ended by then
   * to go on in the background, the batch queued meanwhile (`store-upload-pending`; {@link settleStoreWrites} waits
   * for it).
   */
  async propose(peers: readonly HeaderSigner[]): Promise<ProposalResult> {
    const scheduled = await this.scheduledProposer();
    if (scheduled.toLowerCase() !== this.address.toLowerCase()) throw new NotScheduledError(scheduled, this.address);
    const deadline = Date.now() + (this.config.storeBudgetMs ?? DEFAULT_STORE_BUDGET_MS);
    // A pass a previous proposal left running is not repeated, only waited for.
    const retry = this.retrying ?? this.startRetry();
    if (!(await within(retry, deadline))) this.inBackground(retry);
    const tip = await this.committedTip();
    const slot: SigningSlot = { batchIndex: tip.batchCount, parentHash: tip.headerHash };
    await this.verifyChain(slot.batchIndex);
    const [members, [, , , totalStake], domain] = await Promise.all([
      this.registry.members(),
      this.registry.currentEpoch(),
      this.domain(),
    ]);
    const tally = new SignatureTally(slot, domain, members);
    await this.learnSigned(slot, peers, tally);

    let batch = await this.chooseHeader(slot, tally, deadline);
    let refusals = await this.collectSignatures(batch, peers, tally);
    // This sequencer's own stake counts for the header it offers: it signs last, once the quorum is there.
    const support = (hash: Hex) =>
      tally.stake(hash) + (tally.hasSigned(hash, this.address) ? 0n : tally.memberStake(this.address));
    const reached = (hash: Hex) => support(hash) * 3n > totalStake * 2n;
    if (!reached(headerHash(batch.header))) {
      const adopted = await this.adoptOutnumbering(slot, batch, tally, deadline);
      if (adopted) {
        batch = adopted;
        refusals = await this.collectSignatures(batch, peers, tally);
      }
    }

    const hash = headerHash(batch.header);
    if (!reached(hash)) throw new QuorumNotReachedError(support(hash), totalStake, refusals);
    if (!tally.hasSigned(hash, this.address)) tally.add(batch.header, await this.sign(batch.header));
    const packed = packQuorumSignatures(
      headerDigest(batch.header, domain),
      tally.signatures(hash),
      members.map((member) => member.signer),
    );
    const receipt = await this.submit(batch, packed);
    return { batch, receipt, signers: tally.signers(hash) };
  }

  /** Adds what this sequencer and `peers` already signed for `slot` to `tally` (peers without `signedFor` skipped). */
  private async learnSigned(slot: SigningSlot, peers: readonly HeaderSigner[], tally: SignatureTally): Promise<void> {
    for (const signer of [this, ...peers]) {
      if (!signer.signedFor) continue;
      try {
        const entry = await signer.signedFor(slot);
        if (entry) tally.add(entry.header, entry.signature);
      } catch {
        // A peer that does not answer now is asked to sign below, and its refusal says the same.
      }
    }
  }

  /**
   * The batch this proposal offers, by the order {@link propose} describes; recorded as the slot's pending one. Waits
   * on the store until `deadline` at most.
   */
  private async chooseHeader(slot: SigningSlot, tally: SignatureTally, deadline: number): Promise<BuiltBatch> {
    let chosen: { batch: BuiltBatch; source: ProposalSource } | undefined;
    const own = await this.signedFor(slot);
    if (own) chosen = { batch: await this.rebuild(own.header, deadline), source: "signed" };
    for (const { header } of own ? [] : tally.ranked()) {
      const batch = await this.tryRebuild(header, deadline);
      if (batch) {
        chosen = { batch, source: "peers" };
        break;
      }
    }
    const pending = chosen ? undefined : await this.record.pending(slot);
    if (pending) {
      const batch = await this.tryRebuild(pending, deadline);
      if (batch) chosen = { batch, source: "pending" };
    }
    if (!chosen) {
      const batch = await this.buildNext(deadline);
      await this.checkBeyondBlocks(canonicalHeader(batch.header));
      chosen = { batch, source: "built" };
    }
    await this.chose(chosen.batch, chosen.source);
    return chosen.batch;
  }

  /**
   * When peers refused `batch` for a header they signed with more stake than `batch` has, the most-staked such header
   * this sequencer can re-derive and sign, recorded as the slot's pending one; otherwise undefined. Never when this
   * sequencer has signed `batch` itself. Waits on the store until `deadline` at most.
   */
  private async adoptOutnumbering(
    slot: SigningSlot,
    batch: BuiltBatch,
    tally: SignatureTally,
    deadline: number,
  ): Promise<BuiltBatch | undefined> {
    if (await this.signedFor(slot)) return undefined;
    const offered = tally.stake(headerHash(batch.header));
    for (const support of tally.ranked()) {
      if (support.stake <= offered) break;
      const adopted = await this.tryRebuild(support.header, deadline);
      if (adopted) {
        await this.chose(adopted, "adopted");
        return adopted;
      }
    }
    return undefined;
  }

  /** Records `batch` as the slot's pending proposal and reports where it came from. */
  private async chose(batch: BuiltBatch, source: ProposalSource): Promise<void> {
    const header = canonicalHeader(batch.header);
    await this.record.putPending(header);
    this.config.onProgress?.({
      kind: "header-chosen",
      batchIndex: header.batchIndex,
      headerHash: headerHash(header),
      firstBlock: header.firstBlock,
      lastBlock: header.lastBlock,
      source,
    });
  }

  /**
   * `header` rebuilt from this node's own L2 blocks of its range, with its data object and sidecar stored (best
   * effort: a store failure queues them, see {@link retryUploads}), after every check {@link sign} makes; throws why
   * it cannot be. Waits on the store until `deadline` at most.
   */
  private async rebuild(header: BatchHeaderFields, deadline: number): Promise<BuiltBatch> {
    const batch = await this.derivedFor(header);
    const blocks = await readL2Blocks(this.config.l2, this.config.l2Bridge, header.firstBlock, header.lastBlock);
    await this.upload(header, batch.data, await buildSidecar(this.config.l2, header, blocks), deadline);
    await this.checkBeyondBlocks(header);
    return batch;
  }

  /** {@link rebuild}, or undefined when `header` was rolled back or this sequencer would not sign it. */
  private async tryRebuild(header: BatchHeaderFields, deadline: number): Promise<BuiltBatch | undefined> {
    if (await this.batchChain.isRolledBack(headerHash(header))) return undefined;
    try {
      return await this.rebuild(header, deadline);
    } catch (error) {
      if (error instanceof MetisError) return undefined;
      throw error;
    }
  }

  /**
   * Asks each peer without a counted signature of `batch` to sign it, all at once, and adds what comes back to
   * `tally`: the signature, or the header a refusing peer signed instead. Returns the refusals, in `peers`' order.
   */
  private async collectSignatures(
    batch: BuiltBatch,
    peers: readonly HeaderSigner[],
    tally: SignatureTally,
  ): Promise<Error[]> {
    const hash = headerHash(batch.header);
    // All at once: each peer derives the batch itself, on its own machine, so the slowest one sets the time.
    const outcomes = await Promise.all(
      peers
        .filter((peer) => !tally.hasSigned(hash, peer.address))
        .map(async (peer) => {
          try {
            const signature = await peer.sign(batch.header);
            if (tally.add(batch.header, signature) === undefined) throw new SignerNotMemberError(peer.address);
            this.config.onProgress?.({ kind: "signed", signer: peer.address });
            return undefined;
          } catch (error) {
            if (error instanceof AlreadySignedError) tally.add(error.signedHeader, error.signature);
            this.config.onProgress?.({ kind: "refused", signer: peer.address, reason: (error as Error).message });
            return error as Error;
          }
        }),
    );
    return outcomes.filter((refusal) => refusal !== undefined);
  }

  /** Submits `batch` with packed quorum signatures; a revert comes back as a ContractRevertError. */
  async submit(batch: BuiltBatch, packedSignatures: Hex): Promise<ContractTransactionReceipt> {
    const receipt = await transact(() => this.batchChain.submitBatch(batch.header, packedSignatures), {
      BatchChain: this.batchChain.interface,
      SequencerRegistry: this.registry.interface,
      L1Bridge: this.l1Bridge.interface,
    });
    this.config.onProgress?.({
      kind: "submitted",
      batchIndex: batch.header.batchIndex,
      txHash: receipt.hash,
      gasUsed: receipt.gasUsed,
    });
    return receipt;
  }

  /**
   * Answers the open DA requests against batches this sequencer signed (by its signing record), posting the data
   * from its key, read from its store or rebuilt from its L2 (see {@link DAAnswerer}). `options` apply from the first
   * call, whose answerer later calls reuse (it remembers how far it scanned). Throws InvalidDAOptionError without a
   * configured `daRequestManager`.
   */
  async answerDataRequests(options: DataRequestAnswerOptions = {}): Promise<DAAnswerRound> {
    const { daRequestManager } = this.config;
    if (daRequestManager === undefined) {
      throw new InvalidDAOptionError("daRequestManager", undefined, "an address, to answer DA requests");
    }
    this.answerer ??= new DAAnswerer({
      fromBlock: scanStart(this.config),
      ...(this.config.logChunk === undefined ? {} : { logChunk: this.config.logChunk }),
      ...options,
      poster: this.config.key,
      daRequestManager,
      batchChain: this.config.batchChain,
      l2: this.config.l2,
      l2Bridge: this.config.l2Bridge,
      store: this.config.store,
      signed: this.record,
    });
    return this.answerer.answerOpen();
  }

  /**
   * Settles the finalized batches after the last one this client settled (its key pays; at most `maxSettlements` per
   * call), then claims what the staking account was credited, if anything. Reports `rewards-settled` and
   * `rewards-claimed`. Throws RewardPoolNotConfiguredError without a configured `rewardPool`.
   */
  async settleRewards(): Promise<RewardRound> {
    const round = await this.rewardKeeper().round(true);
    this.reportRewards(round);
    return round;
  }

  /** Claims the staking account's rewards, when it has any: what was paid, or undefined. */
  async claimRewards(): Promise<RewardRound["claim"]> {
    const claim = await this.rewardKeeper().claim();
    if (claim !== undefined)
      this.reportRewards({ settlement: { settled: [], skipped: [], waiting: [], nextBatch: 0n }, claim });
    return claim;
  }

  /**
   * Runs {@link settleRewards} every `intervalMs` until the returned loop is stopped; a failed round is reported as
   * `rewards-failed` (and to `onError`) and the next one runs as scheduled.
   */
  startRewards(options: Pick<RewardLoopOptions, "intervalMs" | "claim" | "onError">): RewardLoop {
    return this.rewardKeeper().start({
      ...options,
      onRound: (round) => {
        this.reportRewards(round);
      },
      onError: (error) => {
        this.config.onProgress?.({
          kind: "rewards-failed",
          reason: error instanceof Error ? error.message : String(error),
        });
        options.onError?.(error);
      },
    });
  }

  private rewardKeeper(): RewardKeeper {
    const { rewardPool } = this.config;
    if (rewardPool === undefined) throw new RewardPoolNotConfiguredError();
    this.rewards ??= new RewardKeeper({
      rewardPool,
      batchChain: this.config.batchChain,
      settler: this.config.key,
      account: this.config.stakingAccount ?? this.config.key,
      fromBlock: scanStart(this.config),
      ...this.scanOptions(),
      ...(this.config.maxSettlements === undefined ? {} : { maxBatches: this.config.maxSettlements }),
    });
    return this.rewards;
  }

  private reportRewards(round: RewardRound): void {
    const { settlement, claim } = round;
    if (settlement.settled.length !== 0 || settlement.skipped.length !== 0) {
      this.config.onProgress?.({
        kind: "rewards-settled",
        batches: settlement.settled.map((entry) => entry.batchIndex),
        skipped: settlement.skipped,
        nextBatch: settlement.nextBatch,
      });
    }
    if (claim !== undefined) {
      this.config.onProgress?.({
        kind: "rewards-claimed",
        account: (this.config.stakingAccount ?? this.config.key).address,
        eth: claim.paid.eth,
        tokens: claim.paid.tokens,
        txHash: claim.receipt.hash,
      });
    }
  }

  /** The EIP-712 domain of headers for this BatchChain. */
  async domain() {
    const { chainId } = await providerOf(this.batchChain, "the sequencer key").getNetwork();
    return batchHeaderDomain(chainId, this.config.batchChain as Address);
  }
}

/**
 * Waits for `work` until `deadline` (`Date.now()` time) at most, without stopping it: whether it ended (resolved or
 * rejected) by then. A deadline already past does not wait.
 */
async function within(work: Promise<unknown>, deadline: number): Promise<boolean> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, remaining);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
