/**
 * The sequencer's DA answerer: it watches DARequestManager for requests against batches its key signed (an
 * unanswered request expires into a rollback and a slash of every signer) and answers them itself, posting the
 * batch's raw transactions and block leaves in ordered chunks sized to a gas budget. The on-chain
 * `progress(headerHash, poster)` is the resume point, so a restarted answerer continues where the last one stopped
 * and never posts a chunk twice.
 */
import type { JsonRpcApiProvider, Log, Provider, Signer } from "ethers";

import { type DARequestManager } from "../contracts";
import { latestTimestamp } from "../contracts/connection";
import { chunkedLogs } from "../contracts/logs";
import { transact } from "../contracts/transact";
import { daInterfaces, daRequestStatus, type DARequestInfo, type DARequestStatusName } from "../da/requests";
import { readSidecar } from "../da/sidecar";
import { checkDataHash } from "../da/sources";
import { readVerified, type DAStore } from "../da/store";
import { NotConnectedError } from "../errors/chain";
import { ContractRevertError, decodeRevert } from "../errors/contract";
import { DAChunkTooLargeError, DADeadlinePassedError, InvalidDAOptionError } from "../errors/da";
import { HeaderMismatchError } from "../errors/sequencer";
import {
  bytes32,
  bytesToHex,
  decodeBatchData,
  headerDigest,
  headerHash as hashHeader,
  batchHeaderDomain,
  hexToBytes,
  keccak256,
  merkleRoot,
  txLeaf,
  type Address,
  type CommittedBlockLeaf,
  type Hex,
} from "../proof";
import { unpackSignatures } from "../verifier/equivocation";
import { batchChainEvents, submittedSignatures } from "../verifier/logs";
import type { CommittedBatch } from "../verifier/types";

import { buildBatch } from "./batch-builder";
import { readL2Blocks } from "./l2-reader";
import { slotOf, type BatchHeaderFields, type SigningRecord } from "./signing-record";
import { batchChainInterface, connectDARequestManager, daRequestManagerInterface } from "../contracts/connectors";

/** A batch on L1 as its BatchSubmitted log states it. */
export type SubmittedHeader = Omit<CommittedBatch, "signatures">;

/** Whether this answerer's key signed `batch` (so an expiry would slash it). */
export type SignedPredicate = (batch: SubmittedHeader) => Promise<boolean>;

/** Osaka's per-transaction gas cap (EIP-7825), which no chunk may exceed. */
export const TRANSACTION_GAS_CAP = 16_777_216;
/**
 * The default gas budget of one answer chunk: well under {@link TRANSACTION_GAS_CAP}, and room for the largest
 * transaction the L2 accepts (MAX_L2_TRANSACTION_BYTES, 120 KiB: about 4.9 million gas of calldata floor) alone.
 */
export const DEFAULT_CHUNK_GAS = 8_000_000;
/**
 * Execution gas allowed per posted transaction on top of its calldata floor. Measured by `scripts/bench/da.ts`: a
 * 1,000-transfer answer costs its EIP-7623 floor (7,931 gas a transaction, 180 raw bytes each), so execution hides
 * under floor minus standard calldata cost, about 4,900 gas a transaction; 5,000 covers it.
 */
export const TX_EXECUTION_ALLOWANCE = 5_000;
/** Execution gas allowed per posted block leaf (a hash and a frontier step). */
export const LEAF_EXECUTION_ALLOWANCE = 3_000;
/**
 * Gas of a chunk beyond its items: the 21,000 base, the header's calldata and the chunk's fixed work (the request
 * and progress reads and writes, both frontiers stored, the event, and on the last chunk the root checks and the
 * settlement).
 */
export const CHUNK_BASE_GAS = 21_000 + 20_000 + 400_000;

