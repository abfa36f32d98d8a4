/**
 * A Hardhat project's config with the Metis protocol's tasks (`npx hardhat --help` lists the `metis:*` tasks). Each
 * network names its L1 RPC and, as `metisL2Url`, the RPC of the L2 of the same deployment.
 */
import "@metis-l2/protocol/hardhat";
import type { HardhatUserConfig } from "hardhat/config";

const config: HardhatUserConfig = {
  solidity: "0.8.28",
  networks: {
    // `npm run devnet:l1` and `npm run devnet:l2` of the protocol's repository, or any L1 and L2 pair.
    localhost: {
      url: process.env.METIS_L1_RPC_URL ?? "http://127.0.0.1:8545",
      metisL2Url: process.env.METIS_L2_RPC_URL ?? "http://127.0.0.1:9545",
    },
  },
};

export default config;
