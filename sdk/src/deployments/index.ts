/**
 * The address book: deployments by chain id. The package ships every `deployments/<network>.json`; a dapp on another
 * chain registers its own with {@link registerDeployment}. Browser-safe: no file is read at run time.
 */
import { DeploymentConflictError, DeploymentNotFoundError, InvalidDeploymentError } from "../errors/deployment";
import { bytes32, bytesToHex, type Address, type BlockLeafInput } from "../proof";

import { KNOWN_DEPLOYMENTS } from "./known";
import type { Deployment, DeploymentContracts, GenesisLeafJson, RollupAddresses } from "./types";

export type * from "./types";

/** The contract names of {@link DeploymentContracts}, in the order the files list them. */
export const DEPLOYMENT_CONTRACTS = [
  "token",
  "timelock",
  "governor",
  "pauseLib",
  "registry",
  "l1Bridge",
  "batchChain",
  "verifierRegistry",
  "disputeLogic",
  "disputeManager",
  "daRequestManager",
  "rewardPool",
  "l2Bridge",
  "feeVault",
] as const satisfies readonly (keyof DeploymentContracts)[];

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InvalidDeploymentError(field, "is not an object");
  return value as Record<string, unknown>;
}

function matching(value: unknown, pattern: RegExp, field: string, what: string): string {
  if (typeof value !== "string" || !pattern.test(value)) throw new InvalidDeploymentError(field, `is not ${what}`);
  return value;
}

function count(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    throw new InvalidDeploymentError(field, "is not a non-negative integer");
  return value;
}

/**
 * Checks that `value` (parsed JSON, or an object built in code) is a well-formed {@link Deployment} and returns it
 * typed, with every address lower-cased; {@link InvalidDeploymentError} names the first bad field.
 */
export function parseDeployment(value: unknown): Deployment {
  const json = record(value, "deployment");
  const network = json.network;
  if (typeof network !== "string" || !/^[A-Za-z0-9_-]+$/.test(network))
    throw new InvalidDeploymentError("network", "is not a network name (letters, digits, '-' and '_')");
  const version = json.version;
  if (typeof version !== "string" || version.length === 0) throw new InvalidDeploymentError("version", "is missing");
  const contractsJson = record(json.contracts, "contracts");
  const contracts = Object.fromEntries(
    DEPLOYMENT_CONTRACTS.map((name) => [
      name,
      matching(contractsJson[name], ADDRESS, `contracts.${name}`, "an address").toLowerCase(),
    ]),
  ) as unknown as DeploymentContracts;
  const genesisJson = record(json.genesis, "genesis");
  const genesis = {
    number: matching(genesisJson.number, DECIMAL, "genesis.number", "a decimal string"),
    timestamp: matching(genesisJson.timestamp, DECIMAL, "genesis.timestamp", "a decimal string"),
    blockHash: matching(genesisJson.blockHash, BYTES32, "genesis.blockHash", "32 bytes of hex").toLowerCase(),
    stateRoot: matching(genesisJson.stateRoot, BYTES32, "genesis.stateRoot", "32 bytes of hex").toLowerCase(),
    withdrawalRoot: matching(
      genesisJson.withdrawalRoot,
      BYTES32,
      "genesis.withdrawalRoot",
      "32 bytes of hex",
    ).toLowerCase(),
  } as Deployment["genesis"];
  const parametersJson = record(json.parameters ?? {}, "parameters");
  const parameters = Object.fromEntries(
    Object.entries(parametersJson).map(([name, v]) => [
      name,
      matching(v, DECIMAL, `parameters.${name}`, "a decimal string"),
    ]),
  );
  const l1ChainId = count(json.l1ChainId, "l1ChainId");
  const l2ChainId = count(json.l2ChainId, "l2ChainId");
  if (l1ChainId === 0) throw new InvalidDeploymentError("l1ChainId", "is 0, which no chain has");
  if (l2ChainId === 0) throw new InvalidDeploymentError("l2ChainId", "is 0, which no chain has");
  for (const field of ["number", "timestamp"] as const) {
    if (BigInt(genesis[field]) >= 1n << 64n) throw new InvalidDeploymentError(`genesis.${field}`, "is not a uint64");
  }
  if (l1ChainId === l2ChainId) throw new InvalidDeploymentError("l2ChainId", "equals l1ChainId");
  return deepFreeze({
    network,
    version,
    l1ChainId,
    l2ChainId,
    deploymentBlock: count(json.deploymentBlock, "deploymentBlock"),
    l2BridgeBlock: count(json.l2BridgeBlock, "l2BridgeBlock"),
    genesis,
    contracts,
    parameters,
    ...(json.deployer === undefined
      ? {}
      : { deployer: matching(json.deployer, ADDRESS, "deployer", "an address").toLowerCase() as Address }),
  });
}

