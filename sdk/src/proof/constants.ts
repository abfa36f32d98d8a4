/**
 * The protocol's fixed numbers as the contracts define them, in one place. Each mirrors a Solidity constant (or
 * enum) named in its comment; test/sdk/constants.test.ts reads the public ones back from deployed contracts.
 */

/** Depth of the L2 withdrawal tree (L2Bridge.WITHDRAWAL_TREE_DEPTH, L1Bridge._WITHDRAWAL_DEPTH). */
export const WITHDRAWAL_TREE_DEPTH = 32;

/**
 * Most L2 blocks one batch may hold (PROTOCOL section 6; BatchLib.MAX_BATCH_BLOCKS): BatchChain refuses a longer
 * range, and L1Bridge and `verifyWithdrawalProof` refuse a block proof against one, so wallet and L1 agree.
 */
export const MAX_BATCH_BLOCKS = 2n ** 32n;

/**
 * Bytes of one quorum signature entry (SequencerRegistry._ENTRY): head (1: member index, and v's parity in the top
 * bit), r (32), s (32).
 */
export const QUORUM_ENTRY_BYTES = 65;

/** Most seats the registry holds (SequencerRegistry.MAX_SEATS): a member index is one byte of a signature entry. */
export const MAX_SEATS = 64;

/** Longest DA window governance may set, in seconds (SequencerRegistry.DA_WINDOW_CAP: 7 days). */
export const DA_WINDOW_CAP = 7n * 24n * 3600n;

/** Longest fraud window governance may set, in seconds (SequencerRegistry.FRAUD_WINDOW_CAP: 30 days). */
export const FRAUD_WINDOW_CAP = 30n * 24n * 3600n;

/** Blocks between `startEpoch` and the seed block whose hash orders the epoch (SequencerRegistry.EPOCH_SEED_DELAY). */
export const EPOCH_SEED_DELAY = 4n;

/** Longest L2 token name the L2 bridge stores, in bytes of UTF-8 (L2Bridge.MAX_NAME_BYTES). */
export const TOKEN_NAME_MAX_BYTES = 64;

/** Longest L2 token symbol the L2 bridge stores, in bytes of UTF-8 (L2Bridge.MAX_SYMBOL_BYTES). */
export const TOKEN_SYMBOL_MAX_BYTES = 32;

/** Decimals the L2 bridge gives a token created without metadata (the `18` in L2Bridge._relay). */
export const DEFAULT_TOKEN_DECIMALS = 18;

/**
 * Fixed storage slots of the L2 bridge, which a batch header and its block leaves commit to (L2Bridge.DEPOSIT_COUNT_SLOT,
 * DEPOSIT_CHAIN_SLOT, WITHDRAWAL_ROOT_SLOT).
 */
export const L2_BRIDGE_SLOTS = { depositCount: 0n, depositChainHash: 1n, withdrawalRoot: 2n } as const;

/** BatchChain's `BatchStatus` values by their number, as `batchStatus` returns them (Types.BatchStatus). */
export const BATCH_STATUSES = ["None", "Pending", "Disputed", "Insecure", "Finalized", "RolledBack"] as const;

export type BatchStatusName = (typeof BATCH_STATUSES)[number];

/** L1Bridge's `WithdrawalStatus` values by their number, as `withdrawalStatus` returns them (Types.WithdrawalStatus). */
export const WITHDRAWAL_STATUSES = ["Unfinalized", "Finalized"] as const;
