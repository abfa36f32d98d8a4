/**
 * `@metis-l2/protocol/node`: the parts of the SDK that need Node (the file system, an in-process chain) for user
 * scripts, agents, verifiers and the devnet. L1 deployment, the devnet L2 with its pinned genesis and transaction
 * policy, block replay and the rewind recovery uses, and the DA file store. Creating an L2 chain needs the optional
 * peer dependency `hardhat`; nothing else here does. The root entry stays browser-safe.
 */

// L1 deployment.
export {
  deployL1,
  rollupAddresses,
  roleConstants,
  type DeployL1Options,
  type GovernanceSettings,
  type L1Contracts,
  type L1Parameters,
  type RollupAddresses,
} from "./deploy/deploy-l1";

// Data availability: a store in a local directory.
export { FileDAStore } from "./da/file-store";

// Sequencers: a signing record in a local directory, which survives restarts.
export { FileSigningRecord } from "./sequencer/file-signing-record";

// The devnet L2: pinned genesis, in-process chain, transaction policy, replay.
export {
  L2_BRIDGE_ADDRESS,
  L2_BRIDGE_RESERVE,
  L2_CHAIN_ID,
  L2_FEE_VAULT_ADDRESS,
  L2_FEE_VAULT_DEPLOYER,
  L2_GENESIS_DATE,
  L2_GENESIS_FLOAT,
  L2_GENESIS_SUPPLY,
  L2_MNEMONIC,
  L2_PATH,
  L2_SYSTEM_ACCOUNT,
  L2_SYSTEM_FLOAT,
  L2_USER_ACCOUNTS,
  L2_USER_BALANCE,
  l2Key,
  l2NetworkConfig,
  type L2NetworkConfig,
} from "./l2/genesis";
export {
  addL2Relayer,
  bootstrapFeeVault,
  bootstrapL2Bridge,
  createL2Chain,
  ethBacking,
  genesisLeaf,
  l2NativeSupply,
  type L2Chain,
} from "./l2/chain";
export {
  checkL2Transaction,
  L2TransactionRejectedError,
  rawTransactionType,
  TRANSACTION_REJECTED,
  withL2Policy,
  type RequestArguments,
  type RequestProvider,
} from "./l2/policy";
export { l2Node, replayBlocks, type ReplayBlock } from "./l2/replay";

// The Peer Network: a sequencer's signing endpoint over HTTP JSON-RPC and the proposer's client for it.
export { startPeerServer, type PeerServer, type PeerServerConfig } from "./peer/server";
export { PeerSigner, type PeerSignerConfig } from "./peer/client";
export {
  PEER_ERROR_CODES,
  PEER_MAX_SKEW,
  PEER_METHODS,
  peerRequestDigest,
  peerRequestMessage,
  type PeerAuth,
  type PeerMethod,
} from "./peer/protocol";

// Verifiers: the cursor in a file, the replica in this process.
export { FileCursorStore } from "./verifier/file-cursor";
export { createL2Replica } from "./verifier/replica";

// Agents: the sequencer and the verifier as long-running processes (the `metis-agent` CLI).
export {
  loadAgentConfig,
  parseAgentConfig,
  type AgentConfig,
  type AgentStoreConfig,
  type ListenConfig,
  type SequencerAgentConfig,
  type VerifierAgentConfig,
} from "./agents/config";
export {
  createLogger,
  formatLogLine,
  LOG_LEVELS,
  type Logger,
  type LoggerOptions,
  type LogFields,
  type LogLevel,
} from "./agents/log";
export {
  startHealthServer,
  type HealthReport,
  type HealthServer,
  type HealthServerConfig,
  type HealthStatus,
} from "./agents/health";
export {
  DEGRADED_AFTER_TICKS,
  SequencerAgent,
  type AgentStartOptions,
  type SequencerHealth,
} from "./agents/sequencer-agent";
export { VerifierAgent, type VerifierHealth } from "./agents/verifier-agent";
export { AGENT_USAGE, runAgentCli, type AgentCliOptions } from "./agents/cli";
