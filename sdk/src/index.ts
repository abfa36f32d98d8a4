/**
 * `@metis-l2/protocol`: the SDK for sequencers, verifiers, dapps and scripts (Node). Wallets and browsers that only
 * verify proofs import the dependency-free `@metis-l2/protocol/proof` instead.
 */
// The proof module, with the protocol's constants (BATCH_STATUSES, L2_BRIDGE_SLOTS, WITHDRAWAL_TREE_DEPTH, ...).
export * from "./proof";

// Typed contract bindings (TypeChain types, ethers v6) over ABI-only contracts: `connectX(address, runner)`, the cached
// `xInterface()` and the `xAbi` (as const). No creation bytecode: the factories that deploy are in
// `@metis-l2/protocol/deploy`.
export {
  connectBatchChain,
  connectDARequestManager,
  connectDisputeManager,
  connectFeeVault,
  connectIERC20,
  connectIERC20Permit,
  connectIERC5267,
  connectL1Bridge,
  connectL2Bridge,
  connectL2Token,
  connectMetisGovernor,
  connectMetisTimelock,
  connectMetisToken,
  connectRewardPool,
  connectSequencerRegistry,
  connectVerifierRegistry,
  batchChainInterface,
  daRequestManagerInterface,
  disputeManagerInterface,
  feeVaultInterface,
  ierc20Interface,
  ierc20PermitInterface,
  ierc5267Interface,
  l1BridgeInterface,
  l2BridgeInterface,
  l2TokenInterface,
  metisGovernorInterface,
  metisTimelockInterface,
  metisTokenInterface,
  rewardPoolInterface,
  sequencerRegistryInterface,
  verifierRegistryInterface,
} from "./contracts/connectors";
export {
  batchChainAbi,
  daRequestManagerAbi,
  disputeManagerAbi,
  feeVaultAbi,
  ierc20Abi,
  ierc20PermitAbi,
  ierc5267Abi,
  l1BridgeAbi,
  l2BridgeAbi,
  l2TokenAbi,
  metisGovernorAbi,
  metisTimelockAbi,
  metisTokenAbi,
  rewardPoolAbi,
  sequencerRegistryAbi,
  verifierRegistryAbi,
  type BatchChainErrorName,
  type DARequestManagerErrorName,
  type DisputeManagerErrorName,
  type FeeVaultErrorName,
  type IERC20ErrorName,
  type IERC20PermitErrorName,
  type IERC5267ErrorName,
  type L1BridgeErrorName,
  type L2BridgeErrorName,
  type L2TokenErrorName,
  type MetisGovernorErrorName,
  type MetisTimelockErrorName,
  type MetisTokenErrorName,
  type RewardPoolErrorName,
  type SequencerRegistryErrorName,
  type VerifierRegistryErrorName,
  type ContractErrorNames,
  type ProtocolErrorName,
} from "./contracts/generated";
export type {
  BatchChain,
  DARequestManager,
  DisputeManager,
  FeeVault,
  IERC20,
  IERC20Permit,
  IERC5267,
  L1Bridge,
  L2Bridge,
  L2Token,
  MetisGovernor,
  MetisTimelock,
  MetisToken,
  RewardPool,
  SequencerRegistry,
  VerifierRegistry,
} from "./contracts";

// Governance: every parameter with its bounds, and proposals (propose, vote, queue, execute, status).
export * from "./governance";

// Data availability ("Memo"): data objects and batch sidecars, the stores, the sources and the fallback reader.
export { checkObjectKey, objectKey, readVerified, storeDataObject, type DAStore } from "./da/store";
export { readSidecar, storeSidecar } from "./da/sidecar";
export { MemoryDAStore } from "./da/memory-store";
export { DEFAULT_MAX_OBJECT_BYTES, S3DAStore, type S3DAStoreConfig } from "./da/s3-store";
export { checkDataHash, dataHashOf, L2RpcDataSource, StoreDataSource, type DataSource } from "./da/sources";
export {
  DA_SOURCE_TIMEOUTS,
  FallbackDataReader,
  type DAReadProgress,
  type DAReadResult,
  type FallbackDataReaderConfig,
} from "./da/fallback";

// DA requests (issue 11): the requester's client, the L1 data source (a batch's data from its DA answer), and the
// sequencer's answerer.
export {
  claimDA,
  DA_REQUEST_STATUSES,
  daInterfaces,
  daRequestStatus,
  requestData,
  type DARequestInfo,
  type DARequestStatusName,
} from "./da/requests";
export { L1DataSource, type L1DataProgress, type L1DataSourceConfig, type L1DataSourceOptions } from "./da/l1-source";
export {
  CHUNK_BASE_GAS,
  DAAnswerer,
  DEFAULT_CHUNK_GAS,
  LEAF_EXECUTION_ALLOWANCE,
  signedOnChain,
  TRANSACTION_GAS_CAP,
  TX_EXECUTION_ALLOWANCE,
  type DAAnswererConfig,
  type DAAnswererOptions,
  type DAAnswerProgress,
  type DAAnswerReport,
  type DAAnswerRound,
  type SignedPredicate,
  type SubmittedHeader,
} from "./sequencer/da-answerer";
export type { DataRequestAnswerOptions } from "./sequencer/sequencer";
export {
  RewardKeeper,
  type RewardKeeperConfig,
  type RewardKeeperOptions,
  type RewardLoop,
  type RewardLoopOptions,
  type RewardRound,
} from "./sequencer/rewards-keeper";

