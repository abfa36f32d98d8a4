/**
 * Withdrawal gas for `npm run bench:gas`: L1Bridge.finalizeWithdrawal against a final batch whose block tree has
 * height 10 (1,024 blocks), and L2Bridge.withdraw / withdrawERC20 on an in-process L2.
 *
 * The withdrawal tree is cumulative over the L2's life, so a proof carries one sibling per doubling of all
 * withdrawals ever made: the main rows use a tree of 1,024 withdrawals, and one row shows 65,536. The batch is not
 * the newest (three more follow it), as after a week of traffic. Payouts: ETH to the account that sends the
 * finalization (a user finalizing their own withdrawal), ETH to another existing account (a relayer finalizing for
 * someone), and tokens to addresses that hold none before, so the token's balance slot is new.
 */
import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { parseEther, Wallet, ZeroAddress, type ContractTransactionReceipt } from "ethers";
import hre from "hardhat";

import { finalizeWithdrawal } from "../../sdk/src/bridge/writer";
import { bootstrapL2Bridge, createL2Chain } from "../../sdk/src/node";
import type { Address, WithdrawalInput } from "../../sdk/src/proof";
import { deployWithSequencers, submitNext, type L1Fixture } from "../lib/l1-harness";
import { commitWithdrawals } from "../lib/withdrawals";

const WEEK = 7 * 24 * 60 * 60;
/** Blocks in the withdrawals' batch: a block tree of height 10. */
const BLOCKS = 1024;
/** Finalizations measured per kind of payout. */
const SAMPLES = 8;
/** L2 withdrawals made before measuring (the frontier slots of a tree of 64 exist). */
const L2_WARMUP = 64;

const gasOf = (receipt: ContractTransactionReceipt | null): bigint => receipt!.gasUsed;

export type PayoutKind = "ethToSender" | "ethToOther" | "erc20" | "votesToken";
const KINDS: readonly PayoutKind[] = ["ethToSender", "ethToOther", "erc20", "votesToken"];

/** Gas of finalizeWithdrawal by payout kind, from a tree of `treeSize` withdrawals that cycles through the kinds. */
export async function measureFinalize(treeSize: number): Promise<Record<PayoutKind, bigint[]>> {
  const l1: L1Fixture = await deployWithSequencers(1);
  const [finalizer, other] = await hre.ethers.getSigners();
  const bridge = await l1.bridge.getAddress();
  const erc20 = await hre.ethers.deployContract("TestERC20", ["Bridged", "BRG"]);
  const tokens = { erc20: await erc20.getAddress(), votesToken: await l1.token.getAddress() };
  // Escrow for the payouts, deposited the normal way.
  await (await l1.bridge.depositETH(finalizer!.address, { value: parseEther("10") })).wait();
  await (await erc20.mint(finalizer!.address, parseEther("10"))).wait();
  for (const token of [erc20, l1.token]) {
    await (await token.approve(bridge, parseEther("10"))).wait();
    await (await l1.bridge.depositERC20(await token.getAddress(), finalizer!.address, parseEther("10"))).wait();
  }

  const l2Sender = Wallet.createRandom().address as Address;
  const kindOf = (index: number) => KINDS[index % KINDS.length]!;
  const withdrawals: WithdrawalInput[] = Array.from({ length: treeSize }, (_, index) => {
    const kind = kindOf(index);
    const l1To = kind === "ethToSender" ? finalizer!.address : kind === "ethToOther" ? other!.address : null;
    return {
      index: BigInt(index),
      l2Sender,
      l1To: (l1To ?? Wallet.createRandom().address) as Address,
      l1Token: (kind === "erc20" ? tokens.erc20 : kind === "votesToken" ? tokens.votesToken : ZeroAddress) as Address,
      amount: 1000n,
    };
  });
  const committed = await commitWithdrawals(l1, withdrawals, { blockCount: BLOCKS, withdrawalBlock: BLOCKS - 300 });
  for (let i = 0; i < 3; i++) await submitNext(l1);
  await time.increase(WEEK);

  const gas: Record<PayoutKind, bigint[]> = { ethToSender: [], ethToOther: [], erc20: [], votesToken: [] };
  // Spread over the tree (proofs of different leaves carry different siblings), SAMPLES of each kind.
  const stride = Math.max(1, Math.floor(treeSize / (SAMPLES * KINDS.length)));
  for (let sample = 0; sample < SAMPLES; sample++) {
    for (let kind = 0; kind < KINDS.length; kind++) {
      const index = sample * stride * KINDS.length + kind;
      if (index >= treeSize) continue;
      const receipt = await finalizeWithdrawal(l1.bridge.connect(finalizer!), committed.proofOf(index));
      gas[kindOf(index)].push(gasOf(receipt));
    }
  }
  return gas;
}

/**
 * Gas of L2Bridge.withdraw (ETH) and withdrawERC20 on an in-process L2, `SAMPLES` of each after `L2_WARMUP`
 * withdrawals: the first withdrawals of a chain also create the tree's frontier slots, later ones only update them.
 */
export async function measureL2Withdraw(): Promise<{ eth: bigint[]; erc20: bigint[] }> {
  const l2 = await createL2Chain(hre);
  const relayerBridge = await bootstrapL2Bridge(l2, [l2.system.address]);
  const user = l2.users[0]!;
  const bridge = relayerBridge.connect(user);
  // An L2 token for the user: relay one deposit of an (arbitrary) L1 token, which creates it.
  const l1Token = Wallet.createRandom().address;
  await (
    await relayerBridge.relayDeposit({
      index: 0n,
      from: user.address,
      to: user.address,
      l1Token,
      amount: parseEther("100"),
      l1Timestamp: 1n,
    })
  ).wait();
  const l2Token = await relayerBridge.l2TokenOf(l1Token);
  for (let i = 0; i < L2_WARMUP; i++) await (await bridge.withdraw(user.address, { value: 1n })).wait();
  const eth: bigint[] = [];
  const erc20: bigint[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    eth.push(gasOf(await (await bridge.withdraw(user.address, { value: 1000n })).wait()));
    erc20.push(gasOf(await (await bridge.withdrawERC20(l2Token, user.address, 1000n)).wait()));
  }
  return { eth, erc20 };
}
