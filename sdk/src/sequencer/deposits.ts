import { AbiCoder, dataLength, getBytes, toUtf8String, type Provider } from "ethers";

import { providerOf } from "../contracts/connection";
import { chunkedScan, type LogScanProgress } from "../contracts/logs";
import type { L1Bridge, L2Bridge } from "../contracts";
import { DepositEventsMissingError, DepositRelayError } from "../errors/sequencer";
import {
  DEFAULT_TOKEN_DECIMALS,
  TOKEN_NAME_MAX_BYTES,
  TOKEN_SYMBOL_MAX_BYTES,
  type Address,
  type DepositInput,
} from "../proof";

/**
 * When an L1 deposit counts as final, so that it may be relayed (PROTOCOL section 6): the node's `finalized` (or
 * `safe`) block, or the latest block less a confirmation depth. A deposit relayed before it is final could be reorged
 * away and re-mined with another timestamp, hence another hash, and the L2 chain would never match L1's again. The
 * 24-hour force-inclusion delay leaves ample room for either.
 */
export type L1Finality = "finalized" | "safe" | { readonly confirmations: number };

/** The highest L1 block that is final under `finality`. */
export async function finalL1Block(provider: Provider, finality: L1Finality = "finalized"): Promise<number> {
  if (typeof finality === "object") {
    const latest = await provider.getBlockNumber();
    return Math.max(0, latest - finality.confirmations);
  }
  const block = await provider.getBlock(finality);
  return block?.number ?? 0;
}

/** The L1 queue as it stands at L1 block `blockTag`: its length and a reader of its chain at any count. */
export async function finalQueue(l1Bridge: L1Bridge, blockTag: number) {
  const queued = await l1Bridge.depositCount({ blockTag });
  return {
    queued,
    chainAt: async (count: bigint) => (await l1Bridge.depositChainAt(count, { blockTag })) as `0x${string}`,
  };
}

/** A queued deposit with the L1 block it was queued in. */
export interface QueuedDepositEvent {
  readonly deposit: DepositInput & { readonly index: bigint };
  readonly l1Block: number;
}

/** How a log scan goes: its range size and its progress. */
export interface LogScanOptions {
  /** Most L1 blocks per `eth_getLogs` (default {@link DEFAULT_LOG_CHUNK}). */
  readonly logChunk?: number;
  /** Called after each range. */
  readonly onScanProgress?: (progress: LogScanProgress) => void;
}

/**
 * Deposits `fromIndex` (inclusive) to `toIndex` (exclusive) of the L1 queue with the L1 blocks they were queued in,
 * read from DepositQueued events in L1 blocks `fromBlock` to `toBlock` (default: latest), `scan.logChunk` blocks per
 * `eth_getLogs`.
 */
export async function queuedDepositEvents(
  l1Bridge: L1Bridge,
  fromIndex: bigint,
  toIndex: bigint,
  fromBlock = 0,
  toBlock?: number,
  scan: LogScanOptions = {},
): Promise<QueuedDepositEvent[]> {
  if (toIndex <= fromIndex) return [];
  const to = toBlock ?? (await providerOf(l1Bridge, "the L1 bridge").getBlockNumber());
  const events = await chunkedScan(
    { from: fromBlock, to, chunk: scan.logChunk, onProgress: scan.onScanProgress },
    (start, end) => l1Bridge.queryFilter(l1Bridge.filters.DepositQueued(), start, end),
  );
  const deposits = events
    .map(({ args, blockNumber }) => ({
      deposit: {
        index: args.index,
        from: args.from as Address,
        to: args.to as Address,
        l1Token: args.l1Token as Address,
        amount: args.amount,
        l1Timestamp: args.l1Timestamp,
      },
      l1Block: blockNumber,
    }))
    .filter(({ deposit }) => deposit.index >= fromIndex && deposit.index < toIndex)
    .sort((a, b) => (a.deposit.index < b.deposit.index ? -1 : 1));
  if (deposits.length !== Number(toIndex - fromIndex)) {
    throw new DepositEventsMissingError(fromIndex, toIndex, deposits.length);
  }
  return deposits;
}

/**
 * Deposits `fromIndex` (inclusive) to `toIndex` (exclusive) of the L1 queue, read from DepositQueued events in L1
 * blocks `fromBlock` to `toBlock` (default: latest).
 */
export async function queuedDeposits(
  l1Bridge: L1Bridge,
  fromIndex: bigint,
  toIndex: bigint,
  fromBlock = 0,
  toBlock?: number,
  scan: LogScanOptions = {},
): Promise<DepositInput[]> {
  return (await queuedDepositEvents(l1Bridge, fromIndex, toIndex, fromBlock, toBlock, scan)).map(
    ({ deposit }) => deposit,
  );
}

