import { MetisArgumentError } from "./base";

/** A signature whose signer is not a member of the current epoch, so it cannot count toward a quorum. */
export class SignerNotMemberError extends MetisArgumentError {
  override readonly name = "SignerNotMemberError" as const;

  constructor(readonly signer: string) {
    super(`${signer} is not a member of the current epoch`);
  }
}

/** Two signatures from the same signer. */
export class DuplicateSignerError extends MetisArgumentError {
  override readonly name = "DuplicateSignerError" as const;

  constructor(readonly signer: string) {
    super(`${signer} signed twice`);
  }
}
