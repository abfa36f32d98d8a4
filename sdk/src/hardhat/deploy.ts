/**
 * `deployNetwork`: the deployment behind `scripts/deploy.ts` and the `metis:deploy` task. On the Hardhat network it
 * runs on (L1) it deploys and wires every contract with `deployL1` and hands every role to the timelock; on the L2 of
 * the config it creates the L2 bridge and the fee vault (the devnet bootstrap); then it checks the wiring (every role
 * where it belongs, none left with the deployer), reads every parameter back (PARAMETERS) and returns the
 * {@link Deployment} that `deployments/<network>.json` records.
 *
 * Idempotent. With a deployment file for the network in `directory`:
 * - every recorded L1 contract has code: nothing is deployed on L1; the wiring is checked (DeploymentWiringError when
 *   a role is not where the deploy left it), the L2 bridge and fee vault are created only if missing (and checked),
 *   and the file is rewritten with the parameters read now;
 * - none has code (a devnet restarted since): deployed afresh, the file replaced;
 * - some have code and some not: PartialDeploymentError (nothing changed).
 * A run writes `<network>.pending.json` (the deployer and its nonce) before its first L1 transaction and removes it
 * once the file is written. A run that stopped halfway leaves it behind, and the next run refuses to resume:
 * `deployL1` predicts its addresses from the deployer's nonces, which the stopped run consumed, and its half-wired
 * contracts cannot be told from someone else's. The PartialDeploymentError says what to do: delete the pending file to
 * deploy a fresh set (the stopped run's contracts stay unused, their wiring role with the deployer), or restart the
 * devnet. A pending file whose deployer has sent nothing since (its nonce unchanged) is simply taken over.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import {
  AbstractSigner,
  BrowserProvider,
  getAddress,
  getCreateAddress,
  JsonRpcProvider,
  Wallet,
  type Eip1193Provider,
  type Provider,
  type Signer,
  type TransactionRequest,
  type TransactionResponse,
  type TypedDataDomain,
  type TypedDataField,
} from "ethers";

import {
  BatchChain__factory,
  DARequestManager__factory,
  DisputeManager__factory,
  L1Bridge__factory,
  MetisGovernor__factory,
  MetisTimelock__factory,
  MetisToken__factory,
  RewardPool__factory,
  SequencerRegistry__factory,
  VerifierRegistry__factory,
} from "../contracts";
import { DEPLOYMENT_CONTRACTS, genesisLeafFromJson, genesisLeafJson, parseDeployment } from "../deployments";
import type { Deployment, DeploymentContracts } from "../deployments/types";
import type { Address } from "../proof";
import { DeploymentChainMismatchError } from "../errors/deployment";
import { DeploymentWiringError, PartialDeploymentError } from "../errors/hardhat";
import { readParameters } from "../governance/parameters";
import { deployL1, roleConstants, type L1Contracts } from "../node/deploy/deploy-l1";
import { bootstrapFeeVault, bootstrapL2Bridge, genesisLeaf } from "../node/l2/chain";
import { L2_BRIDGE_ADDRESS, L2_FEE_VAULT_ADDRESS, L2_SYSTEM_ACCOUNT } from "../node/l2/genesis";

import type { NetworkDeployConfig } from "./config";
import { SILENT, type TaskOutput } from "./progress";

/** The slice of the Hardhat runtime the deployment uses: the network's name and its EIP-1193 provider. */
export interface HardhatNetworkLike {
  readonly network: { readonly name: string; readonly provider: Eip1193Provider };
}

export interface DeployNetworkOptions {
  /** The directory of `<network>.json` and the pending file. */
  readonly directory: string;
  /** The network name the file is named after (default: the Hardhat network's). */
  readonly network?: string;
  /** The package version recorded in the deployment. */
  readonly version: string;
  readonly output?: TaskOutput;
}

export interface DeployNetworkResult {
  readonly deployment: Deployment;
  /** Whether anything was deployed on L1 (false: a rerun found it all in place). */
  readonly deployedL1: boolean;
  /** L1 transactions the run sent. */
  readonly l1Transactions: number;
  /** Where the deployment file belongs. */
  readonly file: string;
}

