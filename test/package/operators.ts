/**
 * The rollup's operators for the packed-package test, over the devnet's HTTP JSON-RPC (no in-process chain): deploy
 * the L1 contracts and bootstrap the L2 bridge, stake four sequencers and start an epoch, then on demand relay
 * deposits and propose batches (the SDK's Sequencer, as test/helpers/rollup.ts wires it) and move L1 time past the
 * fraud window. Runs the repository's SDK sources; the consumer's code runs the installed package.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { JsonRpcProvider, parseEther, Wallet, ZeroAddress, type BrowserProvider, type JsonRpcSigner } from "ethers";

import { connectBatchChain, connectMetisToken, connectSequencerRegistry } from "../../sdk/src/contracts/connectors";
import type { BatchChain } from "../../sdk/src/contracts";
import { genesisLeafJson, parseDeployment, type Deployment } from "../../sdk/src/deployments";
import {
  addL2Relayer,
  bootstrapL2Bridge,
  deployL1,
  FileDAStore,
  genesisLeaf,
  L2_BRIDGE_ADDRESS,
  L2_CHAIN_ID,
  L2_FEE_VAULT_ADDRESS,
  L2_SYSTEM_ACCOUNT,
  l2Key,
  type L2Chain,
} from "../../sdk/src/node";
import { Sequencer } from "../../sdk/src/sequencer/sequencer";
import { ContractRevertError } from "../../sdk/src/errors/contract";
import { NotScheduledError } from "../../sdk/src/errors/sequencer";
import { MemorySigningRecord } from "../../sdk/src/sequencer/signing-record";
import { startNextEpoch } from "../../sdk/src/sequencer/epochs";
import { seededWallet } from "../helpers/seeded";

import { rpc, type Devnet } from "./devnet";

const STAKE = parseEther("20000");

/** A JSON-RPC provider that polls fast and caches nothing (the devnet mines each transaction at once). */
export function devnetProvider(url: string): JsonRpcProvider {
  const provider = new JsonRpcProvider(url, undefined, { cacheTimeout: -1, pollingInterval: 50 });
  provider.pollingInterval = 50;
  return provider;
}

/** The devnet L2 over HTTP, in the shape the ./node helpers take (they use the provider's JSON-RPC calls only). */
function l2Chain(url: string): L2Chain {
  const provider = devnetProvider(url);
  return {
    provider: provider as unknown as BrowserProvider,
    eip1193: { request: ({ method, params }) => rpc(url, method, (params as unknown[] | undefined) ?? []) },
    users: Array.from({ length: 4 }, (_, i) => new Wallet(l2Key(2 + i).privateKey, provider)),
    system: new Wallet(L2_SYSTEM_ACCOUNT.privateKey, provider),
    bridgeAddress: L2_BRIDGE_ADDRESS,
  };
}

export interface Operators {
  readonly deployment: Deployment;
  readonly l1: JsonRpcProvider;
  readonly l2: JsonRpcProvider;
  readonly contracts: { readonly batchChain: BatchChain };
  /** The sequencer scheduled now proposes the next batch, signed by the others (it relays pending deposits first). */
  propose(): Promise<void>;
  /** Moves L1 time past the last batch's fraud window (and mines a block). */
  passFraudWindow(): Promise<void>;
  close(): void;
}

/**
 * Deploys the rollup on `devnet` with `deployL1` and the L2 bootstrap (what `metis:deploy` does; used when the
 * Hardhat quick start has not deployed), then {@link operate}s it.
 */
export async function deployRollup(devnet: Devnet): Promise<Operators> {
  const l1 = devnetProvider(devnet.l1.url);
  const chain = l2Chain(devnet.l2.url);
  const deployer: JsonRpcSigner = await l1.getSigner(0);
  const deploymentBlock = (await l1.getBlockNumber()) + 1;
  const genesis = await genesisLeaf(chain);
  const contracts = await deployL1(deployer, {
    genesis,
    parameters: { minMembers: 4, minEpochStake: 4n * STAKE, rotationTimeout: 3600 },
  });
  await bootstrapL2Bridge(chain);
  const address = async (contract: { getAddress(): Promise<string> }) => contract.getAddress();
  const deployment = parseDeployment({
    network: "package-test",
    version: "0.0.0-test",
    l1ChainId: Number((await l1.getNetwork()).chainId),
    l2ChainId: L2_CHAIN_ID,
    deploymentBlock,
    l2BridgeBlock: 1,
    genesis: genesisLeafJson(genesis),
    contracts: {
      token: await address(contracts.token),
      timelock: await address(contracts.timelock),
      governor: await address(contracts.governor),
      pauseLib: ZeroAddress,
      registry: await address(contracts.registry),
      l1Bridge: await address(contracts.bridge),
      batchChain: await address(contracts.batchChain),
      verifierRegistry: await address(contracts.verifierRegistry),
      disputeLogic: ZeroAddress,
      disputeManager: await address(contracts.disputeManager),
      daRequestManager: await address(contracts.daRequestManager),
      rewardPool: await address(contracts.rewardPool),
      l2Bridge: L2_BRIDGE_ADDRESS,
      feeVault: L2_FEE_VAULT_ADDRESS,
    },
    parameters: {},
  });
  l1.destroy();
  return operate(devnet, deployment);
}

