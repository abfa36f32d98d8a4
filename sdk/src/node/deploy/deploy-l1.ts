/**
 * Deploys the L1 contracts and wires them: MetisToken (unless an existing token is given), SequencerRegistry, L1Bridge,
 * BatchChain (the registry pointed at it), VerifierRegistry (the staked verifiers who vote on execution disputes) and
 * DisputeManager with its linked DisputeLogic (holding BatchChain's rollback and disputer roles and the
 * registry's slasher role, and named by the verifier registry), DARequestManager (BatchChain's DA and rollback
 * roles, the registry's slasher role), RewardPool (the signers' rewards, funded by the L2 fee vault's withdrawals
 * and by governance), and the governance that owns them all: MetisTimelock (every contract's admin and governor
 * roles, the registry's slasher role for governance slashing, the treasury) and MetisGovernor (the timelock's only
 * proposer). Every role but DEFAULT_ADMIN_ROLE is administered by each contract's WIRING_ROLE, which the deployer
 * holds until the handover: it grants the roles above with it and applies `parameters`, then renounces every role it
 * held, WIRING_ROLE included, so that it keeps none and no one can grant or revoke a role again (the wiring is as
 * immutable as the code; the timelock's DEFAULT_ADMIN_ROLE administers nothing). Used by the tests, the benchmarks
 * and the demo.
 */
import { getCreateAddress, type Signer } from "ethers";

import type { RollupAddresses } from "../../deployments/types";
import type { BlockLeafInput } from "../../proof";
import {
  BatchChain__factory,
  DARequestManager__factory,
  DisputeManager__factory,
  DisputeLogic__factory,
  PauseLib__factory,
  L1Bridge__factory,
  MetisGovernor__factory,
  MetisTimelock__factory,
  RewardPool__factory,
  MetisToken__factory,
  SequencerRegistry__factory,
  VerifierRegistry__factory,
  type BatchChain,
  type DARequestManager,
  type DisputeManager,
  type L1Bridge,
  type MetisGovernor,
  type MetisTimelock,
  type RewardPool,
  type MetisToken,
  type SequencerRegistry,
  type VerifierRegistry,
} from "../../contracts";
import { DeployedAddressMismatchError } from "../../errors/node";
import {
  DEFAULT_PROPOSAL_THRESHOLD,
  DEFAULT_QUORUM_NUMERATOR,
  DEFAULT_TIMELOCK_DELAY,
  DEFAULT_VOTING_DELAY,
  DEFAULT_VOTING_PERIOD,
} from "../../proof/constants";
import { L2_BRIDGE_ADDRESS, L2_BRIDGE_RESERVE, L2_GENESIS_FLOAT } from "../l2/genesis";

/** Parameters the deployer may set at once (each within the contract's bounds); omitted ones keep the defaults. */
export interface L1Parameters {
  readonly minStake?: bigint;
  readonly maxStake?: bigint;
  readonly maxSequencers?: number;
  readonly exitDelay?: number;
  readonly epochDuration?: number;
  readonly rotationTimeout?: number;
  readonly maxMissedTurns?: number;
  readonly rewardBps?: number;
  readonly fraudProofWindow?: number;
  readonly forceInclusionDelay?: number;
  readonly fraudSlashBps?: number;
  readonly minMembers?: number;
  readonly minEpochStake?: bigint;
  readonly executionBond?: bigint;
  readonly minVerifierStake?: bigint;
  readonly verifierExitDelay?: number;
  readonly maxStrikes?: number;
  readonly verifierSlashBps?: number;
  readonly commitPeriod?: number;
  readonly revealPeriod?: number;
  readonly escalationPeriod?: number;
  readonly quorumBps?: number;
  readonly voterShareBps?: number;
  readonly daRequestBond?: bigint;
  readonly daWindow?: number;
  readonly minReviewTime?: number;
  readonly daSlashBps?: number;
  readonly daRefundFixed?: bigint;
  readonly daRefundPerByte?: bigint;
  /** Longest guardian pause, in seconds (BatchChain). */
  readonly maxPause?: number;
  /** Wait between the end of one guardian pause and the next, in seconds. */
  readonly pauseCooldown?: number;
  /** Longest maintenance window, in seconds. */
  readonly maxMaintenance?: number;
  /** Least notice of a maintenance window, in seconds. */
  readonly maintenanceNotice?: number;
  /** Share of the reward pool one settled batch pays its signers, in basis points (RewardPool). */
  readonly batchRewardBps?: number;
  /** Seconds of active time after a batch's first settlement during which later ones may add signers (RewardPool). */
  readonly settlementWindow?: number;
}

