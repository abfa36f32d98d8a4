/**
 * A sequencer as a long-running process: a {@link Sequencer} built from an agent config, its signing endpoint on the
 * Peer Network (`startPeerServer`), one `PeerSigner` per configured peer, and a loop that every `pollMs` (one tick at
 * a time, never overlapping) proposes when the registry schedules it and there is something to batch, starts the
 * next epoch when the current one is over, answers DA requests against batches it signed, stores the batch
 * objects whose upload failed, and settles and claims rewards. Every failure is logged and tried again next tick; the
 * loop never stops on one. State that must survive a restart (what it signed, per slot) is in `dataDir`.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";

import { Wallet, type JsonRpcProvider } from "ethers";

import { connectL1Bridge } from "../../contracts/connectors";
import {
  InvalidL2BlockError,
  NothingToBatchError,
  NotScheduledError,
  QuorumNotReachedError,
} from "../../errors/sequencer";
import { headerHash, type BatchHeader } from "../../proof";
import { startNextEpoch } from "../../sequencer/epochs";
import { Sequencer, type HeaderSigner, type SequencerEvent } from "../../sequencer/sequencer";
import type { SigningSlot } from "../../sequencer/signing-record";
import { PeerSigner } from "../peer/client";
import { startPeerServer, type PeerServer } from "../peer/server";
import { FileSigningRecord } from "../sequencer/file-signing-record";

import type { SequencerAgentConfig } from "./config";
import { startHealthServer, type HealthReport, type HealthServer } from "./health";
import { createLogger, reasonOf, type Logger } from "./log";
import { agentProvider, checkAgentChains, openAgentStore } from "./connections";

/** Ticks in a row that failed to reach L1 or L2 before the health status says "degraded". */
export const DEGRADED_AFTER_TICKS = 3;

/** Longest wait for an epoch's seed block in one tick, in milliseconds. */
export const EPOCH_WAIT_MS = 60_000;

/** How long the registry's members are cached for the peer server's authorisation, in milliseconds. */
export const MEMBERS_CACHE_MS = 2_000;

export interface SequencerHealth extends HealthReport {
  readonly role: "sequencer";
  readonly address: string;
  readonly scheduled: boolean;
  /** The index of the last batch this agent submitted (null before its first). */
  readonly lastSubmittedBatch: number | null;
  readonly batchesSubmitted: number;
  /** Peers' headers this agent signed, and refused to sign. */
  readonly signed: number;
  readonly refused: number;
  readonly queuedUploads: number;
  /** Batches on L1 (batch 0, the genesis anchor, included) at the last tick. */
  readonly l1Batches: number;
  /** The signing endpoint's and the health endpoint's URLs. */
  readonly peerUrl: string;
  readonly healthUrl?: string;
  readonly lastTickAt: string | null;
  /** The first invalid L2 block after L1's tip, when the last proposal found one (the agent does not sign over it). */
  readonly invalidL2Block: number | null;
}

export interface AgentStartOptions {
  /** Where its log lines go (default: JSON lines on standard output at the config's level). */
  readonly logger?: Logger;
}

export class SequencerAgent {
  readonly sequencer: Sequencer;
  readonly logger: Logger;
  readonly peers: readonly PeerSigner[];
  private peerServer: PeerServer | undefined;
  private healthServer: HealthServer | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticking: Promise<void> | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private l1Block = -1;
  private l1Batches = 0;
  private scheduled = false;
  private lastSubmittedBatch: bigint | undefined;
  private batchesSubmitted = 0;
  private signedCount = 0;
  private refusedCount = 0;
  private failedTicks = 0;
  private lastError: string | undefined;
  private lastTickAt: Date | undefined;
  private lastProposalAt = 0;
  private lastRewardsAt = 0;
  private nextEpochAttemptAt = 0;
  private lastInvalidBlock: string | undefined;
  /** The first invalid L2 block after L1's tip that the last proposal found, if any. */
  private invalidBlock: bigint | undefined;
  private members: { at: number; value: Promise<readonly { readonly signer: string }[]> } | undefined;

