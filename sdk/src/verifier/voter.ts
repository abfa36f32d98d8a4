/**
 * The Voter: a staked verifier's agent in execution disputes. It follows DisputeManager's ExecutionChallenged log in
 * bounded chunks and, at each {@link Voter.poll}, moves every open dispute on by its status (one `disputeStatus`
 * read each): while Committing it asks its judge whether the challenge is right, draws a random salt, SAVES the vote
 * and the salt, and only then sends the commitment; while Revealing it reveals with the saved salt (so a restarted
 * voter with the same store still reveals); once Resolvable it may apply the end; and it settles its closed votes
 * and claims whatever the registry credits it. Browser-safe: it only sends requests.
 */
import { randomBytes, type ContractTransactionReceipt, type Provider, type Signer } from "ethers";

import { transact } from "../contracts/transact";
import { type DisputeManager, type VerifierRegistry } from "../contracts";
import { NotConnectedError } from "../errors/chain";
import { MissingChallengeContextError } from "../errors/challenge";
import {
  DisputeNotFoundError,
  NoVoteWeightError,
  VoteRecordMismatchError,
  VoteSaltMissingError,
} from "../errors/dispute";
import { CursorMismatchError, InvalidVerifierOptionError } from "../errors/verifier";
import {
  bytesToHex,
  voteCommitment,
  ZERO_HASH,
  type Address,
  type BatchHeader,
  VOTE_PHASES,
  type DisputeStatusName,
  type Hex,
} from "../proof";

import { resolutionOf, submittedBatch, type DisputeResolution } from "./challenger";
import { MemoryCursorStore, type DisputeRecord, type VoteRecord, type VoteStore, type VoterCursor } from "./cursor";
import { FINAL_DISPUTE_STATUSES, getDisputeStatus } from "./disputes";
import { executionChallenges, type ExecutionChallenge } from "./logs";
import type { Replica } from "./replica";
import type { CommittedBatch } from "./types";
import { DEFAULT_LOG_CHUNK } from "./verifier";
import {
  batchChainInterface,
  connectBatchChain,
  connectDisputeManager,
  connectIERC20,
  connectVerifierRegistry,
  ierc20Interface,
  sequencerRegistryInterface,
  verifierRegistryInterface,
} from "../contracts/connectors";

/**
 * Decides a dispute: true upholds the challenge (the leaf's committed state root is wrong), false rejects it,
 * undefined means "not known yet" (asked again at the next poll while the commit period lasts).
 */
export type Judge = (dispute: ExecutionChallenge) => boolean | undefined | Promise<boolean | undefined>;

/**
 * The judge of a verifier with a replica: upholds iff the replica's state root at the disputed L2 block differs from
 * the one the leaf commits; undefined while the replica has not reached that block (its verifier has not replayed
 * the batch yet, or holds it back behind an earlier one).
 */
export function replicaJudge(replica: Pick<Replica, "head" | "block">): Judge {
  return async (dispute) => {
    if ((await replica.head()) < dispute.l2Block) return undefined;
    const block = await replica.block(dispute.l2Block);
    return block.stateRoot.toLowerCase() !== dispute.committedStateRoot.toLowerCase();
  };
}

/** The header and submitted signatures of a challenged batch, where the voter has them (a verifier's chain). */
export type BatchSource = (
  batchIndex: bigint,
  headerHash: Hex,
) =>
  | Pick<CommittedBatch, "header" | "signatures">
  | undefined
  | Promise<Pick<CommittedBatch, "header" | "signatures"> | undefined>;

/** A batch source reading a {@link Verifier}'s kept chain (its `chain`). */
export function chainBatches(chain: () => readonly CommittedBatch[]): BatchSource {
  return (batchIndex, headerHash) => {
    const batch = chain()[Number(batchIndex)];
    return batch?.headerHash === headerHash ? batch : undefined;
  };
}

