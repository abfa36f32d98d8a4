/**
 * `npx hardhat run scripts/deploy.ts --network <name>`: deploys the protocol on the network (L1) and bootstraps its L2,
 * from `deploy/networks/<name>.ts`, then writes `deployments/<name>.json` and regenerates
 * `sdk/src/deployments/known.ts` from every deployment file. Idempotent: a rerun deploys nothing that is already there
 * (it checks the code and the wiring at the recorded addresses), and an earlier run that stopped halfway is refused
 * with a PartialDeploymentError that says what to do; see `sdk/src/hardhat/deploy.ts` for the rules.
 *
 * Environment: `METIS_DEPLOYMENTS_DIR` writes the file (and a `known.ts` of that directory) elsewhere, for tests;
 * `METIS_L1_RPC_URL` / `METIS_L2_RPC_URL` move the localhost network's chains; `METIS_DEPLOY_CONFIG` names another
 * config file. Errors print as `<ErrorName>: <message>` and exit with 1.
 */
import path from "node:path";

import hre from "hardhat";

import { loadNetworkConfig } from "../sdk/src/hardhat/config-file";
import { deployNetwork } from "../sdk/src/hardhat/deploy";
import { printError } from "../sdk/src/hardhat/errors";
import { consoleOutput } from "../sdk/src/hardhat/progress";
import { packageVersion } from "../sdk/src/hardhat/version";

import { DEPLOYMENTS_DIR, KNOWN_FILE, writeDeployment } from "./lib/deployment-file";

async function main(): Promise<void> {
  const output = consoleOutput();
  const network = hre.network.name;
  const config = loadNetworkConfig(network, hre.config.paths.root, process.env.METIS_DEPLOY_CONFIG);
  const directory = process.env.METIS_DEPLOYMENTS_DIR ?? DEPLOYMENTS_DIR;
  const knownFile = process.env.METIS_DEPLOYMENTS_DIR ? path.join(directory, "known.ts") : KNOWN_FILE;
  const result = await deployNetwork(hre, config, { directory, version: packageVersion(), output });
  const written = await writeDeployment(result.deployment, { directory, knownFile });
  output.line(
    result.deployedL1
      ? `deployed with ${result.l1Transactions} L1 transactions; wrote ${written.file} and ${written.knownFile}`
      : `nothing to deploy; wrote ${written.file} and ${written.knownFile}`,
  );
}

main().catch((error: unknown) => {
  printError(error);
  process.exitCode = 1;
});
