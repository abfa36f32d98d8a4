/**
 * The protocol's fixed numbers as the contracts define them, in one place. The first group mirrors
 * contracts/libraries/Constants.sol name for name (test/sdk/constants.test.ts compares every one of them with the
 * compiled contract, and fails on a Solidity constant the SDK lacks); the rest mirror the constant or enum named in
 * their comment. Durations are seconds, stakes wei of the protocol token.
 */

const HOUR = 3600n;
const DAY = 24n * HOUR;
const TOKEN = 10n ** 18n;

// Constants.sol: encodings ------------------------------------------------------------------------------------------

/** Depth of the L2 bridge's withdrawal tree: 2^32 withdrawals at most. */
export const WITHDRAWAL_TREE_DEPTH = 32;

/**
 * Most L2 blocks one batch may hold (PROTOCOL section 6): BatchChain refuses a longer range, and L1Bridge and
 * `verifyWithdrawalProof` refuse a block proof against one, so wallet and L1 agree.
 */
export const MAX_BATCH_BLOCKS = 2n ** 32n;

/**
 * Most raw bytes one L2 transaction may have (PROTOCOL section 6, added with DA requests): a block holding a larger
 * one is invalid, so honest sequencers never sign it. A DA answer carries each transaction whole in one L1
 * transaction, so the largest must fit osaka's 16,777,216-gas cap with room to spare (120 KiB at the calldata floor's
 * 40 gas per byte is about 4.9 million gas) and stay under the 128 KiB that L1 clients relay through their mempool.
 * Without the bound, one user's large transaction would make an honest batch unanswerable and its signers slashable.
 */
export const MAX_L2_TRANSACTION_BYTES = 120 * 1024;

/** Bytes of one quorum signature entry: head (1: member index, and v's parity in the top bit), r (32), s (32). */
export const QUORUM_ENTRY_BYTES = 65;

/** Most seats the registry holds: a member index takes 7 bits of a signature entry. */
export const MAX_SEATS = 64;

/** Basis points in one whole (slashing and reward shares). */
export const BPS = 10_000n;

// Constants.sol: BatchChain -----------------------------------------------------------------------------------------

/** Fraud window at deployment. */
export const DEFAULT_FRAUD_WINDOW = 7n * DAY;
/** Shortest fraud window governance may set. */
export const MIN_FRAUD_WINDOW = HOUR;
/**
 * Longest fraud window governance may set (SequencerRegistry.FRAUD_WINDOW_CAP): the shortest timelock delay less the
 * exit window, so that a withdrawal started when a change is queued is final at least EXIT_WINDOW before it executes.
 */
export const MAX_FRAUD_WINDOW = 7n * DAY;
/** Force-inclusion delay at deployment. */
export const DEFAULT_FORCE_INCLUSION_DELAY = 24n * HOUR;
/** Shortest force-inclusion delay governance may set (a whole number of hours). */
export const MIN_FORCE_INCLUSION_DELAY = HOUR;
/** Longest force-inclusion delay governance may set. */
export const MAX_FORCE_INCLUSION_DELAY = 7n * DAY;

// Constants.sol: pause and maintenance ------------------------------------------------------------------------------

/** Longest guardian pause at deployment. */
export const DEFAULT_MAX_PAUSE = 3n * DAY;
/** Shortest `maxPause` governance may set. */
export const MIN_MAX_PAUSE = HOUR;
/** Longest `maxPause` governance may set: half the 7-day exit window (a pause stops the timelock's clock too). */
export const MAX_MAX_PAUSE = 84n * HOUR;
/** Wait between the end of one guardian pause and the next, at deployment. */
export const DEFAULT_PAUSE_COOLDOWN = 7n * DAY;
/** Shortest cooldown governance may set: the exit window. */
export const MIN_PAUSE_COOLDOWN = 7n * DAY;
/** Longest cooldown governance may set. */
export const MAX_PAUSE_COOLDOWN = 90n * DAY;
/** Longest maintenance window at deployment. */
export const DEFAULT_MAX_MAINTENANCE = 12n * HOUR;
/** Shortest `maxMaintenance` governance may set. */
export const MIN_MAX_MAINTENANCE = HOUR;
/** Longest `maxMaintenance` governance may set. */
export const MAX_MAX_MAINTENANCE = 2n * DAY;
/** Least notice of a maintenance window at deployment. */
export const DEFAULT_MAINTENANCE_NOTICE = 3n * DAY;
/** Shortest notice governance may set. */
export const MIN_MAINTENANCE_NOTICE = DAY;
/** Longest notice governance may set. */
export const MAX_MAINTENANCE_NOTICE = 30n * DAY;
/** Most maintenance windows scheduled and not yet over at once. */
export const MAX_UPCOMING_MAINTENANCE = 8n;
/** How far ahead a maintenance window may start. */
export const MAX_MAINTENANCE_LEAD = 365n * DAY;
/** Least time between a maintenance window and every other pause interval, before or after it: the exit window. */
export const MIN_MAINTENANCE_GAP = 7n * DAY;