export interface VoterConfig {
  /** The verifier's key, connected to L1: it stakes, votes, settles and claims. */
  readonly signer: Signer;
  readonly disputeManager: string;
  /** Decides each dispute it votes in ({@link replicaJudge} for a verifier with a replica). */
  readonly judge: Judge;
  /** Where its position, ballots and salts are kept (default in memory: a restart then cannot reveal). */
  readonly store?: VoteStore;
  /** The first L1 block to read logs from when the store is empty: at or before DisputeManager's deployment. */
  readonly startBlock?: bigint | number;
  /** Longest log range per `eth_getLogs` (default {@link DEFAULT_LOG_CHUNK}). */
  readonly chunkSize?: number;
  /** How many blocks behind L1's latest to follow (default 0). */
  readonly confirmations?: number;
  /** Apply the end of disputes that are Resolvable (`resolveDispute`; default false: someone else does). */
  readonly resolve?: boolean;
  /** Where a challenged batch's header and signatures are, for `resolve` (default: read from L1's logs). */
  readonly batches?: BatchSource;
  /** Settle its closed votes, and claim what it is owed, at every poll (default true). */
  readonly settle?: boolean;
  /** Closed votes settled per `settle` call at most (default 50). */
  readonly maxSettle?: number;
  /** The salt source (default 32 random bytes). Tests may pin it; a predictable salt reveals the vote early. */
  readonly salt?: () => Hex;
  /** Called with each action, as it happens. */
  readonly onAction?: (action: VoterAction) => void;
}

/** What a voter did (or why it did not) in one poll. */
export type VoterAction =
  | { readonly kind: "opened"; readonly dispute: ExecutionChallenge }
  | {
      readonly kind: "committed";
      readonly id: Hex;
      readonly uphold: boolean;
      readonly receipt: ContractTransactionReceipt | undefined;
    }
  | {
      readonly kind: "revealed";
      readonly id: Hex;
      readonly uphold: boolean;
      readonly receipt: ContractTransactionReceipt;
    }
  | { readonly kind: "resolved"; readonly id: Hex; readonly resolution: DisputeResolution }
  | { readonly kind: "closed"; readonly id: Hex; readonly status: DisputeStatusName }
  | {
      readonly kind: "skipped";
      readonly id: Hex;
      /** `noWeight`: no stake at the opening; `undecided`: the judge does not know yet. */
      readonly reason: "noWeight" | "undecided";
    }
  | { readonly kind: "settled"; readonly votes: bigint; readonly receipt: ContractTransactionReceipt }
  | {
      readonly kind: "claimed";
      readonly eth: bigint;
      readonly tokens: bigint;
      readonly receipt: ContractTransactionReceipt;
    }
  | { readonly kind: "failed"; readonly id: Hex | undefined; readonly error: unknown };

/** What one {@link Voter.poll} did. */
export interface PollReport {
  readonly actions: readonly VoterAction[];
  /** The disputes still open after it. */
  readonly open: readonly DisputeRecord[];
}

const DEFAULT_MAX_SETTLE = 50;

function integerOption(option: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidVerifierOptionError(option, value, `an integer of at least ${min}`);
  }
  return value;
}

/** A staked verifier's agent in execution disputes (see the module comment). */
export class Voter {
  readonly disputeManager: DisputeManager;
  private readonly chunkSize: bigint;
  private readonly confirmations: bigint;
  private readonly maxSettle: bigint;
  private readonly store: VoteStore;
  private readonly l1: Provider;
  private ready: Promise<void> | undefined;
  private registryContract!: VerifierRegistry;
  private address!: Address;
  private chainId = 0n;
  private nextBlock: bigint;
  private disputes: DisputeRecord[] = [];
  private readonly votes = new Map<Hex, VoteRecord>();
  private actions: VoterAction[] = [];
  private polling: Promise<unknown> = Promise.resolve();

  constructor(readonly config: VoterConfig) {
    if (config.signer.provider === null) throw new NotConnectedError("the voter's key", "provider");
    this.l1 = config.signer.provider;
    this.chunkSize = BigInt(integerOption("chunkSize", config.chunkSize, DEFAULT_LOG_CHUNK, 1));
    this.confirmations = BigInt(integerOption("confirmations", config.confirmations, 0, 0));
    this.maxSettle = BigInt(integerOption("maxSettle", config.maxSettle, DEFAULT_MAX_SETTLE, 1));
    const start = config.startBlock ?? 0;
    if (typeof start === "number") integerOption("startBlock", start, 0, 0);
    else if (start < 0n) throw new InvalidVerifierOptionError("startBlock", start, "an integer of at least 0");
    this.nextBlock = BigInt(start);
    this.store = config.store ?? new MemoryCursorStore();
    this.disputeManager = connectDisputeManager(config.disputeManager, config.signer);
  }