// Sequencers.
export { buildBatch, type BuiltBatch } from "./sequencer/batch-builder";
export {
  finalL1Block,
  queuedDeposits,
  readTokenMetadata,
  relayPendingDeposits,
  RELAY_GAS_BUDGET,
  sanitizeTokenText,
  type L1Finality,
  type KnownDeposit,
  type RelayOptions,
  type LogScanOptions,
  type RelayResult,
  type TokenMetadata,
} from "./sequencer/deposits";
export { startNextEpoch, type StartEpochOptions } from "./sequencer/epochs";
export {
  L2_TRANSACTION_TYPES,
  latestBlockNumber,
  rawTransactionOf,
  readL2Blocks,
  readRawL2Block,
  type L2Block,
  type L2Transaction,
  type RawL2Block,
} from "./sequencer/l2-reader";
export { checkL2Blocks, type DepositState, type L2ValidityContext } from "./sequencer/l2-validity";
export { packQuorumSignatures } from "./sequencer/quorum";
export {
  DEFAULT_MAX_QUEUED_UPLOADS,
  Sequencer,
  type HeaderSigner,
  type L2Node,
  type ProposalSource,
  type RecoveryReport,
  type ProposalResult,
  type SequencerConfig,
  type SequencerOptions,
  type SequencerEvent,
} from "./sequencer/sequencer";
export { SignatureTally, type HeaderSupport } from "./sequencer/signature-tally";
export {
  canonicalHeader,
  MemorySigningRecord,
  slotKey,
  slotOf,
  type SignedHeader,
  type SigningRecord,
  type SigningSlot,
} from "./sequencer/signing-record";

export { buildSidecar, readRpcHeader, type RpcHeader } from "./sequencer/block-headers";

// Verifiers: follow BatchChain, check every batch on an own replica, report findings with their proofs' context.
export {
  DEFAULT_LOG_CHUNK,
  Verifier,
  type BatchContext,
  type BatchFinding,
  type DataSourceName,
  type EquivocationContext,
  type FindingHandler,
  type FindingReport,
  type PostedDataSource,
  type PostedLeavesSource,
  type PreviousBatch,
  type SyncReport,
  type UnavailableContext,
  type VerifierConfig,
  type VerifierOptions,
  type VerifierEvent,
  type VerifierProgress,
} from "./verifier/verifier";
export {
  decodeCursor,
  decodeVoterCursor,
  encodeCursor,
  encodeVoterCursor,
  MemoryCursorStore,
  type BatchRecord,
  type BatchState,
  type CursorStore,
  type DisputeRecord,
  type VerifierCursor,
  type VoteRecord,
  type VoterCursor,
  type VoteState,
  type VoteStore,
} from "./verifier/cursor";
export { compareBatch, type Comparison, type ComparisonInput, type DataBlockHashes } from "./verifier/compare";
export { SignedHeaderBook, unpackSignatures, type ObservedHeader } from "./verifier/equivocation";
export {
  batchChainEvents,
  executionChallenges,
  parseExecutionChallenged,
  submittedSignatures,
  type BatchChainEvent,
  type ExecutionChallenge,
} from "./verifier/logs";
export {
  DevNodeReplica,
  type DevNodeMethods,
  type Replica,
  type ReplicaBlock,
  type ReplayResult,
} from "./verifier/replica";
export { transactionsRoot } from "./verifier/transactions-trie";
export { toHeaderValue, type CommittedBatch, type HeaderValue, type LastLeaf } from "./verifier/types";

// The address book: deployments by chain id (shipped ones and registered ones), which every client accepts.
export {
  clearRegisteredDeployments,
  DEPLOYMENT_CONTRACTS,
  genesisLeafFromJson,
  genesisLeafJson,
  genesisLeafOf,
  getDeployment,
  knownDeployments,
  parseDeployment,
  registerDeployment,
  rollupAddressesOf,
  type Deployment,
  type DeploymentContracts,
  type GenesisLeafJson,
  type RollupAddresses,
} from "./deployments";
export { checkDeployment, L2_DEPLOYMENT_CONTRACTS } from "./deployments/check";
export { deploymentContracts } from "./deployments/connect";
export {
  genesisOf,
  resolveAddresses,
  scanChunk,
  scanStart,
  type DeploymentContractName,
  type WithDeployment,
} from "./deployments/resolve";
// Bounded log scans: every scan of the SDK's clients goes through these.
export {
  chunkedLogs,
  chunkedScan,
  type ChunkedLogsQuery,
  type ChunkedRange,
  type LogScanProgress,
} from "./contracts/logs";

