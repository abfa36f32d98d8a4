/**
 * Where a verifier stands, persisted so that a restart goes on where it stopped: the next L1 block to scan, and every
 * batch of the kept chain it knows with how far it got with it. A record keeps what the next batch's checks and a
 * rollback need (the header, the signatures, the committed last leaf and its proof), about a kilobyte a batch.
 *
 * A staked verifier's {@link Voter} keeps its own position in the same store: the next L1 block of DisputeManager's
 * log to scan, the execution disputes still open, and its votes with their salts. A salt is saved before its
 * commitment is sent, so a restarted voter still reveals what it committed.
 */
import { MalformedCursorError } from "../errors/verifier";
import type { Address, Hex } from "../proof";

import type { ExecutionChallenge } from "./logs";
import type { CommittedBatch, CommittedBlockLeaf, HeaderValue, LastLeaf } from "./types";

/**
 * How far the verifier got with a batch: `pending` (seen, not checked yet), `checked` (every check passed),
 * `faulty` (it reported findings; later batches wait until it is rolled back), `unavailable` (its data could not be
 * had; tried again at every sync, later batches wait).
 */
export type BatchState = "pending" | "checked" | "faulty" | "unavailable";

/** One batch of the kept chain, as the cursor records it. */
export interface BatchRecord extends CommittedBatch {
  readonly state: BatchState;
  /** The committed last block leaf and its proof, once the batch's leaves are known (checked or faulty). */
  readonly lastLeaf?: LastLeaf;
}

/** A verifier's persisted position. */
export interface VerifierCursor {
  readonly version: 1;
  /** The L1 chain and the BatchChain it follows. */
  readonly chainId: bigint;
  readonly batchChain: Address;
  /** The first L1 block whose logs it has not read yet. */
  readonly nextBlock: bigint;
  /** The kept chain from batch 0, in index order. */
  readonly batches: readonly BatchRecord[];
}

/**
 * How far a voter got with its ballot in a dispute: `drawn` (vote and salt chosen and saved; the commitment may or may
 * not have reached the registry), `committed`, `revealed`.
 */
export type VoteState = "drawn" | "committed" | "revealed";

/** A voter's ballot in one dispute: what it votes, the salt of its commitment, and how far it got. */
export interface VoteRecord {
  readonly id: Hex;
  /** True: the block's committed state root is wrong (the challenge is upheld). */
  readonly uphold: boolean;
  /** 32 random bytes; the commitment is `voteCommitment(id, uphold, salt, voter)`. */
  readonly salt: Hex;
  readonly state: VoteState;
}

/** An open execution dispute a voter follows. */
export interface DisputeRecord extends ExecutionChallenge {
  /** When it opened (weights and terms are read at the second before). */
  readonly openedAt: bigint;
  /** The voter had no weight at the opening: it does not vote in it. */
  readonly noWeight: boolean;
}

/** A voter's persisted position. */
export interface VoterCursor {
  readonly version: 1;
  /** The L1 chain, the DisputeManager it follows, and the verifier key it votes with. */
  readonly chainId: bigint;
  readonly disputeManager: Address;
  readonly voter: Address;
  /** The first L1 block whose logs it has not read yet. */
  readonly nextBlock: bigint;
  /** The disputes not final yet, in the order they opened. */
  readonly disputes: readonly DisputeRecord[];
  /** Its ballots in those disputes. */
  readonly votes: readonly VoteRecord[];
}

/** Where a voter's position and ballots are kept between runs. */
export interface VoteStore {
  /** The saved voter cursor, or undefined before the first save. */
  loadVotes(): Promise<VoterCursor | undefined>;
  saveVotes(cursor: VoterCursor): Promise<void>;
}

