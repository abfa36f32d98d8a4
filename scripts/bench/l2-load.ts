/**
 * The L2 transfers of `npm run bench:devnet`, and the two ways it executes them: sent to a JSON-RPC endpoint over HTTP
 * (the devnet's public L2 RPC), and replayed on an in-process EDR chain with the same genesis (the bare baseline).
 *
 * The transfers are signed ahead of time, round-robin over the genesis's funded users (`l2Key(2 + i)`), each paying
 * 1 wei to the next user, their nonces counted from the ones given (so nothing is asked of a node while sending).
 */
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";

import { keccak256, Transaction, Wallet } from "ethers";

import { bootstrapL2Bridge, createL2Chain, l2Key, L2_CHAIN_ID, L2_USER_ACCOUNTS } from "../../sdk/src/node";

/** One signed transfer. */
export interface SignedTransfer {
  /** Index of the sending user (0-based, `l2Key(2 + sender)`). */
  readonly sender: number;
  readonly nonce: number;
  readonly raw: string;
}

/** The genesis's funded L2 users (the bench's senders). */
export const benchUsers = (): Wallet[] =>
  Array.from({ length: L2_USER_ACCOUNTS }, (_, i) => new Wallet(l2Key(2 + i).privateKey));

/**
 * The fee cap: 50 gwei, fifty times the genesis base fee. Full blocks raise the base fee by an eighth each (EDR's
 * fresh chain starts at 1 gwei, the devnet's L2 far lower after its empty blocks), and a cap that low enough blocks
 * would price out stays in the pool; 50 gwei is 1/1000 ETH a transfer at most, of each user's 100.
 */
const MAX_FEE_PER_GAS = 50_000_000_000n;

/** Signs the transfers of `sender` (an index into `users`), `count` of them from `nonce`. */
function signFrom(users: readonly Wallet[], sender: number, nonce: number, count: number): string[] {
  const raws: string[] = [];
  for (let i = 0; i < count; i++) {
    const tx = Transaction.from({
      type: 2,
      chainId: L2_CHAIN_ID,
      to: users[(sender + 1) % users.length]!.address,
      value: 1n,
      nonce: nonce + i,
      gasLimit: 21_000n,
      maxFeePerGas: MAX_FEE_PER_GAS,
      maxPriorityFeePerGas: 1n,
    });
    tx.signature = users[sender]!.signingKey.sign(tx.unsignedHash);
    raws.push(tx.serialized);
  }
  return raws;
}

/**
 * The worker that signs a share of the senders (plain JavaScript, evaluated: ethers is all it needs). It gets the
 * users' keys and its senders with their nonces and counts, and posts back each sender's raw transactions.
 */
