// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @dev Most seats the registry can hold: a member index takes 7 bits of a signature entry, and epoch transitions loop
///      over every seat, so the bound also caps their gas. File-level rather than in {Constants}, because it sizes a
///      storage array and Solidity takes no library constant there.
uint256 constant MAX_SEATS = 64;

/// @title Constants
/// @notice The protocol's shared constants in one place: sizes fixed by the encodings (PROTOCOL section 2), the
///         bounds governance may set parameters within (section 3) and the parameters' values at deployment. The SDK
///         mirrors them in `sdk/src/proof/constants.ts`, and a test compares the two.
/// @dev Contracts re-export some as public constants (for example `L2Bridge.WITHDRAWAL_TREE_DEPTH`) so that they can
///      be read on chain; those getters return these values.
library Constants {
    // Encodings ------------------------------------------------------------------------------------------------------

    /// @notice Depth of the L2 bridge's withdrawal tree: 2^32 withdrawals at most.
    uint256 internal constant WITHDRAWAL_TREE_DEPTH = 32;
    /// @notice Most L2 blocks one batch may hold: BatchChain refuses a longer range, and L1Bridge and the SDK's
    ///         `verifyWithdrawalProof` refuse block proofs against one, so wallet and L1 agree.
    uint256 internal constant MAX_BATCH_BLOCKS = 1 << 32;
    /// @notice Bytes per quorum signature entry: member index and parity of v (1), r (32), s (32).
    uint256 internal constant QUORUM_ENTRY_BYTES = 65;
    // MAX_SEATS is above, at file level.
    /// @notice Basis points in one whole (slashing and reward shares).
    uint256 internal constant BPS = 10_000;

    // BatchChain -----------------------------------------------------------------------------------------------------

    /// @notice Fraud window at deployment.
    uint256 internal constant DEFAULT_FRAUD_WINDOW = 7 days;
    /// @notice Shortest fraud window governance may set.
    uint256 internal constant MIN_FRAUD_WINDOW = 1 hours;
    /// @notice Longest fraud window governance may set: 7 days. A withdrawal takes the fraud window to finalize, and
    ///         the users' exit window is the timelock delay minus it (both in active time); with the shortest timelock
    ///         delay {MIN_TIMELOCK_DELAY} = this + {EXIT_WINDOW}, every setting of both leaves at least the 7 days
    ///         L2BEAT's Stage 1 asks for between a withdrawal's finality and a queued change's execution.
    uint256 internal constant MAX_FRAUD_WINDOW = 7 days;
    /// @notice Force-inclusion delay at deployment.
    uint256 internal constant DEFAULT_FORCE_INCLUSION_DELAY = 24 hours;
    /// @notice Shortest force-inclusion delay governance may set (a whole number of hours).
    uint256 internal constant MIN_FORCE_INCLUSION_DELAY = 1 hours;
    /// @notice Longest force-inclusion delay governance may set.
    uint256 internal constant MAX_FORCE_INCLUSION_DELAY = 7 days;

    // Pause and maintenance (BatchChain) -----------------------------------------------------------------------------

    /// @notice Longest guardian pause at deployment: 3 days, time for governance to look at what the guardian saw and
    ///         unpause or act, well inside the 7-day exit window ({EXIT_WINDOW}).
    uint256 internal constant DEFAULT_MAX_PAUSE = 3 days;
    /// @notice Shortest `maxPause` governance may set: 1 hour, enough to stop a live incident.
    uint256 internal constant MIN_MAX_PAUSE = 1 hours;
    /// @notice Longest `maxPause` governance may set: 3.5 days, half the 7-day exit window ({EXIT_WINDOW}). A pause
    ///         stops finality and payouts but also the timelock's clock (its delay runs in active time), so it
    ///         cannot shorten the exit window; the bound keeps the wall-clock wait it adds to a withdrawal short.
    uint256 internal constant MAX_MAX_PAUSE = 84 hours;
    /// @notice Wait between the end of one guardian pause and the next, at deployment: 7 days, the exit window.
    uint256 internal constant DEFAULT_PAUSE_COOLDOWN = 7 days;
    /// @notice Shortest cooldown governance may set: 7 days, the exit window ({EXIT_WINDOW}). With a pause of at most
    ///         {MAX_MAX_PAUSE}, no 7-day span then holds more than one guardian pause, so the guardian cannot chain
    ///         pauses over an exit window (nor pause for ever).
    uint256 internal constant MIN_PAUSE_COOLDOWN = 7 days;
    /// @notice Longest cooldown governance may set: 90 days.
    uint256 internal constant MAX_PAUSE_COOLDOWN = 90 days;
    /// @notice Longest maintenance window at deployment: 12 hours.
    uint256 internal constant DEFAULT_MAX_MAINTENANCE = 12 hours;
    /// @notice Shortest `maxMaintenance` governance may set: 1 hour.
    uint256 internal constant MIN_MAX_MAINTENANCE = 1 hours;
    /// @notice Longest `maxMaintenance` governance may set: 2 days. A window stops submissions, finality and payouts
    ///         like a guardian pause; it is announced ahead, but should still be far shorter than the exit window.
    uint256 internal constant MAX_MAX_MAINTENANCE = 2 days;
    /// @notice Least notice of a maintenance window at deployment: 3 days, so that sequencers, verifiers and users
    ///         see it (and the SDK lists it) well before it starts.
    uint256 internal constant DEFAULT_MAINTENANCE_NOTICE = 3 days;
    /// @notice Shortest notice governance may set: 1 day.
    uint256 internal constant MIN_MAINTENANCE_NOTICE = 1 days;
    /// @notice Longest notice governance may set: 30 days.
    uint256 internal constant MAX_MAINTENANCE_NOTICE = 30 days;
    /// @notice Most maintenance windows scheduled and not yet ended at once: bounds the intervals a guardian pause or
    ///         a schedule change shifts (each shift rewrites the later ones' prefix sums).
    uint256 internal constant MAX_UPCOMING_MAINTENANCE = 8;
    /// @notice How far ahead a maintenance window may start: 365 days.
    uint256 internal constant MAX_MAINTENANCE_LEAD = 365 days;
    /// @notice Least time between a maintenance window and every other pause interval (a window or a guardian pause),
    ///         before it or after it: 7 days, the timelock delay that is the users' exit window. With windows of at
    ///         most {MAX_MAX_MAINTENANCE}, no exit window then holds more than one, so governance cannot chain windows
    ///         (nor, with the guardian's pauses in between, pause for ever). A guardian pause clipped at a window's
    ///         start may still touch it: at most {MAX_MAX_PAUSE} plus {MAX_MAX_MAINTENANCE} in a row.
    uint256 internal constant MIN_MAINTENANCE_GAP = 7 days;

    // Data availability (DARequestManager) ---------------------------------------------------------------------------

    /// @notice Longest DA window governance may set (1 hour to 7 days). Exits wait at least the fraud window plus
    ///         this, so no DA window setting can let a signer leave before it is slashable.
    uint256 internal constant MAX_DA_WINDOW = 7 days;
    /// @notice DA window at deployment: how long an answer to a DA request may take.
    uint256 internal constant DEFAULT_DA_WINDOW = 24 hours;
    /// @notice Shortest DA window governance may set.
    uint256 internal constant MIN_DA_WINDOW = 1 hours;
    /// @notice Review time after an answer at deployment: the batch does not finalize before it has passed.
    uint256 internal constant DEFAULT_MIN_REVIEW_TIME = 24 hours;
    /// @notice Shortest review time governance may set. The longest is {MAX_DA_WINDOW} minus the DA window: an answer
    ///         comes at most a DA window after the request, so the exit delay (fraud window plus {MAX_DA_WINDOW})
    ///         still covers the review.
    uint256 internal constant MIN_MIN_REVIEW_TIME = 1 hours;
    /// @notice Longest review time governance may set: {MAX_DA_WINDOW} less the shortest DA window (the setter also
    ///         keeps window plus review within {MAX_DA_WINDOW}).
    uint256 internal constant MAX_MIN_REVIEW_TIME = MAX_DA_WINDOW - MIN_DA_WINDOW;
    /// @notice Bond of a DA request at deployment (ETH): pays the poster of an answer to a frivolous request.
    uint256 internal constant DEFAULT_DA_REQUEST_BOND = 0.5 ether;
    /// @notice Least DA request bond governance may set.
    uint256 internal constant MIN_DA_REQUEST_BOND = 0.01 ether;
    /// @notice Most DA request bond governance may set.
    uint256 internal constant MAX_DA_REQUEST_BOND = 100 ether;
    /// @notice Share of each signer's stake an expired DA request slashes, at deployment, in basis points.
    uint256 internal constant DEFAULT_DA_SLASH_BPS = 5_000;
    /// @notice Least DA slash governance may set (5%), in basis points.
    uint256 internal constant MIN_DA_SLASH_BPS = 500;
    /// @notice Most DA slash governance may set (the whole stake), in basis points.
    uint256 internal constant MAX_DA_SLASH_BPS = 10_000;
    /// @notice Fixed part of an answer's refund at deployment, in wei (about 75,000 gas at 40 gwei).
    uint256 internal constant DEFAULT_DA_REFUND_FIXED = 0.003 ether;
    /// @notice Least fixed refund governance may set: none (the per-byte part may pay the whole refund).
    uint256 internal constant MIN_DA_REFUND_FIXED = 0;
    /// @notice Most fixed refund governance may set, in wei (the refund is capped by the bond anyway).
    uint256 internal constant MAX_DA_REFUND_FIXED = 1 ether;
    /// @notice Per-byte part of an answer's refund at deployment, in wei per raw transaction byte (about 40 gas, the
    ///         EIP-7623 floor of a non-zero byte, at 40 gwei).
    uint256 internal constant DEFAULT_DA_REFUND_PER_BYTE = 1_600 gwei;
    /// @notice Least per-byte refund governance may set: none.
    uint256 internal constant MIN_DA_REFUND_PER_BYTE = 0;
    /// @notice Most per-byte refund governance may set, in wei per byte.
    uint256 internal constant MAX_DA_REFUND_PER_BYTE = 0.0001 ether;

    // SequencerRegistry ----------------------------------------------------------------------------------------------

    /// @notice Blocks between {ISequencerRegistry-startEpoch} and the block whose hash orders the next epoch.
    uint256 internal constant EPOCH_SEED_DELAY = 4;
    /// @notice Least stake per sequencer at deployment.
    uint256 internal constant DEFAULT_MIN_STAKE = 20_000 ether;
    /// @notice Most stake per sequencer at deployment.
    uint256 internal constant DEFAULT_MAX_STAKE = 100_000 ether;
    /// @notice Lowest minimum stake governance may set.
    uint256 internal constant MIN_MIN_STAKE = 1 ether;
    /// @notice Highest minimum stake governance may set (the setter also keeps it at most the maximum stake).
    uint256 internal constant MAX_MIN_STAKE = 10_000_000 ether;
    /// @notice Lowest maximum stake governance may set (the setter also keeps it at least the minimum stake).
    uint256 internal constant MIN_MAX_STAKE = 1 ether;
    /// @notice Highest maximum stake governance may set.
    uint256 internal constant MAX_MAX_STAKE = 10_000_000 ether;
    /// @notice Seats at deployment.
    uint256 internal constant DEFAULT_MAX_SEQUENCERS = 21;
    /// @notice Fewest seats governance may set (the setter also keeps them at least the seats taken and the epoch's
    ///         minimum members).
    uint256 internal constant MIN_MAX_SEQUENCERS = 1;
    /// @notice Most seats governance may set: {MAX_SEATS}, what a signature entry can index.
    uint256 internal constant MAX_MAX_SEQUENCERS = MAX_SEATS;
    /// @notice Exit delay at deployment (the effective delay is never below fraud window plus DA window).
    uint256 internal constant DEFAULT_EXIT_DELAY = 21 days;
    /// @notice Shortest exit delay governance may set.
    uint256 internal constant MIN_EXIT_DELAY = 1 days;
    /// @notice Longest exit delay governance may set.
    uint256 internal constant MAX_EXIT_DELAY = 90 days;
    /// @notice Epoch length at deployment.
    uint256 internal constant DEFAULT_EPOCH_DURATION = 1 days;
    /// @notice Shortest epoch governance may set.
    uint256 internal constant MIN_EPOCH_DURATION = 1 hours;
    /// @notice Longest epoch governance may set.
    uint256 internal constant MAX_EPOCH_DURATION = 30 days;
    /// @notice Rotation timeout at deployment: after it the next member may propose.
    uint256 internal constant DEFAULT_ROTATION_TIMEOUT = 60 seconds;
    /// @notice Shortest rotation timeout governance may set (one L1 slot).
    uint256 internal constant MIN_ROTATION_TIMEOUT = 12 seconds;
    /// @notice Longest rotation timeout governance may set.
    uint256 internal constant MAX_ROTATION_TIMEOUT = 1 hours;
    /// @notice Missed turns in a row that jail a member from proposing, at deployment.
    uint256 internal constant DEFAULT_MAX_MISSED_TURNS = 3;
    /// @notice Lowest `maxMissedTurns` governance may set: one missed turn jails.
    uint256 internal constant MIN_MAX_MISSED_TURNS = 1;
    /// @notice Highest `maxMissedTurns` governance may set.
    uint256 internal constant MAX_MAX_MISSED_TURNS = 100;
    /// @notice Share of a slashed amount paid to the prover, at deployment.
    uint256 internal constant DEFAULT_REWARD_BPS = 5_000;
    /// @notice Least prover share governance may set: none (the whole slash to the treasury).
    uint256 internal constant MIN_REWARD_BPS = 0;
    /// @notice Most prover share governance may set: the whole slash.
    uint256 internal constant MAX_REWARD_BPS = BPS;
    /// @notice Fewest members an epoch may start with, at deployment: with fewer, one silent member is more than a
    ///         third of the set and the halt rule (more than 1/3 must stop) degenerates.
    uint256 internal constant DEFAULT_MIN_MEMBERS = 4;
    /// @notice Fewest `minMembers` governance may set: one.
    uint256 internal constant MIN_MIN_MEMBERS = 1;
    /// @notice Most `minMembers` governance may set: {MAX_SEATS} (the setter also keeps it within the seats).
    uint256 internal constant MAX_MIN_MEMBERS = MAX_SEATS;
    /// @notice Least total stake an epoch may start with, at deployment: four minimum stakes.
    uint256 internal constant DEFAULT_MIN_EPOCH_STAKE = 80_000 ether;
    /// @notice Least epoch stake governance may set (the setter also keeps it at least one minimum stake).
    uint256 internal constant MIN_MIN_EPOCH_STAKE = MIN_MIN_STAKE;
    /// @notice Most epoch stake governance may set: every seat at the highest maximum stake (the setter also keeps it
    ///         within every seat at the current maximum stake).
    uint256 internal constant MAX_MIN_EPOCH_STAKE = MAX_SEATS * MAX_MAX_STAKE;

    // DisputeManager -------------------------------------------------------------------------------------------------

    /// @notice Share of each convicted signer's stake a proven fault slashes, at deployment: half, so that signing one
    ///         forged batch costs far more than any one withdrawal it could steal is worth to a rational signer, while
    ///         a key lost to an attacker does not wipe out its owner at once.
    uint256 internal constant DEFAULT_FRAUD_SLASH_BPS = 5_000;
    /// @notice Least share governance may set: 5%. Below it a forged batch's expected gain could exceed the penalty,
    ///         and the prover's reward (rewardBps of it) would no longer pay for the proof's gas.
    uint256 internal constant MIN_FRAUD_SLASH_BPS = 500;
    /// @notice Most share governance may set: the whole stake (a proven fault is never ambiguous).
    uint256 internal constant MAX_FRAUD_SLASH_BPS = 10_000;

    // Execution disputes (DisputeManager, VerifierRegistry) -----------------------------------------------------------

    /// @notice Bond of an execution challenge, at deployment: 1 ETH, forfeited when the vote rejects it, so that a
    ///         false challenge (which holds a batch back for a whole vote) costs more than the gas of voting on it.
    uint256 internal constant DEFAULT_EXECUTION_BOND = 1 ether;
    /// @notice Least bond governance may set: 0.01 ETH.
    uint256 internal constant MIN_EXECUTION_BOND = 0.01 ether;
    /// @notice Most bond governance may set: 1,000 ETH (a dispute stores its bond in 40 bits of gwei).
    uint256 internal constant MAX_EXECUTION_BOND = 1_000 ether;
    /// @notice Most commit + reveal governance may set: 6 days. A vote upheld at the end of its reveal then convicts
    ///         the batch's signers at least a day before any of them can withdraw (the sequencer exit delay is never
    ///         shorter than the fraud window plus 7 days, and a dispute opens only inside the window), so signers a
    ///         resolver left out are still there for `slashCosigners`.
    uint256 internal constant MAX_VOTE_PERIODS = 6 days;
    /// @notice Commit period of an execution vote, at deployment.
    uint256 internal constant DEFAULT_COMMIT_PERIOD = 2 days;
    /// @notice Shortest commit period governance may set.
    uint256 internal constant MIN_COMMIT_PERIOD = 1 hours;
    /// @notice Longest commit period governance may set.
    uint256 internal constant MAX_COMMIT_PERIOD = 7 days;
    /// @notice Reveal period of an execution vote, at deployment.
    uint256 internal constant DEFAULT_REVEAL_PERIOD = 2 days;
    /// @notice Shortest reveal period governance may set.
    uint256 internal constant MIN_REVEAL_PERIOD = 1 hours;
    /// @notice Longest reveal period governance may set.
    uint256 internal constant MAX_REVEAL_PERIOD = 7 days;
    /// @notice How long governance may decide a vote without turnout, at deployment: three weeks, which holds a whole
    ///         proposal at the governance defaults ({DEFAULT_VOTING_DELAY} + {DEFAULT_VOTING_PERIOD} +
    ///         {DEFAULT_TIMELOCK_DELAY} = 19 days) with two days to spare for proposing and executing it. Governance
    ///         that lengthens its own process must lengthen this first, or `decideDispute` arrives too late. (The
    ///         vote runs on wall time and the timelock and this period on active time, which never runs faster, so a
    ///         pause cannot make the proposal overrun it.) A test checks the sum against the governance defaults.
    uint256 internal constant DEFAULT_ESCALATION_PERIOD = 21 days;
    /// @notice Shortest escalation period governance may set: a whole proposal at the governance defaults (19 days),
    ///         so that no setting leaves governance too little time to decide a vote without turnout. The price is
    ///         liveness: such a vote holds its batch (and every later one) back for at least this long.
    uint256 internal constant MIN_ESCALATION_PERIOD = 19 days;
    /// @notice Longest escalation period governance may set.
    uint256 internal constant MAX_ESCALATION_PERIOD = 30 days;
    /// @notice Turnout an execution vote needs, at deployment: 40% of the verifier stake at the opening.
    uint256 internal constant DEFAULT_QUORUM_BPS = 4_000;
    /// @notice Least turnout governance may set: 10%.
    uint256 internal constant MIN_QUORUM_BPS = 1_000;
    /// @notice Most turnout governance may set: all of it.
    uint256 internal constant MAX_QUORUM_BPS = 10_000;
    /// @notice The majority voters' share of what a decided vote moves, at deployment: half.
    uint256 internal constant DEFAULT_VOTER_SHARE_BPS = 5_000;
    /// @notice Least voters' share governance may set: 10%.
    uint256 internal constant MIN_VOTER_SHARE_BPS = 1_000;
    /// @notice Most voters' share governance may set: all of it.
    uint256 internal constant MAX_VOTER_SHARE_BPS = 10_000;
    /// @notice Least stake a verifier holds, at deployment: 1,000 tokens.
    uint256 internal constant DEFAULT_MIN_VERIFIER_STAKE = 1_000 ether;
    /// @notice Least minimum verifier stake governance may set: 1 token.
    uint256 internal constant MIN_MIN_VERIFIER_STAKE = 1 ether;
    /// @notice Most minimum verifier stake governance may set: 1,000,000 tokens.
    uint256 internal constant MAX_MIN_VERIFIER_STAKE = 1_000_000 ether;
    /// @notice A verifier's exit delay, at deployment: 28 days, longer than the longest vote at the defaults
    ///         (commit + reveal + escalation = 25 days), as the registry requires of every setting, with three days
    ///         to spare so that governance can lengthen the escalation period a little without touching this first.
    uint256 internal constant DEFAULT_VERIFIER_EXIT_DELAY = 28 days;
    /// @notice Shortest verifier exit delay governance may set: longer than the shortest whole vote (the setter also
    ///         keeps it longer than the current longest vote).
    uint256 internal constant MIN_VERIFIER_EXIT_DELAY =
        MIN_COMMIT_PERIOD + MIN_REVEAL_PERIOD + MIN_ESCALATION_PERIOD + 1;
    /// @notice Longest verifier exit delay governance may set.
    uint256 internal constant MAX_VERIFIER_EXIT_DELAY = 90 days;
    /// @notice Strikes in a row that slash and remove a verifier, at deployment.
    uint256 internal constant DEFAULT_MAX_STRIKES = 3;
    /// @notice Fewest strikes governance may allow in a row: one.
    uint256 internal constant MIN_MAX_STRIKES = 1;
    /// @notice Most strikes governance may allow in a row.
    uint256 internal constant MAX_MAX_STRIKES = 100;
    /// @notice Share of a struck-out verifier's stake slashed, at deployment: 10%.
    uint256 internal constant DEFAULT_VERIFIER_SLASH_BPS = 1_000;
    /// @notice Least verifier slash governance may set: 1%.
    uint256 internal constant MIN_VERIFIER_SLASH_BPS = 100;
    /// @notice Most verifier slash governance may set: the whole stake.
    uint256 internal constant MAX_VERIFIER_SLASH_BPS = 10_000;

    // Governance (MetisGovernor, MetisTimelock) ---------------------------------------------------------------------

    /// @notice Delay between a proposal and its vote's start, at deployment: a day for holders to read it and move
    ///         their delegation before the voting power is snapshotted.
    uint256 internal constant DEFAULT_VOTING_DELAY = 1 days;
    /// @notice Shortest voting delay governance may set.
    uint256 internal constant MIN_VOTING_DELAY = 1 hours;
    /// @notice Longest voting delay governance may set.
    uint256 internal constant MAX_VOTING_DELAY = 7 days;
    /// @notice How long a vote lasts, at deployment: four days, which spans a weekend wherever it starts and, with the
    ///         voting delay and the timelock, keeps a whole proposal (19 days) inside {DEFAULT_ESCALATION_PERIOD}.
    uint256 internal constant DEFAULT_VOTING_PERIOD = 4 days;
    /// @notice Shortest vote governance may set: a day, so no vote can pass while holders sleep.
    uint256 internal constant MIN_VOTING_PERIOD = 1 days;
    /// @notice Longest vote governance may set.
    uint256 internal constant MAX_VOTING_PERIOD = 14 days;
    /// @notice Votes a proposer needs, at deployment: 100,000 tokens (0.1% of the local supply), so proposals are not
    ///         spam yet any sizeable holder or delegate can make one.
    uint256 internal constant DEFAULT_PROPOSAL_THRESHOLD = 100_000 ether;
    /// @notice Least proposal threshold governance may set: one token (never zero, which lets anyone spam).
    uint256 internal constant MIN_PROPOSAL_THRESHOLD = 1 ether;
    /// @notice Most proposal threshold governance may set: 10,000,000 tokens, so proposing never becomes a monopoly.
    uint256 internal constant MAX_PROPOSAL_THRESHOLD = 10_000_000 ether;
    /// @notice Quorum at deployment, in percent of the token supply at the vote's snapshot: 4%, OpenZeppelin's and
    ///         Compound's usual setting.
    uint256 internal constant DEFAULT_QUORUM_NUMERATOR = 4;
    /// @notice Least quorum governance may set: 1% (never 0%, which would let one voter pass anything).
    uint256 internal constant MIN_QUORUM_NUMERATOR = 1;
    /// @notice Most quorum governance may set: 50%, above which apathy alone blocks every change.
    uint256 internal constant MAX_QUORUM_NUMERATOR = 50;
    /// @notice The exit window L2BEAT's Stage 1 asks for: at least 7 days between the moment a withdrawal started
    ///         when a change was queued has finalized and the moment the change can execute.
    uint256 internal constant EXIT_WINDOW = 7 days;
    /// @notice Timelock delay at deployment: 14 days of active time (the timelock runs on BatchChain's clock), a
    ///         7-day withdrawal plus the 7-day exit window, so a user who disagrees with a passed change can start a
    ///         withdrawal when it is queued and have it final a week before the change takes effect.
    uint256 internal constant DEFAULT_TIMELOCK_DELAY = 14 days;
    /// @notice Shortest timelock delay governance may set: the longest withdrawal ({MAX_FRAUD_WINDOW}) plus the exit
    ///         window ({EXIT_WINDOW}), which no vote can shorten.
    uint256 internal constant MIN_TIMELOCK_DELAY = MAX_FRAUD_WINDOW + EXIT_WINDOW;
    /// @notice Longest timelock delay governance may set.
    uint256 internal constant MAX_TIMELOCK_DELAY = 30 days;
    // RewardPool -----------------------------------------------------------------------------------------------------

    /// @notice Share of the pool's unallocated balance (per asset) one settled batch pays its signers, at deployment:
    ///         0.1%. The pool then pays out geometrically (half of what it holds over about 693 batches), so a fee
    ///         inflow is spread over the following batches instead of going to whoever signs the next one.
    uint256 internal constant DEFAULT_BATCH_REWARD_BPS = 10;
    /// @notice Least share governance may set: 0.01% (a batch's reward never rounds to nothing on a funded pool, and
    ///         the pool still empties, half in about 6,931 batches).
    uint256 internal constant MIN_BATCH_REWARD_BPS = 1;
    /// @notice Most share governance may set: 10%, so that no single batch, nor a few settled back to back, can take
    ///         most of the pool from the batches after it.
    uint256 internal constant MAX_BATCH_REWARD_BPS = 1_000;
    /// @notice How long after a batch's first settlement (active time) later settlements may add the signers it left
    ///         out, at deployment: 7 days. The first settlement reserves the batch's whole reward, so that settling
    ///         first takes nothing from the others; a week lets every member's keeper add its signature through an
    ///         outage or a congested L1, and then anyone releases what is left (shares of signers never added, members
    ///         that left) back to the pool.
    uint256 internal constant DEFAULT_SETTLEMENT_WINDOW = 7 days;
    /// @notice Shortest settlement window governance may set: a day, so a keeper that runs daily never misses one.
    uint256 internal constant MIN_SETTLEMENT_WINDOW = 1 days;
    /// @notice Longest settlement window governance may set: 30 days, beyond which reserves of abandoned batches
    ///         would keep a large part of the pool out of the next batches' rewards.
    uint256 internal constant MAX_SETTLEMENT_WINDOW = 30 days;

    // FeeVault (L2) --------------------------------------------------------------------------------------------------

    /// @notice Least balance the L2 fee vault withdraws: 0.01 ETH. Each withdrawal costs a Merkle proof and a
    ///         `finalizeWithdrawal` on L1 (about 93,000 gas); without a floor anyone could split the fees into dust
    ///         withdrawals that cost more to finalize than they carry, so the pool would never see them.
    uint256 internal constant FEE_VAULT_MIN_WITHDRAWAL = 0.01 ether;
}