/**
 * The L1 block whose state fixes an L1 token's metadata for the L2: the block that queued its first deposit at or
 * after `fromIndex` (the first not yet relayed), among `events`. Relayer and checkers read the metadata there, so a
 * token whose `name()` changes over time still gets one answer, whoever asks and whenever.
 */
export function metadataBlock(events: readonly QueuedDepositEvent[], l1Token: string): QueuedDepositEvent | undefined {
  return events.find(({ deposit }) => deposit.l1Token.toLowerCase() === l1Token.toLowerCase());
}

/** Gas each metadata read on L1 may use: a token whose `name()` loops or returns megabytes cannot stall a relay. */
export const METADATA_READ_GAS = 100_000n;

/**
 * `value` as the L2 bridge stores it and a wallet can show it: control characters and bidirectional overrides removed, surrounding spaces
 * trimmed, cut to `maxBytes` of UTF-8 without splitting a character (the L2 bridge's own bound, applied first so the
 * event and the token show the same text).
 */
export function sanitizeTokenText(value: string, maxBytes: number): string {
  // Control characters, the replacement character left by invalid UTF-8, and bidirectional overrides (which can make
  // a wallet show a symbol reversed).
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u001f\u007f-\u009f\ufffd\u202a-\u202e\u2066-\u2069]/gu, "").trim();
  const bytes = new TextEncoder().encode(cleaned);
  if (bytes.length <= maxBytes) return cleaned;
  let end = maxBytes;
  // Step back over UTF-8 continuation bytes (10xxxxxx) to the start of the character that does not fit.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end)).trim();
}

const SELECTORS = { name: "0x06fdde03", symbol: "0x95d89b41", decimals: "0x313ce567" } as const;

/** Calls a metadata getter with a gas bound; undefined when it reverts, runs out of gas or returns nothing. */
async function readMetadata(
  provider: Provider,
  token: string,
  selector: string,
  blockTag: number | undefined,
): Promise<string | undefined> {
  try {
    const data = await provider.call({ to: token, data: selector, gasLimit: METADATA_READ_GAS, blockTag });
    return dataLength(data) === 0 ? undefined : data;
  } catch {
    return undefined;
  }
}

/** A string return value: ABI `string`, or a NUL-padded `bytes32` as some old tokens return. */
function decodeText(data: string | undefined): string | undefined {
  if (data === undefined) return undefined;
  try {
    const [text] = AbiCoder.defaultAbiCoder().decode(["string"], data) as unknown as [string];
    return text;
  } catch {
    if (dataLength(data) !== 32) return undefined;
    const bytes = getBytes(data);
    const end = bytes.indexOf(0);
    try {
      return toUtf8String(bytes.subarray(0, end === -1 ? 32 : end));
    } catch {
      return undefined;
    }
  }
}

/** Token metadata as {@link relayPendingDeposits} sends it to L2. */
export interface TokenMetadata {
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
}

/**
 * Name, symbol and decimals of an L1 token at L1 block `blockTag` (default: latest), each read with a gas bound and
 * sanitised to the L2 bridge's bounds, or undefined when the token exposes no usable name or symbol (the L2 bridge
 * then gives it generic metadata). Missing or out-of-range decimals fall back to 18, the L2 bridge's own default.
 */
export async function readTokenMetadata(
  token: string,
  provider: Provider,
  blockTag?: number,
): Promise<TokenMetadata | undefined> {
  const [nameData, symbolData, decimalsData] = await Promise.all(
    [SELECTORS.name, SELECTORS.symbol, SELECTORS.decimals].map((selector) =>
      readMetadata(provider, token, selector, blockTag),
    ),
  );
  const name = sanitizeTokenText(decodeText(nameData) ?? "", TOKEN_NAME_MAX_BYTES);
  const symbol = sanitizeTokenText(decodeText(symbolData) ?? "", TOKEN_SYMBOL_MAX_BYTES);
  if (name === "" || symbol === "") return undefined;
  let decimals = DEFAULT_TOKEN_DECIMALS;
  if (decimalsData !== undefined && dataLength(decimalsData) === 32 && BigInt(decimalsData) <= 255n) {
    decimals = Number(BigInt(decimalsData));
  }
  return { name, symbol, decimals };
}

export interface RelayResult {
  /** Deposits relayed by this call. */
  readonly relayed: number;
  /** The L2 bridge's deposit count afterwards. */
  readonly depositCount: bigint;
  /** Relay transactions sent. */
  readonly transactions: number;
  /** The last deposit this call found and the L1 block it was queued in (undefined when none was pending). */
  readonly lastDeposit?: KnownDeposit;
}

/** A deposit's index in the L1 queue and the L1 block that queued it. */
export interface KnownDeposit {
  readonly index: bigint;
  readonly l1Block: number;
}

