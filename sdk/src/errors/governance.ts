import { MetisArgumentError, MetisError } from "./base";

/** No governance parameter of that name (on that contract): the list is `PARAMETERS` in `governance/parameters`. */
export class UnknownParameterError extends MetisArgumentError {
  override readonly name = "UnknownParameterError" as const;
  static override readonly brand: string = "UnknownParameterError";

  constructor(
    readonly parameter: string,
    /** The contract key asked for, when one was given. */
    readonly contract?: string,
  ) {
    super(
      contract === undefined
        ? `no governance parameter named ${parameter}`
        : `no governance parameter ${parameter} on ${contract}`,
    );
  }
}

/**
 * A parameter value outside the bounds of Constants.sol: the contract would refuse it, so the SDK refuses to propose
 * it (a proposal that can only revert wastes the whole vote and timelock delay).
 */
export class ParameterOutOfBoundsError extends MetisArgumentError {
  override readonly name = "ParameterOutOfBoundsError" as const;
  static override readonly brand: string = "ParameterOutOfBoundsError";

  constructor(
    readonly parameter: string,
    readonly value: bigint,
    readonly min: bigint,
    readonly max: bigint,
  ) {
    super(`${parameter} = ${value} is outside its bounds [${min}, ${max}]`);
  }
}

/** A proposal action the SDK cannot send (no actions, or a malformed target or calldata). */
export class InvalidProposalError extends MetisArgumentError {
  override readonly name = "InvalidProposalError" as const;
  static override readonly brand: string = "InvalidProposalError";

  constructor(reason: string) {
    super(`invalid proposal: ${reason}`);
  }
}

/** The Governor knows no proposal with this id. */
export class UnknownProposalError extends MetisError {
  override readonly name = "UnknownProposalError" as const;
  static override readonly brand: string = "UnknownProposalError";

  constructor(readonly proposalId: bigint) {
    super(`no proposal ${proposalId}`);
  }
}

/**
 * A proposal is not in the state the step needs (a vote before it opens, a queue before it succeeded, an execution
 * before the timelock's delay has passed). `secondsLeft` is how long until the next step, when waiting helps.
 */
export class ProposalNotReadyError extends MetisError {
  override readonly name = "ProposalNotReadyError" as const;
  static override readonly brand: string = "ProposalNotReadyError";

  constructor(
    readonly proposalId: bigint,
    /** The step asked for: "vote", "queue" or "execute". */
    readonly step: "vote" | "queue" | "execute",
    /** The proposal's state, as the Governor reports it. */
    readonly state: string,
    /** The state the step needs. */
    readonly expected: string,
    readonly secondsLeft: bigint,
  ) {
    super(
      `cannot ${step} proposal ${proposalId}: it is ${state}, not ${expected}` +
        (secondsLeft > 0n ? ` (${secondsLeft} s left)` : ""),
    );
  }
}
