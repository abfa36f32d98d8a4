/**
 * Governance: the typed parameter list with its bounds, proposals through the MetisGovernor and MetisTimelock, and
 * the guardian pause and maintenance windows.
 */
export {
  PARAMETERS,
  checkParameter,
  parameterContract,
  parameterSpec,
  readParameter,
  readParameters,
  type ParameterContract,
  type ParameterContracts,
  type ParameterSpec,
} from "./parameters";
export {
  ProposalState,
  VoteSupport,
  castVote,
  decideDisputeAction,
  execute,
  parameterChangeAction,
  proposalOf,
  proposalStatus,
  propose,
  proposeParameterChange,
  queue,
  slashAction,
  slashReason,
  type DisputeDecision,
  type ParameterChange,
  type Proposal,
  type ProposalAction,
  type ProposalStatus,
  type SlashAction,
} from "./proposals";
export {
  checkMaintenanceWindow,
  pauseStatus,
  upcomingMaintenance,
  type MaintenanceRules,
  type MaintenanceWindow,
  type PauseStatus,
} from "./pause";