  /** The VerifierRegistry that runs the votes, connected to the voter's key. */
  async registry(): Promise<VerifierRegistry> {
    await this.init();
    return this.registryContract;
  }

  /** The open disputes it follows. */
  get open(): readonly DisputeRecord[] {
    return this.disputes;
  }

  /** Its saved ballot in dispute `id`, if any. */
  vote(id: Hex): VoteRecord | undefined {
    return this.votes.get(id.toLowerCase() as Hex);
  }

  /**
   * Stakes `amount` (more) tokens in the registry, approving it first: the stake counts in disputes opened from the
   * next second on.
   */
  async stake(amount: bigint): Promise<ContractTransactionReceipt> {
    const registry = await this.registry();
    const token = connectIERC20(await registry.token(), this.config.signer);
    await transact(() => token.approve(registry.target, amount), this.interfaces());
    return transact(() => registry.stake(amount), this.interfaces());
  }

  /**
   * Reads new ExecutionChallenged logs, then moves every open dispute on by its status, settles and claims. A failure
   * in one dispute (a reverted transaction, a missing salt) is reported as a `failed` action and does not stop the
   * others. The store is saved after each step that changes it, and the salt of a vote before its commitment is sent.
   * Polls run one at a time: a poll called during another starts when that one is done.
   */
  poll(): Promise<PollReport> {
    const next = this.polling.then(
      () => this.pollOnce(),
      () => this.pollOnce(),
    );
    this.polling = next.catch(() => undefined);
    return next;
  }

  private async pollOnce(): Promise<PollReport> {
    await this.init();
    this.actions = [];
    await this.readLogs();
    for (const dispute of [...this.disputes]) {
      try {
        await this.step(dispute);
      } catch (error) {
        this.act({ kind: "failed", id: dispute.id, error });
      }
    }
    if (this.config.settle ?? true) {
      try {
        await this.settleAndClaim();
      } catch (error) {
        this.act({ kind: "failed", id: undefined, error });
      }
    }
    await this.save();
    return { actions: this.actions, open: this.disputes };
  }

  /**
   * Commits `uphold` in open dispute `id` now: draws a salt, saves the ballot, then sends `commitVote` (a ballot
   * saved earlier is sent as it is). Throws {@link DisputeNotFoundError} for an unknown id and {@link
   * NoVoteWeightError} when the key had no weight at the opening, sending nothing; a commitment the registry refuses
   * (its commit period is over) comes back as a ContractRevertError.
   */
  async commit(id: Hex, uphold: boolean): Promise<ContractTransactionReceipt | undefined> {
    await this.init();
    const key = id.toLowerCase() as Hex;
    const { openedAt } = await this.disputeManager.executionDispute(key);
    if (openedAt === 0n) throw new DisputeNotFoundError(key);
    if ((await this.registryContract.weightAt(this.address, openedAt - 1n)) === 0n) {
      throw new NoVoteWeightError(key, this.address, openedAt);
    }
    if (!this.votes.has(key)) await this.record({ id: key, uphold, salt: this.drawSalt(), state: "drawn" });
    return this.sendCommit(key);
  }

  /**
   * Reveals the saved ballot in dispute `id`. Throws {@link VoteSaltMissingError} when the registry holds a
   * commitment of this key but the store no ballot, {@link VoteRecordMismatchError} when the saved ballot is not that
   * commitment.
   */
  async reveal(id: Hex): Promise<ContractTransactionReceipt | undefined> {
    await this.init();
    const key = id.toLowerCase() as Hex;
    const [commitment, revealed] = await this.registryContract.ballotOf(key, this.address);
    const vote = this.votes.get(key);
    if (revealed) {
      if (vote !== undefined && vote.state !== "revealed") await this.record({ ...vote, state: "revealed" });
      return undefined;
    }
    if (commitment === ZERO_HASH) return undefined; // nothing committed: nothing to reveal
    if (vote === undefined) throw new VoteSaltMissingError(key, this.address);
    const actual = voteCommitment(key, vote.uphold, vote.salt, this.address);
    if (actual !== commitment.toLowerCase()) {
      throw new VoteRecordMismatchError(key, this.address, commitment.toLowerCase(), actual);
    }
    const receipt = await transact(
      () => this.registryContract.revealVote(key, vote.uphold, vote.salt),
      this.interfaces(),
    );
    await this.record({ ...vote, state: "revealed" });
    this.act({ kind: "revealed", id: key, uphold: vote.uphold, receipt });
    return receipt;
  }