/** One chunk posted, reported as it lands. */
export interface DAAnswerProgress {
  readonly headerHash: Hex;
  readonly batchIndex: bigint;
  /** The chunk's index in this poster's answer, from 0. */
  readonly chunk: number;
  /** The chunks the whole answer takes as planned now (a chunk over budget is split, adding one). */
  readonly chunks: number;
  /** Transactions posted so far (this chunk included), of `txCount`. */
  readonly txs: number;
  readonly txCount: number;
  /** Raw transaction bytes posted so far. */
  readonly bytes: bigint;
  readonly gasUsed: bigint;
}

/** What answering one request did. */
export interface DAAnswerReport {
  readonly headerHash: Hex;
  readonly batchIndex: bigint;
  /** The request's status afterwards: Answered when this poster completed it. */
  readonly status: DARequestStatusName;
  /** The chunk this call started from (on-chain progress: non-zero when it resumed) and the chunks it posted. */
  readonly resumedFrom: number;
  readonly chunks: number;
  /** Gas of the chunks this call posted. */
  readonly gasUsed: bigint;
  /** Raw transaction bytes this call posted. */
  readonly bytes: bigint;
  /** Planned chunks split in two because `estimateGas` put them over the budget. */
  readonly splits: number;
  /** Wei credited to the poster from the bond (when this call completed the answer). */
  readonly refund: bigint;
}

/** What {@link DAAnswerer.answerOpen} did. */
export interface DAAnswerRound {
  readonly answered: readonly DAAnswerReport[];
  /** Open requests against batches this key did not sign. */
  readonly skipped: readonly Hex[];
}

export interface DAAnswererConfig {
  /** The poster: a plain EOA connected to L1 (DARequestManager takes answers only as an EOA's top-level call). */
  readonly poster: Signer;
  readonly daRequestManager: string;
  readonly batchChain: string;
  /** The L2 chain's JSON-RPC and its bridge: the batch's blocks, when the store lacks the data or leaves. */
  readonly l2: JsonRpcApiProvider;
  readonly l2Bridge: string;
  /** The DA store: the data object and sidecar are read from it first. */
  readonly store?: DAStore;
  /** Which batches this key signed: the sequencer's signing record, or a predicate ({@link signedOnChain}). */
  readonly signed: SigningRecord | SignedPredicate;
  /** Gas budget of one chunk (default {@link DEFAULT_CHUNK_GAS}, at most {@link TRANSACTION_GAS_CAP}). */
  readonly gasBudget?: number;
  /**
   * The gas a chunk is planned to take beyond its items (default {@link CHUNK_BASE_GAS}, at least 21,000 and below
   * the budget). A lower figure packs chunks fuller; a chunk then estimated over the budget is split.
   */
  readonly chunkBaseGas?: number;
  /** The first L1 block to look for requests in (default 0). */
  readonly fromBlock?: number;
  /** Most L1 blocks per `eth_getLogs` (default 2,000). */
  readonly logChunk?: number;
  readonly onProgress?: (progress: DAAnswerProgress) => void;
}

/** One posted transaction, as `answer` takes it. */
interface TxEntry {
  readonly l2BlockNumber: bigint;
  readonly indexInBlock: number;
  readonly raw: Hex;
}

/** One planned chunk: transactions `[tx, tx + txs)` and block leaves `[leaf, leaf + leaves)` of the batch. */
interface Chunk {
  readonly tx: number;
  readonly txs: number;
  readonly leaf: number;
  readonly leaves: number;
}

const daInterface = daRequestManagerInterface();
const DATA_REQUESTED = daInterface.getEvent("DataRequested");
const DATA_ANSWERED = daInterface.getEvent("DataAnswered");
const SUBMITTED = batchChainInterface().getEvent("BatchSubmitted");

/** EIP-7623's floor of `bytes` of calldata: 40 gas per non-zero byte, 10 per zero byte. */
function floorOf(bytes: Uint8Array): number {
  let gas = 0;
  for (const byte of bytes) gas += byte === 0 ? 10 : 40;
  return gas;
}

/**
 * Gas a transaction takes in a chunk: the floor of its ABI encoding (its raw bytes, their padding, and five words
 * of offsets, block, index and length, counted as if non-zero in their low 8 bytes) plus the execution allowance.
 */