/** The L1 contracts of a deployment file, in its order (the L2 ones are checked apart). */
const L1_CONTRACTS = DEPLOYMENT_CONTRACTS.filter((name) => name !== "l2Bridge" && name !== "feeVault");

/** Provider settings for local chains that mine each transaction at once: no stale cache, fast receipt polling. */
const PROVIDER_OPTIONS = { cacheTimeout: -1, pollingInterval: 100 } as const;

/** A signer that counts the transactions it sends (for the progress bar) and delegates everything to `inner`. */
class CountingSigner extends AbstractSigner {
  sent = 0;

  constructor(
    private readonly inner: Signer,
    private readonly onSend: (count: number) => void,
  ) {
    super(inner.provider);
  }

  override connect(provider: Provider | null): CountingSigner {
    return new CountingSigner(this.inner.connect(provider), this.onSend);
  }

  override getAddress(): Promise<string> {
    return this.inner.getAddress();
  }

  override signTransaction(tx: TransactionRequest): Promise<string> {
    return this.inner.signTransaction(tx);
  }

  override signMessage(message: string | Uint8Array): Promise<string> {
    return this.inner.signMessage(message);
  }

  override signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string> {
    return this.inner.signTypedData(domain, types, value);
  }

  override async sendTransaction(tx: TransactionRequest): Promise<TransactionResponse> {
    const response = await this.inner.sendTransaction(tx);
    this.onSend(++this.sent);
    return response;
  }
}

/** The contracts of `d` connected to `runner`, as `readParameters` and the wiring check take them. */
export function connectDeployment(
  contracts: DeploymentContracts,
  runner: Provider | Signer,
): Omit<L1Contracts, "bridge"> & { readonly l1Bridge: L1Contracts["bridge"] } {
  return {
    token: MetisToken__factory.connect(contracts.token, runner),
    registry: SequencerRegistry__factory.connect(contracts.registry, runner),
    l1Bridge: L1Bridge__factory.connect(contracts.l1Bridge, runner),
    batchChain: BatchChain__factory.connect(contracts.batchChain, runner),
    disputeManager: DisputeManager__factory.connect(contracts.disputeManager, runner),
    verifierRegistry: VerifierRegistry__factory.connect(contracts.verifierRegistry, runner),
    daRequestManager: DARequestManager__factory.connect(contracts.daRequestManager, runner),
    timelock: MetisTimelock__factory.connect(contracts.timelock, runner),
    governor: MetisGovernor__factory.connect(contracts.governor, runner),
    rewardPool: RewardPool__factory.connect(contracts.rewardPool, runner),
  };
}

/**
 * Checks the wiring the deploy leaves: the timelock holds DEFAULT_ADMIN_ROLE and GOVERNOR_ROLE on every owned
 * contract and the registry's SLASHER_ROLE, the dispute manager and the DA request manager hold their BatchChain and
 * registry roles, the Governor is the timelock's proposer, and `deployer` holds no role anywhere. Throws
 * DeploymentWiringError at the first difference.
 */
