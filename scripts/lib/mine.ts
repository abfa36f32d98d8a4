/**
 * Mining on demand for the local L1 (the Hardhat network), which mines only when sent a transaction: what
 * `startNextEpoch` needs to reach its seed block in tests, benchmarks and the demo.
 */
import { network } from "hardhat";

/** Mines blocks on the Hardhat network until block `blockNumber` exists. */
export async function mineTo(blockNumber: bigint): Promise<void> {
  const current = BigInt((await network.provider.send("eth_blockNumber", [])) as string);
  if (current < blockNumber) await network.provider.send("hardhat_mine", [`0x${(blockNumber - current).toString(16)}`]);
}