/** Where a cursor is kept between runs: the verifier's, and its voter's ballots beside it. */
export interface CursorStore extends VoteStore {
  /** The saved cursor, or undefined before the first save. */
  load(): Promise<VerifierCursor | undefined>;
  save(cursor: VerifierCursor): Promise<void>;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const leafJson = (leaf: CommittedBlockLeaf): Json => ({
  number: leaf.number.toString(),
  timestamp: leaf.timestamp.toString(),
  blockHash: leaf.blockHash,
  stateRoot: leaf.stateRoot,
  withdrawalRoot: leaf.withdrawalRoot,
});

const headerJson = (header: HeaderValue): Json => ({
  batchIndex: header.batchIndex.toString(),
  parentHash: header.parentHash,
  firstBlock: header.firstBlock.toString(),
  lastBlock: header.lastBlock.toString(),
  txCount: header.txCount,
  txBatchRoot: header.txBatchRoot,
  stateBatchRoot: header.stateBatchRoot,
  depositCount: header.depositCount.toString(),
  depositChainHash: header.depositChainHash,
  dataHash: header.dataHash,
});

/** The cursor as JSON text (integers as decimal strings). */
export function encodeCursor(cursor: VerifierCursor): string {
  const json: Json = {
    version: cursor.version,
    chainId: cursor.chainId.toString(),
    batchChain: cursor.batchChain,
    nextBlock: cursor.nextBlock.toString(),
    batches: cursor.batches.map((batch) => ({
      state: batch.state,
      header: headerJson(batch.header),
      headerHash: batch.headerHash,
      proposer: batch.proposer,
      l1Block: batch.l1Block.toString(),
      l1TxHash: batch.l1TxHash,
      signatures: batch.signatures ?? null,
      lastLeaf: batch.lastLeaf ? { leaf: leafJson(batch.lastLeaf.leaf), proof: [...batch.lastLeaf.proof] } : null,
    })),
  };
  return JSON.stringify(json);
}

/** Reads fields out of parsed JSON, naming the path of whatever is missing or of the wrong shape. */
class Reader {
  constructor(
    private readonly value: unknown,
    private readonly path: string,
  ) {}

  private field(name: string): unknown {
    if (typeof this.value !== "object" || this.value === null || Array.isArray(this.value)) {
      throw new MalformedCursorError(`${this.path} is not an object`);
    }
    return (this.value as Record<string, unknown>)[name];
  }

  object(name: string): Reader {
    return new Reader(this.field(name), `${this.path}.${name}`);
  }

  list(name: string): Reader[] {
    const value = this.field(name);
    if (!Array.isArray(value)) throw new MalformedCursorError(`${this.path}.${name} is not a list`);
    return value.map((item, i) => new Reader(item, `${this.path}.${name}[${i}]`));
  }

  has(name: string): boolean {
    const value = this.field(name);
    return value !== null && value !== undefined;
  }

  uint(name: string): bigint {
    const value = this.field(name);
    if (typeof value !== "string" || !/^(0|[1-9][0-9]*)$/.test(value)) {
      throw new MalformedCursorError(`${this.path}.${name} is not a decimal integer`);
    }
    return BigInt(value);
  }

  number(name: string): number {
    const value = this.field(name);
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new MalformedCursorError(`${this.path}.${name} is not a non-negative integer`);
    }
    return value;
  }

  hex(name: string, bytes?: number): Hex {
    const value = this.field(name);
    const pattern = bytes === undefined ? /^0x([0-9a-f]{2})*$/ : new RegExp(`^0x[0-9a-fA-F]{${2 * bytes}}$`);
    if (typeof value !== "string" || !pattern.test(value)) {
      throw new MalformedCursorError(`${this.path}.${name} is not ${bytes === undefined ? "hex" : `${bytes} bytes`}`);
    }
    return value as Hex;
  }

  hexItem(bytes: number): Hex {
    if (typeof this.value !== "string" || !new RegExp(`^0x[0-9a-f]{${2 * bytes}}$`).test(this.value)) {
      throw new MalformedCursorError(`${this.path} is not ${bytes} bytes`);
    }
    return this.value as Hex;
  }

