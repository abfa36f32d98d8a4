import type { JsonRpcApiProvider } from "ethers";

import { L2Bridge__factory, type L1Bridge, type SequencerRegistry } from "../contracts/typechain";
import { InvalidL2BlockError } from "../errors/sequencer";
import type { Hex } from "../proof";

import { finalL1Block, finalQueue, type L1Finality } from "./deposits";
import type { L2Block } from "./l2-reader";

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

const bridgeInterface = L2Bridge__factory.createInterface();
const DEPOSIT_RELAYED = bridgeInterface.getEvent("DepositRelayed").topicHash;

/**
 * Checks contiguous L2 `blocks`, which follow a block whose bridge state is `start`, against the L2's validity rules
 * for deposits (PROTOCOL section 6), and throws {@link InvalidL2BlockError} for the first block that breaks one:
 *
 * - the deposit count never goes back, and the chain only moves with it;
 * - every relayed deposit is in L1's queue as of L1's final block (so it is final), with exactly its fields: the L2
 *   bridge's chain after the block equals L1's chain at the same count, which commits to every field of every deposit;
 * - every relay was made by a key that L1's SequencerRegistry knows as a sequencer's signer, so a bad relay is
 *   attributable (and slashable).
 *
 * (Transaction types the L2 does not accept are refused when the blocks are read.)
 */
export async function checkL2Blocks(
  blocks: readonly L2Block[],
  start: DepositState,
  context: L2ValidityContext,
): Promise<void> {
  let previous = start;
  let queue: Awaited<ReturnType<typeof finalQueue>> | undefined;
  for (const block of blocks) {
    const count = block.depositCount;
    if (count === previous.depositCount) {
      if (block.depositChainHash !== previous.depositChainHash) {
        throw new InvalidL2BlockError(block.number, "the deposit chain changed without a deposit");
      }
      continue;
    }
    if (count < previous.depositCount) {
      throw new InvalidL2BlockError(block.number, `the deposit count went back to ${count}`);
    }
    const relayer = await checkRelayers(block.number, context);
    if (queue === undefined) {
      const provider = context.l1Bridge.runner?.provider;
      if (!provider) throw new TypeError("the L1 bridge must be connected to a provider");
      queue = await finalQueue(context.l1Bridge, await finalL1Block(provider, context.finality));
    }
    if (count > queue.queued) {
      throw new InvalidL2BlockError(
        block.number,
        `it relays deposits up to ${count}, but only ${queue.queued} are queued and final on L1`,
        relayer,
      );
    }
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
 * Checks that every DepositRelayed in block `number` names a relayer that is some sequencer's signer on L1, and
 * returns the first relayer: a fault in the block's deposits is attributed to it.
 */
async function checkRelayers(number: bigint, context: L2ValidityContext): Promise<string | undefined> {
  const tag = `0x${number.toString(16)}`;
  const logs = (await context.l2.send("eth_getLogs", [
    { address: context.l2Bridge, topics: [DEPOSIT_RELAYED], fromBlock: tag, toBlock: tag },
  ])) as { topics: string[]; data: string }[];
  for (const log of logs) {
    const relayer = bridgeInterface.parseLog(log)!.args.relayer as string;
    const sequencer = await context.registry.sequencerOf(relayer);
    if (BigInt(sequencer) === 0n) {
      throw new InvalidL2BlockError(
        number,
        `a deposit was relayed by ${relayer}, which is no sequencer's key`,
        relayer,
      );
    }
  }
  return logs.length === 0 ? undefined : (bridgeInterface.parseLog(logs[0]!)!.args.relayer as string);
}