export interface RelayOptions extends LogScanOptions {
  /**
   * A deposit known to be queued in a block (a previous call's `lastDeposit`): when the L2 has relayed past it, the
   * scan starts at its block rather than at `fromBlock`, since every later deposit was queued at or after it.
   */
  readonly after?: KnownDeposit;
  /** Relay up to this deposit count at most (default: every final deposit). */
  readonly upTo?: bigint;
  /** Most deposits in one relay transaction (default 50). */
  readonly chunk?: number;
  /** L1 block to start reading DepositQueued events from. */
  readonly fromBlock?: number;
  /** When a deposit counts as final on L1 (default `"finalized"`). */
  readonly finality?: L1Finality;
  /**
   * Most gas one relay transaction may use (default 12,000,000, under osaka's 16,777,216 per-transaction cap with
   * room for the estimate's error). A chunk whose estimate is higher, or that fails, is split in half.
   */
  readonly gasBudget?: bigint;
}

/** Default of {@link RelayOptions.gasBudget}. */
export const RELAY_GAS_BUDGET = 12_000_000n;

/**
 * Relays the L1 deposits the L2 bridge has not relayed yet, in queue order, up to the last one that is final on L1.
 * `l2Bridge` must be connected to an allowed relayer (this sequencer's own key). Before the first deposit of an L1
 * token it creates the token's L2 token with the L1 metadata, read with a gas bound and sanitised; a token whose
 * metadata cannot be read, or whose creation fails, gets the L2 bridge's generic metadata instead, so no L1 token can
 * make its deposit unrelayable. Relay transactions are sized by estimated gas, not by count: a chunk over
 * `gasBudget`, or one that fails, is split until it fits. Throws {@link DepositRelayError} when one deposit alone
 * cannot be relayed.
 */
export async function relayPendingDeposits(
  l1Bridge: L1Bridge,
  l2Bridge: L2Bridge,
  options: RelayOptions = {},
): Promise<RelayResult> {
  const l1Provider = providerOf(l1Bridge, "the L1 bridge");
  const finalBlock = await finalL1Block(l1Provider, options.finality);
  const relayedSoFar = await l2Bridge.depositCount();
  const queued = await l1Bridge.depositCount({ blockTag: finalBlock });
  const target = options.upTo === undefined || options.upTo > queued ? queued : options.upTo;
  const known = options.after;
  const fromBlock =
    known !== undefined && relayedSoFar > known.index
      ? Math.max(known.l1Block, options.fromBlock ?? 0)
      : options.fromBlock;
  const events = await queuedDepositEvents(l1Bridge, relayedSoFar, target, fromBlock, finalBlock, options);
  const deposits = events.map(({ deposit }) => deposit);

  for (const token of new Set(deposits.map((d) => d.l1Token).filter((t) => BigInt(t) !== 0n))) {
    if ((await l2Bridge.l2TokenOf(token)) !== "0x0000000000000000000000000000000000000000") continue;
    // No deposit of it was relayed yet, so the first pending one is its first ever: its L1 block fixes the metadata.
    // (`token` comes from `events`, so it has one there.)
    const first = metadataBlock(events, token);
    const metadata = first && (await readTokenMetadata(token, l1Provider, first.l1Block));
    if (!metadata) continue;
    try {
      await (await l2Bridge.createL2Token(token, metadata.name, metadata.symbol, metadata.decimals)).wait();
    } catch {
      // The relay below creates the token with generic metadata.
    }
  }

  const maxChunk = options.chunk ?? 50;
  const budget = options.gasBudget ?? RELAY_GAS_BUDGET;
  let transactions = 0;
  for (let at = 0; at < deposits.length;) {
    let size = Math.min(maxChunk, deposits.length - at);
    for (;;) {
      const chunk = deposits.slice(at, at + size);
      if (await sendRelay(l2Bridge, chunk, budget)) break;
      // The deposits are the queue's, contiguous from the bridge's count: the one at `at` has index count + at.
      if (size === 1) throw new DepositRelayError(relayedSoFar + BigInt(at));
      size = Math.ceil(size / 2);
    }
    at += size;
    transactions++;
  }
  const last = events.at(-1);
  return {
    relayed: deposits.length,
    depositCount: relayedSoFar + BigInt(deposits.length),
    transactions,
    ...(last === undefined ? {} : { lastDeposit: { index: last.deposit.index, l1Block: last.l1Block } }),
  };
}

/** Sends one relay transaction for `chunk` if its gas estimate fits `budget`; false when it does not or it fails. */
async function sendRelay(l2Bridge: L2Bridge, chunk: readonly DepositInput[], budget: bigint): Promise<boolean> {
  let estimate: bigint;
  try {
    estimate = await l2Bridge.relayDeposits.estimateGas([...chunk]);
  } catch {
    return false;
  }
  if (estimate > budget) return false;
  try {
    const receipt = await (await l2Bridge.relayDeposits([...chunk], { gasLimit: estimate + estimate / 5n })).wait();
    return receipt?.status === 1;
  } catch {
    return false;
  }
}