function txGas(raw: Uint8Array): number {
  const padding = (32 - (raw.length % 32)) % 32;
  return floorOf(raw) + 10 * padding + 5 * (24 * 10 + 8 * 40) + TX_EXECUTION_ALLOWANCE;
}

/** Gas a block leaf takes in a chunk: five words, three of them hashes, counted as non-zero, plus its allowance. */
const LEAF_GAS = 160 * 40 + LEAF_EXECUTION_ALLOWANCE;

/**
 * A predicate for keys without a signing record: whether `signer`'s signature is among those the batch was
 * submitted with (read from its `submitBatch` calldata), which is what an expiry would slash.
 */
export function signedOnChain(l1: Provider, batchChain: string, signer: string): SignedPredicate {
  return async (batch) => {
    const packed = await submittedSignatures(l1, batchChain, batch);
    if (packed === undefined) return false;
    const { chainId } = await l1.getNetwork();
    const digest = headerDigest(batch.header, batchHeaderDomain(chainId, batchChain as Address));
    return unpackSignatures(packed, digest).some((entry) => entry.signer.toLowerCase() === signer.toLowerCase());
  };
}

/**
 * Answers DA requests against batches its key signed (see the module comment). {@link answerOpen} finds the open
 * requests (DataRequested logs, each header from BatchChain's BatchSubmitted log) and answers those this key signed;
 * {@link answer} answers one. Each chunk is planned from the EIP-7623 calldata floor plus a measured execution
 * allowance, estimated with `estimateGas` before it is sent and split while over the budget. Past the request's
 * deadline it stops with {@link DADeadlinePassedError}.
 */
export class DAAnswerer {
  readonly daRequestManager: DARequestManager;
  private readonly l1: Provider;
  private readonly gasBudget: number;
  private readonly chunkBaseGas: number;
  private readonly logChunk: number;
  /** The last L1 block scanned for DataRequested logs. */
  private scanned: number;
  /** Requests seen open and not yet settled, by header hash. */
  private readonly open = new Map<Hex, { readonly requestBlock: number; batch?: SubmittedHeader }>();

  /** Throws InvalidDAOptionError for a gas budget over the cap or a log chunk or start block out of range. */
  constructor(readonly config: DAAnswererConfig) {
    const base = config.chunkBaseGas ?? CHUNK_BASE_GAS;
    if (!Number.isSafeInteger(base) || base < 21_000 || base >= TRANSACTION_GAS_CAP) {
      throw new InvalidDAOptionError(
        "chunkBaseGas",
        config.chunkBaseGas,
        `an integer from 21000 to ${TRANSACTION_GAS_CAP - 1}`,
      );
    }
    const budget = config.gasBudget ?? DEFAULT_CHUNK_GAS;
    if (!Number.isSafeInteger(budget) || budget <= base || budget > TRANSACTION_GAS_CAP) {
      throw new InvalidDAOptionError(
        "gasBudget",
        config.gasBudget,
        `an integer above ${base} and at most ${TRANSACTION_GAS_CAP}`,
      );
    }
    this.chunkBaseGas = base;
    for (const [option, value] of [
      ["logChunk", config.logChunk, 1],
      ["fromBlock", config.fromBlock, 0],
    ] as const) {
      if (value !== undefined && !(Number.isSafeInteger(value) && value >= (option === "logChunk" ? 1 : 0))) {
        throw new InvalidDAOptionError(option, value, `an integer of at least ${option === "logChunk" ? 1 : 0}`);
      }
    }
    this.gasBudget = budget;
    this.logChunk = config.logChunk ?? 2_000;
    this.scanned = (config.fromBlock ?? 0) - 1;
    if (!config.poster.provider) throw new NotConnectedError("the DA poster", "provider");
    this.l1 = config.poster.provider;
    this.daRequestManager = connectDARequestManager(config.daRequestManager, config.poster);
  }