export async function checkWiring(contracts: DeploymentContracts, deployer: string, provider: Provider): Promise<void> {
  const c = connectDeployment(contracts, provider);
  const expect = async (
    name: string,
    contract: { hasRole(role: string, account: string): Promise<boolean> },
    roles: Map<string, string>,
    role: string,
    account: string,
    held = true,
  ) => {
    const id = roles.get(role);
    if (id === undefined || (await contract.hasRole(id, account)) !== held)
      throw new DeploymentWiringError(name, role, account, held);
  };
  const owned = {
    registry: c.registry,
    batchChain: c.batchChain,
    disputeManager: c.disputeManager,
    verifierRegistry: c.verifierRegistry,
    daRequestManager: c.daRequestManager,
    rewardPool: c.rewardPool,
  };
  for (const [name, contract] of Object.entries(owned)) {
    const roles = await roleConstants(contract);
    await expect(name, contract, roles, "DEFAULT_ADMIN_ROLE", contracts.timelock);
    await expect(name, contract, roles, "GOVERNOR_ROLE", contracts.timelock);
    for (const role of roles.keys()) await expect(name, contract, roles, role, deployer, false);
  }
  const batchRoles = await roleConstants(c.batchChain);
  await expect("batchChain", c.batchChain, batchRoles, "ROLLBACK_ROLE", contracts.disputeManager);
  await expect("batchChain", c.batchChain, batchRoles, "DISPUTER_ROLE", contracts.disputeManager);
  await expect("batchChain", c.batchChain, batchRoles, "DA_ROLE", contracts.daRequestManager);
  await expect("batchChain", c.batchChain, batchRoles, "ROLLBACK_ROLE", contracts.daRequestManager);
  const registryRoles = await roleConstants(c.registry);
  for (const slasher of [contracts.disputeManager, contracts.daRequestManager, contracts.timelock])
    await expect("registry", c.registry, registryRoles, "SLASHER_ROLE", slasher);
  const timelockRoles = await roleConstants(c.timelock);
  await expect("timelock", c.timelock, timelockRoles, "PROPOSER_ROLE", contracts.governor);
  for (const role of timelockRoles.keys()) await expect("timelock", c.timelock, timelockRoles, role, deployer, false);
}

/** Every governable parameter, read now, as the decimal strings a deployment file holds. */
export async function parameterStrings(
  contracts: DeploymentContracts,
  provider: Provider,
): Promise<Record<string, string>> {
  const values = await readParameters(connectDeployment(contracts, provider));
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value.toString()]));
}

/** The block that created the contract at `address`: the first whose state has code there (binary search). */
async function creationBlock(provider: Provider, address: string, head: number): Promise<number> {
  let low = 0;
  let high = head;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if ((await provider.getCode(address, mid)) === "0x") low = mid + 1;
    else high = mid;
  }
  return low;
}

interface PendingRun {
  readonly deployer: string;
  readonly nonce: number;
  readonly l1ChainId: number;
}

