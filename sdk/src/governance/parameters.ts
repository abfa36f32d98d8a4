/**
 * Every governance parameter of the protocol in one typed list: the contract that owns it (a key of `L1Contracts`),
 * its getter and its one setter, and its default and bounds as Constants.sol defines them (mirrored in
 * `proof/constants`). The README's parameter table, the deployment test and `proposeParameterChange` all read it, so
 * a parameter missing here (or a getter or setter that does not exist) fails a test.
 */
import type { BaseContract } from "ethers";

import { ParameterOutOfBoundsError, UnknownParameterError } from "../errors/governance";
import * as constants from "../proof/constants";
import type { L1Contracts } from "../node/deploy/deploy-l1";

/** The contracts that own parameters, as keys of `L1Contracts`. */
export type ParameterContract =
  | "batchChain"
  | "registry"
  | "disputeManager"
  | "verifierRegistry"
  | "daRequestManager"
  | "rewardPool"
  | "governor"
  | "timelock";

/** One governance parameter. */
export interface ParameterSpec {
  /** Its name, as `L1Parameters` and the events (`<Name>Updated`) spell it. */
  readonly name: string;
  /** The contract that owns it. */
  readonly contract: ParameterContract;
  /** The Constants.sol key: `DEFAULT_<key>`, `MIN_<key>` and `MAX_<key>` are its default and bounds. */
  readonly constant: string;
  /** The view that returns it; `terms.commitPeriod` reads field `commitPeriod` of `terms()`. */
  readonly getter: string;
  /** Its one setter, taking the new value. */
  readonly setter: string;
  /** The custom error the setter reverts with outside the bounds. */
  readonly error: string;
  /** The event the setter emits, `(old, new)`: `<Name>Updated` unless the contract names it otherwise. */
  readonly event: string;
  /** The value at deployment. */
  readonly default: bigint;
  /**
   * The least value governance may set. Some setters also bound a parameter by another (the minimum stake by the
   * maximum, say); those bounds are always within these.
   */
  readonly min: bigint;
  /** The most value governance may set (see `min`). */
  readonly max: bigint;
}

type Row = Omit<ParameterSpec, "default" | "min" | "max" | "error" | "event"> & { readonly event?: string };

const ERRORS: Readonly<Record<ParameterContract, string>> = {
  batchChain: "BatchChainParameterOutOfRange",
  registry: "SequencerRegistryParameterOutOfRange",
  disputeManager: "DisputeManagerParameterOutOfRange",
  verifierRegistry: "VerifierRegistryParameterOutOfRange",
  daRequestManager: "DARequestManagerOutOfBounds",
  rewardPool: "RewardPoolParameterOutOfRange",
  governor: "MetisGovernorParameterOutOfRange",
  timelock: "MetisTimelockDelayOutOfRange",
};