/** `value` and everything in it frozen: a deployment handed out is the registry's, and nobody may repoint it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The registered deployments, one list per program: kept on `globalThis` under a `Symbol.for` key, so that the ES
 * module and the CommonJS copies of the package (a Hardhat config and an ES module script in one process) share it.
 */
const registered: Deployment[] = ((globalThis as Record<symbol, unknown>)[
  Symbol.for("@metis-l2/protocol:registered-deployments")
] ??= []) as Deployment[];

/** Every deployment known: the registered ones first (the latest registration of a chain pair wins), then the shipped. */
export function knownDeployments(): readonly Deployment[] {
  return [...registered, ...KNOWN_DEPLOYMENTS.map((deployment) => deepFreeze(deployment))];
}

/**
 * The deployment on chain `chainId`, its L1 or its L2 chain id (as a wallet or a provider reports it); a registered
 * deployment is found before a shipped one. {@link DeploymentNotFoundError} when none is known.
 */
export function getDeployment(chainId: number | bigint): Deployment {
  const id = Number(chainId);
  const found = knownDeployments().find((d) => d.l1ChainId === id || d.l2ChainId === id);
  if (!found) throw new DeploymentNotFoundError(id);
  return found;
}

/**
 * Makes `deployment` known to {@link getDeployment} (a custom chain, a fork, a devnet of one's own), checked with
 * {@link parseDeployment}; returns the checked copy. Registering another deployment for chain ids already registered
 * throws {@link DeploymentConflictError} unless `replace` is set; registering the same one again changes nothing.
 */
export function registerDeployment(deployment: unknown, options: { readonly replace?: boolean } = {}): Deployment {
  const parsed = parseDeployment(deployment);
  const at = registered.findIndex((d) => d.l1ChainId === parsed.l1ChainId && d.l2ChainId === parsed.l2ChainId);
  const existing = registered[at];
  if (existing) {
    if (JSON.stringify(existing) === JSON.stringify(parsed)) return existing;
    if (options.replace !== true)
      throw new DeploymentConflictError(parsed.l1ChainId, parsed.l2ChainId, existing.network);
    registered.splice(at, 1);
  }
  registered.unshift(parsed);
  return parsed;
}

/** Forgets every registered deployment (the shipped ones stay); for tests and long-lived pages that switch chains. */
export function clearRegisteredDeployments(): void {
  registered.length = 0;
}

/** The deployment's addresses in the shape the SDK's clients took before deployments existed. */
export function rollupAddressesOf(deployment: Deployment): RollupAddresses {
  const { batchChain, l1Bridge, l2Bridge, registry, disputeManager, verifierRegistry, daRequestManager } =
    deployment.contracts;
  const { timelock, governor, rewardPool } = deployment.contracts;
  return {
    batchChain,
    l1Bridge,
    l2Bridge,
    registry,
    disputeManager,
    verifierRegistry,
    daRequestManager,
    timelock,
    governor,
    rewardPool,
  };
}

/** The L2 genesis block leaf (batch 0's) with its numbers as bigints. */
export function genesisLeafOf(deployment: Deployment): BlockLeafInput {
  return genesisLeafFromJson(deployment.genesis);
}

/** A genesis leaf from its JSON form (decimal strings back to bigints); the inverse of {@link genesisLeafJson}. */
export function genesisLeafFromJson(genesis: GenesisLeafJson): BlockLeafInput {
  const { number, timestamp, blockHash, stateRoot, withdrawalRoot } = genesis;
  return { number: BigInt(number), timestamp: BigInt(timestamp), blockHash, stateRoot, withdrawalRoot };
}

/** A block leaf in a deployment's JSON form: numbers as decimal strings, hashes as lower-case hex. */
export function genesisLeafJson(leaf: BlockLeafInput): GenesisLeafJson {
  const hex = (value: BlockLeafInput["blockHash"], field: string) => bytesToHex(bytes32(value, field));
  return {
    number: BigInt(leaf.number).toString(),
    timestamp: BigInt(leaf.timestamp).toString(),
    blockHash: hex(leaf.blockHash, "genesis.blockHash"),
    stateRoot: hex(leaf.stateRoot, "genesis.stateRoot"),
    withdrawalRoot: hex(leaf.withdrawalRoot, "genesis.withdrawalRoot"),
  };
}
