import { MetisArgumentError, MetisError } from "./base";

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

/**
 * An agent's L1 or L2 node serves another chain than its deployment's: the config points the agent at the wrong node
 * (or the wrong deployment). Checked at start, when the node answers.
 */
export class AgentChainMismatchError extends MetisError {
  override readonly name = "AgentChainMismatchError" as const;
  static override readonly brand: string = "AgentChainMismatchError";

  constructor(
    readonly chain: "L1" | "L2",
    readonly url: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the ${chain} node at ${url} serves chain ${actual}, the deployment's ${chain} is chain ${expected}`);
  }
}