/**
 * The Governor's and the timelock's settings, for local networks (each within its bounds in Constants.sol; the
 * contracts refuse others). Omitted ones keep the defaults.
 */
export interface GovernanceSettings {
  /** Seconds from a proposal to its vote's start. */
  readonly votingDelay?: number;
  /** Seconds a vote lasts. */
  readonly votingPeriod?: number;
  /** Quorum in percent of the token supply at the vote's snapshot. */
  readonly quorumNumerator?: number;
  /** Votes a proposer needs, in token wei. */
  readonly proposalThreshold?: bigint;
  /**
   * Seconds of BatchChain's active time between a passed proposal's queueing and its execution: at least 14 days (the
   * longest fraud window plus the 7-day exit window).
   */
  readonly timelockDelay?: number;
}

export interface DeployL1Options {
  /** An existing protocol token; when absent a MetisToken is deployed with `tokenSupply` for the deployer. */
  readonly token?: string;
  readonly tokenSupply?: bigint;
  /** The L2 bridge's ETH reserve, which credits ETH deposits (default: the local L2's). */
  readonly l2Reserve?: bigint;
  /**
   * ETH the deployer sends the L1 bridge to back the L2 genesis float: every native L2 ETH outside the bridge's
   * reserve (default: the local L2's genesis float).
   */
  readonly genesisBacking?: bigint;
  /** The L2 genesis block, batch 0's only block leaf. */
  readonly genesis: BlockLeafInput;
  /**
   * The L2 bridge's address on L2, whose storage the DisputeManager proves (default: the local L2's, the system
   * account's first contract, `L2_BRIDGE_ADDRESS`).
   */
  readonly l2Bridge?: string;
  readonly parameters?: L1Parameters;
  /** The Governor's and the timelock's settings (local networks). */
  readonly governance?: GovernanceSettings;
  /** The BatchChain's guardian, which may pause for at most `maxPause` (none when omitted). */
  readonly guardian?: string;
}

export interface L1Contracts {
  readonly token: MetisToken;
  readonly registry: SequencerRegistry;
  readonly bridge: L1Bridge;
  readonly batchChain: BatchChain;
  readonly disputeManager: DisputeManager;
  readonly verifierRegistry: VerifierRegistry;
  readonly daRequestManager: DARequestManager;
  /** Owns every role and parameter, and is the treasury. */
  readonly timelock: MetisTimelock;
  /** Token holders' proposals, executed through the timelock. */
  readonly governor: MetisGovernor;
  readonly rewardPool: RewardPool;
}

/** A rollup's addresses as the SDK's clients take them (`Sequencer`, `BridgeReader`): the L1 contracts and the L2 bridge. */
export type { RollupAddresses } from "../../deployments/types";

/** The addresses of `l1`'s contracts and of the L2 bridge at `l2Bridge`. */
export async function rollupAddresses(
  l1: Pick<
    L1Contracts,
    | "batchChain"
    | "registry"
    | "bridge"
    | "disputeManager"
    | "verifierRegistry"
    | "daRequestManager"
    | "timelock"
    | "governor"
    | "rewardPool"
  >,
  l2Bridge: string,
): Promise<RollupAddresses> {
  return {
    batchChain: await l1.batchChain.getAddress(),
    registry: await l1.registry.getAddress(),
    l1Bridge: await l1.bridge.getAddress(),
    disputeManager: await l1.disputeManager.getAddress(),
    verifierRegistry: await l1.verifierRegistry.getAddress(),
    daRequestManager: await l1.daRequestManager.getAddress(),
    timelock: await l1.timelock.getAddress(),
    governor: await l1.governor.getAddress(),
    rewardPool: await l1.rewardPool.getAddress(),
    l2Bridge,
  };
}

const toBigInt = (value: bigint | number): bigint => BigInt(value);

/** A transaction the deployer sends and waits for. */
type Send = () => Promise<{ wait(): Promise<unknown> }>;

/** `apply(value)` as a transaction to send, or nothing when the parameter was left out. */
function setting<T>(value: T | undefined, apply: (value: T) => ReturnType<Send>): Send | undefined {
  return value === undefined ? undefined : () => apply(value);
}