  boolean(name: string): boolean {
    const value = this.field(name);
    if (typeof value !== "boolean") throw new MalformedCursorError(`${this.path}.${name} is not a boolean`);
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    const value = this.field(name);
    if (!values.includes(value as T))
      throw new MalformedCursorError(`${this.path}.${name} is not one of ${values.join(", ")}`);
    return value as T;
  }
}

function readLeaf(reader: Reader): CommittedBlockLeaf {
  return {
    number: reader.uint("number"),
    timestamp: reader.uint("timestamp"),
    blockHash: reader.hex("blockHash", 32),
    stateRoot: reader.hex("stateRoot", 32),
    withdrawalRoot: reader.hex("withdrawalRoot", 32),
  };
}

function readHeader(reader: Reader): HeaderValue {
  return {
    batchIndex: reader.uint("batchIndex"),
    parentHash: reader.hex("parentHash", 32),
    firstBlock: reader.uint("firstBlock"),
    lastBlock: reader.uint("lastBlock"),
    txCount: reader.number("txCount"),
    txBatchRoot: reader.hex("txBatchRoot", 32),
    stateBatchRoot: reader.hex("stateBatchRoot", 32),
    depositCount: reader.uint("depositCount"),
    depositChainHash: reader.hex("depositChainHash", 32),
    dataHash: reader.hex("dataHash", 32),
  };
}

const STATES: readonly BatchState[] = ["pending", "checked", "faulty", "unavailable"];

/** Parses {@link encodeCursor}'s text; {@link MalformedCursorError} naming the first field that is wrong. */
export function decodeCursor(text: string): VerifierCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new MalformedCursorError("not JSON", { cause: error });
  }
  const root = new Reader(parsed, "cursor");
  if (root.number("version") !== 1) throw new MalformedCursorError("cursor.version is not 1");
  const batches = root.list("batches").map((batch, i): BatchRecord => {
    const header = readHeader(batch.object("header"));
    if (header.batchIndex !== BigInt(i))
      throw new MalformedCursorError(`cursor.batches[${i}] is batch ${header.batchIndex}`);
    const record = {
      state: batch.oneOf("state", STATES),
      header,
      headerHash: batch.hex("headerHash", 32),
      proposer: batch.hex("proposer", 20),
      l1Block: batch.uint("l1Block"),
      l1TxHash: batch.hex("l1TxHash", 32),
      signatures: batch.has("signatures") ? batch.hex("signatures") : undefined,
    };
    if (!batch.has("lastLeaf")) {
      if (record.state === "checked" || record.state === "faulty") {
        throw new MalformedCursorError(`cursor.batches[${i}] is ${record.state} but has no lastLeaf`);
      }
      return record;
    }
    const lastLeaf = batch.object("lastLeaf");
    return {
      ...record,
      lastLeaf: { leaf: readLeaf(lastLeaf.object("leaf")), proof: lastLeaf.list("proof").map((p) => p.hexItem(32)) },
    };
  });
  return {
    version: 1,
    chainId: root.uint("chainId"),
    batchChain: root.hex("batchChain", 20),
    nextBlock: root.uint("nextBlock"),
    batches,
  };
}

