import type { Address, Hex } from "../proof";

/** Contract addresses the bridge functions need. */
export interface BridgeAddresses {
  readonly batchChain: string;
  readonly l1Bridge: string;
  readonly l2Bridge: string;
}

/** The addresses of a rollup's L1 contracts and of its L2 bridge. */
export interface RollupAddresses extends BridgeAddresses {
  /** SequencerRegistry. */
  readonly registry: string;
  readonly disputeManager: string;
  readonly verifierRegistry: string;
  readonly daRequestManager: string;
  readonly timelock: string;
  readonly governor: string;
  readonly rewardPool: string;
}

/** Every address of a deployment: the L1 contracts, their linked libraries, the token, and the L2 contracts. */
export interface DeploymentContracts extends RollupAddresses {
  /** The protocol token on L1 (METIS): stakes, bonds, votes. */
  readonly token: Address;
  /** The L2 fee vault (the L2's coinbase), which sends the fees to the RewardPool. */
  readonly feeVault: Address;
  /** Libraries linked into BatchChain and DisputeManager. */
  readonly pauseLib: Address;
  readonly disputeLogic: Address;
}

/**
 * The L2 genesis block as BatchChain's batch 0 commits it (its only block leaf), with the numbers as decimal strings
 * so that the deployment is plain JSON.
 */
export interface GenesisLeafJson {
  readonly number: string;
  readonly timestamp: string;
  readonly blockHash: Hex;
  readonly stateRoot: Hex;
  readonly withdrawalRoot: Hex;
}

/**
 * A deployment of the protocol, as `deployments/<network>.json` holds it: written by `scripts/deploy.ts` (and the
 * `metis:deploy` task), shipped in the package, read with {@link getDeployment}, and accepted by every SDK client in
 * place of loose addresses. Plain JSON: numbers beyond 2^53 (token amounts, parameters) are decimal strings.
 */
export interface Deployment {
  /** The network name it was deployed to (`localhost`, `sepolia`, ...), the file's name. */
  readonly network: string;
  /** Version of `@metis-l2/protocol` that deployed it. */
  readonly version: string;
  readonly l1ChainId: number;
  readonly l2ChainId: number;
  /** L1 block of the deployment's first transaction: no contract of it has a log before, so log scans start here. */
  readonly deploymentBlock: number;
  /** L2 block that created the L2 bridge: blocks before it have a zero withdrawal root. */
  readonly l2BridgeBlock: number;
  readonly genesis: GenesisLeafJson;
  readonly contracts: DeploymentContracts;
  /** Every governable parameter's value right after deployment, by name (see PARAMETERS), as a decimal string. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The account that deployed it, which holds no role afterwards (a rerun checks it still holds none). */
  readonly deployer?: Address;
}
