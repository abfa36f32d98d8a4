/**
 * `@metis-l2/protocol`: the SDK for sequencers, verifiers, dapps and scripts (Node). Wallets and browsers that only
 * verify proofs import the dependency-free `@metis-l2/protocol/proof` instead.
 */
export * from "./proof";

// Typed contract bindings (TypeChain, ethers v6).
export {
  BatchChain__factory,
  L1Bridge__factory,
  L2Bridge__factory,
  L2Token__factory,
  MetisToken__factory,
  SequencerRegistry__factory,
  type BatchChain,
  type L1Bridge,
  type L2Bridge,
  type L2Token,
  type MetisToken,
  type SequencerRegistry,
} from "./contracts";

// Data availability ("Memo").
export { readVerified, storeDataObject, type DAStore } from "./da/store";

// Sequencers.
export { buildBatch, type BuiltBatch } from "./sequencer/batch-builder";
export {
  finalL1Block,
  queuedDeposits,
  readTokenMetadata,
  relayPendingDeposits,
  RELAY_GAS_BUDGET,
  sanitizeTokenText,
  TOKEN_NAME_MAX_BYTES,
  TOKEN_SYMBOL_MAX_BYTES,
  type L1Finality,
  type RelayOptions,
  type RelayResult,
  type TokenMetadata,
} from "./sequencer/deposits";
export { startNextEpoch, type StartEpochOptions } from "./sequencer/epochs";
export {
  L2_BRIDGE_SLOTS,
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
export { packQuorumSignatures, QUORUM_ENTRY_BYTES } from "./sequencer/quorum";
export {
  Sequencer,
  type HeaderSigner,
  type L2Node,
  type RecoveryReport,
  type ProposalResult,
  type SequencerConfig,
  type SequencerEvent,
} from "./sequencer/sequencer";

// Bridge: deposits, withdrawals, proofs, status (readers need providers only; writers take signers).
export { BridgeReader, type BridgeReaderConfig, type WaitOptions } from "./bridge/reader";
export {
  depositERC20,
  depositETH,
  finalizeWithdrawal,
  withdrawERC20,
  withdrawETH,
  type QueuedDeposit,
} from "./bridge/writer";
export { BATCH_STATUSES } from "./bridge/types";
export type {
  BatchStatusName,
  BridgeAddresses,
  InitiatedWithdrawal,
  TransactionInclusion,
  WithdrawalLifecycle,
  WithdrawalStatusName,
} from "./bridge/types";

// Errors beyond the proof module's.
export * from "./errors/bridge";
export * from "./errors/contract";
export * from "./errors/da";
export * from "./errors/sequencer";