  /** The open requests found so far (scanning DataRequested logs up to L1's head), with their batches. */
  async openRequests(): Promise<{ readonly request: DARequestInfo; readonly batch: SubmittedHeader }[]> {
    const head = await this.l1.getBlockNumber();
    for (const log of await this.logs(
      this.config.daRequestManager,
      [DATA_REQUESTED.topicHash],
      this.scanned + 1,
      head,
    )) {
      const parsed = daInterface.parseLog(log);
      if (parsed === null) continue; // the topic filter admits no other event
      const hash = (parsed.args.headerHash as string).toLowerCase() as Hex;
      if (!this.open.has(hash)) this.open.set(hash, { requestBlock: log.blockNumber });
    }
    this.scanned = Math.max(this.scanned, head);
    const found: { request: DARequestInfo; batch: SubmittedHeader }[] = [];
    for (const [hash, known] of this.open) {
      const request = await daRequestStatus(this.daRequestManager, hash);
      if (request.status !== "Open") {
        this.open.delete(hash);
        continue;
      }
      known.batch ??= await this.submitted(hash, known.requestBlock);
      found.push({ request, batch: known.batch });
    }
    return found;
  }

  /** Answers every open request against a batch this key signed, one after another. */
  async answerOpen(): Promise<DAAnswerRound> {
    const answered: DAAnswerReport[] = [];
    const skipped: Hex[] = [];
    for (const { request, batch } of await this.openRequests()) {
      if (!(await this.didSign(batch))) {
        skipped.push(request.headerHash);
        continue;
      }
      answered.push(await this.answer(batch.header));
    }
    return { answered, skipped };
  }

  /** Whether this key signed `batch`. */
  async didSign(batch: SubmittedHeader): Promise<boolean> {
    const { signed } = this.config;
    if (typeof signed === "function") return signed(batch);
    const entry = await signed.signed(slotOf(batch.header));
    return entry !== undefined && hashHeader(entry.header) === batch.headerHash;
  }

  /**
   * Posts the rest of this poster's answer to `header`'s open request, from its on-chain progress. Returns once the
   * request is no longer open (answered by this poster or another, or closed) or every chunk is posted.
   */
  async answer(header: BatchHeaderFields): Promise<DAAnswerReport> {
    const hash = hashHeader(header);
    const poster = await this.config.poster.getAddress();
    const { entries, leaves } = await this.material(header);
    const raws = entries.map((entry) => hexToBytes(entry.raw, "raw"));
    const done = await this.daRequestManager.progress(hash, poster);
    const resumedFrom = Number(done.nextChunk);
    const plan = this.plan(raws, leaves.length, Number(done.txs), Number(done.blocks));
    let chunkIndex = resumedFrom;
    let gasUsed = 0n;
    let bytes = 0n;
    let posted = done.bytesPosted;
    let refund = 0n;
    let splits = 0;
    let request = await daRequestStatus(this.daRequestManager, hash);
    for (let chunk = plan[0]; chunk !== undefined && request.status === "Open"; chunk = plan[0]) {
      if ((await latestTimestamp(this.l1, "L1")) >= request.deadline) {
        throw new DADeadlinePassedError(hash, request.deadline);
      }
      const txs = entries.slice(chunk.tx, chunk.tx + chunk.txs);
      const chunkLeaves = leaves.slice(chunk.leaf, chunk.leaf + chunk.leaves);
      let estimate: bigint;
      try {
        estimate = await this.daRequestManager.answer.estimateGas(header, chunkIndex, txs, chunkLeaves);
      } catch (error) {
        throw this.typed(error, hash, request.deadline);
      }
      if (estimate > BigInt(this.gasBudget)) {
        const items = chunk.txs + chunk.leaves;
        if (items === 1) throw new DAChunkTooLargeError(chunk.tx + chunk.leaf, estimate, BigInt(this.gasBudget));
        plan.splice(0, 1, ...halves(chunk));
        splits++;
        continue;
      }
      let receipt;
      try {
        const margin = estimate + estimate / 5n;
        const gasLimit = margin > BigInt(TRANSACTION_GAS_CAP) ? BigInt(TRANSACTION_GAS_CAP) : margin;
        receipt = await transact(
          () => this.daRequestManager.answer(header, chunkIndex, txs, chunkLeaves, { gasLimit }),
          daInterfaces(),
        );
      } catch (error) {
        throw this.typed(error, hash, request.deadline);
      }
      plan.shift();
      const chunkBytes = raws.slice(chunk.tx, chunk.tx + chunk.txs).reduce((sum, raw) => sum + raw.length, 0);
      bytes += BigInt(chunkBytes);
      posted += BigInt(chunkBytes);
      gasUsed += receipt.gasUsed;
      for (const log of receipt.logs) {
        if (log.address.toLowerCase() !== this.config.daRequestManager.toLowerCase()) continue;
        const parsed = daInterface.parseLog(log);
        if (parsed?.name === DATA_ANSWERED.name) refund = parsed.args.refund as bigint;
      }
      this.config.onProgress?.({
        headerHash: hash,
        batchIndex: header.batchIndex,
        chunk: chunkIndex,
        chunks: chunkIndex + 1 + plan.length,
        txs: chunk.tx + chunk.txs,
        txCount: header.txCount,
        bytes: posted,
        gasUsed: receipt.gasUsed,
      });
      chunkIndex++;
      request = await daRequestStatus(this.daRequestManager, hash);
    }
    return {
      headerHash: hash,
      batchIndex: header.batchIndex,
      status: request.status,
      resumedFrom,
      chunks: chunkIndex - resumedFrom,
      gasUsed,
      bytes,
      splits,
      refund,
    };
  }