// Constants.sol: data availability ----------------------------------------------------------------------------------

/** Longest DA window governance may set (SequencerRegistry.DA_WINDOW_CAP); exits wait at least fraud + DA window. */
export const MAX_DA_WINDOW = 7n * DAY;
/** DA window at deployment: how long an answer to a DA request may take. */
export const DEFAULT_DA_WINDOW = 24n * HOUR;
/** Shortest DA window governance may set. */
export const MIN_DA_WINDOW = HOUR;
/** Review time after an answer at deployment (the longest is MAX_DA_WINDOW minus the DA window). */
export const DEFAULT_MIN_REVIEW_TIME = 24n * HOUR;
/** Shortest review time governance may set. */
export const MIN_MIN_REVIEW_TIME = HOUR;
/** Longest review time governance may set: MAX_DA_WINDOW less the shortest DA window. */
export const MAX_MIN_REVIEW_TIME = MAX_DA_WINDOW - MIN_DA_WINDOW;
/** Bond of a DA request at deployment, in wei of ETH. */
export const DEFAULT_DA_REQUEST_BOND = 5n * 10n ** 17n;
/** Least DA request bond governance may set: 0.01 ETH. */
export const MIN_DA_REQUEST_BOND = 10n ** 16n;
/** Most DA request bond governance may set: 100 ETH. */
export const MAX_DA_REQUEST_BOND = 100n * 10n ** 18n;
/** Share of each signer's stake an expired DA request slashes, at deployment, in basis points. */
export const DEFAULT_DA_SLASH_BPS = 5_000n;
/** Least DA slash governance may set (5%), in basis points. */
export const MIN_DA_SLASH_BPS = 500n;
/** Most DA slash governance may set (the whole stake), in basis points. */
export const MAX_DA_SLASH_BPS = 10_000n;
/** Fixed part of an answer's refund at deployment: 0.003 ETH. */
export const DEFAULT_DA_REFUND_FIXED = 3n * 10n ** 15n;
/** Least fixed refund governance may set: none. */
export const MIN_DA_REFUND_FIXED = 0n;
/** Most fixed refund governance may set: 1 ETH. */
export const MAX_DA_REFUND_FIXED = 10n ** 18n;
/** Per-byte part of an answer's refund at deployment: 1,600 gwei per raw transaction byte. */
export const DEFAULT_DA_REFUND_PER_BYTE = 1_600n * 10n ** 9n;
/** Least per-byte refund governance may set: none. */
export const MIN_DA_REFUND_PER_BYTE = 0n;
/** Most per-byte refund governance may set: 0.0001 ETH. */
export const MAX_DA_REFUND_PER_BYTE = 10n ** 14n;

// Constants.sol: SequencerRegistry ----------------------------------------------------------------------------------