const ROWS: readonly Row[] = [
  {
    name: "fraudProofWindow",
    contract: "batchChain",
    constant: "FRAUD_WINDOW",
    getter: "fraudProofWindow",
    setter: "setFraudProofWindow",
  },
  {
    name: "forceInclusionDelay",
    contract: "batchChain",
    constant: "FORCE_INCLUSION_DELAY",
    getter: "forceInclusionDelay",
    setter: "setForceInclusionDelay",
  },
  { name: "maxPause", contract: "batchChain", constant: "MAX_PAUSE", getter: "maxPause", setter: "setMaxPause" },
  {
    name: "pauseCooldown",
    contract: "batchChain",
    constant: "PAUSE_COOLDOWN",
    getter: "pauseCooldown",
    setter: "setPauseCooldown",
  },
  {
    name: "maxMaintenance",
    contract: "batchChain",
    constant: "MAX_MAINTENANCE",
    getter: "maxMaintenance",
    setter: "setMaxMaintenance",
  },
  {
    name: "maintenanceNotice",
    contract: "batchChain",
    constant: "MAINTENANCE_NOTICE",
    getter: "maintenanceNotice",
    setter: "setMaintenanceNotice",
  },
  { name: "daWindow", contract: "daRequestManager", constant: "DA_WINDOW", getter: "daWindow", setter: "setDaWindow" },
  {
    name: "minReviewTime",
    contract: "daRequestManager",
    constant: "MIN_REVIEW_TIME",
    getter: "minReviewTime",
    setter: "setMinReviewTime",
  },
  {
    name: "daRequestBond",
    contract: "daRequestManager",
    constant: "DA_REQUEST_BOND",
    getter: "daRequestBond",
    setter: "setDaRequestBond",
  },
  {
    name: "daSlashBps",
    contract: "daRequestManager",
    constant: "DA_SLASH_BPS",
    getter: "daSlashBps",
    setter: "setDaSlashBps",
  },
  {
    name: "daRefundFixed",
    contract: "daRequestManager",
    constant: "DA_REFUND_FIXED",
    getter: "refundFixed",
    setter: "setRefundFixed",
    event: "RefundFixedUpdated",
  },
  {
    name: "daRefundPerByte",
    contract: "daRequestManager",
    constant: "DA_REFUND_PER_BYTE",
    getter: "refundPerByte",
    setter: "setRefundPerByte",
    event: "RefundPerByteUpdated",
  },
  { name: "minStake", contract: "registry", constant: "MIN_STAKE", getter: "minStake", setter: "setMinStake" },
  { name: "maxStake", contract: "registry", constant: "MAX_STAKE", getter: "maxStake", setter: "setMaxStake" },
  {
    name: "maxSequencers",
    contract: "registry",
    constant: "MAX_SEQUENCERS",
    getter: "maxSequencers",
    setter: "setMaxSequencers",
  },
  { name: "exitDelay", contract: "registry", constant: "EXIT_DELAY", getter: "exitDelay", setter: "setExitDelay" },
  {
    name: "epochDuration",
    contract: "registry",
    constant: "EPOCH_DURATION",
    getter: "epochDuration",
    setter: "setEpochDuration",
  },
  {
    name: "rotationTimeout",
    contract: "registry",
    constant: "ROTATION_TIMEOUT",
    getter: "rotationTimeout",
    setter: "setRotationTimeout",
  },
  {
    name: "maxMissedTurns",
    contract: "registry",
    constant: "MAX_MISSED_TURNS",
    getter: "maxMissedTurns",
    setter: "setMaxMissedTurns",
  },
  { name: "rewardBps", contract: "registry", constant: "REWARD_BPS", getter: "rewardBps", setter: "setRewardBps" },
  { name: "minMembers", contract: "registry", constant: "MIN_MEMBERS", getter: "minMembers", setter: "setMinMembers" },
  {
    name: "minEpochStake",
    contract: "registry",
    constant: "MIN_EPOCH_STAKE",
    getter: "minEpochStake",
    setter: "setMinEpochStake",
  },
  {
    name: "fraudSlashBps",
    contract: "disputeManager",
    constant: "FRAUD_SLASH_BPS",
    getter: "fraudSlashBps",
    setter: "setFraudSlashBps",
  },
  {
    name: "executionBond",
    contract: "disputeManager",
    constant: "EXECUTION_BOND",
    getter: "executionBond",
    setter: "setExecutionBond",
  },
  {
    name: "commitPeriod",
    contract: "verifierRegistry",
    constant: "COMMIT_PERIOD",
    getter: "terms.commitPeriod",
    setter: "setCommitPeriod",
  },
  {
    name: "revealPeriod",
    contract: "verifierRegistry",
    constant: "REVEAL_PERIOD",
    getter: "terms.revealPeriod",
    setter: "setRevealPeriod",
  },
  {
    name: "escalationPeriod",
    contract: "verifierRegistry",
    constant: "ESCALATION_PERIOD",
    getter: "terms.escalationPeriod",
    setter: "setEscalationPeriod",
  },
  {
    name: "quorumBps",
    contract: "verifierRegistry",
    constant: "QUORUM_BPS",
    getter: "terms.quorumBps",
    setter: "setQuorumBps",
  },
  {
    name: "voterShareBps",
    contract: "verifierRegistry",
    constant: "VOTER_SHARE_BPS",
    getter: "terms.voterShareBps",
    setter: "setVoterShareBps",
  },
  {
    name: "minVerifierStake",
    contract: "verifierRegistry",
    constant: "MIN_VERIFIER_STAKE",
    getter: "minVerifierStake",
    setter: "setMinVerifierStake",
  },
  {
    name: "verifierExitDelay",
    contract: "verifierRegistry",
    constant: "VERIFIER_EXIT_DELAY",
    getter: "verifierExitDelay",
    setter: "setVerifierExitDelay",
  },
  {
    name: "maxStrikes",
    contract: "verifierRegistry",
    constant: "MAX_STRIKES",
    getter: "maxStrikes",
    setter: "setMaxStrikes",
  },
  {
    name: "verifierSlashBps",
    contract: "verifierRegistry",
    constant: "VERIFIER_SLASH_BPS",
    getter: "verifierSlashBps",
    setter: "setVerifierSlashBps",
  },
  {
    name: "batchRewardBps",
    contract: "rewardPool",
    constant: "BATCH_REWARD_BPS",
    getter: "batchRewardBps",
    setter: "setBatchRewardBps",
  },
  {
    name: "settlementWindow",
    contract: "rewardPool",
    constant: "SETTLEMENT_WINDOW",
    getter: "settlementWindow",
    setter: "setSettlementWindow",
  },
  {
    name: "votingDelay",
    contract: "governor",
    constant: "VOTING_DELAY",
    getter: "votingDelay",
    setter: "setVotingDelay",
  },
  {
    name: "votingPeriod",
    contract: "governor",
    constant: "VOTING_PERIOD",
    getter: "votingPeriod",
    setter: "setVotingPeriod",
  },
  {
    name: "proposalThreshold",
    contract: "governor",
    constant: "PROPOSAL_THRESHOLD",
    getter: "proposalThreshold",
    setter: "setProposalThreshold",
  },
  {
    name: "quorumNumerator",
    contract: "governor",
    constant: "QUORUM_NUMERATOR",
    getter: "quorumNumerator()",
    setter: "updateQuorumNumerator",
  },
  {
    name: "timelockDelay",
    contract: "timelock",
    constant: "TIMELOCK_DELAY",
    getter: "getMinDelay",
    setter: "updateDelay",
  },
];