  /**
   * A revert past the window as {@link DADeadlinePassedError}, any other revert as ContractRevertError (or
   * UnknownRevertError), anything else unchanged.
   */
  private typed(error: unknown, hash: Hex, deadline: bigint): unknown {
    const decoded = error instanceof ContractRevertError ? error : decodeRevert(error, daInterfaces());
    if (decoded instanceof ContractRevertError && decoded.errorName === "DARequestManagerWindowOver") {
      return new DADeadlinePassedError(hash, deadline);
    }
    return decoded;
  }

  /**
   * The chunks of the answer after `txsDone` transactions and `leavesDone` leaves, greedily filled to the budget:
   * transactions first, then the block leaves in the room left.
   */
  private plan(raws: readonly Uint8Array[], leafCount: number, txsDone: number, leavesDone: number): Chunk[] {
    const room = this.gasBudget - this.chunkBaseGas;
    const chunks: Chunk[] = [];
    let tx = txsDone;
    let leaf = leavesDone;
    while (tx < raws.length || leaf < leafCount) {
      let used = 0;
      const start = { tx, leaf };
      for (const raw of raws.slice(tx)) {
        const gas = txGas(raw);
        if (used + gas > room) {
          if (tx === start.tx)
            throw new DAChunkTooLargeError(tx, BigInt(gas + this.chunkBaseGas), BigInt(this.gasBudget));
          break;
        }
        used += gas;
        tx++;
      }
      if (tx === raws.length) {
        while (leaf < leafCount && used + LEAF_GAS <= room) {
          used += LEAF_GAS;
          leaf++;
        }
      }
      if (tx === start.tx && leaf === start.leaf) {
        throw new DAChunkTooLargeError(tx + leaf, BigInt(LEAF_GAS + this.chunkBaseGas), BigInt(this.gasBudget));
      }
      chunks.push({ tx: start.tx, txs: tx - start.tx, leaf: start.leaf, leaves: leaf - start.leaf });
    }
    return chunks;
  }

