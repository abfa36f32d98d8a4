/**
 * The last data source: a batch's DA answer on L1. DARequestManager keeps no copy of the posted data; each chunk of
 * an answer is the calldata of the transaction that logged its DataChunkPosted (posters are plain EOAs calling
 * `answer` directly), so the source finds the completing poster's chunks in the logs, decodes each transaction's
 * input, checks it against its log and the header, and rebuilds the data object. Browser-safe.
 */
import type { Log, Provider, Signer } from "ethers";

import { type DARequestManager } from "../contracts";
import { chunkedLogs } from "../contracts/logs";
import { ContractRevertError } from "../errors/contract";
import { DAAnswerMalformedError, DANotRequestedError, DARequestClosedError } from "../errors/da";
import {
  blockLeaf,
  bytes32,
  bytesToHex,
  encodeBatchData,
  headerHash as hashHeader,
  merkleRoot,
  toUint,
  type BatchHeader,
  type CommittedBlockLeaf,
  type Hex,
} from "../proof";

import { checkDAIntegerOption } from "./options";
import { daRequestStatus, requestData, type DARequestInfo } from "./requests";
import { checkDataHash, type DataSource } from "./sources";
import { connectDARequestManager, daRequestManagerInterface } from "../contracts/connectors";

const daInterface = daRequestManagerInterface();
const ANSWER = daInterface.getFunction("answer");
const DATA_ANSWERED = daInterface.getEvent("DataAnswered");
const CHUNK_POSTED = daInterface.getEvent("DataChunkPosted");

/** What an {@link L1DataSource} is doing, reported as it goes. */
export type L1DataProgress =
  | { readonly kind: "requested"; readonly headerHash: Hex; readonly batchIndex: bigint; readonly txHash: Hex }
  | { readonly kind: "waiting"; readonly headerHash: Hex; readonly deadline: bigint }
  | { readonly kind: "answered"; readonly headerHash: Hex; readonly poster: Hex; readonly l1Block: bigint }
  /** Chunk `chunk` (from 1) of `chunks` was read and checked. */
  | { readonly kind: "chunk"; readonly headerHash: Hex; readonly chunk: number; readonly chunks: number };

export interface L1DataSourceConfig {
  /** The L1 provider. */
  readonly l1: Provider;
  readonly daRequestManager: string;
  /**
   * Raises the DA request itself when there is none (once, with the exact bond); without it a batch nobody
   * requested is {@link DANotRequestedError}.
   */
  readonly requester?: Signer;
  /** Milliseconds between status reads while the request is open (default 5,000). */
  readonly pollMs?: number;
  /** The earliest L1 block to search for the request's logs (default 0). */
  readonly fromBlock?: number;
  /** Most L1 blocks per `eth_getLogs` (default 2,000). */
  readonly logChunk?: number;
  readonly onProgress?: (progress: L1DataProgress) => void;
  /** The source's name in progress reports and failures (default `l1`). */
  readonly name?: string;
}

/** One transaction of a posted answer, as `answer` takes it. */
interface PostedTx {
  readonly l2BlockNumber: bigint;
  readonly indexInBlock: number;
  readonly raw: Hex;
}

/** A whole, checked answer: the transactions and block leaves in batch order. */
interface PostedAnswer {
  readonly txs: readonly PostedTx[];
  readonly leaves: readonly CommittedBlockLeaf[];
}

/**
 * Reads a batch's data object from its DA answer on L1. For a header without a request it raises one when a
 * `requester` is configured (a request someone else opened meanwhile is waited for as well) ({@link DANotRequestedError} otherwise), then waits, polling every `pollMs`, until the
 * request is Answered ({@link DARequestClosedError} when it expires or is voided; an aborted `signal`, such as
 * FallbackDataReader's timeout, ends the wait with its reason). The answer is read from the completing poster's
 * DataChunkPosted logs and their transactions' calldata; any disagreement between a chunk's log, its calldata, the
 * header and the posted block leaves is {@link DAAnswerMalformedError}, and the rebuilt object must hash to
 * `dataHash` (DataHashMismatchError).
 */
