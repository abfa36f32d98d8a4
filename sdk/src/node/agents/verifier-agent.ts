/**
 * A verifier as a long-running process: a {@link Verifier} on its own in-process L2 replica that follows BatchChain
 * with a cursor persisted in `dataDir`, reads each batch's data from the DA store, else the public L2, else the
 * batch's DA answer on L1 (raising the DA request itself when `da.request`), and challenges every finding with its
 * key (`challengeFindings`); a {@link Voter} whose ballots and salts are persisted in the same directory (so a
 * restarted verifier still reveals), judging by the replica; and the claims of what it is owed. Each tick (every
 * `pollMs`, never overlapping): sync, poll the votes, claim.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";

import { Wallet, type JsonRpcProvider } from "ethers";

import { L1DataSource } from "../../da/l1-source";
import { Challenger } from "../../verifier/challenger";
import { challengeFindings, type ChallengeResponse } from "../../verifier/respond";
import { Verifier, type VerifierEvent } from "../../verifier/verifier";
import { chainBatches, replicaJudge, Voter, type VoterAction } from "../../verifier/voter";
import { FileCursorStore } from "../verifier/file-cursor";
import { createL2Replica } from "../verifier/replica";

import type { VerifierAgentConfig } from "./config";
import { startHealthServer, type HealthReport, type HealthServer } from "./health";
import { createLogger, reasonOf, type Logger } from "./log";
import { DEGRADED_AFTER_TICKS, type AgentStartOptions } from "./sequencer-agent";
import { agentProvider, checkAgentChains, openAgentStore } from "./connections";

export interface VerifierHealth extends HealthReport {
  readonly role: "verifier";
  readonly address: string;
  /** Batches of the kept chain (batch 0 included), and the highest batch index checked and found honest (-1: none). */
  readonly batches: number;
  readonly verifiedBatch: number;
  /** Findings reported, challenges sent (structural proofs and execution disputes), votes committed or revealed. */
  readonly findings: number;
  readonly challenges: number;
  readonly votes: number;
  /** The end of the last sync (null before the first). */
  readonly lastSyncAt: string | null;
  readonly healthUrl?: string;
}

export class VerifierAgent {
  readonly verifier: Verifier;
  readonly voter: Voter | undefined;
  readonly challenger: Challenger;
  readonly logger: Logger;
  private healthServer: HealthServer | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticking: Promise<void> | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private l1Block = -1;
  private findings = 0;
  private challenges = 0;
  private votes = 0;
  private failedTicks = 0;
  private lastError: string | undefined;
  private lastSyncAt: Date | undefined;
  /** The state last logged for each batch not found honest, by header hash. */
  private readonly reported = new Map<string, string>();

  private constructor(
    readonly config: VerifierAgentConfig,
    private readonly key: Wallet,
    private readonly l1: JsonRpcProvider,
    private readonly l2: JsonRpcProvider,
    private readonly store: ReturnType<typeof openAgentStore>,
    replica: Awaited<ReturnType<typeof createL2Replica>>,
    logger: Logger,
  ) {
    this.logger = logger;
    const { deployment } = config;
    mkdirSync(config.dataDir, { recursive: true });
    // The cursor and the voter's ballots and salts share one file (FileCursorStore keeps both parts).
    const cursor = new FileCursorStore(path.join(config.dataDir, "cursor.json"));
    this.challenger = new Challenger({ signer: key, deployment });
    const l1Data = new L1DataSource({
      l1,
      daRequestManager: deployment.contracts.daRequestManager,
      deployment,
      ...(config.da.request ? { requester: key } : {}),
      pollMs: 1_000,
      onProgress: (progress) => {
        if (progress.kind === "requested") {
          this.logger.info("da-requested", {
            batchIndex: progress.batchIndex,
            headerHash: progress.headerHash,
            txHash: progress.txHash,
          });
        } else if (progress.kind === "answered") {
          this.logger.info("da-answer-found", { headerHash: progress.headerHash, l1Block: progress.l1Block });
        }
      },
    });
    this.verifier = new Verifier({
      l1,
      l2,
      deployment,
      store,
      replica,
      cursor,
      l1Data,
      dataTimeouts: { l1: config.da.l1WaitMs },
      onFinding: challengeFindings(this.challenger, {
        l2,
        execution: config.challenge.execution,
        onResponse: (response) => {
          this.onResponse(response);
        },
      }),
      onProgress: (event) => {
        this.onVerifierEvent(event);
      },
    });
    this.voter =
      config.vote === undefined
        ? undefined
        : new Voter({
            signer: key,
            deployment,
            judge: replicaJudge(replica),
            store: cursor,
            resolve: true,
            batches: chainBatches(() => this.verifier.chain),
            onAction: (action) => {
              this.onVoterAction(action);
            },
          });
  }