  /**
   * The batch's transactions and block leaves: the data object and sidecar from the store when it has them
   * (verified), otherwise rebuilt from this node's L2 blocks, whose leaves must build the header's `stateBatchRoot`
   * (HeaderMismatchError) and whose data must hash to `dataHash` (DataHashMismatchError).
   */
  private async material(header: BatchHeaderFields): Promise<{ entries: TxEntry[]; leaves: CommittedBlockLeaf[] }> {
    const store = this.config.store;
    let data = store && (await readVerified(store, header.dataHash).catch(() => undefined));
    let leaves = store && (await readSidecar(store, header).catch(() => undefined))?.blocks.map((block) => block.leaf);
    if (data === undefined || leaves === undefined) {
      const blocks = await readL2Blocks(this.config.l2, this.config.l2Bridge, header.firstBlock, header.lastBlock);
      leaves = blocks.map((block) => ({
        number: block.number,
        timestamp: block.timestamp,
        blockHash: block.hash.toLowerCase() as Hex,
        stateRoot: block.stateRoot.toLowerCase() as Hex,
        withdrawalRoot: block.withdrawalRoot.toLowerCase() as Hex,
      }));
      // The batch as this node builds it from the same blocks: its leaves and data must be the committed ones.
      const built = buildBatch(header.batchIndex, header.parentHash, blocks);
      const root = built.header.stateBatchRoot;
      const expected = bytesToHex(bytes32(header.stateBatchRoot, "stateBatchRoot"));
      if (root !== expected) throw new HeaderMismatchError("stateBatchRoot", root, expected);
      data = checkDataHash(header, built.data);
    }
    const entries = decodeBatchData(data).blocks.flatMap((block) =>
      block.transactions.map((raw, indexInBlock) => ({ l2BlockNumber: block.number, indexInBlock, raw })),
    );
    // What the contract checks on the last chunk, checked before the first is paid for.
    const txRoot = merkleRoot(
      entries.map((entry) => txLeaf({ ...entry, txHash: bytesToHex(keccak256(hexToBytes(entry.raw, "raw"))) })),
    );
    const expected = bytesToHex(bytes32(header.txBatchRoot, "txBatchRoot"));
    if (txRoot !== expected) throw new HeaderMismatchError("txBatchRoot", txRoot, expected);
    if (entries.length !== header.txCount) throw new HeaderMismatchError("txCount", entries.length, header.txCount);
    return { entries, leaves };
  }

  /**
   * The batch with header hash `hash`, from its BatchSubmitted log: searched backwards from the request's block
   * `requestBlock` (a batch that can still be requested is recent).
   */
  private async submitted(hash: Hex, requestBlock: number): Promise<SubmittedHeader> {
    let log: Log | undefined;
    for (let end = requestBlock; end >= 0 && log === undefined; end -= this.logChunk) {
      const topics = [SUBMITTED.topicHash, null, null, hash];
      [log] = await this.logs(this.config.batchChain, topics, Math.max(0, end - this.logChunk + 1), end);
    }
    if (log === undefined) throw new HeaderMismatchError("headerHash", "a BatchSubmitted log", hash);
    const events = await batchChainEvents(
      this.l1,
      this.config.batchChain,
      BigInt(log.blockNumber),
      BigInt(log.blockNumber),
    );
    for (const event of events) {
      if (event.kind === "submitted" && event.batch.headerHash === hash) return event.batch;
    }
    throw new HeaderMismatchError("headerHash", "a BatchSubmitted log", hash);
  }

  /** `address`'s logs matching `topics` in blocks `from..to`, in chain order, `logChunk` blocks a query. */
  private logs(address: string, topics: (string | null)[], from: number, to: number, firstOnly = false) {
    return chunkedLogs(this.l1, { address, topics, from, to, chunk: this.logChunk, firstOnly });
  }
}

/** `chunk` split in two halves of its items (transactions first, then leaves). */
function halves(chunk: Chunk): Chunk[] {
  const items = chunk.txs + chunk.leaves;
  const firstItems = Math.floor(items / 2);
  const firstTxs = Math.min(chunk.txs, firstItems);
  const firstLeaves = firstItems - firstTxs;
  return [
    { tx: chunk.tx, txs: firstTxs, leaf: chunk.leaf, leaves: firstLeaves },
    {
      tx: chunk.tx + firstTxs,
      txs: chunk.txs - firstTxs,
      leaf: chunk.leaf + firstLeaves,
      leaves: chunk.leaves - firstLeaves,
    },
  ];
}