  /**
   * Applies the end of dispute `id` (`resolveDispute`), with the challenged batch's header and signatures from the
   * configured source or L1's logs. Refuses ({@link MissingChallengeContextError}) to resolve an upheld vote without
   * the batch's signatures: the signers given are the ones slashed, and the voters' reward is their share of it.
   */
  async resolve(id: Hex): Promise<DisputeResolution> {
    await this.init();
    const key = id.toLowerCase() as Hex;
    const dispute = this.disputes.find((d) => d.id === key);
    if (dispute === undefined) throw new InvalidVerifierOptionError("id", id, "an open dispute this voter follows");
    const { header, signatures } = await this.batchOf(dispute);
    if (signatures === undefined) {
      // An upheld dispute slashes the signers given and pays the voters their share of that slash: resolving it
      // without the batch's signatures would convict nobody now and leave the voters nothing.
      const [phase] = await this.registryContract.votePhase(key, dispute.openedAt);
      if (VOTE_PHASES[Number(phase)] === "Upheld") throw new MissingChallengeContextError("resolve", "signatures");
    }
    const receipt = await transact(
      () => this.disputeManager.resolveDispute(key, header, dispute.leafIndex, signatures ?? "0x"),
      this.interfaces(),
    );
    const resolution = resolutionOf(this.disputeManager, receipt);
    this.act({ kind: "resolved", id: key, resolution });
    return resolution;
  }

  // Steps -----------------------------------------------------------------------------------------------------------

  private async step(dispute: DisputeRecord): Promise<void> {
    const { status } = await getDisputeStatus(this.disputeManager, dispute.id);
    if (FINAL_DISPUTE_STATUSES.includes(status)) {
      this.disputes = this.disputes.filter((d) => d.id !== dispute.id);
      this.votes.delete(dispute.id);
      await this.save();
      this.act({ kind: "closed", id: dispute.id, status });
      return;
    }
    if (status === "Committing") await this.commitStep(dispute);
    else if (status === "Revealing") await this.reveal(dispute.id);
    else if (status === "Resolvable" && this.config.resolve === true) await this.resolve(dispute.id);
  }

  private async commitStep(dispute: DisputeRecord): Promise<void> {
    if (dispute.noWeight) return;
    const vote = this.votes.get(dispute.id);
    if (vote !== undefined && vote.state !== "drawn") return;
    if (vote === undefined) {
      const weight = await this.registryContract.weightAt(this.address, dispute.openedAt - 1n);
      if (weight === 0n) {
        this.replace({ ...dispute, noWeight: true });
        await this.save();
        this.act({ kind: "skipped", id: dispute.id, reason: "noWeight" });
        return;
      }
      const [commitment] = await this.registryContract.ballotOf(dispute.id, this.address);
      if (commitment !== ZERO_HASH) return; // committed by another client of this key: its store holds the salt
      const uphold = await this.config.judge(dispute);
      if (uphold === undefined) {
        this.act({ kind: "skipped", id: dispute.id, reason: "undecided" });
        return;
      }
      await this.record({ id: dispute.id, uphold, salt: this.drawSalt(), state: "drawn" });
    }
    await this.sendCommit(dispute.id);
  }

  /**
   * Sends the saved `drawn` ballot's commitment, unless the registry already holds it (a commitment sent before a
   * restart), and marks it committed.
   */
  private async sendCommit(id: Hex): Promise<ContractTransactionReceipt | undefined> {
    const vote = this.votes.get(id);
    if (vote === undefined || vote.state !== "drawn") return undefined;
    const expected = voteCommitment(id, vote.uphold, vote.salt, this.address);
    const [commitment] = await this.registryContract.ballotOf(id, this.address);
    let receipt: ContractTransactionReceipt | undefined;
    if (commitment === ZERO_HASH) {
      receipt = await transact(() => this.registryContract.commitVote(id, expected), this.interfaces());
    } else if (commitment.toLowerCase() !== expected) {
      throw new VoteRecordMismatchError(id, this.address, commitment.toLowerCase(), expected);
    }
    await this.record({ ...vote, state: "committed" });
    this.act({ kind: "committed", id, uphold: vote.uphold, receipt });
    return receipt;
  }