  private constructor(
    readonly config: SequencerAgentConfig,
    private readonly l1: JsonRpcProvider,
    private readonly l2: JsonRpcProvider,
    private readonly store: ReturnType<typeof openAgentStore>,
    logger: Logger,
  ) {
    this.logger = logger;
    const key = new Wallet(config.key, l1);
    const relayer = config.relayerKey === undefined ? undefined : new Wallet(config.relayerKey, l2);
    mkdirSync(config.dataDir, { recursive: true });
    this.sequencer = new Sequencer({
      key,
      deployment: config.deployment,
      l2,
      store,
      ...(relayer === undefined ? {} : { relayer }),
      record: new FileSigningRecord(path.join(config.dataDir, "signing-record")),
      ...(config.maxBlocksPerBatch === undefined ? {} : { maxBlocksPerBatch: config.maxBlocksPerBatch }),
      ...(config.l1Finality === undefined ? {} : { l1Finality: config.l1Finality }),
      onProgress: (event) => {
        this.onSequencerEvent(event);
      },
    });
    const own = key.address.toLowerCase();
    this.peers = config.peers
      .filter((peer) => peer.address.toLowerCase() !== own)
      .map(
        (peer) =>
          new PeerSigner({
            address: peer.address,
            url: peer.url,
            auth: key,
            batchChain: config.deployment.contracts.batchChain,
            timeoutMs: config.peerTimeoutMs,
            retries: config.peerRetries,
          }),
      );
  }

  /** Builds the agent from `config`, starts its signing and health endpoints, and starts its loop. */
  static async start(config: SequencerAgentConfig, options: AgentStartOptions = {}): Promise<SequencerAgent> {
    const logger = options.logger ?? createLogger({ name: config.name, level: config.log.level });
    const l1 = agentProvider(config.l1, config.deployment.l1ChainId);
    const l2 = agentProvider(config.l2, config.deployment.l2ChainId);
    const store = openAgentStore(config.store);
    let agent: SequencerAgent | undefined;
    try {
      await checkAgentChains(config, { l1, l2 }, logger);
      agent = new SequencerAgent(config, l1, l2, store, logger);
      await agent.open();
    } catch (error) {
      await agent?.closeServers();
      l1.destroy();
      l2.destroy();
      store.destroy();
      throw error;
    }
    return agent;
  }

  private async open(): Promise<void> {
    const { config } = this;
    this.peerServer = await startPeerServer({
      signer: this.signer(),
      registry: { members: () => this.cachedMembers() },
      batchChain: config.deployment.contracts.batchChain,
      host: config.peer.host,
      port: config.peer.port,
    });
    if (config.health !== undefined) {
      this.healthServer = await startHealthServer({ ...config.health, report: () => this.health() });
    }
    this.logger.info("started", {
      role: "sequencer",
      address: this.sequencer.address,
      peerUrl: this.peerUrl,
      healthUrl: this.healthServer?.url,
      peers: this.peers.map((peer) => peer.address),
      l1: config.l1,
      l2: config.l2,
      dataDir: config.dataDir,
      relays: config.relayerKey !== undefined,
    });
    this.schedule(0);
  }

  /** The signing endpoint's URL. */
  get peerUrl(): string {
    return this.peerServer?.url ?? "";
  }

  get healthUrl(): string | undefined {
    return this.healthServer?.url;
  }

