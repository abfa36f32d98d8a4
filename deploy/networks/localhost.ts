/**
 * The devnet: `npm run devnet` (scripts/devnet), or by hand L1 = `npm run devnet:l1` (Hardhat node, chain 31337, on
 * 8545) and L2 = `npm run devnet:l2` (the pinned L2 genesis, chain 41088, on 9545). `METIS_L1_RPC_URL` (read by hardhat.config.ts) and `METIS_L2_RPC_URL` point it
 * elsewhere (the deploy tests use free ports). The deployer is the node's first account; on fresh devnets every address
 * comes out the same, so `deployments/localhost.json` is committed.
 */
import { parseEther } from "ethers";

import { defineNetworkConfig } from "../../sdk/src/hardhat/config";

export default defineNetworkConfig({
  l2: { rpcUrl: process.env.METIS_L2_RPC_URL ?? "http://127.0.0.1:9545", chainId: 41088, bootstrap: "devnet" },
  token: { supply: parseEther("100000000") },
  // The node's second account (Hardhat's public test mnemonic).
  guardian: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  governance: { timelockDelay: 14 * 24 * 3600 },
  parameters: {
    // One staked sequencer may start an epoch on the devnet.
    minMembers: 1,
    minEpochStake: parseEther("20000"),
    // The live devnet's clocks: a silent proposer's turn passes after 15 s (the contracts allow 12 s at least), and
    // the windows are the shortest the contracts allow (an hour each), so that a withdrawal is final, an unanswered
    // DA request expires and a dispute's vote ends within hours rather than days (the fault injection and the tests
    // skip them on the devnet's L1 clock).
    rotationTimeout: 15,
    fraudProofWindow: 3600,
    forceInclusionDelay: 3600,
    daWindow: 3600,
    minReviewTime: 3600,
    commitPeriod: 3600,
    revealPeriod: 3600,
  },
});
