import { Contract, type Provider } from "ethers";

import type { L1Bridge, L2Bridge } from "../contracts/typechain";
import type { Address, DepositInput } from "../proof";

/** Deposits `fromIndex` (inclusive) to `toIndex` (exclusive) of the L1 queue, read from DepositQueued events. */
export async function queuedDeposits(
  l1Bridge: L1Bridge,
  fromIndex: bigint,
  toIndex: bigint,
  fromBlock = 0,
): Promise<DepositInput[]> {
  if (toIndex <= fromIndex) return [];
  const events = await l1Bridge.queryFilter(l1Bridge.filters.DepositQueued(), fromBlock);
  const deposits = events
    .map(({ args }) => ({
      index: args.index,
      from: args.from as Address,
      to: args.to as Address,
      l1Token: args.l1Token as Address,
      amount: args.amount,
      l1Timestamp: args.l1Timestamp,
    }))
    .filter((deposit) => deposit.index >= fromIndex && deposit.index < toIndex)
    .sort((a, b) => (a.index < b.index ? -1 : 1));
  if (deposits.length !== Number(toIndex - fromIndex)) {
    throw new RangeError(`found ${deposits.length} of deposits ${fromIndex}..${toIndex - 1n} in the L1 logs`);
  }
  return deposits;
}

const METADATA_ABI = [
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
];

/** Name, symbol and decimals of an L1 token, or undefined when it does not expose them. */
async function tokenMetadata(token: string, provider: Provider) {
  const contract = new Contract(token, METADATA_ABI, provider);
  try {
    const [name, symbol, decimals] = await Promise.all([contract.name!(), contract.symbol!(), contract.decimals!()]);
    return { name: String(name), symbol: String(symbol), decimals: Number(decimals) };
  } catch {
    return undefined;
  }
}

export interface RelayResult {
  /** Deposits relayed by this call. */
  readonly relayed: number;
  /** The L2 bridge's deposit count afterwards. */
  readonly depositCount: bigint;
}

/**
 * Relays the L1 deposits the L2 bridge has not relayed yet, in queue order, up to `upTo` (default: the whole queue).
 * `l2Bridge` must be connected to the system relayer. Before the first deposit of an L1 token, creates its L2 token
 * with the L1 token's metadata.
 */
export async function relayPendingDeposits(
  l1Bridge: L1Bridge,
  l2Bridge: L2Bridge,
  options: { readonly upTo?: bigint; readonly chunk?: number; readonly fromBlock?: number } = {},
): Promise<RelayResult> {
  const relayedSoFar = await l2Bridge.depositCount();
  const queued = await l1Bridge.depositCount();
  const target = options.upTo === undefined || options.upTo > queued ? queued : options.upTo;
  const deposits = await queuedDeposits(l1Bridge, relayedSoFar, target, options.fromBlock);
  const l1Provider = l1Bridge.runner?.provider;
  for (const token of new Set(deposits.map((d) => d.l1Token).filter((t) => BigInt(t) !== 0n))) {
    if ((await l2Bridge.l2TokenOf(token)) !== "0x0000000000000000000000000000000000000000") continue;
    const metadata = l1Provider ? await tokenMetadata(token, l1Provider) : undefined;
    if (metadata) await (await l2Bridge.createL2Token(token, metadata.name, metadata.symbol, metadata.decimals)).wait();
  }
  const chunk = options.chunk ?? 50;
  for (let from = 0; from < deposits.length; from += chunk) {
    await (await l2Bridge.relayDeposits(deposits.slice(from, from + chunk))).wait();
  }
  return { relayed: deposits.length, depositCount: relayedSoFar + BigInt(deposits.length) };
}