export async function deployL1(deployer: Signer, options: DeployL1Options): Promise<L1Contracts> {
  const deployerAddress = await deployer.getAddress();
  const token = options.token
    ? MetisToken__factory.connect(options.token, deployer)
    : await (
        await new MetisToken__factory(deployer).deploy(
          deployerAddress,
          options.tokenSupply ?? 100_000_000n * 10n ** 18n,
        )
      ).waitForDeployment();
  // The timelock (whose delay runs on BatchChain's active time) and the registry name the BatchChain in their
  // constructors (immutables), so predict where it will be: the timelock, the Governor, the pause clock's library
  // (which BatchChain links), the registry, the bridge and the BatchChain are the deployer's next six transactions.
  const nonce = await deployer.getNonce("pending");
  const batchChainAddress = getCreateAddress({ from: deployerAddress, nonce: nonce + 5 });
  const { timelock, governor } = await deployGovernance(
    deployer,
    await token.getAddress(),
    batchChainAddress,
    options.governance ?? {},
  );
  const treasury = await timelock.getAddress();
  const pauseLib = await (await new PauseLib__factory(deployer).deploy()).waitForDeployment();
  const registry = await (
    await new SequencerRegistry__factory(deployer).deploy(
      await token.getAddress(),
      deployerAddress,
      treasury,
      batchChainAddress,
    )
  ).waitForDeployment();
  const bridge = await (
    await new L1Bridge__factory(deployer).deploy(options.l2Reserve ?? L2_BRIDGE_RESERVE, batchChainAddress, {
      value: options.genesisBacking ?? L2_GENESIS_FLOAT,
    })
  ).waitForDeployment();
  const genesis = {
    number: toBigInt(options.genesis.number),
    timestamp: toBigInt(options.genesis.timestamp),
    blockHash: options.genesis.blockHash,
    stateRoot: options.genesis.stateRoot,
    withdrawalRoot: options.genesis.withdrawalRoot,
  };
  const batchChain = await (
    await new BatchChain__factory(
      { "contracts/libraries/PauseLib.sol:PauseLib": await pauseLib.getAddress() },
      deployer,
    ).deploy(await registry.getAddress(), await bridge.getAddress(), deployerAddress, genesis)
  ).waitForDeployment();
  const deployedAt = await batchChain.getAddress();
  if (deployedAt !== batchChainAddress)
    throw new DeployedAddressMismatchError("BatchChain", batchChainAddress, deployedAt);
  // The DisputeManager names the VerifierRegistry and the registry names it back (both immutables): the library, the
  // registry and the dispute manager are the deployer's next three transactions.
  const logic = await (await new DisputeLogic__factory(deployer).deploy()).waitForDeployment();
  const disputeNonce = await deployer.getNonce("pending");
  const disputeManagerAddress = getCreateAddress({ from: deployerAddress, nonce: disputeNonce + 1 });
  const verifierRegistry = await (
    await new VerifierRegistry__factory(deployer).deploy(
      await token.getAddress(),
      await registry.getAddress(),
      batchChainAddress,
      disputeManagerAddress,
      deployerAddress,
    )
  ).waitForDeployment();
  const disputeManager = await (
    await new DisputeManager__factory(
      { "contracts/L1/DisputeLogic.sol:DisputeLogic": await logic.getAddress() },
      deployer,
    ).deploy(
      batchChainAddress,
      await registry.getAddress(),
      await verifierRegistry.getAddress(),
      options.l2Bridge ?? L2_BRIDGE_ADDRESS,
      deployerAddress,
    )
  ).waitForDeployment();
  const disputeManagerAt = await disputeManager.getAddress();
  if (disputeManagerAt !== disputeManagerAddress)
    throw new DeployedAddressMismatchError("DisputeManager", disputeManagerAddress, disputeManagerAt);
  // Its roles, granted with the deployer's WIRING_ROLE (renounced at the handover, below).
  await (await batchChain.grantRole(await batchChain.ROLLBACK_ROLE(), disputeManagerAddress)).wait();
  await (await batchChain.grantRole(await batchChain.DISPUTER_ROLE(), disputeManagerAddress)).wait();
  await (await registry.grantRole(await registry.SLASHER_ROLE(), disputeManagerAddress)).wait();
  const daRequestManager = await (
    await new DARequestManager__factory(deployer).deploy(
      batchChainAddress,
      await registry.getAddress(),
      deployerAddress,
    )
  ).waitForDeployment();
  const daRequestManagerAddress = await daRequestManager.getAddress();
  await (await batchChain.grantRole(await batchChain.DA_ROLE(), daRequestManagerAddress)).wait();
  await (await batchChain.grantRole(await batchChain.ROLLBACK_ROLE(), daRequestManagerAddress)).wait();
  await (await registry.grantRole(await registry.SLASHER_ROLE(), daRequestManagerAddress)).wait();
  const rewardPool = await (
    await new RewardPool__factory(deployer).deploy(batchChainAddress, await token.getAddress(), deployerAddress)
  ).waitForDeployment();

  const p = options.parameters ?? {};
  // Seats and the epoch minimum bound each other (minMembers <= maxSequencers): lower the minimum first when it
  // goes down, raise the seats first otherwise.
  const minMembersFirst = p.minMembers !== undefined && p.minMembers <= Number(await registry.minMembers());
  const settings = [
    setting(p.maxStake, (value) => registry.setMaxStake(value)),
    setting(p.minStake, (value) => registry.setMinStake(value)),
    setting(minMembersFirst ? p.minMembers : undefined, (value) => registry.setMinMembers(value)),
    setting(p.maxSequencers, (value) => registry.setMaxSequencers(value)),
    setting(minMembersFirst ? undefined : p.minMembers, (value) => registry.setMinMembers(value)),
    setting(p.minEpochStake, (value) => registry.setMinEpochStake(value)),
    setting(p.exitDelay, (value) => registry.setExitDelay(value)),
    setting(p.epochDuration, (value) => registry.setEpochDuration(value)),
    setting(p.rotationTimeout, (value) => registry.setRotationTimeout(value)),
    setting(p.maxMissedTurns, (value) => registry.setMaxMissedTurns(value)),
    setting(p.rewardBps, (value) => registry.setRewardBps(value)),
    setting(p.fraudProofWindow, (value) => batchChain.setFraudProofWindow(value)),
    setting(p.forceInclusionDelay, (value) => batchChain.setForceInclusionDelay(value)),
    setting(p.maxPause, (value) => batchChain.setMaxPause(value)),
    setting(p.pauseCooldown, (value) => batchChain.setPauseCooldown(value)),
    setting(p.maxMaintenance, (value) => batchChain.setMaxMaintenance(value)),
    setting(p.maintenanceNotice, (value) => batchChain.setMaintenanceNotice(value)),
    setting(options.guardian, (value) => batchChain.setGuardian(value)),
    setting(p.fraudSlashBps, (value) => disputeManager.setFraudSlashBps(value)),
    setting(p.executionBond, (value) => disputeManager.setExecutionBond(value)),
    setting(p.minVerifierStake, (value) => verifierRegistry.setMinVerifierStake(value)),
    setting(p.maxStrikes, (value) => verifierRegistry.setMaxStrikes(value)),
    setting(p.verifierSlashBps, (value) => verifierRegistry.setVerifierSlashBps(value)),
    setting(p.quorumBps, (value) => verifierRegistry.setQuorumBps(value)),
    setting(p.voterShareBps, (value) => verifierRegistry.setVoterShareBps(value)),
    // The exit delay stays longer than the whole vote: lengthen it before the periods, shorten it after them.
    ...verifierTiming(p, Number(await verifierRegistry.verifierExitDelay()), verifierRegistry),
    setting(p.daRequestBond, (value) => daRequestManager.setDaRequestBond(value)),
    setting(p.daSlashBps, (value) => daRequestManager.setDaSlashBps(value)),
    setting(p.daRefundFixed, (value) => daRequestManager.setRefundFixed(value)),
    setting(p.daRefundPerByte, (value) => daRequestManager.setRefundPerByte(value)),
    // Window plus review stay within MAX_DA_WINDOW: a longer window waits for the review to shrink first.
    ...daTiming(p, Number(await daRequestManager.daWindow()), daRequestManager),
    setting(p.batchRewardBps, (value) => rewardPool.setBatchRewardBps(value)),
    setting(p.settlementWindow, (value) => rewardPool.setSettlementWindow(value)),
  ];
  for (const send of settings) if (send !== undefined) await (await send()).wait();

  // The handover: the timelock holds every contract's admin role and governs it, and may slash sequencers by
  // proposal; the deployer renounces every role it holds (WIRING_ROLE too: after it, no role can be granted or
  // revoked by anyone), the admin role last.
  const owned = [registry, batchChain, disputeManager, verifierRegistry, daRequestManager, rewardPool];
  for (const contract of owned) {
    await (await contract.grantRole(await contract.DEFAULT_ADMIN_ROLE(), treasury)).wait();
    await (await contract.grantRole(await contract.GOVERNOR_ROLE(), treasury)).wait();
  }
  await (await registry.grantRole(await registry.SLASHER_ROLE(), treasury)).wait();
  for (const contract of owned) await renounceAll(contract, deployerAddress);
  return {
    token,
    registry,
    bridge,
    batchChain,
    disputeManager,
    verifierRegistry,
    daRequestManager,
    timelock,
    governor,
    rewardPool,
  };
}