  /** Builds the agent from `config`, stakes up to `vote.stake`, starts its health endpoint and its loop. */
  static async start(config: VerifierAgentConfig, options: AgentStartOptions = {}): Promise<VerifierAgent> {
    const logger = options.logger ?? createLogger({ name: config.name, level: config.log.level });
    const l1 = agentProvider(config.l1, config.deployment.l1ChainId);
    const l2 = agentProvider(config.l2, config.deployment.l2ChainId);
    const store = openAgentStore(config.store);
    let agent: VerifierAgent | undefined;
    try {
      await checkAgentChains(config, { l1, l2 }, logger);
      const replica = await createL2Replica();
      agent = new VerifierAgent(config, new Wallet(config.key, l1), l1, l2, store, replica, logger);
      await agent.open();
    } catch (error) {
      await agent?.healthServer?.close();
      l1.destroy();
      l2.destroy();
      store.destroy();
      throw error;
    }
    return agent;
  }

  private async open(): Promise<void> {
    const { config } = this;
    if (this.voter !== undefined && config.vote !== undefined && config.vote.stake > 0n) {
      // A stake that fails (no tokens yet, L1 down) is logged: the voter then votes with what it has, if anything.
      try {
        const registry = await this.voter.registry();
        const { stake } = await registry.verifierInfo(this.key.address);
        if (stake < config.vote.stake) {
          const receipt = await this.voter.stake(config.vote.stake - stake);
          this.logger.info("staked", { amount: config.vote.stake - stake, txHash: receipt.hash });
        }
      } catch (error) {
        this.logger.error("stake-failed", { amount: config.vote.stake, reason: reasonOf(error) });
      }
    }
    if (config.health !== undefined) {
      this.healthServer = await startHealthServer({ ...config.health, report: () => this.health() });
    }
    this.logger.info("started", {
      role: "verifier",
      address: this.key.address,
      healthUrl: this.healthServer?.url,
      l1: config.l1,
      l2: config.l2,
      dataDir: config.dataDir,
      votes: this.voter !== undefined,
      daRequests: config.da.request,
    });
    this.schedule(0);
  }

  get healthUrl(): string | undefined {
    return this.healthServer?.url;
  }

