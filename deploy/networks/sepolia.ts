/**
 * Sepolia L1 with an L2 of the pinned devnet genesis served at `METIS_SEPOLIA_L2_RPC_URL` (`npm run devnet:l2` on a
 * reachable host). hardhat.config.ts reads `SEPOLIA_RPC_URL` and `DEPLOYER_PRIVATE_KEY` for the `sepolia` network;
 * this file reads the L2 URL. A missing variable is a MissingEnvironmentVariableError; nothing secret is committed.
 */
import { parseEther } from "ethers";

import { defineNetworkConfig, requireEnv } from "../../sdk/src/hardhat/config";

requireEnv("SEPOLIA_RPC_URL", "the Sepolia L1 JSON-RPC URL");
requireEnv("DEPLOYER_PRIVATE_KEY", "the deployer's private key on Sepolia");

export default defineNetworkConfig({
  l2: { rpcUrl: requireEnv("METIS_SEPOLIA_L2_RPC_URL", "the Metis Sepolia L2 JSON-RPC URL"), bootstrap: "devnet" },
  token: { supply: parseEther("100000000") },
  // The guardian and the timelock delay: set METIS_SEPOLIA_GUARDIAN to name a guardian.
  ...(process.env.METIS_SEPOLIA_GUARDIAN ? { guardian: process.env.METIS_SEPOLIA_GUARDIAN } : {}),
  governance: { timelockDelay: 14 * 24 * 3600 },
  parameters: {},
  // The L1 bridge backs the L2 genesis float; on Sepolia that costs real (test) ETH: 1,100 ETH for the devnet genesis.
});
