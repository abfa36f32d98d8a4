/**
 * Proposals through the MetisGovernor: propose (any actions, or one bounded parameter change checked before it is
 * sent), vote, queue and execute, and a proposal's status with the seconds left until its next step. Every step
 * checks the proposal's state first and throws ProposalNotReadyError instead of sending a transaction that can only
 * revert; contract reverts come back decoded (ContractRevertError).
 */
import { id as keccakText, isAddress, isHexString, type ContractTransactionReceipt, type Interface } from "ethers";

import { transact } from "../contracts/transact";
import { type MetisGovernor } from "../contracts";
import { InvalidProposalError, ProposalNotReadyError, UnknownProposalError } from "../errors/governance";
import { checkParameter, parameterContract, type ParameterContract, type ParameterContracts } from "./parameters";
import {
  disputeManagerInterface,
  metisGovernorInterface,
  metisTimelockInterface,
  sequencerRegistryInterface,
  verifierRegistryInterface,
} from "../contracts/connectors";

/** The Governor's `ProposalState`, in the contract's order. */
export enum ProposalState {
  Pending,
  Active,
  Canceled,
  Defeated,
  Succeeded,
  Queued,
  Expired,
  Executed,
}

const STATES: readonly ProposalState[] = [
  ProposalState.Pending,
  ProposalState.Active,
  ProposalState.Canceled,
  ProposalState.Defeated,
  ProposalState.Succeeded,
  ProposalState.Queued,
  ProposalState.Expired,
  ProposalState.Executed,
];

/** How a vote counts (GovernorCountingSimple). */
export enum VoteSupport {
  Against,
  For,
  Abstain,
}

/** One call a proposal makes from the timelock. */
export interface ProposalAction {
  readonly target: string;
  /** ETH sent with the call, in wei (default 0). */
  readonly value?: bigint;
  readonly data: string;
}

/** A proposal as the Governor identifies it: its actions and description hash give its id. */
export interface Proposal {
  readonly id: bigint;
  readonly actions: readonly ProposalAction[];
  readonly description: string;
  readonly descriptionHash: string;
}

/** What `proposeParameterChange` changes. */
export interface ParameterChange {
  readonly contract: ParameterContract;
  readonly parameter: string;
  readonly value: bigint | number;
}

/** Where a proposal stands and how long until its next step. */
export interface ProposalStatus {
  readonly state: ProposalState;
  /**
   * Seconds until the next step: the vote's start (Pending), the vote's end (Active), the timelock's eta (Queued);
   * 0 when the next step may be taken now or there is none.
   */
  readonly secondsLeft: bigint;
  /** The vote's snapshot, its end and the eta (0 until queued), in Unix seconds. */
  readonly snapshot: bigint;
  readonly deadline: bigint;
  readonly eta: bigint;
}

/** The interfaces whose custom errors governance transactions may revert with. */
const INTERFACES: Readonly<Record<string, Interface>> = {
  MetisGovernor: metisGovernorInterface(),
  MetisTimelock: metisTimelockInterface(),
};

/** The action that sets parameter `change.parameter` of `l1`'s contract, checked against its bounds. */
export async function parameterChangeAction(l1: ParameterContracts, change: ParameterChange): Promise<ProposalAction> {
  const spec = checkParameter(change.parameter, change.value, change.contract);
  const contract = parameterContract(l1, spec);
  return {
    target: await contract.getAddress(),
    data: contract.interface.encodeFunctionData(spec.setter, [BigInt(change.value)]),
  };
}

/** A governance slash: a sequencer (SequencerRegistry, jailed) or a verifier (VerifierRegistry, removed). */
export interface SlashAction {
  readonly kind: "sequencer" | "verifier";
  readonly account: string;
  /** Share of its stake, in basis points (1 to 10,000). */
  readonly bps: bigint | number;
  /** Why, as text: the action carries its keccak256. */
  readonly reason: string;
}

/** The reason word a slash carries for `text`: its keccak256. */
export const slashReason = (text: string): string => keccakText(text);

/** The action that slashes `slash.account` with its reason (the timelock holds the slasher and governor roles). */
export async function slashAction(
  l1: Pick<ParameterContracts, "registry" | "verifierRegistry">,
  slash: SlashAction,
): Promise<ProposalAction> {
  if (!isAddress(slash.account))
    throw new InvalidProposalError(`slash target ${String(slash.account)} is not an address`);
  const bps = BigInt(slash.bps);
  if (bps <= 0n || bps > 10_000n) throw new InvalidProposalError(`slash of ${bps} bps: it must be 1 to 10,000`);
  const reason = slashReason(slash.reason);
  if (slash.kind === "sequencer") {
    const data = sequencerRegistryInterface().encodeFunctionData("slash(address,uint256,bytes32)", [
      slash.account,
      bps,
      reason,
    ]);
    return { target: await l1.registry.getAddress(), data };
  }
  const data = verifierRegistryInterface().encodeFunctionData("slash", [slash.account, bps, reason]);
  return { target: await l1.verifierRegistry.getAddress(), data };
}

/** The arguments of DisputeManager.decideDispute: the dispute, the decision, and the disputed batch's header and quorum. */
export interface DisputeDecision {
  readonly id: string;
  readonly uphold: boolean;
  readonly header: unknown;
  readonly leafIndex: bigint | number;
  readonly signatures: string;
}

/** The action that decides an escalated execution dispute (DisputeManager.decideDispute, GOVERNOR_ROLE). */
export async function decideDisputeAction(
  l1: Pick<ParameterContracts, "disputeManager">,
  decision: DisputeDecision,
): Promise<ProposalAction> {
  const iface: Interface = disputeManagerInterface();
  const data = iface.encodeFunctionData("decideDispute", [
    decision.id,
    decision.uphold,
    decision.header,
    decision.leafIndex,
    decision.signatures,
  ]);
  return { target: await l1.disputeManager.getAddress(), data };
}

