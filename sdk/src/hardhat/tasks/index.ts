/** The task bodies, loaded when a task runs (see `../index.ts`). Thin: each calls the SDK's client for the action. */
import path from "node:path";

import { Contract, formatEther, parseEther, parseUnits, type Interface } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { BridgeReader } from "../../bridge/reader";
import { depositERC20, depositETH, finalizeWithdrawal, withdrawERC20, withdrawETH } from "../../bridge/writer";
import { L1Bridge__factory, L2Bridge__factory } from "../../contracts";
import { transact } from "../../contracts/transact";
import { requestData } from "../../da/requests";

import { InvalidTaskArgumentError } from "../../errors/hardhat";
import { parameterSpec } from "../../governance/parameters";
import { proposeParameterChange } from "../../governance/proposals";
import type { Hex } from "../../proof";
import { loadNetworkConfig } from "../config-file";
import { connectDeployment, deployNetwork, writeDeploymentJson } from "../deploy";
import { consoleOutput } from "../progress";
import { packageVersion } from "../version";

import { addressArg, taskContext, type CommonArgs } from "./context";
import { status } from "./status";

export { challengeTask } from "./challenge";

/** A decimal amount in units of `decimals` decimals, or InvalidTaskArgumentError. */
function amountArg(value: string, decimals = 18): bigint {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new InvalidTaskArgumentError("--amount", `${value} is not a decimal amount`);
  const amount = decimals === 18 ? parseEther(value) : parseUnits(value, decimals);
  if (amount === 0n) throw new InvalidTaskArgumentError("--amount", "must be more than 0");
  return amount;
}

export async function deployTask(
  args: { deployConfig?: string; out: string },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const output = consoleOutput();
  const root = hre.config.paths.root;
  const config = loadNetworkConfig(hre.network.name, root, args.deployConfig);
  const directory = path.resolve(root, args.out);
  const result = await deployNetwork(hre, config, { directory, version: packageVersion(), output });
  const file = writeDeploymentJson(directory, result.deployment);
  output.line(result.deployedL1 ? `deployed; wrote ${file}` : `nothing to deploy; wrote ${file}`);
  for (const [name, address] of Object.entries(result.deployment.contracts))
    output.line(`  ${name.padEnd(17)} ${address}`);
}

export async function statusTask(
  args: CommonArgs & { batches: number },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  await status(await taskContext(hre, args), args);
}

export async function stakeTask(
  args: CommonArgs & { amount: string; signer?: string; account: number },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const ctx = await taskContext(hre, args);
  const amount = amountArg(args.amount);
  const account = await ctx.l1Signer(args.account);
  const signerKey = addressArg("--signer", args.signer ?? (await account.getAddress()));
  const c = connectDeployment(ctx.deployment.contracts, account);
  const interfaces: Record<string, Interface> = {
    SequencerRegistry: c.registry.interface,
    MetisToken: c.token.interface,
  };
  ctx.out.line(`staking ${formatEther(amount)} METIS from ${await account.getAddress()} with signer ${signerKey}`);
  const registry = await c.registry.getAddress();
  if ((await c.token.allowance(await account.getAddress(), registry)) < amount)
    await transact(() => c.token.approve(registry, amount), interfaces);
  const receipt = await transact(() => c.registry.stake(amount, signerKey), interfaces);
  const info = await c.registry.sequencerInfo(await account.getAddress());
  ctx.out.line(
    `staked in L1 block ${receipt.blockNumber}: ${formatEther(info.stake)} METIS in total (tx ${receipt.hash})`,
  );
}

export async function depositTask(
  args: CommonArgs & { amount: string; to?: string; token?: string; account: number },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const ctx = await taskContext(hre, args);
  const sender = await ctx.l1Signer(args.account);
  const to = addressArg("--to", args.to ?? (await sender.getAddress()));
  const bridge = L1Bridge__factory.connect(ctx.deployment.contracts.l1Bridge, sender);
  let queued;
  if (args.token === undefined) {
    const amount = amountArg(args.amount);
    ctx.out.line(`depositing ${formatEther(amount)} ETH for ${to} on L2`);
    queued = await depositETH(bridge, to, amount);
  } else {
    const token = addressArg("--token", args.token);
    const metadata = new Contract(token, ["function decimals() view returns (uint8)"], sender);
    const decimals = Number(await metadata.getFunction("decimals").staticCall());
    const amount = amountArg(args.amount, decimals);
    ctx.out.line(`depositing ${args.amount} of token ${token} for ${to} on L2`);
    queued = await depositERC20(bridge, token, to, amount);
  }
  ctx.out.line(
    `queued deposit #${queued.deposit.index} in L1 block ${queued.receipt.blockNumber} (tx ${queued.receipt.hash}); ` +
      "a sequencer relays it to L2",
  );
}

