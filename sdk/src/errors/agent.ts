import { MetisArgumentError } from "./base";

/**
 * An agent's config (its JSON file plus the environment) breaks a rule: `field` names the offending entry (a dotted
 * path such as `peer.port`, or `file` for the file itself), `reason` what is wrong with it. A private key found in the
 * file is refused too: keys come only from the environment variable the file names (`keyEnv`, `relayerKeyEnv`).
 */
export class AgentConfigError extends MetisArgumentError {
  override readonly name = "AgentConfigError" as const;
  static override readonly brand: string = "AgentConfigError";

  constructor(
    readonly field: string,
    readonly reason: string,
    /** The config file, when the config came from one. */
    readonly file?: string,
  ) {
    super(`${file === undefined ? "" : `${file}: `}${field} ${reason}`);
  }
}
