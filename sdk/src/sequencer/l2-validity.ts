import type { JsonRpcApiProvider, LogDescription, Provider } from "ethers";

import { providerOf } from "../contracts/connection";
import { type L1Bridge, type SequencerRegistry } from "../contracts";
import { InvalidL2BlockError, L2BlockNotFinalError } from "../errors/sequencer";
import { DEFAULT_TOKEN_DECIMALS, type Hex } from "../proof";

import {
  finalL1Block,
  finalQueue,
  metadataBlock,
  queuedDepositEvents,
  readTokenMetadata,
  type L1Finality,
} from "./deposits";
import type { L2Block } from "./l2-reader";
import { l2BridgeInterface } from "../contracts/connectors";

/** What checking L2 blocks against L1 needs. */
export interface L2ValidityContext {
  readonly l1Bridge: L1Bridge;
  readonly registry: SequencerRegistry;
  readonly l2: JsonRpcApiProvider;
  readonly l2Bridge: string;
  /** When a deposit counts as final on L1 (default `"finalized"`). */
  readonly finality?: L1Finality;
}

/** The L2 bridge's deposit state after some block: what the next block's relays must continue. */
export interface DepositState {
  readonly depositCount: bigint;
  readonly depositChainHash: Hex;
}

const bridgeInterface = l2BridgeInterface();
const DEPOSIT_RELAYED = bridgeInterface.getEvent("DepositRelayed").topicHash;
const TOKEN_CREATED = bridgeInterface.getEvent("L2TokenCreated").topicHash;

/** The metadata the L2 bridge gives an L1 token when no relayer supplied any (L2Bridge._relay). */
export function genericTokenMetadata(l1Token: string) {
  return { name: `Bridged ${l1Token.toLowerCase()}`, symbol: "BRIDGED", decimals: DEFAULT_TOKEN_DECIMALS };
}

/**
 * The L2 bridge's relay and token-creation events in L2 blocks `from` to `to`, with their transaction hashes, by
 * block number. Relays and token creations are told apart by what they did, not by how they were called, so a relay
 * made from a contract (or an EIP-7702 account) is seen as well.
 */
export async function bridgeRelayEvents(
  l2: JsonRpcApiProvider,
  l2Bridge: string,
  from: bigint,
  to: bigint,
): Promise<Map<bigint, { readonly event: LogDescription; readonly transactionHash: string }[]>> {
  const logs = (await l2.send("eth_getLogs", [
    {
      address: l2Bridge,
      topics: [[DEPOSIT_RELAYED, TOKEN_CREATED]],
      fromBlock: `0x${from.toString(16)}`,
      toBlock: `0x${to.toString(16)}`,
    },
  ])) as { topics: string[]; data: string; blockNumber: string; transactionHash: string }[];
  const byBlock = new Map<bigint, { event: LogDescription; transactionHash: string }[]>();
  for (const log of logs) {
    const number = BigInt(log.blockNumber);
    const list = byBlock.get(number) ?? [];
    const event = bridgeInterface.parseLog(log);
    if (event === null) continue; // not one of the two events asked for: nothing the bridge did
    list.push({ event, transactionHash: log.transactionHash });
    byBlock.set(number, list);
  }
  return byBlock;
}

/**
 * Checks contiguous L2 `blocks`, which follow a block whose bridge state is `start`, against the L2's validity rules
 * for relays (PROTOCOL section 6), and throws {@link InvalidL2BlockError} for the first block that breaks one:
 *
 * - every relay and token creation was made by a key that L1's SequencerRegistry knows as a sequencer's signer, so a
 *   bad one is attributable (and slashable);
 * - a created token has the L1 token's metadata as the SDK reads it (bounded and sanitised), or the bridge's generic
 *   metadata, so no relayer can dress one L1 token up as another;
 * - the deposit count never goes back, and the chain only moves with it;
 * - every relayed deposit is in L1's queue with exactly its fields: the L2 bridge's chain after the block equals L1's
 *   chain at the same count, which commits to every field of every deposit; and it is final on L1.
 *
 * A block whose relays match L1 but reach past L1's final block (as this node sees it) is not invalid yet, only not
 * final: that is {@link L2BlockNotFinalError}, worth retrying later, and never a reason to drop the block.
 * (Transaction types the L2 does not accept are refused when the blocks are read.)
 */
