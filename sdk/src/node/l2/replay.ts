/**
 * Block replay on the devnet L2: a replica mining the batches' raw transactions at their timestamps, and the rewind
 * that recovery uses (`L2Node`), which resets the chain to its pinned genesis and replays its own history.
 */
import type { Hex } from "../../proof";
import { L2DataError } from "../../errors/sequencer";
import { readRawL2Block, type RawL2Block } from "../../sequencer/l2-reader";
import type { L2Node } from "../../sequencer/sequencer";

import type { L2Chain } from "./chain";
import { rpcBlockHeader } from "./rpc-block";

/** A block as a replica needs it: its timestamp and its raw signed transactions in order. */
export interface ReplayBlock {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly transactions: readonly Hex[];
}

/**
 * Replays `blocks` on `chain` (a replica at the previous block): each block is mined with its own timestamp and
 * transactions, so an honest replica reaches the same block hashes and state roots. Returns the new blocks' hashes.
 */
export async function replayBlocks(chain: L2Chain, blocks: readonly ReplayBlock[]): Promise<Hex[]> {
  // Straight to the chain's EIP-1193 provider: through ethers' provider each request waits about a millisecond for
  // its request queue's timer, most of a full block's replay (the verifier's replica does the same).
  const send = (method: string, params: unknown[]) => chain.eip1193.request({ method, params });
  const hashes: Hex[] = [];
  await send("evm_setAutomine", [false]);
  try {
    for (const block of blocks) {
      for (const raw of block.transactions) await send("eth_sendRawTransaction", [raw]);
      await send("evm_mine", [Number(block.timestamp)]);
      const mined = await rpcBlockHeader(chain.provider, "latest");
      if (BigInt(mined.number) !== block.number)
        throw new L2DataError(`replayed block ${BigInt(mined.number)}, expected ${block.number}`);
      hashes.push(mined.hash);
    }
  } finally {
    await send("evm_setAutomine", [true]);
  }
  return hashes;
}

/**
 * The devnet L2 as an {@link L2Node}: `rewind(toBlock)` reads blocks 1 to `toBlock`, resets the chain to its pinned
 * genesis and replays them with their own timestamps and raw transactions, checking that every block hash comes back
 * the same. Everything after `toBlock` is gone.
 */
export function l2Node(chain: L2Chain): L2Node {
  return {
    async rewind(toBlock: bigint): Promise<void> {
      const blocks: RawL2Block[] = [];
      for (let number = 1n; number <= toBlock; number++) blocks.push(await readRawL2Block(chain.provider, number));
      const genesis = await rpcBlockHeader(chain.provider, 0n);
      await chain.provider.send("hardhat_reset", []);
      const reset = await rpcBlockHeader(chain.provider, 0n);
      if (reset.hash !== genesis.hash) throw new L2DataError("the L2 reset to another genesis");
      const hashes = await replayBlocks(
        chain,
        blocks.map((block) => ({ ...block, transactions: block.transactions.map((t) => t.raw) })),
      );
      hashes.forEach((hash, i) => {
        if (hash !== blocks[i]?.hash) throw new L2DataError(`replayed block ${i + 1} hashes to ${hash}`);
      });
    },
  };
}