/** Blocks between `startEpoch` and the seed block whose hash orders the epoch. */
export const EPOCH_SEED_DELAY = 4n;
/** Least stake per sequencer at deployment. */
export const DEFAULT_MIN_STAKE = 20_000n * TOKEN;
/** Most stake per sequencer at deployment. */
export const DEFAULT_MAX_STAKE = 100_000n * TOKEN;
/** Lowest minimum stake governance may set. */
export const MIN_MIN_STAKE = TOKEN;
/** Highest minimum stake governance may set (also at most the maximum stake). */
export const MAX_MIN_STAKE = 10_000_000n * TOKEN;
/** Lowest maximum stake governance may set (also at least the minimum stake). */
export const MIN_MAX_STAKE = TOKEN;
/** Highest maximum stake governance may set. */
export const MAX_MAX_STAKE = 10_000_000n * TOKEN;
/** Seats at deployment. */
export const DEFAULT_MAX_SEQUENCERS = 21n;
/** Fewest seats governance may set (also at least the seats taken and `minMembers`). */
export const MIN_MAX_SEQUENCERS = 1n;
/** Most seats governance may set: MAX_SEATS. */
export const MAX_MAX_SEQUENCERS = 64n;
/** Exit delay at deployment (the effective delay is never below fraud window plus DA window). */
export const DEFAULT_EXIT_DELAY = 21n * DAY;
/** Shortest exit delay governance may set. */
export const MIN_EXIT_DELAY = DAY;
/** Longest exit delay governance may set. */
export const MAX_EXIT_DELAY = 90n * DAY;
/** Epoch length at deployment. */
export const DEFAULT_EPOCH_DURATION = DAY;
/** Shortest epoch governance may set. */
export const MIN_EPOCH_DURATION = HOUR;
/** Longest epoch governance may set. */
export const MAX_EPOCH_DURATION = 30n * DAY;
/** Rotation timeout at deployment: after it the next member may propose. */
export const DEFAULT_ROTATION_TIMEOUT = 60n;
/** Shortest rotation timeout governance may set (one L1 slot). */
export const MIN_ROTATION_TIMEOUT = 12n;
/** Longest rotation timeout governance may set. */
export const MAX_ROTATION_TIMEOUT = HOUR;
/** Missed turns in a row that jail a member from proposing, at deployment. */
export const DEFAULT_MAX_MISSED_TURNS = 3n;
/** Lowest `maxMissedTurns` governance may set. */
export const MIN_MAX_MISSED_TURNS = 1n;
/** Highest `maxMissedTurns` governance may set. */
export const MAX_MAX_MISSED_TURNS = 100n;
/** Share of a slashed amount paid to the prover, at deployment, in basis points. */
export const DEFAULT_REWARD_BPS = 5_000n;
/** Least prover share governance may set: none. */
export const MIN_REWARD_BPS = 0n;
/** Most prover share governance may set: the whole slash. */
export const MAX_REWARD_BPS = BPS;
/** Fewest members an epoch may start with, at deployment. */
export const DEFAULT_MIN_MEMBERS = 4n;
/** Fewest `minMembers` governance may set. */
export const MIN_MIN_MEMBERS = 1n;
/** Most `minMembers` governance may set (also at most the seats). */
export const MAX_MIN_MEMBERS = 64n;
/** Least total stake an epoch may start with, at deployment: four minimum stakes. */
export const DEFAULT_MIN_EPOCH_STAKE = 80_000n * TOKEN;
/** Least epoch stake governance may set (also at least one minimum stake). */
export const MIN_MIN_EPOCH_STAKE = TOKEN;
/** Most epoch stake governance may set: every seat at the highest maximum stake. */
export const MAX_MIN_EPOCH_STAKE = 64n * 10_000_000n * TOKEN;

// Constants.sol: DisputeManager ------------------------------------------------------------------------------------

/** Share of each convicted signer's stake a proven fault slashes, at deployment, in basis points. */
export const DEFAULT_FRAUD_SLASH_BPS = 5_000n;
/** Least share governance may set (5%), in basis points. */
export const MIN_FRAUD_SLASH_BPS = 500n;
/** Most share governance may set (the whole stake), in basis points. */
export const MAX_FRAUD_SLASH_BPS = 10_000n;

// Other contracts ---------------------------------------------------------------------------------------------------

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

/** SequencerRegistry's `SequencerStatus` values by their number, as `sequencerStatus` returns them (Types). */
export const SEQUENCER_STATUSES = ["None", "Waiting", "Active", "Exiting", "Left", "Slashed", "Withdrawable"] as const;

export type SequencerStatusName = (typeof SEQUENCER_STATUSES)[number];

/** DisputeManager's `Fault` values by their number, as `FaultProven` names them (IDisputeManager.Fault). */
export const DISPUTE_FAULTS = [
  "None",
  "BlockNumber",
  "BlockTimestamp",
  "StateRoot",
  "ParentLink",
  "WithdrawalRoot",
  "DepositCount",
  "DepositChainHash",
  "TransactionHash",
  "TransactionInvented",
  "TransactionOmitted",
  "TransactionOrder",
  "Equivocation",
  "TransactionCount",
  "BlockCount",
  "Execution",
] as const;

export type DisputeFaultName = (typeof DISPUTE_FAULTS)[number];

/** L1Bridge's `WithdrawalStatus` values by their number, as `withdrawalStatus` returns them (Types.WithdrawalStatus). */
export const WITHDRAWAL_STATUSES = ["Unfinalized", "Finalized"] as const;

/**
 * DisputeManager's `DisputeStatus` values by their number, as `disputeStatus` returns them
 * (IDisputeManager.DisputeStatus). The last four are final.
 */
export const DISPUTE_STATUSES = [
  "None",
  "Committing",
  "Revealing",
  "Resolvable",
  "Escalated",
  "Upheld",
  "Rejected",
  "Lapsed",
  "Void",
] as const;

