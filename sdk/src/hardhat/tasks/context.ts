/** What every task starts from: the deployment of the network's chain, the L1 and L2 providers, the signers. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { BrowserProvider, JsonRpcProvider, Wallet, type JsonRpcSigner } from "ethers";

import { getDeployment, parseDeployment, type Deployment } from "../../deployments";
import { InvalidTaskArgumentError, MissingEnvironmentVariableError } from "../../errors/hardhat";
import { DeploymentChainMismatchError } from "../../errors/deployment";
import { L2_CHAIN_ID, l2Key } from "../../node/l2/genesis";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { consoleOutput, type TaskOutput } from "../progress";

export interface CommonArgs {
  readonly deployment?: string;
  readonly l2Rpc?: string;
}

export interface TaskContext {
  readonly deployment: Deployment;
  readonly l1: BrowserProvider;
  readonly out: TaskOutput;
  /** The L2 provider (the URL from `--l2-rpc`, the network's `metisL2Url` or `METIS_L2_RPC_URL`). */
  l2(): JsonRpcProvider;
  /** Hardhat account `index` of the network, as an ethers signer. */
  l1Signer(index?: number): Promise<JsonRpcSigner>;
  /**
   * The L2 sender: `METIS_L2_PRIVATE_KEY`, or on the devnet L2 (chain 41088) over a local L1 its first funded user (a public key of
   * the Hardhat test mnemonic).
   */
  l2Signer(): Wallet;
}

const OPTIONS = { cacheTimeout: -1, pollingInterval: 100 } as const;

/** The deployment: `--deployment <file>`, else `<root>/deployments/<network>.json`, else `getDeployment(chainId)`. */
export function findDeployment(hre: HardhatRuntimeEnvironment, file: string | undefined, chainId: number): Deployment {
  const candidate = file ?? path.join(hre.config.paths.root, "deployments", `${hre.network.name}.json`);
  if (file !== undefined && !existsSync(file))
    throw new InvalidTaskArgumentError("--deployment", `${file} does not exist`);
  if (existsSync(candidate)) {
    const deployment = parseDeployment(JSON.parse(readFileSync(candidate, "utf8")));
    if (deployment.l1ChainId === chainId) return deployment;
    if (file !== undefined)
      throw new InvalidTaskArgumentError(
        "--deployment",
        `${file} is for L1 chain ${deployment.l1ChainId}, not ${chainId}`,
      );
  }
  return getDeployment(chainId);
}

/** L1 chain ids of local development nodes (Hardhat, Anvil, Ganache). */
const LOCAL_L1_CHAIN_IDS = new Set([31_337, 1_337]);

export async function taskContext(hre: HardhatRuntimeEnvironment, args: CommonArgs): Promise<TaskContext> {
  const l1 = new BrowserProvider(hre.network.provider, undefined, OPTIONS);
  const chainId = Number((await l1.getNetwork()).chainId);
  const deployment = findDeployment(hre, args.deployment, chainId);
  const url = args.l2Rpc ?? hre.network.config.metisL2Url ?? process.env.METIS_L2_RPC_URL;
  let l2: JsonRpcProvider | undefined;
  if (url !== undefined) {
    l2 = new JsonRpcProvider(url, deployment.l2ChainId, { ...OPTIONS, staticNetwork: true });
    // staticNetwork spares ethers its own detection, so the chain is checked here, once: an L2 RPC of another chain
    // would have the tasks read and send against the wrong L2.
    const served = Number(BigInt((await l2.send("eth_chainId", [])) as string));
    if (served !== deployment.l2ChainId)
      throw new DeploymentChainMismatchError(deployment.network, "L2", deployment.l2ChainId, served);
  }
  const context: TaskContext = {
    deployment,
    l1,
    out: consoleOutput(),
    l2() {
      if (l2 === undefined)
        throw new MissingEnvironmentVariableError("METIS_L2_RPC_URL", "the L2 JSON-RPC URL (or pass --l2-rpc)");
      return l2;
    },
    l1Signer: (index = 0) => l1.getSigner(index),
    l2Signer() {
      const key = process.env.METIS_L2_PRIVATE_KEY;
      if (key !== undefined) return new Wallet(key, context.l2());
      // The devnet's funded user has a public key: a default only where both chains are local (a devnet L2 genesis on
      // a public L1 would otherwise pay withdrawals to an L1 address anyone can spend from).
      if (deployment.l2ChainId !== L2_CHAIN_ID || !LOCAL_L1_CHAIN_IDS.has(deployment.l1ChainId))
        throw new MissingEnvironmentVariableError("METIS_L2_PRIVATE_KEY", "the L2 sender's private key");
      return new Wallet(l2Key(2).privateKey, context.l2());
    },
  };
  return context;
}

/** `value` as a checksummed-or-not address, or InvalidTaskArgumentError naming `argument`. */
export function addressArg(argument: string, value: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new InvalidTaskArgumentError(argument, `${value} is not an address`);
  return value;
}