  health(): SequencerHealth {
    const status = this.stopping ? "stopping" : this.failedTicks >= DEGRADED_AFTER_TICKS ? "degraded" : "ok";
    return {
      status,
      role: "sequencer",
      name: this.config.name,
      address: this.sequencer.address,
      l1Block: this.l1Block,
      scheduled: this.scheduled,
      lastSubmittedBatch: this.lastSubmittedBatch === undefined ? null : Number(this.lastSubmittedBatch),
      batchesSubmitted: this.batchesSubmitted,
      signed: this.signedCount,
      refused: this.refusedCount,
      queuedUploads: this.sequencer.queuedUploads.length,
      l1Batches: this.l1Batches,
      peerUrl: this.peerUrl,
      ...(this.healthServer === undefined ? {} : { healthUrl: this.healthServer.url }),
      lastTickAt: this.lastTickAt?.toISOString() ?? null,
      invalidL2Block: this.invalidBlock === undefined ? null : Number(this.invalidBlock),
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  /**
   * Stops gracefully: no new tick starts, the one under way ends (a proposal in flight finishes), the store writes
   * left running end, the signing endpoint closes once its requests in flight are answered, then the health endpoint.
   * Calling it again waits for the same stop.
   */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.logger.info("stopping", {});
    clearTimeout(this.timer);
    await this.ticking;
    await this.sequencer.settleStoreWrites();
    await this.closeServers();
    this.l1.destroy();
    this.l2.destroy();
    this.store.destroy();
    this.logger.info("stopped", { batchesSubmitted: this.batchesSubmitted, signed: this.signedCount });
  }

  private async closeServers(): Promise<void> {
    await this.peerServer?.close();
    await this.healthServer?.close();
  }

  private schedule(delay: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
        this.schedule(this.config.pollMs);
      });
    }, delay);
  }

  /** One round of the loop (see the module comment); never throws. */
  async tick(): Promise<void> {
    let reached: boolean;
    /** Runs one step; false when it failed (L1 or L2 not reached, or an error). */
    const step = async (name: string, work: () => Promise<void>): Promise<boolean> => {
      if (this.stopping && name !== "propose") return true;
      try {
        await work();
        return true;
      } catch (error) {
        this.lastError = `${name}: ${reasonOf(error)}`;
        this.logger.warn("tick-failed", { step: name, reason: reasonOf(error) });
        return false;
      }
    };
    reached = await step("l1", async () => {
      this.l1Block = await this.l1.getBlockNumber();
    });
    if (reached) {
      // Proposing first: a turn is never delayed by the wait for an epoch's seed block.
      reached = (await step("propose", () => this.maybePropose())) && reached;
      if (this.config.epochs.start) reached = (await step("epoch", () => this.maybeStartEpoch())) && reached;
      if (this.config.da.answer) reached = (await step("da", () => this.answerDataRequests())) && reached;
      if (this.sequencer.queuedUploads.length > 0)
        reached =
          (await step("uploads", async () => {
            await this.sequencer.retryUploads();
          })) && reached;
      if (this.config.rewards !== undefined)
        reached = (await step("rewards", () => this.maybeSettleRewards())) && reached;
    }
    this.failedTicks = reached ? 0 : this.failedTicks + 1;
    if (reached) this.lastError = undefined;
    this.lastTickAt = new Date();
  }

  private async maybeStartEpoch(): Promise<void> {
    if (Date.now() < this.nextEpochAttemptAt) return;
    const registry = this.sequencer.registry;
    const [duration, [, startedAt, size], block] = await Promise.all([
      registry.epochDuration(),
      registry.currentEpoch(),
      this.l1.getBlock("latest"),
    ]);
    if (block === null) return;
    if (startedAt !== 0n && size !== 0n && BigInt(block.timestamp) < startedAt + duration) return;
    try {
      // The seed block is waited for a minute at most (and not at all once stopping): activating before it reverts,
      // and the next attempt waits again.
      const until = Date.now() + EPOCH_WAIT_MS;
      const receipt = await startNextEpoch(registry, {
        waitForBlock: async (seedBlock) => {
          while (!this.stopping && Date.now() < until && BigInt(await this.l1.getBlockNumber()) < seedBlock)
            await new Promise((resolve) => setTimeout(resolve, Math.min(this.config.pollMs, 1_000)));
        },
      });
      const [number] = await registry.currentEpoch();
      this.logger.info("epoch-started", { epoch: number, txHash: receipt.hash });
    } catch (error) {
      // Someone else started it, or the epoch cannot start yet (too few stakers): try again later.
      this.nextEpochAttemptAt = Date.now() + Math.max(10 * this.config.pollMs, 10_000);
      this.logger.debug("epoch-not-started", { reason: reasonOf(error) });
    }
  }

  private async maybePropose(): Promise<void> {
    const [scheduled, batchCount, [lastBlock, depositCount], l2Head, deposits] = await Promise.all([
      this.sequencer.isScheduled(),
      this.sequencer.batchChain.batchCount(),
      this.sequencer.batchChain.tip(),
      this.l2.getBlockNumber(),
      connectL1Bridge(this.config.deployment.contracts.l1Bridge, this.l1).depositCount(),
    ]);
    this.scheduled = scheduled;
    this.l1Batches = Number(batchCount);
    if (!scheduled || this.stopping) return;
    if (BigInt(l2Head) <= lastBlock && deposits <= depositCount) return;
    if (Date.now() - this.lastProposalAt < this.config.minBatchIntervalMs) return;
    try {
      const { batch, receipt, signers } = await this.sequencer.propose(this.peers);
      this.invalidBlock = undefined;
      this.lastInvalidBlock = undefined;
      this.lastProposalAt = Date.now();
      this.lastSubmittedBatch = batch.header.batchIndex;
      this.batchesSubmitted++;
      this.logger.info("batch-submitted", {
        batchIndex: batch.header.batchIndex,
        txHash: receipt.hash,
        firstBlock: batch.header.firstBlock,
        lastBlock: batch.header.lastBlock,
        headerHash: headerHash(batch.header),
        depositCount: batch.header.depositCount,
        signers,
        gasUsed: receipt.gasUsed,
      });
    } catch (error) {
      if (error instanceof NothingToBatchError) {
        this.logger.debug("nothing-to-batch", { lastCommittedBlock: error.lastCommittedBlock });
        return;
      }
      if (error instanceof InvalidL2BlockError) {
        // A remote L2 node cannot be rewound from here (Sequencer.recover needs an L2Node): never sign over it. Logged
        // once per block and reason, not every tick.
        const invalid = `${error.blockNumber}:${error.reason}`;
        if (invalid !== this.lastInvalidBlock)
          this.logger.error("l2-invalid-block", { block: error.blockNumber, reason: error.reason });
        this.lastInvalidBlock = invalid;
        this.invalidBlock = error.blockNumber;
        return;
      }
      this.lastProposalAt = error instanceof NotScheduledError ? this.lastProposalAt : Date.now();
      this.logger.warn("proposal-failed", {
        reason: reasonOf(error),
        error: error instanceof Error ? error.name : "Error",
        ...(error instanceof QuorumNotReachedError
          ? {
              signedStake: error.signedStake,
              totalStake: error.totalStake,
              refusals: error.refusals.map((refusal) => reasonOf(refusal)),
            }
          : {}),
      });
    }
  }

  private async answerDataRequests(): Promise<void> {
    const round = await this.sequencer.answerDataRequests();
    for (const answer of round.answered) {
      this.logger.info("da-answered", {
        batchIndex: answer.batchIndex,
        headerHash: answer.headerHash,
        status: answer.status,
        chunks: answer.chunks,
        gasUsed: answer.gasUsed,
      });
    }
  }

  private async maybeSettleRewards(): Promise<void> {
    const { rewards, deployment } = this.config;
    if (rewards === undefined || !deployment.contracts.rewardPool) return;
    if (Date.now() - this.lastRewardsAt < rewards.intervalMs) return;
    this.lastRewardsAt = Date.now();
    // In the tick rather than on a timer of its own: one key's transactions are then never sent concurrently.
    await this.sequencer.settleRewards();
  }

  /** The registry's members, read at most every {@link MEMBERS_CACHE_MS} (the peer server asks per request). */
  private cachedMembers(): Promise<readonly { readonly signer: string }[]> {
    const now = Date.now();
    if (this.members === undefined || now - this.members.at > MEMBERS_CACHE_MS) {
      const value = this.sequencer.registry.members().then((members) => members.map(({ signer }) => ({ signer })));
      this.members = { at: now, value };
      value.catch(() => {
        if (this.members?.value === value) this.members = undefined;
      });
    }
    return this.members.value;
  }

  /** The sequencer as the signing endpoint's signer, counting and logging what it signs and refuses. */
  private signer(): HeaderSigner {
    const sequencer = this.sequencer;
    return {
      address: sequencer.address,
      sign: async (header: BatchHeader) => {
        try {
          const signature = await sequencer.sign(header);
          this.signedCount++;
          this.logger.info("signed", {
            batchIndex: header.batchIndex,
            firstBlock: header.firstBlock,
            lastBlock: header.lastBlock,
          });
          return signature;
        } catch (error) {
          this.refusedCount++;
          this.logger.warn("refused", {
            batchIndex: header.batchIndex,
            reason: reasonOf(error),
            error: error instanceof Error ? error.name : "Error",
          });
          throw error;
        }
      },
      signedFor: (slot: SigningSlot) => sequencer.signedFor(slot),
    };
  }

  private onSequencerEvent(event: SequencerEvent): void {
    const { kind, ...fields } = event;
    switch (kind) {
      case "deposits-relayed":
      case "batch-built":
      case "rewards-settled":
      case "rewards-claimed":
      case "store-uploaded":
        this.logger.info(kind, fields);
        return;
      case "store-upload-failed":
      case "store-upload-pending":
      case "store-upload-dropped":
      case "range-changed":
      case "rewards-failed":
        this.logger.warn(kind, fields);
        return;
      case "signed":
        this.logger.debug("peer-signed", fields);
        return;
      case "refused":
        this.logger.info("peer-refused", fields);
        return;
      default:
        this.logger.debug(kind, fields);
    }
  }
}