function columns(actions: readonly ProposalAction[]) {
  if (actions.length === 0) throw new InvalidProposalError("no actions");
  for (const action of actions) {
    if (!isAddress(action.target)) throw new InvalidProposalError(`target ${String(action.target)} is not an address`);
    if (!isHexString(action.data)) throw new InvalidProposalError(`calldata ${action.data} is not hex`);
  }
  return {
    targets: actions.map((a) => a.target),
    values: actions.map((a) => a.value ?? 0n),
    calldatas: actions.map((a) => a.data),
  };
}

/** The proposal `actions` with `description` make (its id, without sending anything). */
export async function proposalOf(
  governor: MetisGovernor,
  actions: readonly ProposalAction[],
  description: string,
): Promise<Proposal> {
  const { targets, values, calldatas } = columns(actions);
  const descriptionHash = keccakText(description);
  const id = await governor.hashProposal(targets, values, calldatas, descriptionHash);
  return { id, actions, description, descriptionHash };
}

/** Proposes `actions`; the sender needs `proposalThreshold` votes. Returns the proposal and the receipt. */
export async function propose(
  governor: MetisGovernor,
  actions: readonly ProposalAction[],
  description: string,
): Promise<{ proposal: Proposal; receipt: ContractTransactionReceipt }> {
  const { targets, values, calldatas } = columns(actions);
  const proposal = await proposalOf(governor, actions, description);
  const receipt = await transact(() => governor.propose(targets, values, calldatas, description), INTERFACES);
  return { proposal, receipt };
}

/**
 * Proposes setting one parameter: `change.value` is checked against the parameter's bounds first, and an unknown
 * parameter or an out-of-bounds value throws (UnknownParameterError, ParameterOutOfBoundsError) before anything is
 * sent.
 */
export async function proposeParameterChange(
  governor: MetisGovernor,
  l1: ParameterContracts,
  change: ParameterChange,
  description: string,
): Promise<{ proposal: Proposal; receipt: ContractTransactionReceipt }> {
  return propose(governor, [await parameterChangeAction(l1, change)], description);
}

/** Where proposal `id` stands; throws UnknownProposalError for an id never proposed. */
export async function proposalStatus(governor: MetisGovernor, id: bigint): Promise<ProposalStatus> {
  const snapshot = await governor.proposalSnapshot(id);
  if (snapshot === 0n) throw new UnknownProposalError(id);
  const provider = governor.runner?.provider;
  if (provider === null || provider === undefined)
    throw new InvalidProposalError("the Governor is connected to no provider");
  const [state, deadline, eta, block] = await Promise.all([
    governor.state(id),
    governor.proposalDeadline(id),
    governor.proposalEta(id),
    provider.getBlock("latest"),
  ]);
  // The Governor's clock is the token's timestamp clock: the latest block's time.
  const now = BigInt(block?.timestamp ?? 0);
  const until = (t: bigint) => (t > now ? t - now : 0n);
  const s: ProposalState = STATES[Number(state)] ?? ProposalState.Pending;
  // The vote opens after the snapshot second and closes after the deadline second (OpenZeppelin's Governor).
  const secondsLeft =
    s === ProposalState.Pending
      ? until(snapshot + 1n)
      : s === ProposalState.Active
        ? until(deadline + 1n)
        : s === ProposalState.Queued
          ? until(eta)
          : 0n;
  return { state: s, secondsLeft, snapshot, deadline, eta };
}

async function expectState(
  governor: MetisGovernor,
  id: bigint,
  step: "vote" | "queue" | "execute",
  expected: ProposalState,
): Promise<void> {
  const status = await proposalStatus(governor, id);
  const ready = status.state === expected && (step !== "execute" || status.secondsLeft === 0n);
  if (!ready) {
    throw new ProposalNotReadyError(id, step, ProposalState[status.state], ProposalState[expected], status.secondsLeft);
  }
}

/** Casts the sender's vote on proposal `id` (it must be Active), with an optional reason. */
export async function castVote(
  governor: MetisGovernor,
  id: bigint,
  support: VoteSupport,
  reason?: string,
): Promise<ContractTransactionReceipt> {
  await expectState(governor, id, "vote", ProposalState.Active);
  return transact(
    () => (reason === undefined ? governor.castVote(id, support) : governor.castVoteWithReason(id, support, reason)),
    INTERFACES,
  );
}

/** Queues a succeeded proposal in the timelock; its eta is then the timelock's delay away. */
export async function queue(governor: MetisGovernor, proposal: Proposal): Promise<ContractTransactionReceipt> {
  await expectState(governor, proposal.id, "queue", ProposalState.Succeeded);
  const { targets, values, calldatas } = columns(proposal.actions);
  return transact(() => governor.queue(targets, values, calldatas, proposal.descriptionHash), INTERFACES);
}

/**
 * Executes a queued proposal once its eta has passed (anyone may: the timelock's executor role is open). The
 * actions' own custom errors are decoded with `interfaces` (name to interface), for example `{ BatchChain: ... }`.
 */
export async function execute(
  governor: MetisGovernor,
  proposal: Proposal,
  interfaces: Readonly<Record<string, Interface>> = {},
): Promise<ContractTransactionReceipt> {
  await expectState(governor, proposal.id, "execute", ProposalState.Queued);
  const { targets, values, calldatas } = columns(proposal.actions);
  const value = values.reduce((a, b) => a + b, 0n);
  return transact(() => governor.execute(targets, values, calldatas, proposal.descriptionHash, { value }), {
    ...INTERFACES,
    ...interfaces,
  });
}
