import { MetisArgumentError } from "./base";

/**
 * A maintenance window the BatchChain would refuse: `reason` names the rule (the contract's error without its
 * `BatchChain` prefix), so a proposal is not sent only to fail on execution.
 */
export class InvalidMaintenanceWindowError extends MetisArgumentError {
  override readonly name = "InvalidMaintenanceWindowError" as const;
  static override readonly brand: string = "InvalidMaintenanceWindowError";

  constructor(
    readonly reason:
      | "MaintenanceTooSoon"
      | "MaintenanceTooLate"
      | "MaintenanceTooLong"
      | "MaintenanceOverlaps"
      | "MaintenanceTooClose",
    readonly start: bigint,
    readonly duration: bigint,
    detail: string,
  ) {
    super(`maintenance window at ${start} for ${duration}s: ${detail}`);
  }
}