// Bridge: deposits, withdrawals, proofs, status (readers need providers only; writers take signers).
export {
  BridgeReader,
  type BridgeReaderAddressConfig,
  type BridgeReaderConfig,
  type BridgeReaderDeploymentConfig,
  type DepositRelay,
  type WaitOptions,
  type WithdrawalTransaction,
} from "./bridge/reader";
export {
  BridgeWriter,
  type BridgeActions,
  type BridgeWriterConfig,
  type BridgeWriterOptions,
  type DepositERC20Options,
  type PendingTransaction,
  type WaitForReceiptOptions,
} from "./bridge/bridge-writer";
export { DEFAULT_BRIDGE_LOG_CHUNK, type ScanOptions, type ScanProgress } from "./bridge/scan";
export {
  depositERC20,
  depositETH,
  finalizeWithdrawal,
  withdrawERC20,
  withdrawETH,
  type QueuedDeposit,
} from "./bridge/writer";
export type {
  BridgeAddresses,
  DepositLifecycle,
  DepositStatus,
  DepositStatusName,
  InitiatedWithdrawal,
  L1Deposit,
  TransactionInclusion,
  WithdrawalLifecycle,
  WithdrawalStatus,
  WithdrawalStatusName,
} from "./bridge/types";

// Verifiers: what a verifier finds, the evidence DisputeManager's challenges take, and the Challenger that sends them.
export {
  isStructural,
  type DataUnavailableFinding,
  type DepositFinding,
  type EquivocationFinding,
  type ExecutionFinding,
  type Finding,
  type HeaderFinding,
  type ParentLinkFinding,
  type StructuralFinding,
  type TransactionLeafFinding,
  type TransactionOmittedFinding,
  type TransactionOrderFinding,
  type WithdrawalRootFinding,
} from "./verifier/findings";
export {
  blockEvidence,
  blockLeafStruct,
  blockTransactionProof,
  encodeBlockHeader,
  fetchRlpHeader,
  NO_BLOCK_EVIDENCE,
  NO_TX_EVIDENCE,
  storageProof,
  transactionKey,
  transactionsTrieProof,
  txEvidence,
  txLeavesOf,
  txTree,
  type BlockEvidence,
  type BlockLeafStruct,
  type RpcHeaderFields,
  type StorageProof,
  type TxEvidence,
  type TxGap,
} from "./verifier/evidence";
export {
  Challenger,
  resolutionOf,
  submittedBatch,
  type ChallengeContext,
  type ChallengeResult,
  type ChallengerConfig,
  type ChallengerOptions,
  type SubmittedBatchOptions,
  type DisputeResolution,
  type EquivocationOutcome,
  type ExecutionChallengeResult,
  type FaultOutcome,
  type SubmittedBatch,
} from "./verifier/challenger";
export { challengeContextOf, challengeFindings, type RespondOptions, type ChallengeResponse } from "./verifier/respond";

// Execution disputes: their status, the wait for it, and the staked verifier's Voter.
export {
  FINAL_DISPUTE_STATUSES,
  getDisputeStatus,
  waitForDispute,
  type GetDisputeStatusErrorType,
  type GetDisputeStatusParameters,
  type GetDisputeStatusReturnType,
  type WaitForDisputeErrorType,
  type WaitForDisputeParameters,
} from "./verifier/disputes";
export {
  chainBatches,
  replicaJudge,
  Voter,
  type BatchSource,
  type Judge,
  type PollReport,
  type VoterAction,
  type VoterConfig,
  type VoterOptions,
} from "./verifier/voter";

// Rewards: what a sequencer can claim, its claim, and the settlement of finalized batches (RewardPool).
export {
  claimRewards,
  creditedKeysHash,
  forfeitRewards,
  rewardBalance,
  rewardPoolTotals,
  settleBatches,
  signatureEntries,
  sortKeys,
  type RewardBalance,
  type RewardPoolTotals,
  type SettleBatchesOptions,
  type SettleBatchesResult,
  type SettleProgress,
} from "./governance/rewards";

// Errors beyond the proof module's.
export * from "./errors/challenge";
export * from "./errors/agent";
export * from "./errors/bridge";
export * from "./errors/chain";
export * from "./errors/contract";
export * from "./errors/da";
export * from "./errors/deployment";
export * from "./errors/dispute";
export * from "./errors/governance";
export * from "./errors/hardhat";
export * from "./errors/node";
export * from "./errors/pause";
export * from "./errors/peer";
export * from "./errors/rewards";
export * from "./errors/sequencer";
export * from "./errors/verifier";
