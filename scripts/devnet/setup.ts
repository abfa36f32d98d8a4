/**
 * What the devnet does on its fresh chains after the deployment, while the L1 still mines a block per transaction:
 * the four sequencers each stake the same amount (tokens from the deployer), their relayer keys become L2 relayers
 * (`addL2Relayer`), the epoch is started (`startNextEpoch`), the verifier gets tokens (for a vote stake) and the load
 * generator's L1 users tokens to deposit. Then the L1 switches to interval mining (a block every `blockMs`).
 */
import { parseEther, Wallet, type JsonRpcProvider } from "ethers";

import type { Deployment } from "../../sdk/src/deployments/types";
import { connectDeployment } from "../../sdk/src/hardhat/deploy";
import { addL2Relayer, type L2Chain } from "../../sdk/src/node/l2/chain";
import { L2_BRIDGE_ADDRESS, L2_SYSTEM_ACCOUNT } from "../../sdk/src/node/l2/genesis";
import { startNextEpoch } from "../../sdk/src/sequencer/epochs";

import type { DevnetAccounts } from "./accounts";

/** METIS each load generator user gets to deposit. */
export const LOAD_USER_TOKENS = parseEther("10000");
/** METIS the verifier gets (a vote stake is at least minVerifierStake, 1,000). */
export const VERIFIER_TOKENS = parseEther("10000");

export interface SetupOptions {
  readonly l1: JsonRpcProvider;
  readonly l2: JsonRpcProvider;
  readonly deployment: Deployment;
  readonly accounts: DevnetAccounts;
  /** Each sequencer's stake (default: the registry's minStake). */
  readonly stake?: bigint;
  readonly log: (line: string) => void;
}

/** Stakes the sequencers, adds the relayers, starts the epoch, funds the verifier and the load users. */
export async function setUpRollup(options: SetupOptions): Promise<{ readonly stake: bigint }> {
  const { l1, l2, deployment, accounts, log } = options;
  const deployer = new Wallet(accounts.deployer.privateKey, l1);
  const contracts = connectDeployment(deployment.contracts, deployer);
  const stake = options.stake ?? (await contracts.registry.minStake());
  const registryAddress = await contracts.registry.getAddress();
  for (const sequencer of accounts.sequencers) {
    const key = new Wallet(sequencer.signer.privateKey, l1);
    await (await contracts.token.transfer(key.address, stake)).wait();
    await (await contracts.token.connect(key).approve(registryAddress, stake)).wait();
    await (await contracts.registry.connect(key).stake(stake, key.address)).wait();
    log(`${sequencer.name} (${key.address}) staked ${stake / 10n ** 18n} METIS`);
  }
  // The L2 connection addL2Relayer needs: the system account (the genesis's public key) on the L2 node.
  const chain = {
    provider: l2,
    system: new Wallet(L2_SYSTEM_ACCOUNT.privateKey, l2),
    bridgeAddress: L2_BRIDGE_ADDRESS,
  } as unknown as L2Chain;
  for (const sequencer of accounts.sequencers) {
    await addL2Relayer(chain, new Wallet(sequencer.relayer.privateKey, l2));
    log(`${sequencer.name}'s relayer ${sequencer.relayer.address} may relay deposits on L2`);
  }
  const mine = async (blockNumber: bigint) => {
    const current = BigInt(await l1.send("eth_blockNumber", []));
    if (current < blockNumber) await l1.send("hardhat_mine", [`0x${(blockNumber - current).toString(16)}`]);
  };
  await startNextEpoch(contracts.registry, { waitForBlock: mine });
  const members = await contracts.registry.members();
  log(`epoch started: ${members.length} members, proposer order ${members.map((m) => m.signer).join(", ")}`);
  await (await contracts.token.transfer(accounts.verifier.address, VERIFIER_TOKENS)).wait();
  for (const user of accounts.l1Users) await (await contracts.token.transfer(user.address, LOAD_USER_TOKENS)).wait();
  log(`verifier and load users funded with METIS`);
  return { stake };
}

/** Switches the L1 from a block per transaction to a block every `blockMs` milliseconds. */
export async function startIntervalMining(l1: JsonRpcProvider, blockMs: number): Promise<void> {
  await l1.send("evm_setAutomine", [false]);
  await l1.send("evm_setIntervalMining", [blockMs]);
}