  health(): VerifierHealth {
    const status = this.stopping ? "stopping" : this.failedTicks >= DEGRADED_AFTER_TICKS ? "degraded" : "ok";
    return {
      status,
      role: "verifier",
      name: this.config.name,
      address: this.key.address,
      l1Block: this.l1Block,
      batches: this.verifier.chain.length,
      verifiedBatch: this.verifiedBatch(),
      findings: this.findings,
      challenges: this.challenges,
      votes: this.votes,
      lastSyncAt: this.lastSyncAt?.toISOString() ?? null,
      ...(this.healthServer === undefined ? {} : { healthUrl: this.healthServer.url }),
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  /**
   * The highest index of the kept chain checked and found honest, -1 when none is (from the cursor after a restart;
   * a rolled-back batch has left the chain).
   */
  verifiedBatch(): number {
    const chain = this.verifier.chain;
    for (let i = chain.length - 1; i >= 0; i--) if (chain[i]?.state === "checked") return i;
    return -1;
  }

  /**
   * Stops gracefully: no new tick starts, the one under way ends (the sync in flight finishes and saves its cursor,
   * a vote in flight is saved), then the health endpoint closes. Calling it again waits for the same stop.
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
    await this.healthServer?.close();
    this.l1.destroy();
    this.l2.destroy();
    this.store.destroy();
    this.logger.info("stopped", { verifiedBatch: this.verifiedBatch(), findings: this.findings });
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

  /** One round: sync, votes, claims. Never throws. */
  async tick(): Promise<void> {
    /** Runs one step; false when it failed (L1 or L2 not reached, or an error). */
    const step = async (name: string, work: () => Promise<void>): Promise<boolean> => {
      if (this.stopping && name !== "sync") return true;
      try {
        await work();
        return true;
      } catch (error) {
        this.lastError = `${name}: ${reasonOf(error)}`;
        this.logger.warn("tick-failed", { step: name, reason: reasonOf(error) });
        return false;
      }
    };
    let reached = await step("sync", async () => {
      const { progress } = await this.verifier.sync();
      this.l1Block = Number(progress.l1Block);
      this.lastSyncAt = new Date();
    });
    if (this.voter !== undefined) {
      const voter = this.voter;
      reached =
        (await step("vote", async () => {
          await voter.poll();
        })) && reached;
    }
    reached = (await step("claim", () => this.claim())) && reached;
    this.failedTicks = reached ? 0 : this.failedTicks + 1;
    if (reached) this.lastError = undefined;
  }

  /** Claims the challenger's rewards (SequencerRegistry) and dispute payouts (VerifierRegistry) when there are any. */
  private async claim(): Promise<void> {
    if ((await this.challenger.claimable()) > 0n) {
      const { receipt, amount } = await this.challenger.claimReward();
      this.logger.info("claimed", { from: "SequencerRegistry", tokens: amount, txHash: receipt.hash });
    }
    // A voter claims the VerifierRegistry's credit itself at each poll.
    if (this.voter !== undefined) return;
    const { eth, tokens } = await this.challenger.disputePayout();
    if (eth > 0n || tokens > 0n) {
      const paid = await this.challenger.claimDisputePayout();
      this.logger.info("claimed", {
        from: "VerifierRegistry",
        eth: paid.eth,
        tokens: paid.tokens,
        txHash: paid.receipt.hash,
      });
    }
  }

  private onVerifierEvent(event: VerifierEvent): void {
    switch (event.kind) {
      case "checked": {
        const record = this.verifier.chain[Number(event.batchIndex)];
        if (event.state === "checked") {
          this.logger.info("batch-verified", {
            batchIndex: event.batchIndex,
            headerHash: record?.headerHash,
            blocks: event.blocks,
            transactions: event.transactions,
          });
        } else if (this.reported.get(record?.headerHash ?? "") !== event.state) {
          // Once per batch and state: an unavailable batch is checked again at every sync.
          this.reported.set(record?.headerHash ?? "", event.state);
          this.logger.warn("batch-checked", {
            batchIndex: event.batchIndex,
            headerHash: record?.headerHash,
            state: event.state,
            findings: event.findings,
          });
        }
        return;
      }
      case "data":
        if (event.source !== "store" || event.failures.length > 0)
          this.logger.info("data-source", {
            batchIndex: event.batchIndex,
            source: event.source,
            failures: event.failures.map(({ source, error }) => `${source}: ${reasonOf(error)}`),
          });
        return;
      case "data-unavailable":
        this.logger.warn("data-unavailable", {
          batchIndex: event.batchIndex,
          failures: event.failures.map(({ source, error }) => `${source}: ${reasonOf(error)}`),
        });
        return;
      case "rolled-back":
        this.logger.info("rolled-back", { fromIndex: event.fromIndex, previousCount: event.previousCount });
        return;
      case "finding": {
        this.findings++;
        const { finding } = event.report;
        this.logger.warn("finding", { ...finding, type: event.report.type });
        return;
      }
      case "held":
        this.logger.debug("held", { batchIndex: event.batchIndex, waitingFor: event.waitingFor });
        return;
      default:
        this.logger.debug(event.kind, {});
    }
  }

  private onResponse(response: ChallengeResponse): void {
    const { finding } = response;
    const base = { kind: finding.kind, batchIndex: "batchIndex" in finding ? finding.batchIndex : undefined };
    if (response.action === "challenged" || response.action === "disputed") {
      this.challenges++;
      this.logger.info("challenged", {
        ...base,
        action: response.action,
        txHash: response.result.receipt.hash,
        ...(response.action === "disputed" ? { disputeId: response.result.id } : {}),
      });
    } else if (response.action === "failed") {
      this.logger.warn("challenge-failed", { ...base, reason: reasonOf(response.error) });
    } else {
      this.logger.info("finding-passed", base);
    }
  }

  private onVoterAction(action: VoterAction): void {
    switch (action.kind) {
      case "committed":
      case "revealed":
        this.votes++;
        this.logger.info("voted", {
          phase: action.kind,
          disputeId: action.id,
          uphold: action.uphold,
          txHash: action.receipt?.hash,
        });
        return;
      case "claimed":
        this.logger.info("claimed", {
          from: "VerifierRegistry",
          eth: action.eth,
          tokens: action.tokens,
          txHash: action.receipt.hash,
        });
        return;
      case "failed":
        this.logger.warn("vote-failed", { disputeId: action.id, reason: reasonOf(action.error) });
        return;
      case "resolved":
        this.logger.info("dispute-resolved", { disputeId: action.id, txHash: action.resolution.receipt.hash });
        return;
      default:
        this.logger.debug(`vote-${action.kind}`, { disputeId: "id" in action ? action.id : undefined });
    }
  }
}