export type DisputeStatusName = (typeof DISPUTE_STATUSES)[number];

/** How an execution dispute ended, by number, as `DisputeResolved` and `closedVote` name it (Types.Outcome). */
export const DISPUTE_OUTCOMES = [
  "None",
  "VoteUpheld",
  "VoteRejected",
  "GovernanceUpheld",
  "GovernanceRejected",
  "Lapsed",
  "Void",
] as const;

export type DisputeOutcomeName = (typeof DISPUTE_OUTCOMES)[number];

/** VerifierRegistry's `VotePhase` values by their number, as `votePhase` returns them (IVerifierRegistry.VotePhase). */
export const VOTE_PHASES = ["None", "Committing", "Revealing", "Upheld", "Rejected", "NoTurnout", "Lapsed"] as const;

export type VotePhaseName = (typeof VOTE_PHASES)[number];

/**
 * VerifierRegistry's `VerifierStatus` values by their number, as `verifierStatus` returns them
 * (IVerifierRegistry.VerifierStatus).
 */
export const VERIFIER_STATUSES = ["None", "Active", "Exiting", "Removed"] as const;

export type VerifierStatusName = (typeof VERIFIER_STATUSES)[number];

// Execution disputes (DisputeManager, VerifierRegistry)

/** Bond of an execution challenge, at deployment: 1 ETH, forfeited when the vote rejects it, so that a false challenge (which holds a batch back for a whole vote) costs more than the gas of voting on it. */
export const DEFAULT_EXECUTION_BOND = 10n ** 18n;
/** Least bond governance may set: 0.01 ETH. */
export const MIN_EXECUTION_BOND = 10n ** 16n;
/** Most bond governance may set: 1,000 ETH (a dispute stores its bond in 40 bits of gwei). */
export const MAX_EXECUTION_BOND = 1_000n * 10n ** 18n;
/** Most commit + reveal governance may set: a vote upheld at its end convicts before any signer can withdraw. */
export const MAX_VOTE_PERIODS = 518_400n;
/** Commit period of an execution vote, at deployment. */
export const DEFAULT_COMMIT_PERIOD = 172_800n;
/** Shortest commit period governance may set. */
export const MIN_COMMIT_PERIOD = 3_600n;
/** Longest commit period governance may set. */
export const MAX_COMMIT_PERIOD = 604_800n;
/** Reveal period of an execution vote, at deployment. */
export const DEFAULT_REVEAL_PERIOD = 172_800n;
/** Shortest reveal period governance may set. */
export const MIN_REVEAL_PERIOD = 3_600n;
/** Longest reveal period governance may set. */
export const MAX_REVEAL_PERIOD = 604_800n;
/**
 * How long governance may decide a vote without turnout, at deployment: a whole proposal at the governance defaults
 * (voting delay + voting period + timelock delay = 19 days) with two days to spare.
 */
export const DEFAULT_ESCALATION_PERIOD = 21n * DAY;
/** Shortest escalation period governance may set: a whole proposal at the governance defaults (19 days). */
export const MIN_ESCALATION_PERIOD = 19n * DAY;
/** Longest escalation period governance may set. */
export const MAX_ESCALATION_PERIOD = 2_592_000n;
/** Turnout an execution vote needs, at deployment: 40% of the verifier stake at the opening. */
export const DEFAULT_QUORUM_BPS = 4_000n;
/** Least turnout governance may set: 10%. */
export const MIN_QUORUM_BPS = 1_000n;
/** Most turnout governance may set: all of it. */
export const MAX_QUORUM_BPS = 10_000n;
/** The majority voters' share of what a decided vote moves, at deployment: half. */
export const DEFAULT_VOTER_SHARE_BPS = 5_000n;
/** Least voters' share governance may set: 10%. */
export const MIN_VOTER_SHARE_BPS = 1_000n;
/** Most voters' share governance may set: all of it. */
export const MAX_VOTER_SHARE_BPS = 10_000n;
/** Least stake a verifier holds, at deployment: 1,000 tokens. */
export const DEFAULT_MIN_VERIFIER_STAKE = 1_000n * 10n ** 18n;
/** Least minimum verifier stake governance may set: 1 token. */
export const MIN_MIN_VERIFIER_STAKE = 10n ** 18n;
/** Most minimum verifier stake governance may set: 1,000,000 tokens. */
export const MAX_MIN_VERIFIER_STAKE = 1_000_000n * 10n ** 18n;
/** A verifier's exit delay, at deployment: longer than the longest vote at the defaults (2 + 2 + 21 = 25 days). */
export const DEFAULT_VERIFIER_EXIT_DELAY = 28n * DAY;
/** Shortest verifier exit delay governance may set: longer than the shortest whole vote. */
export const MIN_VERIFIER_EXIT_DELAY = MIN_COMMIT_PERIOD + MIN_REVEAL_PERIOD + MIN_ESCALATION_PERIOD + 1n;
/** Longest verifier exit delay governance may set. */
export const MAX_VERIFIER_EXIT_DELAY = 7_776_000n;
/** Strikes in a row that slash and remove a verifier, at deployment. */
export const DEFAULT_MAX_STRIKES = 3n;
/** Fewest strikes governance may allow in a row. */
export const MIN_MAX_STRIKES = 1n;
/** Most strikes governance may allow in a row. */
export const MAX_MAX_STRIKES = 100n;
/** Share of a struck-out verifier's stake slashed, at deployment: 10%. */
export const DEFAULT_VERIFIER_SLASH_BPS = 1_000n;
/** Least verifier slash governance may set: 1%. */
export const MIN_VERIFIER_SLASH_BPS = 100n;
/** Most verifier slash governance may set: the whole stake. */
export const MAX_VERIFIER_SLASH_BPS = 10_000n;