const mirrors = constants as unknown as Readonly<Record<string, bigint | number | undefined>>;

function mirror(name: string): bigint {
  const value = mirrors[name];
  // A row naming a constant the SDK does not mirror is a defect of this list: the parameters test catches it.
  if (value === undefined) throw new UnknownParameterError(name);
  return BigInt(value);
}

/** Every governance parameter, in Constants.sol's order (by contract). */
export const PARAMETERS: readonly ParameterSpec[] = ROWS.map((row) => ({
  ...row,
  error: ERRORS[row.contract],
  event: row.event ?? `${row.name.charAt(0).toUpperCase()}${row.name.slice(1)}Updated`,
  default: mirror(`DEFAULT_${row.constant}`),
  min: mirror(`MIN_${row.constant}`),
  max: mirror(`MAX_${row.constant}`),
}));

/** The parameter named `name` (on `contract`, when given); throws UnknownParameterError otherwise. */
export function parameterSpec(name: string, contract?: ParameterContract): ParameterSpec {
  const spec = PARAMETERS.find((p) => p.name === name && (contract === undefined || p.contract === contract));
  if (spec === undefined) throw new UnknownParameterError(name, contract);
  return spec;
}

/**
 * Checks `value` against parameter `name`'s bounds: throws UnknownParameterError for an unknown name and
 * ParameterOutOfBoundsError (with `min` and `max`) outside them. Setters that also bound a parameter by another one
 * may still refuse a value within these bounds; the contract's error says so then.
 */
export function checkParameter(name: string, value: bigint | number, contract?: ParameterContract): ParameterSpec {
  const spec = parameterSpec(name, contract);
  const v = BigInt(value);
  if (v < spec.min || v > spec.max) throw new ParameterOutOfBoundsError(name, v, spec.min, spec.max);
  return spec;
}

/** The contracts `readParameters` needs. */
export type ParameterContracts = Pick<L1Contracts, ParameterContract>;

/** `spec`'s contract in `l1`. */
export function parameterContract(l1: ParameterContracts, spec: ParameterSpec): BaseContract {
  const contract: BaseContract = l1[spec.contract];
  return contract;
}

/** Reads parameter `spec`'s current value. */
export async function readParameter(
  l1: ParameterContracts,
  spec: ParameterSpec,
  blockTag?: string | number,
): Promise<bigint> {
  const contract = parameterContract(l1, spec);
  const dot = spec.getter.indexOf(".");
  const getter = dot < 0 ? spec.getter : spec.getter.slice(0, dot);
  const result: unknown = await contract.getFunction(getter).staticCall({ blockTag });
  if (dot < 0) return BigInt(result as bigint | number);
  const value = (result as Readonly<Record<string, bigint | number | undefined>>)[spec.getter.slice(dot + 1)];
  if (value === undefined) throw new UnknownParameterError(spec.getter, spec.contract);
  return BigInt(value);
}

/** Every parameter's current value, by name, read at once (at `blockTag`, or the latest block). */
export async function readParameters(
  l1: ParameterContracts,
  blockTag?: string | number,
): Promise<Readonly<Record<string, bigint>>> {
  const entries = await Promise.all(
    PARAMETERS.map(async (spec) => [spec.name, await readParameter(l1, spec, blockTag)] as const),
  );
  return Object.fromEntries(entries);
}