  private async settleAndClaim(): Promise<void> {
    const registry = this.registryContract;
    const [info, closed] = await Promise.all([registry.verifierInfo(this.address), registry.closedVoteCount()]);
    // A key that never staked (or withdrew) has nothing to settle.
    if (info.status !== 0n && info.settled < closed) {
      const count = closed - info.settled < this.maxSettle ? closed - info.settled : this.maxSettle;
      const receipt = await transact(() => registry.settle(this.address, count), this.interfaces());
      this.act({ kind: "settled", votes: count, receipt });
    }
    const [eth, tokens] = await registry.claimable(this.address);
    if (eth !== 0n || tokens !== 0n) {
      const receipt = await transact(() => registry.claim(), this.interfaces());
      this.act({ kind: "claimed", eth, tokens, receipt });
    }
  }

  // Logs and persistence --------------------------------------------------------------------------------------------

  private async readLogs(): Promise<void> {
    const latest = BigInt(await this.l1.getBlockNumber()) - this.confirmations;
    while (this.nextBlock <= latest) {
      const from = this.nextBlock;
      const to = from + this.chunkSize - 1n < latest ? from + this.chunkSize - 1n : latest;
      for (const challenge of await executionChallenges(this.l1, this.config.disputeManager, from, to)) {
        if (this.disputes.some((d) => d.id === challenge.id)) continue;
        const { openedAt } = await this.disputeManager.executionDispute(challenge.id);
        this.disputes.push({ ...challenge, openedAt, noWeight: false });
        this.act({ kind: "opened", dispute: challenge });
      }
      this.nextBlock = to + 1n;
      await this.save();
    }
  }

  private async batchOf(dispute: DisputeRecord): Promise<{ header: BatchHeader; signatures: Hex | undefined }> {
    const known = await this.config.batches?.(dispute.batchIndex, dispute.headerHash);
    if (known !== undefined) return known;
    const batchChain = connectBatchChain(await this.disputeManager.batchChain(), this.l1);
    const submitted = await submittedBatch(batchChain, dispute.batchIndex, {
      headerHash: dispute.headerHash,
      fromBlock: Number(this.config.startBlock ?? 0),
      toBlock: Number(dispute.l1Block),
    });
    return submitted;
  }

  private drawSalt(): Hex {
    return this.config.salt?.() ?? bytesToHex(randomBytes(32));
  }

  /** Saves `vote` (replacing the dispute's earlier ballot) before anything else happens. */
  private async record(vote: VoteRecord): Promise<void> {
    this.votes.set(vote.id, vote);
    await this.save();
  }

  private replace(dispute: DisputeRecord): void {
    this.disputes = this.disputes.map((d) => (d.id === dispute.id ? dispute : d));
  }

  private act(action: VoterAction): void {
    this.actions.push(action);
    this.config.onAction?.(action);
  }

  private interfaces() {
    return {
      VerifierRegistry: verifierRegistryInterface(),
      DisputeManager: this.disputeManager.interface,
      BatchChain: batchChainInterface(),
      SequencerRegistry: sequencerRegistryInterface(),
      Token: ierc20Interface(),
    };
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      this.address = (await this.config.signer.getAddress()).toLowerCase() as Address;
      this.chainId = (await this.l1.getNetwork()).chainId;
      this.registryContract = connectVerifierRegistry(await this.disputeManager.verifierRegistry(), this.config.signer);
      const saved = await this.store.loadVotes();
      if (saved === undefined) return;
      const expected = `${this.chainId}:${this.config.disputeManager.toLowerCase()}:${this.address}`;
      const actual = `${saved.chainId}:${saved.disputeManager}:${saved.voter}`;
      if (expected !== actual) throw new CursorMismatchError(expected, actual);
      this.nextBlock = saved.nextBlock;
      this.disputes = [...saved.disputes];
      for (const vote of saved.votes) this.votes.set(vote.id, vote);
    })();
    return this.ready;
  }

  private async save(): Promise<void> {
    const cursor: VoterCursor = {
      version: 1,
      chainId: this.chainId,
      disputeManager: this.config.disputeManager.toLowerCase() as Address,
      voter: this.address,
      nextBlock: this.nextBlock,
      disputes: this.disputes,
      votes: [...this.votes.values()],
    };
    await this.store.saveVotes(cursor);
  }
}