const SIGNING_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { Transaction, Wallet } = require("ethers");
const { keys, jobs, chainId, maxFeePerGas } = workerData;
const users = keys.map((key) => new Wallet(key));
const out = jobs.map(({ sender, nonce, count }) => {
  const raws = [];
  for (let i = 0; i < count; i++) {
    const tx = Transaction.from({ type: 2, chainId, to: users[(sender + 1) % users.length].address, value: 1n,
      nonce: nonce + i, gasLimit: 21000n, maxFeePerGas: BigInt(maxFeePerGas), maxPriorityFeePerGas: 1n });
    tx.signature = users[sender].signingKey.sign(tx.unsignedHash);
    raws.push(tx.serialized);
  }
  return raws;
});
parentPort.postMessage(out);
`;

/**
 * Signs `count` EIP-1559 transfers, round-robin over `users` starting at `nonces` (one per user), each paying 1 wei
 * to the next user (fee cap {@link MAX_FEE_PER_GAS}). Signing is spread over `workers` worker threads (0: in this thread); the result is the same.
 */
export async function signTransfers(
  users: readonly Wallet[],
  nonces: readonly number[],
  count: number,
  workers = availableParallelism(),
): Promise<SignedTransfer[]> {
  const counts = users.map((_, sender) => Math.floor(count / users.length) + (sender < count % users.length ? 1 : 0));
  let perSender: string[][];
  if (workers === 0) {
    perSender = users.map((_, sender) => signFrom(users, sender, nonces[sender]!, counts[sender]!));
  } else {
    const shares = Array.from({ length: workers }, (_, w) => users.map((_, s) => s).filter((s) => s % workers === w));
    const results = await Promise.all(
      shares.map(
        (senders) =>
          new Promise<string[][]>((resolve, reject) => {
            const worker = new Worker(SIGNING_WORKER, {
              eval: true,
              workerData: {
                keys: users.map((user) => user.privateKey),
                jobs: senders.map((sender) => ({ sender, nonce: nonces[sender]!, count: counts[sender]! })),
                chainId: L2_CHAIN_ID,
                maxFeePerGas: MAX_FEE_PER_GAS.toString(),
              },
            });
            worker.once("message", (raws: string[][]) => resolve(raws));
            worker.once("error", reject);
          }),
      ),
    );
    perSender = [];
    shares.forEach((senders, w) => senders.forEach((sender, j) => (perSender[sender] = results[w]![j]!)));
  }
  const transfers: SignedTransfer[] = [];
  for (let i = 0; i < count; i++) {
    const sender = i % users.length;
    const at = Math.floor(i / users.length);
    transfers.push({ sender, nonce: nonces[sender]! + at, raw: perSender[sender]![at]! });
  }
  return transfers;
}

/** A transfer the sender sent, with when (`performance.now()` milliseconds, when its request left). */
export interface SentTransfer extends SignedTransfer {
  readonly sentAt: number;
}

export interface SendOptions {
  readonly url: string;
  readonly transfers: readonly SignedTransfer[];
  /** Stop taking new transfers this many milliseconds after the first send. */
  readonly durationMs: number;
  /** Requests in flight at once. */
  readonly lanes: number;
  /** Transfers per JSON-RPC batch request (an array of `eth_sendRawTransaction`). */
  readonly batchSize: number;
  /**
   * Whether the node mines a block per transaction (Hardhat's automine): then it refuses a nonce ahead of the
   * sender's next, so a sender's transfers go out strictly one after the other (one lane per sender, one transfer of
   * each per request); otherwise the node queues them and any order is taken.
   */
  readonly automine: boolean;
}

/** Thrown when the node answers a transfer with an error: the bench counts only what the node took. */
export class TransferRefusedError extends Error {
  override readonly name = "TransferRefusedError";
}

/**
 * Sends the transfers as fast as the node takes them: `lanes` requests in flight, each a JSON-RPC batch of up to
 * `batchSize` transfers, a lane sending its next request when the node has answered its last. Returns what was sent,
 * in the order sent.
 */
export async function sendTransfers(options: SendOptions): Promise<SentTransfer[]> {
  const { url, transfers, durationMs, batchSize } = options;
  const sent: SentTransfer[] = [];
  let id = 0;
  let start: number | undefined;
  const post = async (chunk: readonly SignedTransfer[]): Promise<void> => {
    const sentAt = performance.now();
    start ??= sentAt;
    const body = chunk.map((transfer) => ({
      jsonrpc: "2.0",
      id: id++,
      method: "eth_sendRawTransaction",
      params: [transfer.raw],
    }));
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answers = (await response.json()) as { error?: { message: string } }[];
    const refused = Array.isArray(answers) ? answers.find((answer) => answer.error !== undefined) : answers;
    if (!Array.isArray(answers) || refused !== undefined) {
      throw new TransferRefusedError(`the L2 refused a transfer: ${JSON.stringify(refused ?? answers)}`);
    }
    for (const transfer of chunk) sent.push({ ...transfer, sentAt });
  };
  const open = () => start === undefined || performance.now() - start < durationMs;

  if (!options.automine) {
    let next = 0;
    await Promise.all(
      Array.from({ length: options.lanes }, async () => {
        while (next < transfers.length && open()) {
          const chunk = transfers.slice(next, next + batchSize);
          next += chunk.length;
          await post(chunk);
        }
      }),
    );
    return sent;
  }
  // Automine: lane j owns the senders s with s % lanes == j and sends one transfer of each per request.
  const bySender = new Map<number, SignedTransfer[]>();
  for (const transfer of transfers) {
    const list = bySender.get(transfer.sender) ?? [];
    list.push(transfer);
    bySender.set(transfer.sender, list);
  }
  const senders = [...bySender.keys()];
  const lanes = Math.min(options.lanes, senders.length);
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const owned = senders.filter((_, i) => i % lanes === lane).map((sender) => bySender.get(sender)!);
      for (let at = 0; open(); at++) {
        const chunk = owned.flatMap((list) => (at < list.length ? [list[at]!] : []));
        if (chunk.length === 0) return;
        await post(chunk);
      }
    }),
  );
  return sent;
}

/** The transaction hash of a raw signed transaction. */
export const rawHash = (raw: string): string => keccak256(raw);

/**
 * Requests in flight when handing EDR a block's transactions: EDR runs on its own threads, so a few at once overlap
 * its work with this thread's (about 2,900 transfers/s here against 2,100 one at a time; more in flight is no faster).
 */
const EDR_IN_FLIGHT = 8;

/**
 * Bare EDR: executes `blocks` (each a list of raw transactions, in order) on a fresh in-process L2 chain with the
 * genesis of the devnet's L2 and its bridge (`createL2Chain`, `bootstrapL2Bridge`, outside the timing), starting at
 * `baseFeePerGas` (the devnet's, at the first of these blocks): each block's
 * transactions by `eth_sendRawTransaction` into the pool ({@link EDR_IN_FLIGHT} at once), then `evm_mine`, as the node
 * that made them mined them (a block's order may differ: the pool takes a nonce ahead and mines it in turn).
 * Returns the milliseconds the execution took, checking every transaction was mined.
 */
export async function executeOnEdr(blocks: readonly (readonly string[])[], baseFeePerGas: bigint): Promise<number> {
  const chain = await createL2Chain();
  await bootstrapL2Bridge(chain);
  const request = (method: string, params: unknown[] = []) => chain.eip1193.request({ method, params });
  await request("evm_setAutomine", [false]);
  // The base fee the devnet's first block of the load had (its empty blocks had lowered it far below the genesis's):
  // full blocks raise it an eighth each, and from the genesis's 1 gwei they would soon price the transfers out.
  await request("hardhat_setNextBlockBaseFeePerGas", [`0x${baseFeePerGas.toString(16)}`]);
  const before = Number(await request("eth_blockNumber"));
  const start = performance.now();
  for (const block of blocks) {
    let next = 0;
    await Promise.all(
      Array.from({ length: EDR_IN_FLIGHT }, async () => {
        while (next < block.length) await request("eth_sendRawTransaction", [block[next++]!]);
      }),
    );
    await request("evm_mine");
  }
  const elapsed = performance.now() - start;
  // Every transfer was mined: the chain's head block holds the last, and no transaction is left in the pool.
  const head = Number(await request("eth_blockNumber"));
  const pending = (await request("eth_getBlockByNumber", ["pending", false])) as { transactions: string[] };
  if (head - before !== blocks.length || pending.transactions.length > 0) {
    throw new Error(`EDR mined ${head - before} blocks of ${blocks.length}, ${pending.transactions.length} left`);
  }
  return elapsed;
}