/** An AccessControl contract as the handover sees it: its role constants are the ABI's `*_ROLE` getters. */
interface RoleHolder {
  readonly interface: {
    forEachFunction(callback: (fragment: { name: string; inputs: readonly unknown[] }) => void): void;
  };
  getFunction(name: string): { staticCall(): Promise<unknown> };
  hasRole(role: string, account: string): Promise<boolean>;
  renounceRole(role: string, account: string): ReturnType<Send>;
}

/** The role constants `contract` declares (every parameterless getter whose name ends in `_ROLE`). */
export async function roleConstants(
  contract: Pick<RoleHolder, "interface" | "getFunction">,
): Promise<Map<string, string>> {
  const names: string[] = [];
  contract.interface.forEachFunction((fragment) => {
    if (fragment.name.endsWith("_ROLE") && fragment.inputs.length === 0) names.push(fragment.name);
  });
  const roles = new Map<string, string>();
  for (const name of names.sort()) roles.set(name, String(await contract.getFunction(name).staticCall()));
  return roles;
}

/** Renounces every role `account` holds on `contract`, the admin role last. */
async function renounceAll(contract: RoleHolder, account: string): Promise<void> {
  const roles = [...(await roleConstants(contract)).entries()];
  roles.sort(([a], [b]) => Number(a === "DEFAULT_ADMIN_ROLE") - Number(b === "DEFAULT_ADMIN_ROLE"));
  for (const [, role] of roles) {
    if (await contract.hasRole(role, account)) await (await contract.renounceRole(role, account)).wait();
  }
}