/**
 * Runs `deployment` on `devnet` (deployed by `metis:deploy` or {@link deployRollup}): four sequencers stake tokens
 * from the node's first account (the deployer, which holds the supply), an epoch starts, and each sequencer's key
 * relays on L2.
 */
export async function operate(devnet: Devnet, deployment: Deployment): Promise<Operators> {
  const l1 = devnetProvider(devnet.l1.url);
  const chain = l2Chain(devnet.l2.url);
  const l2 = chain.provider as unknown as JsonRpcProvider;
  const deployer: JsonRpcSigner = await l1.getSigner(0);
  const contracts = {
    token: connectMetisToken(deployment.contracts.token, deployer),
    registry: connectSequencerRegistry(deployment.contracts.registry, deployer),
    batchChain: connectBatchChain(deployment.contracts.batchChain, l1),
  };
  const keys: Wallet[] = [];
  for (let i = 0; i < 4; i++) {
    const key = seededWallet("package sequencer", l1);
    await l1.send("hardhat_setBalance", [key.address, "0x56BC75E2D63100000"]);
    await (await contracts.token.transfer(key.address, STAKE)).wait();
    await (await contracts.token.connect(key).approve(deployment.contracts.registry, STAKE)).wait();
    await (await contracts.registry.connect(key).stake(STAKE, key.address)).wait();
    keys.push(key);
  }
  await startNextEpoch(contracts.registry, {
    waitForBlock: async (block) => {
      const current = BigInt(await l1.getBlockNumber());
      if (current < block) await l1.send("hardhat_mine", [`0x${(block - current).toString(16)}`]);
    },
  });
  const relayers: Wallet[] = [];
  for (const key of keys) relayers.push(await addL2Relayer(chain, new Wallet(key.privateKey, l2)));
  const directory = mkdtempSync(path.join(tmpdir(), "metis-package-da-"));
  const store = new FileDAStore(directory);
  const { batchChain, registry, l1Bridge, l2Bridge } = deployment.contracts;
  const sequencers = keys.map(
    (key, i) =>
      new Sequencer({
        key,
        batchChain,
        registry,
        l1Bridge,
        l2Bridge,
        l2,
        store,
        relayer: relayers[i],
        l1Finality: { confirmations: 0 },
        record: new MemorySigningRecord(),
      }),
  );
  return {
    deployment,
    l1,
    l2,
    contracts,
    async propose() {
      // The devnet's rotation timeout is 15 s of L1 time. This L1 mines only on transactions, so its latest block
      // can be older than that: a block mined now makes the schedule read the one the submission meets. The turn can
      // still pass while a slow (loaded) machine proposes; the next one then offers the header its peers signed.
      for (let attempt = 0; ; attempt++) {
        await l1.send("evm_mine", []);
        const proposer = await scheduledOf(sequencers);
        try {
          await proposer.propose(sequencers.filter((s) => s !== proposer));
          return;
        } catch (error) {
          const passed =
            error instanceof NotScheduledError ||
            (error instanceof ContractRevertError && error.errorName === "SequencerRegistryNotScheduledProposer");
          if (!passed || attempt >= 4) throw error;
        }
      }
    },
    async passFraudWindow() {
      const last = (await contracts.batchChain.batchCount()) - 1n;
      const finalizesAt = await contracts.batchChain.finalizesAt(last);
      await l1.send("evm_setNextBlockTimestamp", [Number(finalizesAt) + 1]);
      await l1.send("evm_mine", []);
    },
    close() {
      l1.destroy();
      l2.destroy();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The sequencer the registry schedules now. */
async function scheduledOf(sequencers: readonly Sequencer[]): Promise<Sequencer> {
  for (const sequencer of sequencers) if (await sequencer.isScheduled()) return sequencer;
  throw new Error("no sequencer is scheduled");
}