// Constants.sol: governance (MetisGovernor, MetisTimelock) ------------------------------------------------------------

/** Delay between a proposal and its vote's start, at deployment. */
export const DEFAULT_VOTING_DELAY = DAY;
/** Shortest voting delay governance may set. */
export const MIN_VOTING_DELAY = HOUR;
/** Longest voting delay governance may set. */
export const MAX_VOTING_DELAY = 7n * DAY;
/** How long a vote lasts, at deployment. */
export const DEFAULT_VOTING_PERIOD = 4n * DAY;
/** Shortest vote governance may set. */
export const MIN_VOTING_PERIOD = DAY;
/** Longest vote governance may set. */
export const MAX_VOTING_PERIOD = 14n * DAY;
/** Votes a proposer needs, at deployment. */
export const DEFAULT_PROPOSAL_THRESHOLD = 100_000n * TOKEN;
/** Least proposal threshold governance may set. */
export const MIN_PROPOSAL_THRESHOLD = TOKEN;
/** Most proposal threshold governance may set. */
export const MAX_PROPOSAL_THRESHOLD = 10_000_000n * TOKEN;
/** Quorum at deployment, in percent of the supply at the snapshot. */
export const DEFAULT_QUORUM_NUMERATOR = 4n;
/** Least quorum governance may set, in percent. */
export const MIN_QUORUM_NUMERATOR = 1n;
/** Most quorum governance may set, in percent. */
export const MAX_QUORUM_NUMERATOR = 50n;
/** L2BEAT's Stage 1 exit window: a withdrawal started when a change is queued is final at least this long before it. */
export const EXIT_WINDOW = 7n * DAY;
/**
 * Timelock delay at deployment, in BatchChain's active time: a 7-day withdrawal plus the 7-day exit window, so a
 * withdrawal started when a change is queued is final a week before the change can execute.
 */
export const DEFAULT_TIMELOCK_DELAY = 14n * DAY;
/** Shortest timelock delay governance may set: the longest fraud window plus the exit window. */
export const MIN_TIMELOCK_DELAY = MAX_FRAUD_WINDOW + EXIT_WINDOW;
/** Longest timelock delay governance may set. */
export const MAX_TIMELOCK_DELAY = 30n * DAY;
// RewardPool

/** Share of the pool's unallocated balance one settled batch pays its signers, at deployment: 0.1%. */
export const DEFAULT_BATCH_REWARD_BPS = 10n;
/** Least batch reward share governance may set: 0.01%. */
export const MIN_BATCH_REWARD_BPS = 1n;
/** Most batch reward share governance may set: 10%. */
export const MAX_BATCH_REWARD_BPS = 1_000n;
/** How long after a batch's first settlement later settlements may add signers, at deployment (active time). */
export const DEFAULT_SETTLEMENT_WINDOW = 7n * DAY;
/** Shortest settlement window governance may set. */
export const MIN_SETTLEMENT_WINDOW = DAY;
/** Longest settlement window governance may set. */
export const MAX_SETTLEMENT_WINDOW = 30n * DAY;
// FeeVault (L2)

/** Least balance the L2 fee vault withdraws: 0.01 ETH (a withdrawal costs a proof and an L1 finalization). */
export const FEE_VAULT_MIN_WITHDRAWAL = 10n ** 16n;