export class L1DataSource implements DataSource {
  readonly name: string;
  readonly daRequestManager: DARequestManager;
  private readonly pollMs: number;
  private readonly fromBlock: number;
  private readonly logChunk: number;
  private readonly onProgress: (progress: L1DataProgress) => void;

  /** Throws InvalidDAOptionError for a `pollMs`, `fromBlock` or `logChunk` out of range. */
  constructor(readonly config: L1DataSourceConfig) {
    checkDAIntegerOption("pollMs", config.pollMs, 1);
    checkDAIntegerOption("fromBlock", config.fromBlock, 0);
    checkDAIntegerOption("logChunk", config.logChunk, 1);
    this.name = config.name ?? "l1";
    this.daRequestManager = connectDARequestManager(config.daRequestManager, config.l1);
    this.pollMs = config.pollMs ?? 5_000;
    this.fromBlock = config.fromBlock ?? 0;
    this.logChunk = config.logChunk ?? 2_000;
    this.onProgress = config.onProgress ?? (() => undefined);
  }

  async read(header: BatchHeader, signal?: AbortSignal): Promise<Uint8Array> {
    return checkDataHash(header, await this.rebuild(header, signal));
  }

  /**
   * The data object rebuilt from the answer, whatever it hashes to. DARequestManager accepted the answer only when
   * its transactions and leaves gave both of the header's roots, so these bytes are the batch's data even when a
   * quorum committed a `dataHash` that no encoding matches (no DA store could then serve it by its hash, and {@link
   * read} refuses it): a verifier can still check the batch.
   */
  async rebuild(header: BatchHeader, signal?: AbortSignal): Promise<Uint8Array> {
    const { txs, leaves } = await this.answer(header, signal);
    const byBlock = new Map<bigint, Hex[]>();
    for (const tx of txs) {
      const block = byBlock.get(tx.l2BlockNumber);
      if (block === undefined) byBlock.set(tx.l2BlockNumber, [tx.raw]);
      else block.push(tx.raw);
    }
    // Every block of the range appears, with its timestamp from its leaf, transactions or none.
    const blocks = leaves.map((leaf) => ({
      number: leaf.number,
      timestamp: leaf.timestamp,
      transactions: byBlock.get(leaf.number) ?? [],
    }));
    return encodeBatchData({ batchIndex: header.batchIndex, blocks });
  }

  /** The batch's block leaves as posted, in order; their Merkle root is the header's `stateBatchRoot`. */
  async blockLeaves(header: BatchHeader, signal?: AbortSignal): Promise<readonly CommittedBlockLeaf[]> {
    return (await this.answer(header, signal)).leaves;
  }

  /** The checked answer to `header`'s request, once there is one (see the class comment). */
  private async answer(header: BatchHeader, signal: AbortSignal | undefined): Promise<PostedAnswer> {
    const hash = hashHeader(header);
    const request = await this.answered(header, hash, signal);
    const opened = await this.blockAt(request.openedAt);
    const latest = await this.config.l1.getBlockNumber();
    const [answered] = await this.logs([DATA_ANSWERED.topicHash, null, hash], opened, latest, true, signal);
    if (answered === undefined) {
      throw new DAAnswerMalformedError(hash, `no DataAnswered log in L1 blocks ${opened}..${latest}`);
    }
    const poster = argsOf(answered, hash).poster as string;
    this.onProgress({
      kind: "answered",
      headerHash: hash,
      poster: poster.toLowerCase() as Hex,
      l1Block: BigInt(answered.blockNumber),
    });
    const posterTopic = `0x${poster.slice(2).toLowerCase().padStart(64, "0")}`;
    const chunks = await this.logs(
      [CHUNK_POSTED.topicHash, hash, posterTopic],
      opened,
      answered.blockNumber,
      false,
      signal,
    );
    return this.assemble(header, hash, chunks, signal);
  }

