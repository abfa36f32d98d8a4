/**
 * `npm run bench:verifier [-- --json]`: the verifier's full check of one batch of L2 transfers against bare replay of
 * the same blocks on EDR, measured in one run.
 *
 * A source L2 mines the transfers (at least 1,000, in blocks of 100); one batch commits them on the Hardhat network
 * as L1, with its data object and sidecar in a DA directory. Then, in alternating rounds, each on a fresh EDR chain:
 * - bare replay: `replayBlocks` of the data object's blocks, the least any replica does;
 * - check: `Verifier.sync()` from L1 block 0 with a fresh replica: the logs and the submitBatch calldata, the data
 *   object read and verified by hash, the sidecar read and checked, both roots, the replay, and every comparison.
 * Creating the chains is outside the timings. The first round warms up and is not counted; the table shows the rest
 * and their medians, and the JSON (last line with `--json`) the medians: {"txs","checkMs","replayMs","overhead"}.
 * The goal is an overhead (check / replay) of at most 1.3.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import hre from "hardhat";

import {
  FileDAStore,
  bootstrapL2Bridge,
  createL2Chain,
  createL2Replica,
  deployL1,
  genesisLeaf,
  replayBlocks,
} from "../../sdk/src/node";
import { decodeBatchData, storeSidecar } from "../../sdk/src";
import { buildBatch } from "../../sdk/src/sequencer/batch-builder";
import { buildSidecar } from "../../sdk/src/sequencer/block-headers";
import { readL2Blocks } from "../../sdk/src/sequencer/l2-reader";
import { Verifier } from "../../sdk/src/verifier/verifier";
import { addSequencer, beginEpoch, submitNext, STAKE, type L1Fixture } from "../lib/l1-harness";

import { printTable, wantsJson } from "./table";

const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 1_000);
const PER_BLOCK = 100;
const ROUNDS = 6; // the first warms up

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<void> {
  const source = await createL2Chain(hre);
  await bootstrapL2Bridge(source);
  const { chainId } = await source.provider.getNetwork();
  const nonces = await Promise.all(source.users.map((user) => source.provider.getTransactionCount(user.address)));
  const feeData = await source.provider.getFeeData();
  const raws: string[] = [];
  for (let i = 0; i < TRANSFERS; i++) {
    const sender = i % source.users.length;
    const user = source.users[sender]!;
    raws.push(
      await user.signTransaction({
        to: source.users[(sender + 1) % source.users.length]!.address,
        value: 1n,
        nonce: nonces[sender]!++,
        chainId,
        gasLimit: 21_000n,
        maxFeePerGas: feeData.maxFeePerGas! * 4n,
        maxPriorityFeePerGas: 1n,
      }),
    );
  }
  await source.provider.send("evm_setAutomine", [false]);
  for (let at = 0; at < raws.length; at += PER_BLOCK) {
    for (const raw of raws.slice(at, at + PER_BLOCK)) await source.provider.send("eth_sendRawTransaction", [raw]);
    await source.provider.send("evm_mine", []);
  }
  await source.provider.send("evm_setAutomine", [true]);
  const head = BigInt(await source.provider.getBlockNumber());

  // L1 with one sequencer, whose genesis is the L2's; one batch commits every block since genesis.
  const [deployer] = await hre.ethers.getSigners();
  const contracts = await deployL1(deployer!, {
    genesis: await genesisLeaf(source),
    parameters: { minMembers: 1, minEpochStake: STAKE },
  });
  const sequencer = await addSequencer(contracts, deployer!);
  await beginEpoch(contracts.registry);
  const l1: L1Fixture = { ...contracts, deployer: deployer!, sequencers: [sequencer] };
  const directory = mkdtempSync(path.join(tmpdir(), "metis-bench-verifier-"));
  try {
    const store = new FileDAStore(directory);
    const blocks = await readL2Blocks(source.provider, source.bridgeAddress, 1n, head);
    const batch = buildBatch(1n, (await l1.batchChain.headerHash(0)) as `0x${string}`, blocks);
    await store.put(batch.header.dataHash as `0x${string}`, batch.data);
    await storeSidecar(store, await buildSidecar(source.provider, batch.header, blocks));
    await submitNext(l1, batch.header);
    const data = decodeBatchData(batch.data);
    const txs = batch.header.txCount;

    const rows: (string | number)[][] = [];
    const replayTimes: number[] = [];
    const checkTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bare = await createL2Chain(hre);
      let start = performance.now();
      await replayBlocks(bare, data.blocks);
      const replayMs = performance.now() - start;

      const verifier = new Verifier({
        l1: hre.ethers.provider,
        batchChain: await l1.batchChain.getAddress(),
        store,
        replica: await createL2Replica(hre),
      });
      start = performance.now();
      const { progress } = await verifier.sync();
      const checkMs = performance.now() - start;
      if (progress.batchesChecked !== 2 || progress.findings !== 0) {
        throw new Error(
          `the verifier did not pass the honest batch: ${JSON.stringify(progress, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`,
        );
      }
      if (round === 0) continue;
      replayTimes.push(replayMs);
      checkTimes.push(checkMs);
      rows.push([
        `round ${round}`,
        txs,
        data.blocks.length,
        Math.round(replayMs),
        Math.round(checkMs),
        (checkMs / replayMs).toFixed(2),
      ]);
    }
    const replayMs = median(replayTimes);
    const checkMs = median(checkTimes);
    const overhead = checkMs / replayMs;
    rows.push(["median", txs, data.blocks.length, Math.round(replayMs), Math.round(checkMs), overhead.toFixed(2)]);
    printTable(
      `Verifier check against bare replay (EDR, ${txs} transactions, warm-up round not counted; goal overhead <= 1.3)`,
      ["run", "txs", "blocks", "replay ms", "check ms", "overhead"],
      rows,
    );
    if (wantsJson()) {
      console.log(
        JSON.stringify({
          txs,
          checkMs: Math.round(checkMs),
          replayMs: Math.round(replayMs),
          overhead: Number(overhead.toFixed(3)),
        }),
      );
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