export async function withdrawTask(
  args: CommonArgs & { amount: string; to?: string; token?: string },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const ctx = await taskContext(hre, args);
  const sender = ctx.l2Signer();
  const to = addressArg("--to", args.to ?? sender.address);
  const bridge = L2Bridge__factory.connect(ctx.deployment.contracts.l2Bridge, sender);
  const initiated =
    args.token === undefined
      ? await withdrawETH(bridge, to, amountArg(args.amount))
      : await withdrawERC20(bridge, addressArg("--token", args.token), to, amountArg(args.amount));
  ctx.out.line(
    `withdrawal #${initiated.withdrawal.index} (${initiated.hash}) initiated in L2 block ${initiated.l2BlockNumber}; ` +
      `finalize it with: npx hardhat metis:finalize --id ${initiated.hash} --network ${hre.network.name}`,
  );
}

export async function finalizeTask(
  args: CommonArgs & { id: string; account: number },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const ctx = await taskContext(hre, args);
  const id: Hex | bigint = /^0x[0-9a-fA-F]{64}$/.test(args.id)
    ? (args.id as Hex)
    : /^\d+$/.test(args.id)
      ? BigInt(args.id)
      : (() => {
          throw new InvalidTaskArgumentError("--id", `${args.id} is neither a withdrawal hash nor an index`);
        })();
  // From the deployment: its blocks bound every scan (L1 from its deployment block, L2 from the bridge's).
  const reader = new BridgeReader({ deployment: ctx.deployment, l1: ctx.l1, l2: ctx.l2() });
  const lifecycle = await reader.getWithdrawalStatus(id);
  ctx.out.line(`withdrawal ${args.id}: ${lifecycle.status}`);
  const bar = ctx.out.bar("building the withdrawal proof", 1);
  let proof;
  try {
    proof = await reader.buildWithdrawalProof(id);
    bar.update(1);
  } finally {
    bar.stop();
  }
  const bridge = L1Bridge__factory.connect(ctx.deployment.contracts.l1Bridge, await ctx.l1Signer(args.account));
  const receipt = await finalizeWithdrawal(bridge, proof);
  ctx.out.line(`finalized in L1 block ${receipt.blockNumber} (tx ${receipt.hash})`);
}

export async function daRequestTask(
  args: CommonArgs & { batch: number; account: number },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const ctx = await taskContext(hre, args);
  const manager = connectDeployment(ctx.deployment.contracts, await ctx.l1Signer(args.account)).daRequestManager;
  const bond = await manager.daRequestBond();
  ctx.out.line(`requesting the data of batch #${args.batch} (bond ${formatEther(bond)} ETH)`);
  const receipt = await requestData(manager, BigInt(args.batch));
  ctx.out.line(`DA request opened in L1 block ${receipt.blockNumber} (tx ${receipt.hash})`);
}

export async function proposeTask(
  args: CommonArgs & { parameter: string; value: string; description?: string; account: number; delegate: boolean },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const ctx = await taskContext(hre, args);
  if (!/^\d+$/.test(args.value)) throw new InvalidTaskArgumentError("--value", `${args.value} is not an integer`);
  const spec = parameterSpec(args.parameter);
  const proposer = await ctx.l1Signer(args.account);
  const c = connectDeployment(ctx.deployment.contracts, proposer);
  if (args.delegate) {
    await transact(() => c.token.delegate(proposer.address), { MetisToken: c.token.interface });
    ctx.out.line(`delegated ${proposer.address}'s votes to itself`);
  }
  const description = args.description ?? `Set ${spec.name} to ${args.value}`;
  const { proposal, receipt } = await proposeParameterChange(
    c.governor,
    c,
    { contract: spec.contract, parameter: spec.name, value: BigInt(args.value) },
    description,
  );
  ctx.out.line(`proposal ${proposal.id} ("${description}") in L1 block ${receipt.blockNumber} (tx ${receipt.hash})`);
}
