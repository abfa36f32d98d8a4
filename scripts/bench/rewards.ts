/**
 * Rewards (RewardPool): a claim after many finalized, settled batches (its cost does not depend on how many), and a
 * settlement per batch by quorum size (paid by whoever settles; each signer costs a recovery, a registry read and a
 * credit).
 */
import { parseEther } from "ethers";
import hre from "hardhat";

import type { BatchHeader } from "../../sdk/src/proof";
import { deployWithSequencers, signHeader, submitNext, type L1Fixture } from "../lib/l1-harness";

const BATCHES = 100;

async function fundPool(l1: L1Fixture): Promise<void> {
  const pool = await l1.rewardPool.getAddress();
  await (await l1.token.connect(l1.deployer).approve(pool, parseEther("100000"))).wait();
  await (await l1.rewardPool.connect(l1.deployer).fund(parseEther("100000"))).wait();
  await (await l1.deployer.sendTransaction({ to: pool, value: parseEther("100") })).wait();
}

async function finalized(l1: L1Fixture, count: number): Promise<BatchHeader[]> {
  const headers: BatchHeader[] = [];
  for (let i = 0; i < count; i++) headers.push((await submitNext(l1)).header);
  await hre.network.provider.send("evm_increaseTime", [Number(await l1.batchChain.fraudProofWindow()) + 1]);
  await hre.network.provider.send("evm_mine", []);
  return headers;
}

async function settle(l1: L1Fixture, header: BatchHeader): Promise<bigint> {
  const signatures = await signHeader(
    l1,
    header,
    l1.sequencers.map((s) => s.signer),
  );
  const receipt = await (await l1.rewardPool.connect(l1.deployer).settle(header, signatures, [], 0, 0)).wait();
  return receipt!.gasUsed;
}

/** Claims after `BATCHES` settled batches: by an account holding no tokens, and by one that holds some already. */
export async function measureClaims() {
  const l1 = await deployWithSequencers(3);
  await fundPool(l1);
  for (const header of await finalized(l1, BATCHES)) await settle(l1, header);
  const [first, holding] = l1.sequencers;
  await (await l1.token.connect(l1.deployer).transfer(holding!.account.address, 1n)).wait();
  const claim = async (account: typeof first) =>
    (await (await l1.rewardPool.connect(account!.account).claimRewards()).wait())!.gasUsed;
  return { batches: BATCHES, toEmpty: Number(await claim(first)), toHolder: Number(await claim(holding)) };
}

/** One settlement of a batch signed by all `size` members: the first credit of each account, then a later one. */
export async function measureSettle(size: number) {
  const l1 = await deployWithSequencers(size);
  await fundPool(l1);
  const [one, two] = await finalized(l1, 2);
  return { size, first: Number(await settle(l1, one!)), later: Number(await settle(l1, two!)) };
}
