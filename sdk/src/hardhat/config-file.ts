/** Finds and loads a network's deploy config file (`deploy/networks/<network>.ts`, or the one given). */
import { existsSync } from "node:fs";
import path from "node:path";

import { InvalidTaskArgumentError, NetworkConfigNotFoundError } from "../errors/hardhat";

import type { NetworkDeployConfig } from "./config";

/**
 * The deploy config of `network`: `file` when given, else `<root>/deploy/networks/<network>.{ts,js}`. The module's
 * default export (or its `config` export) is the config. Hardhat registers ts-node for a TypeScript project, so `.ts`
 * files load as they are. A config of a public network reads environment variables as it loads and throws
 * MissingEnvironmentVariableError when one is missing.
 */
export function loadNetworkConfig(network: string, root: string, file?: string): NetworkDeployConfig {
  const candidates =
    file !== undefined
      ? [path.resolve(root, file)]
      : ["ts", "js"].map((ext) => path.join(root, "deploy", "networks", `${network}.${ext}`));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) throw new NetworkConfigNotFoundError(network, candidates);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(found) as { default?: unknown; config?: unknown };
  const config = (module.default ?? module.config) as Partial<NetworkDeployConfig> | undefined;
  if (typeof config !== "object" || config.l2 === undefined || config.token === undefined)
    throw new InvalidTaskArgumentError(found, "exports no NetworkDeployConfig (default export with l2 and token)");
  return config as NetworkDeployConfig;
}
