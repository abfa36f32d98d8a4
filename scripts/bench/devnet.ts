/**
 * `npm run bench:devnet [-- --duration <s>] [-- --json]`: sustained L2 throughput through the whole pipeline of the
 * devnet, against bare EDR executing the same transactions, measured in one run.
 *
 * The pipeline: `startDevnet({ ports: "free", dir: <tmp>, load: false, status: false })` (L1 node mining a block
 * every 2 s, L2 node, public L2 RPC gateway, Memo, four sequencer agents, one verifier agent: every one a separate
 * process), then the bench's own load: L2 transfers signed ahead of time from the genesis's ten funded users (nonces
 * counted, nothing asked of a node while sending), sent to the public L2 RPC as fast as it takes them (`--lanes`
 * requests in flight, each a JSON-RPC batch of `--batch` transfers) for `--duration` seconds (default 120, at most
 * 600). Then it waits until the verifier has verified the batch holding the last transfer (or `--drain` seconds).
 * For each transfer it records:
 * - sent: when its request left;
 * - its L2 block (the blocks read after the run, outside every timing);
 * - on L1: when the bench first saw the BatchChain `BatchSubmitted` log of the batch whose range holds that block
 *   (L1 logs polled every 200 ms);
 * - verified: the time of the verifier agent's `batch-verified` log line (its own clock, same machine) for that batch.
 *
 * Sustained tps = transfers verified / (time of the last verification - time of the first send), in seconds: what
 * went all the way from a user to a verified batch on L1, over the whole time it took. L1 and verified latency are
 * per transfer (on L1 - sent, verified - sent), p50 and p99 (nearest rank) in seconds.
 *
 * Bare EDR: after the devnet is closed (so it has the machine to itself), the transfers the pipeline sent are executed
 * on a fresh in-process EDR chain with the same genesis (`createL2Chain()` and its bridge, outside the timing), in the
 * same blocks as the devnet's L2 mined them (each block's transfers into the pool, then `evm_mine`). edrTps = transfers
 * / that time; pipelineOverEdr = tps / edrTps. The goal is pipelineOverEdr >= 0.5.
 *
 * The devnet as the bench runs it (each an option):
 * - the L2 makes a block every `--l2-block-ms` milliseconds (default 1,000; 0 keeps the devnet's automine, a block
 *   per transaction, whose per-block costs then dominate: every block is read, committed, proven and replayed), set on
 *   the L2 node once the devnet is up, as the devnet sets its L1;
 * - the nodes' per-request logging is off (`hardhat_setLoggingEnabled`): printing every request cost the L2 node as
 *   much as executing it;
 * - sequencers with `pollMs` 250, `maxBlocksPerBatch` `--max-blocks` (default 4: batches of up to 11,428 transfers,
 *   four full blocks, about 7 s apart; each batch waits for L1's 2 s blocks, so one block a batch capped the pipeline
 *   at about 1,200 transfers a second; eight would come close to the proposer's 15 s turn) and `peerTimeoutMs`
 *   `--peer-timeout-ms` (default 60,000: a signer deriving a large batch answers late, and a proposer that gives up
 *   on it may leave the slot's signatures split between two headers, which no proposer can then bring to a quorum);
 *   the verifier with `pollMs` 250;
 * - `--lanes` (default 4) and `--batch` (default 100) shape the load; `--sign-rate` (default 2,000 a second of
 *   `--duration`) is how many transfers are signed ahead (at 3,500, 59 full blocks took bare EDR's base fee past the
 *   transfers' 50 gwei fee cap and left its last block in the pool, so a 60 s load ends when its 120,000 are sent);
 *   `--drain` (default 300) bounds the wait for the verifier after the load; `--log <file>` writes every service's
 *   lines there.
 * With `--json` the last line is
 * `{"tps":N,"edrTps":N,"pipelineOverEdr":R,"l1P50S":N,"l1P99S":N,"verifiedP50S":N,"verifiedP99S":N}`.
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { BatchChain__factory } from "../../sdk/src/contracts";
import { startDevnet, type Devnet } from "../devnet/devnet";

import { benchUsers, executeOnEdr, rawHash, sendTransfers, signTransfers, type SentTransfer } from "./l2-load";
import { printTable, wantsJson } from "./table";

/** The value of `--name <value>` on the command line, as a number. */
function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} takes a non-negative number`);
  return value;
}

const DURATION_S = option("duration", 120);
if (DURATION_S <= 0 || DURATION_S > 600) throw new Error("--duration is 1 to 600 seconds (10 minutes at most)");
const L2_BLOCK_MS = option("l2-block-ms", 1_000);
const LANES = option("lanes", 4);
const BATCH = option("batch", 100);
const MAX_BLOCKS = option("max-blocks", 4);
const PEER_TIMEOUT_MS = option("peer-timeout-ms", 60_000);
/** Transfers signed ahead: the duration at this rate (more than the L2 node takes over HTTP). */
const SIGN_RATE = option("sign-rate", 2_000);
const DRAIN_S = option("drain", 300);
const POLL_MS = 200;
/** `--log <file>`: every service's lines, prefixed, written there (to see where the time goes). */
const LOG_AT = process.argv.indexOf("--log");
const logFile = LOG_AT === -1 ? undefined : createWriteStream(process.argv[LOG_AT + 1]!);

/** Nearest-rank percentile of `values` (sorted here); NaN for none. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** A batch seen on L1 and, later, verified (`performance.now()` milliseconds). */
interface BatchTimes {
  readonly index: number;
  readonly firstBlock: number;
  readonly lastBlock: number;
  readonly onL1At: number;
  verifiedAt?: number;
}

/**
 * Follows the pipeline while the load runs: new `BatchSubmitted` logs on L1 and the verifier's `batch-verified`
 * lines, every {@link POLL_MS}.
 */
class PipelineWatch {
  readonly batches = new Map<number, BatchTimes>();
  private fromBlock = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private polling: Promise<void> | undefined;
  /** `Date.now()` minus `performance.now()`: converts the verifier's wall-clock times to this process's clock. */
  private readonly clockOffset = Date.now() - performance.now();

  constructor(private readonly devnet: Devnet) {}

  start(fromBlock: number): void {
    this.fromBlock = fromBlock;
    this.timer = setInterval(() => {
      this.polling ??= this.poll().finally(() => (this.polling = undefined));
    }, POLL_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
    await this.poll();
  }

  /** The highest batch index verified so far (-1 for none). */
  get verified(): number {
    let highest = -1;
    for (const batch of this.batches.values())
      if (batch.verifiedAt !== undefined) highest = Math.max(highest, batch.index);
    return highest;
  }

  private async poll(): Promise<void> {
    const batchChain = BatchChain__factory.connect(this.devnet.deployment.contracts.batchChain, this.devnet.l1);
    const head = await this.devnet.l1.getBlockNumber();
    if (head >= this.fromBlock) {
      const logs = await batchChain.queryFilter(batchChain.filters.BatchSubmitted(), this.fromBlock, head);
      const seenAt = performance.now();
      for (const log of logs) {
        const index = Number(log.args.batchIndex);
        if (!this.batches.has(index)) {
          this.batches.set(index, {
            index,
            firstBlock: Number(log.args.firstBlock),
            lastBlock: Number(log.args.lastBlock),
            onL1At: seenAt,
          });
        }
      }
      this.fromBlock = head + 1;
    }
    for (const event of this.devnet.events("verifier", "batch-verified")) {
      const batch = this.batches.get(Number(event.batchIndex));
      if (batch !== undefined && batch.verifiedAt === undefined) {
        batch.verifiedAt = Date.parse(event.time) - this.clockOffset;
      }
    }
  }
}

/** The L2 block of every transfer the pipeline sent, read after the run: hash -> block number and position. */
async function blocksOf(url: string, from: number, to: number): Promise<Map<string, number>> {
  const blockOf = new Map<string, number>();
  for (let at = from; at <= to; at += 100) {
    const numbers = Array.from({ length: Math.min(100, to - at + 1) }, (_, i) => at + i);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(
        numbers.map((number) => ({
          jsonrpc: "2.0",
          id: number,
          method: "eth_getBlockByNumber",
          params: [`0x${number.toString(16)}`, false],
        })),
      ),
    });
    const answers = (await response.json()) as { id: number; result: { transactions: string[] } }[];
    for (const answer of answers) for (const hash of answer.result.transactions) blockOf.set(hash, answer.id);
  }
  return blockOf;
}

async function rpc<T>(url: string, method: string, params: unknown[] = [], retry = true): Promise<T> {
  // A reused keep-alive connection the gateway has just closed fails once: the read is asked again.
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  }).catch((error: unknown) => {
    if (!retry) throw error;
    return undefined;
  });
  if (response === undefined) return rpc(url, method, params, false);
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

const log = (line: string) => console.error(`[bench] ${line}`);

async function main(): Promise<void> {
  const users = benchUsers();
  const count = Math.ceil(DURATION_S * SIGN_RATE);
  let start = performance.now();
  // The users have sent nothing on the devnet's L2 (the load generator is off): their nonces start at 0, checked below.
  const transfers = await signTransfers(
    users,
    users.map(() => 0),
    count,
  );
  log(`signed ${count} transfers in ${Math.round(performance.now() - start)} ms`);

  const dir = mkdtempSync(path.join(tmpdir(), "metis-bench-devnet-"));
  let devnet: Devnet | undefined;
  let sent: SentTransfer[];
  let blocks: { number: number; raws: string[] }[];
  let watch: PipelineWatch;
  let sendMs: number;
  let baseFeePerGas: bigint;
  try {
    start = performance.now();
    devnet = await startDevnet({
      ports: "free",
      dir,
      load: false,
      status: false,
      sequencer: { pollMs: 250, maxBlocksPerBatch: MAX_BLOCKS, peerTimeoutMs: PEER_TIMEOUT_MS },
      verifier: { pollMs: 250 },
      ...(logFile === undefined
        ? {}
        : {
            print: (service: string, line: string) =>
              logFile.write(`${new Date().toISOString()} [${service}] ${line}\n`),
          }),
    });
    log(`devnet up in ${Math.round(performance.now() - start)} ms`);
    const { l2Node, l2 } = devnet.urls;
    await rpc(l2Node, "hardhat_setLoggingEnabled", [false]);
    await rpc(devnet.urls.l1, "hardhat_setLoggingEnabled", [false]);
    if (L2_BLOCK_MS > 0) {
      await rpc(l2Node, "evm_setAutomine", [false]);
      await rpc(l2Node, "evm_setIntervalMining", [L2_BLOCK_MS]);
    }
    const nonces = await Promise.all(users.map((user) => rpc<string>(l2, "eth_getTransactionCount", [user.address])));
    if (nonces.some((nonce) => BigInt(nonce) !== 0n)) throw new Error(`the L2 users have sent already: ${nonces}`);
    const firstBlock = Number(await rpc<string>(l2, "eth_blockNumber")) + 1;

    watch = new PipelineWatch(devnet);
    watch.start(await devnet.l1.getBlockNumber());
    start = performance.now();
    sent = await sendTransfers({
      url: l2,
      transfers,
      durationMs: DURATION_S * 1_000,
      lanes: LANES,
      batchSize: BATCH,
      automine: L2_BLOCK_MS === 0,
    });
    sendMs = performance.now() - start;
    log(`sent ${sent.length} transfers in ${Math.round(sendMs)} ms (${Math.round(sent.length / (sendMs / 1_000))}/s)`);
    if (sent.length === transfers.length) log(`every signed transfer was sent: raise --sign-rate`);

    // The last transfer of each sender mined: the last block of the load.
    const last = new Map<number, SentTransfer>();
    for (const transfer of sent) last.set(transfer.sender, transfer);
    let lastBlock = 0;
    for (const transfer of last.values()) {
      const hash = rawHash(transfer.raw);
      const receipt = await devnet.waitFor(
        async () => (await rpc<{ blockNumber: string } | null>(l2, "eth_getTransactionReceipt", [hash])) ?? undefined,
        {
          timeoutMs: 120_000,
          what: `transfer ${hash} mined`,
          pollMs: 100,
        },
      );
      lastBlock = Math.max(lastBlock, Number(receipt.blockNumber));
    }
    const drainStart = performance.now();
    await devnet
      .waitFor(
        () => {
          const covering = [...watch.batches.values()].find((batch) => batch.lastBlock >= lastBlock);
          return covering !== undefined && watch.verified >= covering.index;
        },
        { timeoutMs: DRAIN_S * 1_000, what: `the verifier verifying L2 block ${lastBlock}`, pollMs: POLL_MS },
      )
      .catch((error: unknown) => log(`${(error as Error).message}: counting what was verified`));
    await watch.stop();
    log(`drained in ${Math.round(performance.now() - drainStart)} ms after the last send`);

    const blockOf = await blocksOf(l2, firstBlock, lastBlock);
    const byBlock = new Map<number, string[]>();
    for (const transfer of sent) {
      const number = blockOf.get(rawHash(transfer.raw));
      if (number === undefined) throw new Error(`transfer ${rawHash(transfer.raw)} is in no block up to ${lastBlock}`);
      const list = byBlock.get(number) ?? [];
      list.push(transfer.raw);
      byBlock.set(number, list);
    }
    blocks = [...byBlock.entries()].sort(([a], [b]) => a - b).map(([number, raws]) => ({ number, raws }));
    const first = await rpc<{ baseFeePerGas: string }>(l2, "eth_getBlockByNumber", [
      `0x${blocks[0]!.number.toString(16)}`,
      false,
    ]);
    baseFeePerGas = BigInt(first.baseFeePerGas);
  } finally {
    await devnet?.close();
    rmSync(dir, { recursive: true, force: true });
  }

  // Per transfer: its batch (the first whose range holds its block), on-L1 and verified times.
  const batches = [...watch.batches.values()].sort((a, b) => a.index - b.index);
  const blockNumberOf = new Map<string, number>();
  for (const block of blocks) for (const raw of block.raws) blockNumberOf.set(raw, block.number);
  const firstSend = sent[0]!.sentAt;
  const l1Latency: number[] = [];
  const verifiedLatency: number[] = [];
  let lastVerification = firstSend;
  for (const transfer of sent) {
    const number = blockNumberOf.get(transfer.raw)!;
    const batch = batches.find((candidate) => candidate.firstBlock <= number && number <= candidate.lastBlock);
    if (batch === undefined) continue;
    l1Latency.push((batch.onL1At - transfer.sentAt) / 1_000);
    if (batch.verifiedAt === undefined) continue;
    verifiedLatency.push((batch.verifiedAt - transfer.sentAt) / 1_000);
    lastVerification = Math.max(lastVerification, batch.verifiedAt);
  }
  const verified = verifiedLatency.length;
  const tps = verified / ((lastVerification - firstSend) / 1_000);

  log(`executing the ${sent.length} transfers on bare EDR`);
  const edrMs = await executeOnEdr(
    blocks.map((block) => block.raws),
    baseFeePerGas,
  );
  const edrTps = sent.length / (edrMs / 1_000);

  // Where the time goes: how often a batch of the load reached L1 and how many transfers it held, and how long the
  // verifier took after each was on L1.
  // (Only batches holding a transfer: the L2 goes on making empty blocks, which are batched too.)
  const perBatch = new Map<number, number>();
  for (const transfer of sent) {
    const number = blockNumberOf.get(transfer.raw)!;
    const batch = batches.find((candidate) => candidate.firstBlock <= number && number <= candidate.lastBlock);
    if (batch !== undefined) perBatch.set(batch.index, (perBatch.get(batch.index) ?? 0) + 1);
  }
  const loadBatches = batches.filter((batch) => perBatch.has(batch.index));
  const intervals = loadBatches.slice(1).map((batch, i) => (batch.onL1At - loadBatches[i]!.onL1At) / 1_000);
  const verifierLag = loadBatches.flatMap((batch) =>
    batch.verifiedAt === undefined ? [] : [(batch.verifiedAt - batch.onL1At) / 1_000],
  );
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const result = {
    tps: round(tps, 1),
    edrTps: round(edrTps, 1),
    pipelineOverEdr: round(tps / edrTps, 3),
    l1P50S: round(percentile(l1Latency, 50), 2),
    l1P99S: round(percentile(l1Latency, 99), 2),
    verifiedP50S: round(percentile(verifiedLatency, 50), 2),
    verifiedP99S: round(percentile(verifiedLatency, 99), 2),
  };
  printTable(
    `Devnet pipeline against bare EDR (${DURATION_S} s of load, L2 block ${L2_BLOCK_MS === 0 ? "per transaction" : `every ${L2_BLOCK_MS} ms`}; goal pipelineOverEdr >= 0.5)`,
    ["measure", "value"],
    [
      ["transfers sent", sent.length],
      ["send rate (transfers/s while sending)", round(sent.length / (sendMs / 1_000), 1)],
      ["L2 blocks holding them", blocks.length],
      ["batches holding them", loadBatches.length],
      [
        "transfers per batch (mean / most)",
        `${Math.round(mean([...perBatch.values()]))} / ${Math.max(0, ...perBatch.values())}`,
      ],
      ["seconds between batches on L1 (mean)", round(mean(intervals), 1)],
      [
        "verifier: on L1 to verified (s, p50 / p99)",
        `${round(percentile(verifierLag, 50), 1)} / ${round(percentile(verifierLag, 99), 1)}`,
      ],
      ["transfers verified", verified],
      ["first send to last verification (s)", round((lastVerification - firstSend) / 1_000, 1)],
      ["sustained tps (verified / that time)", result.tps],
      ["bare EDR tps (same transfers, same blocks)", result.edrTps],
      ["pipelineOverEdr", result.pipelineOverEdr],
      ["L1 latency p50 / p99 (s)", `${result.l1P50S} / ${result.l1P99S}`],
      ["verified latency p50 / p99 (s)", `${result.verifiedP50S} / ${result.verifiedP99S}`],
    ],
  );
  if (wantsJson()) console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
