/**
 * Governance: the typed parameter list with its bounds, and proposals through the MetisGovernor and MetisTimelock.
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