/** Deploys (or finds) the protocol on `hre`'s network and the config's L2; see the header. */
export async function deployNetwork(
  hre: HardhatNetworkLike,
  config: NetworkDeployConfig,
  options: DeployNetworkOptions,
): Promise<DeployNetworkResult> {
  const out = options.output ?? SILENT;
  const network = options.network ?? hre.network.name;
  const file = path.join(options.directory, `${network}.json`);
  const pendingFile = path.join(options.directory, `${network}.pending.json`);
  const l1 = new BrowserProvider(hre.network.provider, undefined, PROVIDER_OPTIONS);
  const l2 = new JsonRpcProvider(config.l2.rpcUrl, undefined, PROVIDER_OPTIONS);
  const l1ChainId = Number((await l1.getNetwork()).chainId);
  const l2ChainId = Number((await l2.getNetwork()).chainId);
  if (config.l2.chainId !== undefined && config.l2.chainId !== l2ChainId)
    throw new DeploymentChainMismatchError(network, "L2", config.l2.chainId, l2ChainId);
  const signer = await l1.getSigner(0);
  const deployer = await signer.getAddress();
  out.line(
    `network ${network}: L1 chain ${l1ChainId}, L2 chain ${l2ChainId} (${rpcHost(config.l2.rpcUrl)}), deployer ${deployer}`,
  );

  // What is there already.
  let recorded: Deployment | undefined;
  if (existsSync(file)) {
    const previous = parseDeployment(JSON.parse(readFileSync(file, "utf8")));
    if (previous.l1ChainId !== l1ChainId)
      throw new DeploymentChainMismatchError(network, "L1", previous.l1ChainId, l1ChainId);
    if (previous.l2ChainId !== l2ChainId)
      throw new DeploymentChainMismatchError(network, "L2", previous.l2ChainId, l2ChainId);
    const withCode = [];
    for (const name of L1_CONTRACTS) if ((await l1.getCode(previous.contracts[name])) !== "0x") withCode.push(name);
    if (withCode.length === L1_CONTRACTS.length) recorded = previous;
    else if (withCode.length > 0)
      throw new PartialDeploymentError(
        network,
        `${file} records contracts of which only ${withCode.join(", ")} have code`,
        "inspect the chain; move the file away to deploy a fresh set",
      );
    else if (!LOCAL_CHAIN_IDS.has(l1ChainId))
      // On a public chain an RPC that lags or serves another network also answers "no code": never redeploy on that.
      throw new PartialDeploymentError(
        network,
        `${file} records contracts none of which has code on chain ${l1ChainId} (a lagging or wrong RPC?)`,
        "check the RPC; move the file away to deploy a fresh set",
      );
    else out.line(`${file}: none of its contracts exists on this chain (a restarted devnet?); deploying afresh`);
  }

  const l2System = new Wallet(L2_SYSTEM_ACCOUNT.privateKey, l2);
  const l2Connection = { provider: l2, system: l2System, bridgeAddress: L2_BRIDGE_ADDRESS };
  let contracts: DeploymentContracts;
  let deploymentBlock: number;
  let genesis: Deployment["genesis"];
  let l1Transactions = 0;
  if (recorded !== undefined) {
    out.line(`L1: every contract of ${file} is in place (nothing to deploy); checking the wiring`);
    // The account that deployed must hold no role, nor the one deploying now (they differ when the key changed).
    await checkWiring(recorded.contracts, recorded.deployer ?? deployer, l1);
    if (recorded.deployer !== undefined && recorded.deployer !== deployer.toLowerCase())
      await checkWiring(recorded.contracts, deployer, l1);
    contracts = recorded.contracts;
    deploymentBlock = recorded.deploymentBlock;
    genesis = recorded.genesis;
  } else {
    mkdirSync(options.directory, { recursive: true });
    const nonce = await l1.getTransactionCount(deployer, "pending");
    if (existsSync(pendingFile)) {
      const pending = JSON.parse(readFileSync(pendingFile, "utf8")) as PendingRun;
      const firstContract = getCreateAddress({ from: pending.deployer, nonce: pending.nonce });
      const sameChain = pending.l1ChainId === l1ChainId;
      const untouched = pending.deployer === deployer && pending.nonce === nonce;
      if (sameChain && !untouched && (await l1.getCode(firstContract)) !== "0x")
        throw new PartialDeploymentError(
          network,
          `${pendingFile} records a run by ${pending.deployer} from nonce ${pending.nonce} (first contract ${firstContract}) that did not finish`,
          `delete ${pendingFile} and rerun to deploy a fresh set (the stopped run's contracts stay unused), or restart the devnet`,
        );
    }
    const run: PendingRun = { deployer, nonce, l1ChainId };
    writeFileSync(pendingFile, `${JSON.stringify(run, null, 2)}\n`);

    out.line("L2: genesis block and bridge");
    genesis = genesisLeafJson(await genesisLeaf(l2Connection));
    await bootstrapL2Bridge(l2Connection);

    deploymentBlock = (await l1.getBlockNumber()) + 1;
    const withToken = "address" in config.token;
    // deployL1's nonces: [token], timelock, governor, pauseLib, registry, bridge, batchChain, disputeLogic, ...
    const base = nonce + (withToken ? 0 : 1);
    const pauseLib = getCreateAddress({ from: deployer, nonce: base + 2 });
    const disputeLogic = getCreateAddress({ from: deployer, nonce: base + 6 });
    const bar = out.bar("L1 transactions", estimateTransactions(config));
    const counting = new CountingSigner(signer, (count) => {
      bar.update(count, Math.max(count, estimateTransactions(config)));
    });
    let deployed: L1Contracts;
    try {
      deployed = await deployL1(counting, {
        ...("address" in config.token ? { token: config.token.address } : { tokenSupply: config.token.supply }),
        genesis: genesisLeafFromJson(genesis),
        l2Bridge: L2_BRIDGE_ADDRESS,
        ...(config.l2Reserve !== undefined ? { l2Reserve: config.l2Reserve } : {}),
        ...(config.genesisBacking !== undefined ? { genesisBacking: config.genesisBacking } : {}),
        ...(config.parameters !== undefined ? { parameters: config.parameters } : {}),
        ...(config.governance !== undefined ? { governance: config.governance } : {}),
        ...(config.guardian !== undefined ? { guardian: config.guardian } : {}),
      });
    } finally {
      bar.update(counting.sent, counting.sent);
      bar.stop();
    }
    l1Transactions = counting.sent;
    const address = async (contract: { getAddress(): Promise<string> }) => lower(await contract.getAddress());
    contracts = {
      token: await address(deployed.token),
      timelock: await address(deployed.timelock),
      governor: await address(deployed.governor),
      pauseLib: lower(pauseLib),
      registry: await address(deployed.registry),
      l1Bridge: await address(deployed.bridge),
      batchChain: await address(deployed.batchChain),
      verifierRegistry: await address(deployed.verifierRegistry),
      disputeLogic: lower(disputeLogic),
      disputeManager: await address(deployed.disputeManager),
      daRequestManager: await address(deployed.daRequestManager),
      rewardPool: await address(deployed.rewardPool),
      l2Bridge: lower(L2_BRIDGE_ADDRESS),
      feeVault: lower(L2_FEE_VAULT_ADDRESS),
    };
    for (const name of ["pauseLib", "disputeLogic"] as const)
      if ((await l1.getCode(contracts[name])) === "0x")
        throw new PartialDeploymentError(network, `no code at the predicted ${name} ${contracts[name]}`, "report it");
    out.line(`L1: ${l1Transactions} transactions; checking the wiring`);
    await checkWiring(contracts, deployer, l1);
  }

  out.line("L2: bridge and fee vault");
  await bootstrapL2Bridge(l2Connection);
  await bootstrapFeeVault(l2Connection, contracts.rewardPool);
  const l2BridgeBlock = await creationBlock(l2, L2_BRIDGE_ADDRESS, await l2.getBlockNumber());

  out.line("parameters: reading every one back");
  const parameters = await parameterStrings(contracts, l1);
  const deployment = parseDeployment({
    network,
    version: options.version,
    l1ChainId,
    l2ChainId,
    deploymentBlock,
    l2BridgeBlock,
    genesis,
    contracts: Object.fromEntries(
      DEPLOYMENT_CONTRACTS.map((name) => [name, getAddress(contracts[name]).toLowerCase()]),
    ),
    parameters,
    deployer: recorded?.deployer ?? deployer.toLowerCase(),
  });
  return { deployment, deployedL1: recorded === undefined, l1Transactions, file };
}

/** Writes `deployment` as `<directory>/<network>.json` (two-space JSON, a final newline); returns the path. */
export function writeDeploymentJson(directory: string, deployment: Deployment): string {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${deployment.network}.json`);
  writeFileSync(file, `${JSON.stringify(deployment, null, 2)}\n`);
  // Only now is the run's record complete: until the file is written, a rerun must still find the pending one.
  rmSync(path.join(directory, `${deployment.network}.pending.json`), { force: true });
  return file;
}

/** Chain ids of local development nodes (Hardhat, Anvil, Ganache), where a reset chain is normal. */
const LOCAL_CHAIN_IDS = new Set([31_337, 1_337]);

/** `url`'s host, for output: an RPC URL often carries an API key in its path or query. */
function rpcHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the L2 RPC";
  }
}

/** About how many L1 transactions `deployL1` sends for `config` (the bar's total; corrected as they are counted). */
function estimateTransactions(config: NetworkDeployConfig): number {
  const settings = Object.values(config.parameters ?? {}).filter((v) => v !== undefined).length;
  return ("address" in config.token ? 0 : 1) + 48 + settings + (config.guardian === undefined ? 0 : 1);
}

const lower = (address: string): Address => address.toLowerCase() as Address;