export async function checkL2Blocks(
  blocks: readonly L2Block[],
  start: DepositState,
  context: L2ValidityContext,
): Promise<void> {
  const [first, last] = [blocks[0], blocks.at(-1)];
  if (first === undefined || last === undefined) return;
  const l1 = providerOf(context.l1Bridge, "the L1 bridge");
  const events = await bridgeRelayEvents(context.l2, context.l2Bridge, first.number, last.number);
  const sequencers = new Map<string, boolean>();
  const isSequencerKey = async (key: string) => {
    let known = sequencers.get(key);
    if (known === undefined) {
      known = BigInt(await context.registry.sequencerOf(key)) !== 0n;
      sequencers.set(key, known);
    }
    return known;
  };
  let previous = start;
  let queue: Awaited<ReturnType<typeof finalQueue>> | undefined;
  const finalQueueOnce = async () =>
    (queue ??= await finalQueue(context.l1Bridge, await finalL1Block(l1, context.finality)));
  for (const block of blocks) {
    const blockEvents = events.get(block.number) ?? [];
    for (const { event } of blockEvents) {
      const relayer = event.args.relayer as string;
      if (!(await isSequencerKey(relayer))) {
        throw new InvalidL2BlockError(
          block.number,
          `${event.name} by ${relayer}, which is no sequencer's key`,
          relayer,
        );
      }
      if (event.name === "L2TokenCreated") {
        const { queued } = await finalQueueOnce();
        await checkTokenMetadata(block.number, event, previous.depositCount, queued, context.l1Bridge, l1);
      }
    }
    const relayer = blockEvents.find(({ event }) => event.name === "DepositRelayed")?.event.args.relayer as
      string | undefined;
    const count = block.depositCount;
    if (count === previous.depositCount) {
      if (block.depositChainHash !== previous.depositChainHash) {
        throw new InvalidL2BlockError(block.number, "the deposit chain changed without a deposit", relayer);
      }
      continue;
    }
    if (count < previous.depositCount) {
      throw new InvalidL2BlockError(block.number, `the deposit count went back to ${count}`, relayer);
    }
    queue = await finalQueueOnce();
    if (count > queue.queued) await checkNotYetFinal(block, queue.queued, context.l1Bridge, relayer);
    const expected = await queue.chainAt(count);
    if (expected.toLowerCase() !== block.depositChainHash.toLowerCase()) {
      throw new InvalidL2BlockError(
        block.number,
        `its relayed deposits differ from L1's queue (chain at ${count})`,
        relayer,
      );
    }
    previous = block;
  }
}

/**
 * A block relaying past L1's final queue: invalid when its deposits are not even in L1's latest queue as relayed,
 * and otherwise only not final yet ({@link L2BlockNotFinalError}).
 */
async function checkNotYetFinal(
  block: L2Block,
  finalCount: bigint,
  l1Bridge: L1Bridge,
  relayer: string | undefined,
): Promise<never> {
  const latest = await l1Bridge.depositCount();
  if (block.depositCount > latest) {
    throw new InvalidL2BlockError(
      block.number,
      `it relays deposits up to ${block.depositCount}, but L1 queued only ${latest}`,
      relayer,
    );
  }
  const chain = await l1Bridge.depositChainAt(block.depositCount);
  if (chain.toLowerCase() !== block.depositChainHash.toLowerCase()) {
    throw new InvalidL2BlockError(
      block.number,
      `its relayed deposits differ from L1's queue (chain at ${block.depositCount})`,
      relayer,
    );
  }
  throw new L2BlockNotFinalError(block.number, block.depositCount, finalCount);
}

/**
 * A created L2 token must carry the bridge's generic metadata, or its L1 token's metadata as {@link readTokenMetadata}
 * reads it at the L1 block of the token's first pending deposit (index `pendingFrom` or later): a fixed block, so a
 * token whose metadata changes over time still gets one verdict from every node. A node that no longer has that
 * block's state cannot judge, and does not call the block invalid for it.
 */
async function checkTokenMetadata(
  number: bigint,
  event: LogDescription,
  pendingFrom: bigint,
  finalCount: bigint,
  l1Bridge: L1Bridge,
  l1: Provider,
): Promise<void> {
  const l1Token = event.args.l1Token as string;
  const created = {
    name: event.args.name as string,
    symbol: event.args.symbol as string,
    decimals: Number(event.args.decimals),
  };
  const same = (other: { name: string; symbol: string; decimals: number } | undefined) =>
    other !== undefined &&
    other.name === created.name &&
    other.symbol === created.symbol &&
    other.decimals === created.decimals;
  if (same(genericTokenMetadata(l1Token))) return;
  const pending = await queuedDepositEvents(l1Bridge, pendingFrom, await l1Bridge.depositCount());
  const first = metadataBlock(pending, l1Token);
  if (!first) {
    throw new InvalidL2BlockError(
      number,
      `the L2 token of ${l1Token} was created with no deposit of it pending on L1`,
      event.args.relayer as string,
    );
  }
  if (first.deposit.index >= finalCount) throw new L2BlockNotFinalError(number, first.deposit.index + 1n, finalCount);
  try {
    await l1.getCode(l1Token, first.l1Block);
  } catch {
    return; // this node keeps no state of that block
  }
  if (same(await readTokenMetadata(l1Token, l1, first.l1Block))) return;
  throw new InvalidL2BlockError(
    number,
    `the L2 token of ${l1Token} was created as "${created.name}" (${created.symbol}, ${created.decimals} decimals), ` +
      "which is not the L1 token's metadata",
    event.args.relayer as string,
  );
}