/**
 * Deploys the timelock and the Governor: they name each other, so the Governor's address (the deployer's next
 * transaction after the timelock) is predicted for the timelock's proposer role. The timelock's delay runs on the
 * BatchChain's active time, so it names `batchChain` too (predicted by the caller, deployed later and checked there).
 */
async function deployGovernance(
  deployer: Signer,
  token: string,
  batchChain: string,
  settings: GovernanceSettings,
): Promise<{ timelock: MetisTimelock; governor: MetisGovernor }> {
  const from = await deployer.getAddress();
  const nonce = await deployer.getNonce("pending");
  const governorAddress = getCreateAddress({ from, nonce: nonce + 1 });
  const timelock = await (
    await new MetisTimelock__factory(deployer).deploy(
      settings.timelockDelay ?? DEFAULT_TIMELOCK_DELAY,
      governorAddress,
      batchChain,
    )
  ).waitForDeployment();
  const governor = await (
    await new MetisGovernor__factory(deployer).deploy(
      token,
      await timelock.getAddress(),
      settings.votingDelay ?? DEFAULT_VOTING_DELAY,
      settings.votingPeriod ?? DEFAULT_VOTING_PERIOD,
      settings.proposalThreshold ?? DEFAULT_PROPOSAL_THRESHOLD,
      settings.quorumNumerator ?? DEFAULT_QUORUM_NUMERATOR,
    )
  ).waitForDeployment();
  const governorAt = await governor.getAddress();
  if (governorAt !== governorAddress)
    throw new DeployedAddressMismatchError("MetisGovernor", governorAddress, governorAt);
  return { timelock, governor };
}

/** The DA window and review time in an order that keeps their sum within the cap throughout. */
function daTiming(p: L1Parameters, currentWindow: number, manager: DARequestManager): (Send | undefined)[] {
  const window = setting(p.daWindow, (value) => manager.setDaWindow(value));
  const review = setting(p.minReviewTime, (value) => manager.setMinReviewTime(value));
  return p.daWindow !== undefined && p.daWindow > currentWindow ? [review, window] : [window, review];
}

/** The vote periods and the verifier exit delay in an order that keeps the delay longer than the vote throughout. */
function verifierTiming(p: L1Parameters, currentDelay: number, verifiers: VerifierRegistry): (Send | undefined)[] {
  const periods = [
    setting(p.commitPeriod, (value) => verifiers.setCommitPeriod(value)),
    setting(p.revealPeriod, (value) => verifiers.setRevealPeriod(value)),
    setting(p.escalationPeriod, (value) => verifiers.setEscalationPeriod(value)),
  ];
  const delay = setting(p.verifierExitDelay, (value) => verifiers.setVerifierExitDelay(value));
  return p.verifierExitDelay !== undefined && p.verifierExitDelay < currentDelay
    ? [...periods, delay]
    : [delay, ...periods];
}
