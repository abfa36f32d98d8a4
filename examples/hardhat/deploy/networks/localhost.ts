/**
 * What `npx hardhat metis:deploy --network localhost` deploys: the L2 it bootstraps, the protocol token (a new one
 * here; `{ address }` uses an existing one), the guardian, the timelock's delay and any parameter to change.
 */
import { defineNetworkConfig } from "@metis-l2/protocol/hardhat";
import { parseEther } from "ethers";

export default defineNetworkConfig({
  l2: { rpcUrl: process.env.METIS_L2_RPC_URL ?? "http://127.0.0.1:9545", chainId: 41088, bootstrap: "devnet" },
  token: { supply: parseEther("100000000") },
  guardian: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  governance: { timelockDelay: 14 * 24 * 3600 },
  parameters: { minMembers: 1, minEpochStake: parseEther("20000") },
});
