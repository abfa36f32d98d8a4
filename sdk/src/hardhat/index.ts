/**
 * `@metis-l2/protocol/hardhat`: Hardhat tasks for the protocol, enabled by one import in a project's config:
 *
 * ```ts
 * import "@metis-l2/protocol/hardhat";
 * ```
 *
 * `metis:deploy`, `metis:status`, `metis:stake`, `metis:deposit`, `metis:withdraw`, `metis:finalize`,
 * `metis:challenge`, `metis:da-request` and `metis:propose`. Each finds the deployment of the network's chain
 * (`--deployment <file>`, else `deployments/<network>.json` of the project, else the package's address book,
 * `getDeployment(chainId)`) and the L2 RPC (`--l2-rpc`, else the network's `metisL2Url`, else `METIS_L2_RPC_URL`).
 * A failure prints as `<ErrorName>: <message>` and the task exits non-zero. The task bodies load lazily (this module
 * imports only Hardhat's config API), so the import costs nothing until a task runs, and a project's config loads
 * before its contracts are compiled.
 */
import { extendConfig, task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type * as TaskBodies from "./tasks";

export { defineNetworkConfig, requireEnv } from "./config";
export type { L2DeployConfig, NetworkDeployConfig, TokenConfig } from "./config";
// What the tasks and the deploy throw (the root entry exports the SDK's other errors).
export {
  InvalidTaskArgumentError,
  MissingEnvironmentVariableError,
  NetworkConfigNotFoundError,
  PartialDeploymentError,
  DeploymentWiringError,
} from "../errors/hardhat";

declare module "hardhat/types/config" {
  interface HttpNetworkUserConfig {
    /** The JSON-RPC URL of the L2 of this network's Metis deployment (the `metis:*` tasks). */
    metisL2Url?: string;
  }
  interface HardhatNetworkUserConfig {
    metisL2Url?: string;
  }
  interface HttpNetworkConfig {
    metisL2Url?: string;
  }
  interface HardhatNetworkConfig {
    metisL2Url?: string;
  }
}

extendConfig((config, userConfig) => {
  for (const [name, network] of Object.entries(userConfig.networks ?? {})) {
    const url = network?.metisL2Url;
    const resolved = config.networks[name];
    if (url !== undefined && resolved !== undefined) resolved.metisL2Url = url;
  }
});

type Tasks = typeof TaskBodies;
type TaskName = keyof Tasks;
type ArgsOf<K extends TaskName> = Parameters<Tasks[K]>[0];

/**
 * The action of task body `name`, loaded from `./tasks` when the task runs: a failure is printed by its name and sets
 * a non-zero exit code.
 */
function action<K extends TaskName>(name: K): (args: ArgsOf<K>, hre: HardhatRuntimeEnvironment) => Promise<void> {
  return async (args, hre) => {
    const { printError } = await import("./errors");
    await (await import("./progress")).loadProgressBars();
    try {
      const tasks = await import("./tasks");
      await (tasks[name] as (args: ArgsOf<K>, hre: HardhatRuntimeEnvironment) => Promise<void>)(args, hre);
    } catch (error) {
      printError(error);
      process.exitCode = 1;
    }
  };
}

const COMMON = (t: ReturnType<typeof task>) =>
  t
    .addOptionalParam("deployment", "A deployment file (default: the network's, or the address book's)")
    .addOptionalParam("l2Rpc", "The L2 JSON-RPC URL (default: the network's metisL2Url, or METIS_L2_RPC_URL)");

task("metis:deploy", "Deploys the Metis protocol on this network (L1) and bootstraps its L2; idempotent")
  // `--config` is Hardhat's own (the Hardhat config file), hence `--deploy-config`.
  .addOptionalParam("deployConfig", "The deploy config file (default: deploy/networks/<network>.ts)")
  .addOptionalParam("out", "The directory of the deployment file", "deployments")
  .setAction(action("deployTask"));

COMMON(task("metis:status", "Batches, sequencers and the next proposer, open disputes and DA requests, the pause"))
  .addOptionalParam("batches", "How many of the latest batches to list", 10, types.int)
  .setAction(action("statusTask"));

COMMON(task("metis:stake", "Stakes protocol tokens as a sequencer (approving the registry first)"))
  .addParam("amount", "Tokens to stake, in METIS (decimal)")
  .addOptionalParam("signer", "The sequencer's signer key address (default: the staking account)")
  .addOptionalParam("account", "Index of the Hardhat account that stakes", 0, types.int)
  .setAction(action("stakeTask"));

COMMON(task("metis:deposit", "Deposits ETH (or an ERC-20 with --token) from L1 to an L2 address"))
  .addParam("amount", "Amount, in ether or whole tokens (decimal)")
  .addOptionalParam("to", "L2 recipient (default: the sender)")
  .addOptionalParam("token", "An L1 ERC-20 to deposit instead of ETH")
  .addOptionalParam("account", "Index of the Hardhat account that deposits", 0, types.int)
  .setAction(action("depositTask"));

COMMON(task("metis:withdraw", "Withdraws ETH (or a bridged token with --token) from L2 to an L1 address"))
  .addParam("amount", "Amount, in ether or whole tokens (decimal)")
  .addOptionalParam("to", "L1 recipient (default: the L2 sender)")
  .addOptionalParam("token", "The L2 token to withdraw instead of ETH")
  .setAction(action("withdrawTask"));

COMMON(task("metis:finalize", "Finalizes a withdrawal on L1 once its batch is final (builds and checks the proof)"))
  .addParam("id", "The withdrawal's id (its hash) or index")
  .addOptionalParam("account", "Index of the Hardhat account that sends the finalization", 0, types.int)
  .setAction(action("finalizeTask"));

COMMON(task("metis:challenge", "Checks a batch against the L2 and challenges it on L1 when it is wrong"))
  .addParam("batch", "The batch index", undefined, types.int)
  .addOptionalParam("account", "Index of the Hardhat account that challenges", 0, types.int)
  .setAction(action("challengeTask"));

COMMON(task("metis:da-request", "Opens a DA request against a batch (bonding daRequestBond)"))
  .addParam("batch", "The batch index", undefined, types.int)
  .addOptionalParam("account", "Index of the Hardhat account that requests", 0, types.int)
  .setAction(action("daRequestTask"));

COMMON(task("metis:propose", "Proposes a parameter change to the Governor (checked against its bounds first)"))
  .addParam("parameter", "The parameter's name (see PARAMETERS)")
  .addParam("value", "Its new value (an integer)")
  .addOptionalParam("description", "The proposal's description")
  .addFlag("delegate", "Delegate the account's tokens to itself first (votes count from the next block)")
  .addOptionalParam("account", "Index of the Hardhat account that proposes", 0, types.int)
  .setAction(action("proposeTask"));