/** The voter cursor as JSON (integers as decimal strings). */
export function voterCursorJson(cursor: VoterCursor): Record<string, unknown> {
  const json: Json = {
    version: cursor.version,
    chainId: cursor.chainId.toString(),
    disputeManager: cursor.disputeManager.toLowerCase(),
    voter: cursor.voter.toLowerCase(),
    nextBlock: cursor.nextBlock.toString(),
    disputes: cursor.disputes.map((dispute) => ({
      id: dispute.id,
      batchIndex: dispute.batchIndex.toString(),
      challenger: dispute.challenger.toLowerCase(),
      headerHash: dispute.headerHash,
      leafIndex: dispute.leafIndex.toString(),
      l2Block: dispute.l2Block.toString(),
      committedStateRoot: dispute.committedStateRoot,
      claimedStateRoot: dispute.claimedStateRoot,
      previousStateRoot: dispute.previousStateRoot,
      bond: dispute.bond.toString(),
      l1Block: dispute.l1Block.toString(),
      l1TxHash: dispute.l1TxHash,
      openedAt: dispute.openedAt.toString(),
      noWeight: dispute.noWeight,
    })),
    votes: cursor.votes.map((vote) => ({ id: vote.id, uphold: vote.uphold, salt: vote.salt, state: vote.state })),
  };
  return json;
}

/** The voter cursor as JSON text (integers as decimal strings). */
export function encodeVoterCursor(cursor: VoterCursor): string {
  return JSON.stringify(voterCursorJson(cursor));
}

const VOTE_STATES: readonly VoteState[] = ["drawn", "committed", "revealed"];

/** Reads a voter cursor out of parsed JSON; {@link MalformedCursorError} naming the first field that is wrong. */
export function readVoterCursor(parsed: unknown): VoterCursor {
  const root = new Reader(parsed, "voter");
  if (root.number("version") !== 1) throw new MalformedCursorError("voter.version is not 1");
  const word = (reader: Reader, name: string) => reader.hex(name, 32).toLowerCase() as Hex;
  const address = (reader: Reader, name: string) => reader.hex(name, 20).toLowerCase() as Address;
  return {
    version: 1,
    chainId: root.uint("chainId"),
    disputeManager: address(root, "disputeManager"),
    voter: address(root, "voter"),
    nextBlock: root.uint("nextBlock"),
    disputes: root.list("disputes").map((dispute) => ({
      id: word(dispute, "id"),
      batchIndex: dispute.uint("batchIndex"),
      challenger: address(dispute, "challenger"),
      headerHash: word(dispute, "headerHash"),
      leafIndex: dispute.uint("leafIndex"),
      l2Block: dispute.uint("l2Block"),
      committedStateRoot: word(dispute, "committedStateRoot"),
      claimedStateRoot: word(dispute, "claimedStateRoot"),
      previousStateRoot: word(dispute, "previousStateRoot"),
      bond: dispute.uint("bond"),
      l1Block: dispute.uint("l1Block"),
      l1TxHash: word(dispute, "l1TxHash"),
      openedAt: dispute.uint("openedAt"),
      noWeight: dispute.boolean("noWeight"),
    })),
    votes: root.list("votes").map((vote) => ({
      id: word(vote, "id"),
      uphold: vote.boolean("uphold"),
      salt: word(vote, "salt"),
      state: vote.oneOf("state", VOTE_STATES),
    })),
  };
}

/** Parses {@link encodeVoterCursor}'s text; {@link MalformedCursorError} naming the first field that is wrong. */
export function decodeVoterCursor(text: string): VoterCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new MalformedCursorError("not JSON", { cause: error });
  }
  return readVoterCursor(parsed);
}

/** A cursor kept in memory (as its encoded text, so what is saved is what a file would hold): lost with the process. */
export class MemoryCursorStore implements CursorStore {
  private text: string | undefined;
  private votesText: string | undefined;

  load(): Promise<VerifierCursor | undefined> {
    return Promise.resolve(this.text === undefined ? undefined : decodeCursor(this.text));
  }

  save(cursor: VerifierCursor): Promise<void> {
    this.text = encodeCursor(cursor);
    return Promise.resolve();
  }

  loadVotes(): Promise<VoterCursor | undefined> {
    return Promise.resolve(this.votesText === undefined ? undefined : decodeVoterCursor(this.votesText));
  }

  saveVotes(cursor: VoterCursor): Promise<void> {
    this.votesText = encodeVoterCursor(cursor);
    return Promise.resolve();
  }
}