  /** Waits for `header`'s request to be Answered, raising it first when there is none and a requester is set. */
  private async answered(header: BatchHeader, hash: Hex, signal: AbortSignal | undefined): Promise<DARequestInfo> {
    let request = await daRequestStatus(this.daRequestManager, hash);
    if (request.status === "None" && this.config.requester !== undefined) {
      signal?.throwIfAborted();
      const batchIndex = toUint(header.batchIndex, 64, "batchIndex");
      try {
        const receipt = await requestData(this.daRequestManager.connect(this.config.requester), batchIndex);
        this.onProgress({ kind: "requested", headerHash: hash, batchIndex, txHash: receipt.hash as Hex });
      } catch (error) {
        // Someone else requested it first: wait for that request instead.
        if (!(error instanceof ContractRevertError && error.errorName === "DARequestManagerAlreadyRequested")) {
          throw error;
        }
      }
      request = await daRequestStatus(this.daRequestManager, hash);
    }
    for (;;) {
      switch (request.status) {
        case "None":
          throw new DANotRequestedError(hash);
        case "Expired":
        case "Void":
          throw new DARequestClosedError(hash, request.status);
        case "Answered":
          return request;
        case "Open":
          this.onProgress({ kind: "waiting", headerHash: hash, deadline: request.deadline });
          await pause(this.pollMs, signal);
          request = await daRequestStatus(this.daRequestManager, hash);
      }
    }
  }

