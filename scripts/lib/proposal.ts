/**
 * A governance proposal through its whole life on the local L1, for the demo: propose, wait for the vote to open,
 * vote, wait for it to close, queue in the timelock, wait the timelock's delay, execute. Each step goes through the
 * SDK's governance helpers (which check the proposal's state before sending) and prints where the proposal stands and
 * how long the next wait is.
 */
import type { ContractTransactionReceipt, Interface, Signer } from "ethers";
import { network } from "hardhat";

import type { MetisGovernor } from "../../sdk/src/contracts";
import {
  castVote,
  execute,
  propose,
  proposalStatus,
  ProposalState,
  queue,
  VoteSupport,
  type ProposalAction,
} from "../../sdk/src/governance";

import { formatDuration, type Timeline } from "./timeline";

/** Moves the local L1's clock forward by `seconds` and mines a block there. */
async function wait(seconds: bigint): Promise<void> {
  if (seconds > 0n) await network.provider.send("evm_increaseTime", [Number(seconds)]);
  await network.provider.send("evm_mine", []);
}

/**
 * Passes `actions` through `governor`: `proposer` proposes, every voter in `voters` votes for it, and anyone executes
 * after the timelock's delay. Returns the execution receipt. `interfaces` decode the actions' own errors.
 */
export async function passProposal(
  governor: MetisGovernor,
  actions: readonly ProposalAction[],
  description: string,
  options: {
    readonly proposer: Signer;
    readonly voters: readonly Signer[];
    readonly timeline: Timeline;
    readonly label: string;
    readonly interfaces?: Readonly<Record<string, Interface>>;
  },
): Promise<ContractTransactionReceipt> {
  const { timeline, label } = options;
  const { proposal, receipt } = await propose(governor.connect(options.proposer), actions, description);
  timeline.record("propose", receipt);
  let status = await proposalStatus(governor, proposal.id);
  await timeline.log(
    label,
    `proposed "${description}": ${ProposalState[status.state]}, the vote opens in ${formatDuration(Number(status.secondsLeft))}`,
  );
  await wait(status.secondsLeft);
  for (const voter of options.voters) {
    timeline.record("castVote", await castVote(governor.connect(voter), proposal.id, VoteSupport.For));
  }
  status = await proposalStatus(governor, proposal.id);
  await timeline.log(
    label,
    `${ProposalState[status.state]}: ${options.voters.length} delegate(s) vote for; the vote closes in ` +
      formatDuration(Number(status.secondsLeft)),
  );
  await wait(status.secondsLeft);
  timeline.record("queue", await queue(governor, proposal));
  status = await proposalStatus(governor, proposal.id);
  await timeline.log(
    label,
    `${ProposalState[status.state]} in the timelock: executable in ${formatDuration(Number(status.secondsLeft))}, ` +
      `the window in which anyone who disagrees can withdraw`,
  );
  await wait(status.secondsLeft);
  const executed = await execute(governor, proposal, options.interfaces ?? {});
  timeline.record("execute", executed);
  status = await proposalStatus(governor, proposal.id);
  await timeline.log(label, `${ProposalState[status.state]} (${executed.gasUsed} gas)`);
  return executed;
}