  /** The first L1 block at or after `timestamp` (the request's opening block), at least `fromBlock`. */
  private async blockAt(timestamp: bigint): Promise<number> {
    let low = this.fromBlock;
    let high = await this.config.l1.getBlockNumber();
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const block = await this.config.l1.getBlock(middle);
      if (block !== null && BigInt(block.timestamp) >= timestamp) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** DARequestManager's logs matching `topics` in blocks `from..to`, in chain order, `logChunk` blocks a query. */
  private logs(
    topics: (string | null)[],
    from: number,
    to: number,
    firstOnly: boolean,
    signal: AbortSignal | undefined,
  ): Promise<Log[]> {
    const address = this.config.daRequestManager;
    return chunkedLogs(this.config.l1, { address, topics, from, to, chunk: this.logChunk, firstOnly, signal });
  }

  /** Decodes and checks the chunks (one poster's DataChunkPosted logs, in chain order) into the whole answer. */
  private async assemble(
    header: BatchHeader,
    hash: Hex,
    chunkLogs: readonly Log[],
    signal: AbortSignal | undefined,
  ): Promise<PostedAnswer> {
    const bad = (reason: string) => new DAAnswerMalformedError(hash, reason);
    const firstBlock = toUint(header.firstBlock, 64, "firstBlock");
    const blockCount = toUint(header.lastBlock, 64, "lastBlock") - firstBlock + 1n;
    const txs: PostedTx[] = [];
    const leaves: CommittedBlockLeaf[] = [];
    for (const [chunk, log] of chunkLogs.entries()) {
      signal?.throwIfAborted();
      const posted = argsOf(log, hash);
      if (posted.chunkIndex !== BigInt(chunk)) throw bad(`chunk ${chunk} is logged as chunk ${posted.chunkIndex}`);
      if (posted.firstTx !== BigInt(txs.length) || posted.firstBlock !== BigInt(leaves.length)) {
        throw bad(`chunk ${chunk} starts at transaction ${posted.firstTx} and block ${posted.firstBlock}`);
      }
      const transaction = await this.config.l1.getTransaction(log.transactionHash);
      if (transaction === null) throw bad(`chunk ${chunk}'s transaction ${log.transactionHash} is not found`);
      if (transaction.to?.toLowerCase() !== this.config.daRequestManager.toLowerCase()) {
        throw bad(`chunk ${chunk}'s transaction is not a call to DARequestManager`);
      }
      let decoded: ReturnType<typeof decodeAnswer>;
      try {
        decoded = decodeAnswer(transaction.data);
      } catch (error) {
        throw new DAAnswerMalformedError(hash, `chunk ${chunk}'s calldata is not an answer call: ${String(error)}`);
      }
      if (hashHeader(decoded.header) !== hash) throw bad(`chunk ${chunk}'s calldata answers another header`);
      if (decoded.chunkIndex !== posted.chunkIndex)
        throw bad(`chunk ${chunk}'s calldata is chunk ${decoded.chunkIndex}`);
      if (BigInt(decoded.txs.length) !== posted.txCount || BigInt(decoded.leaves.length) !== posted.blockCount) {
        throw bad(
          `chunk ${chunk}'s calldata holds ${decoded.txs.length} transactions and ${decoded.leaves.length} ` +
            `block leaves, its log says ${posted.txCount} and ${posted.blockCount}`,
        );
      }
      txs.push(...decoded.txs);
      leaves.push(...decoded.leaves);
      this.onProgress({ kind: "chunk", headerHash: hash, chunk: chunk + 1, chunks: chunkLogs.length });
    }
    if (txs.length !== Number(header.txCount) || BigInt(leaves.length) !== blockCount) {
      throw bad(
        `the chunks hold ${txs.length} transactions and ${leaves.length} block leaves, the header ` +
          `${header.txCount} and ${blockCount}`,
      );
    }
    leaves.forEach((leaf, i) => {
      if (leaf.number !== firstBlock + BigInt(i)) throw bad(`block leaf ${i} is block ${leaf.number}`);
    });
    if (
      merkleRoot(leaves.map((leaf) => blockLeaf(leaf))) !== bytesToHex(bytes32(header.stateBatchRoot, "stateBatchRoot"))
    ) {
      throw bad("the posted block leaves' root is not the header's stateBatchRoot");
    }
    let block = -1n;
    let index = 0;
    for (const [position, tx] of txs.entries()) {
      index = tx.l2BlockNumber === block ? index + 1 : 0;
      block = tx.l2BlockNumber;
      if (block < firstBlock || block >= firstBlock + blockCount || tx.indexInBlock !== index) {
        throw bad(`transaction ${position} is at block ${block} index ${tx.indexInBlock}`);
      }
    }
    return { txs, leaves };
  }
}

/** A DARequestManager log's arguments (the topic filters admit only the events asked for). */
function argsOf(log: Log, hash: Hex) {
  const parsed = daInterface.parseLog(log);
  if (parsed === null) throw new DAAnswerMalformedError(hash, `log ${log.index} of ${log.transactionHash} is no event`);
  return parsed.args;
}

/** An `answer(header, chunkIndex, txs, leaves)` call's arguments. */
function decodeAnswer(data: string) {
  const [header, chunkIndex, txs, leaves] = daInterface.decodeFunctionData(ANSWER, data) as unknown as [
    Record<string, unknown>,
    bigint,
    { l2BlockNumber: bigint; indexInBlock: bigint; raw: string }[],
    { number: bigint; timestamp: bigint; blockHash: string; stateRoot: string; withdrawalRoot: string }[],
  ];
  const word = (value: unknown) => (value as string).toLowerCase() as Hex;
  return {
    header: {
      batchIndex: header.batchIndex as bigint,
      parentHash: word(header.parentHash),
      firstBlock: header.firstBlock as bigint,
      lastBlock: header.lastBlock as bigint,
      txCount: Number(header.txCount),
      txBatchRoot: word(header.txBatchRoot),
      stateBatchRoot: word(header.stateBatchRoot),
      depositCount: header.depositCount as bigint,
      depositChainHash: word(header.depositChainHash),
      dataHash: word(header.dataHash),
    } satisfies BatchHeader,
    chunkIndex,
    txs: txs.map((tx) => ({
      l2BlockNumber: tx.l2BlockNumber,
      indexInBlock: Number(tx.indexInBlock),
      raw: word(tx.raw),
    })),
    leaves: leaves.map((leaf) => ({
      number: leaf.number,
      timestamp: leaf.timestamp,
      blockHash: word(leaf.blockHash),
      stateRoot: word(leaf.stateRoot),
      withdrawalRoot: word(leaf.withdrawalRoot),
    })),
  };
}

/** Resolves after `ms`; rejects with the signal's reason as soon as it aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
