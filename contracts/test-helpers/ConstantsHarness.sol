// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

// solhint-disable func-name-mixedcase

import {Constants, MAX_SEATS as SEATS} from "../libraries/Constants.sol";

/// @notice Exposes every protocol constant under its own name, so a test can compare the SDK's mirror with them.
contract ConstantsHarness {
    function MAX_SEATS() external pure returns (uint256) {
        return SEATS;
    }

    function WITHDRAWAL_TREE_DEPTH() external pure returns (uint256) {
        return Constants.WITHDRAWAL_TREE_DEPTH;
    }

    function MAX_BATCH_BLOCKS() external pure returns (uint256) {
        return Constants.MAX_BATCH_BLOCKS;
    }

    function QUORUM_ENTRY_BYTES() external pure returns (uint256) {
        return Constants.QUORUM_ENTRY_BYTES;
    }

    function BPS() external pure returns (uint256) {
        return Constants.BPS;
    }

    function DEFAULT_FRAUD_WINDOW() external pure returns (uint256) {
        return Constants.DEFAULT_FRAUD_WINDOW;
    }

    function MIN_FRAUD_WINDOW() external pure returns (uint256) {
        return Constants.MIN_FRAUD_WINDOW;
    }

    function MAX_FRAUD_WINDOW() external pure returns (uint256) {
        return Constants.MAX_FRAUD_WINDOW;
    }

    function DEFAULT_FORCE_INCLUSION_DELAY() external pure returns (uint256) {
        return Constants.DEFAULT_FORCE_INCLUSION_DELAY;
    }

    function MIN_FORCE_INCLUSION_DELAY() external pure returns (uint256) {
        return Constants.MIN_FORCE_INCLUSION_DELAY;
    }

    function MAX_FORCE_INCLUSION_DELAY() external pure returns (uint256) {
        return Constants.MAX_FORCE_INCLUSION_DELAY;
    }

    function MAX_DA_WINDOW() external pure returns (uint256) {
        return Constants.MAX_DA_WINDOW;
    }

    function DEFAULT_DA_WINDOW() external pure returns (uint256) {
        return Constants.DEFAULT_DA_WINDOW;
    }

    function MIN_DA_WINDOW() external pure returns (uint256) {
        return Constants.MIN_DA_WINDOW;
    }

    function DEFAULT_MIN_REVIEW_TIME() external pure returns (uint256) {
        return Constants.DEFAULT_MIN_REVIEW_TIME;
    }

    function MIN_MIN_REVIEW_TIME() external pure returns (uint256) {
        return Constants.MIN_MIN_REVIEW_TIME;
    }

    function DEFAULT_DA_REQUEST_BOND() external pure returns (uint256) {
        return Constants.DEFAULT_DA_REQUEST_BOND;
    }

    function MIN_DA_REQUEST_BOND() external pure returns (uint256) {
        return Constants.MIN_DA_REQUEST_BOND;
    }

    function MAX_DA_REQUEST_BOND() external pure returns (uint256) {
        return Constants.MAX_DA_REQUEST_BOND;
    }

    function DEFAULT_DA_SLASH_BPS() external pure returns (uint256) {
        return Constants.DEFAULT_DA_SLASH_BPS;
    }

    function MIN_DA_SLASH_BPS() external pure returns (uint256) {
        return Constants.MIN_DA_SLASH_BPS;
    }

    function MAX_DA_SLASH_BPS() external pure returns (uint256) {
        return Constants.MAX_DA_SLASH_BPS;
    }

    function DEFAULT_DA_REFUND_FIXED() external pure returns (uint256) {
        return Constants.DEFAULT_DA_REFUND_FIXED;
    }

    function MAX_DA_REFUND_FIXED() external pure returns (uint256) {
        return Constants.MAX_DA_REFUND_FIXED;
    }

    function DEFAULT_DA_REFUND_PER_BYTE() external pure returns (uint256) {
        return Constants.DEFAULT_DA_REFUND_PER_BYTE;
    }

    function MAX_DA_REFUND_PER_BYTE() external pure returns (uint256) {
        return Constants.MAX_DA_REFUND_PER_BYTE;
    }

    function EPOCH_SEED_DELAY() external pure returns (uint256) {
        return Constants.EPOCH_SEED_DELAY;
    }

    function DEFAULT_MIN_STAKE() external pure returns (uint256) {
        return Constants.DEFAULT_MIN_STAKE;
    }

    function DEFAULT_MAX_STAKE() external pure returns (uint256) {
        return Constants.DEFAULT_MAX_STAKE;
    }

    function MIN_MIN_STAKE() external pure returns (uint256) {
        return Constants.MIN_MIN_STAKE;
    }

    function MAX_MAX_STAKE() external pure returns (uint256) {
        return Constants.MAX_MAX_STAKE;
    }

    function DEFAULT_MAX_SEQUENCERS() external pure returns (uint256) {
        return Constants.DEFAULT_MAX_SEQUENCERS;
    }

    function DEFAULT_EXIT_DELAY() external pure returns (uint256) {
        return Constants.DEFAULT_EXIT_DELAY;
    }

    function MIN_EXIT_DELAY() external pure returns (uint256) {
        return Constants.MIN_EXIT_DELAY;
    }

    function MAX_EXIT_DELAY() external pure returns (uint256) {
        return Constants.MAX_EXIT_DELAY;
    }

    function DEFAULT_EPOCH_DURATION() external pure returns (uint256) {
        return Constants.DEFAULT_EPOCH_DURATION;
    }

    function MIN_EPOCH_DURATION() external pure returns (uint256) {
        return Constants.MIN_EPOCH_DURATION;
    }

    function MAX_EPOCH_DURATION() external pure returns (uint256) {
        return Constants.MAX_EPOCH_DURATION;
    }

    function DEFAULT_ROTATION_TIMEOUT() external pure returns (uint256) {
        return Constants.DEFAULT_ROTATION_TIMEOUT;
    }

    function MIN_ROTATION_TIMEOUT() external pure returns (uint256) {
        return Constants.MIN_ROTATION_TIMEOUT;
    }

    function MAX_ROTATION_TIMEOUT() external pure returns (uint256) {
        return Constants.MAX_ROTATION_TIMEOUT;
    }

    function DEFAULT_MAX_MISSED_TURNS() external pure returns (uint256) {
        return Constants.DEFAULT_MAX_MISSED_TURNS;
    }

    function MAX_MAX_MISSED_TURNS() external pure returns (uint256) {
        return Constants.MAX_MAX_MISSED_TURNS;
    }

    function DEFAULT_REWARD_BPS() external pure returns (uint256) {
        return Constants.DEFAULT_REWARD_BPS;
    }

    function DEFAULT_MIN_MEMBERS() external pure returns (uint256) {
        return Constants.DEFAULT_MIN_MEMBERS;
    }

    function DEFAULT_MIN_EPOCH_STAKE() external pure returns (uint256) {
        return Constants.DEFAULT_MIN_EPOCH_STAKE;
    }

    function DEFAULT_FRAUD_SLASH_BPS() external pure returns (uint256) {
        return Constants.DEFAULT_FRAUD_SLASH_BPS;
    }

    function MIN_FRAUD_SLASH_BPS() external pure returns (uint256) {
        return Constants.MIN_FRAUD_SLASH_BPS;
    }

    function MAX_FRAUD_SLASH_BPS() external pure returns (uint256) {
        return Constants.MAX_FRAUD_SLASH_BPS;
    }

    function DEFAULT_EXECUTION_BOND() external pure returns (uint256) {
        return Constants.DEFAULT_EXECUTION_BOND;
    }

    function MIN_EXECUTION_BOND() external pure returns (uint256) {
        return Constants.MIN_EXECUTION_BOND;
    }

    function MAX_EXECUTION_BOND() external pure returns (uint256) {
        return Constants.MAX_EXECUTION_BOND;
    }

    function DEFAULT_COMMIT_PERIOD() external pure returns (uint256) {
        return Constants.DEFAULT_COMMIT_PERIOD;
    }

    function MIN_COMMIT_PERIOD() external pure returns (uint256) {
        return Constants.MIN_COMMIT_PERIOD;
    }

    function MAX_COMMIT_PERIOD() external pure returns (uint256) {
        return Constants.MAX_COMMIT_PERIOD;
    }

    function DEFAULT_REVEAL_PERIOD() external pure returns (uint256) {
        return Constants.DEFAULT_REVEAL_PERIOD;
    }

    function MIN_REVEAL_PERIOD() external pure returns (uint256) {
        return Constants.MIN_REVEAL_PERIOD;
    }

    function MAX_REVEAL_PERIOD() external pure returns (uint256) {
        return Constants.MAX_REVEAL_PERIOD;
    }

    function DEFAULT_ESCALATION_PERIOD() external pure returns (uint256) {
        return Constants.DEFAULT_ESCALATION_PERIOD;
    }

    function MIN_ESCALATION_PERIOD() external pure returns (uint256) {
        return Constants.MIN_ESCALATION_PERIOD;
    }

    function MAX_ESCALATION_PERIOD() external pure returns (uint256) {
        return Constants.MAX_ESCALATION_PERIOD;
    }

    function DEFAULT_QUORUM_BPS() external pure returns (uint256) {
        return Constants.DEFAULT_QUORUM_BPS;
    }

    function MIN_QUORUM_BPS() external pure returns (uint256) {
        return Constants.MIN_QUORUM_BPS;
    }

    function MAX_QUORUM_BPS() external pure returns (uint256) {
        return Constants.MAX_QUORUM_BPS;
    }

    function DEFAULT_VOTER_SHARE_BPS() external pure returns (uint256) {
        return Constants.DEFAULT_VOTER_SHARE_BPS;
    }

    function MIN_VOTER_SHARE_BPS() external pure returns (uint256) {
        return Constants.MIN_VOTER_SHARE_BPS;
    }

    function MAX_VOTER_SHARE_BPS() external pure returns (uint256) {
        return Constants.MAX_VOTER_SHARE_BPS;
    }

    function DEFAULT_MIN_VERIFIER_STAKE() external pure returns (uint256) {
        return Constants.DEFAULT_MIN_VERIFIER_STAKE;
    }

    function MIN_MIN_VERIFIER_STAKE() external pure returns (uint256) {
        return Constants.MIN_MIN_VERIFIER_STAKE;
    }

    function MAX_MIN_VERIFIER_STAKE() external pure returns (uint256) {
        return Constants.MAX_MIN_VERIFIER_STAKE;
    }

    function DEFAULT_VERIFIER_EXIT_DELAY() external pure returns (uint256) {
        return Constants.DEFAULT_VERIFIER_EXIT_DELAY;
    }

    function MAX_VERIFIER_EXIT_DELAY() external pure returns (uint256) {
        return Constants.MAX_VERIFIER_EXIT_DELAY;
    }

    function DEFAULT_MAX_STRIKES() external pure returns (uint256) {
        return Constants.DEFAULT_MAX_STRIKES;
    }

    function MAX_MAX_STRIKES() external pure returns (uint256) {
        return Constants.MAX_MAX_STRIKES;
    }

    function DEFAULT_VERIFIER_SLASH_BPS() external pure returns (uint256) {
        return Constants.DEFAULT_VERIFIER_SLASH_BPS;
    }

    function MIN_VERIFIER_SLASH_BPS() external pure returns (uint256) {
        return Constants.MIN_VERIFIER_SLASH_BPS;
    }

    function MAX_VERIFIER_SLASH_BPS() external pure returns (uint256) {
        return Constants.MAX_VERIFIER_SLASH_BPS;
    }

    function MAX_VOTE_PERIODS() external pure returns (uint256) {
        return Constants.MAX_VOTE_PERIODS;
    }

    function MAX_MIN_REVIEW_TIME() external pure returns (uint256) {
        return Constants.MAX_MIN_REVIEW_TIME;
    }

    function MIN_DA_REFUND_FIXED() external pure returns (uint256) {
        return Constants.MIN_DA_REFUND_FIXED;
    }

    function MIN_DA_REFUND_PER_BYTE() external pure returns (uint256) {
        return Constants.MIN_DA_REFUND_PER_BYTE;
    }

    function MAX_MIN_STAKE() external pure returns (uint256) {
        return Constants.MAX_MIN_STAKE;
    }

    function MIN_MAX_STAKE() external pure returns (uint256) {
        return Constants.MIN_MAX_STAKE;
    }

    function MIN_MAX_SEQUENCERS() external pure returns (uint256) {
        return Constants.MIN_MAX_SEQUENCERS;
    }

    function MAX_MAX_SEQUENCERS() external pure returns (uint256) {
        return Constants.MAX_MAX_SEQUENCERS;
    }

    function MIN_MAX_MISSED_TURNS() external pure returns (uint256) {
        return Constants.MIN_MAX_MISSED_TURNS;
    }

    function MIN_REWARD_BPS() external pure returns (uint256) {
        return Constants.MIN_REWARD_BPS;
    }

    function MAX_REWARD_BPS() external pure returns (uint256) {
        return Constants.MAX_REWARD_BPS;
    }

    function MIN_MIN_MEMBERS() external pure returns (uint256) {
        return Constants.MIN_MIN_MEMBERS;
    }

    function MAX_MIN_MEMBERS() external pure returns (uint256) {
        return Constants.MAX_MIN_MEMBERS;
    }

    function MIN_MIN_EPOCH_STAKE() external pure returns (uint256) {
        return Constants.MIN_MIN_EPOCH_STAKE;
    }

    function MAX_MIN_EPOCH_STAKE() external pure returns (uint256) {
        return Constants.MAX_MIN_EPOCH_STAKE;
    }

    function MIN_VERIFIER_EXIT_DELAY() external pure returns (uint256) {
        return Constants.MIN_VERIFIER_EXIT_DELAY;
    }

    function MIN_MAX_STRIKES() external pure returns (uint256) {
        return Constants.MIN_MAX_STRIKES;
    }

    function DEFAULT_VOTING_DELAY() external pure returns (uint256) {
        return Constants.DEFAULT_VOTING_DELAY;
    }

    function MIN_VOTING_DELAY() external pure returns (uint256) {
        return Constants.MIN_VOTING_DELAY;
    }

    function MAX_VOTING_DELAY() external pure returns (uint256) {
        return Constants.MAX_VOTING_DELAY;
    }

    function DEFAULT_VOTING_PERIOD() external pure returns (uint256) {
        return Constants.DEFAULT_VOTING_PERIOD;
    }

    function MIN_VOTING_PERIOD() external pure returns (uint256) {
        return Constants.MIN_VOTING_PERIOD;
    }

    function MAX_VOTING_PERIOD() external pure returns (uint256) {
        return Constants.MAX_VOTING_PERIOD;
    }

    function DEFAULT_PROPOSAL_THRESHOLD() external pure returns (uint256) {
        return Constants.DEFAULT_PROPOSAL_THRESHOLD;
    }

    function MIN_PROPOSAL_THRESHOLD() external pure returns (uint256) {
        return Constants.MIN_PROPOSAL_THRESHOLD;
    }

    function MAX_PROPOSAL_THRESHOLD() external pure returns (uint256) {
        return Constants.MAX_PROPOSAL_THRESHOLD;
    }

    function DEFAULT_QUORUM_NUMERATOR() external pure returns (uint256) {
        return Constants.DEFAULT_QUORUM_NUMERATOR;
    }

    function MIN_QUORUM_NUMERATOR() external pure returns (uint256) {
        return Constants.MIN_QUORUM_NUMERATOR;
    }

    function MAX_QUORUM_NUMERATOR() external pure returns (uint256) {
        return Constants.MAX_QUORUM_NUMERATOR;
    }

    function DEFAULT_TIMELOCK_DELAY() external pure returns (uint256) {
        return Constants.DEFAULT_TIMELOCK_DELAY;
    }

    function MIN_TIMELOCK_DELAY() external pure returns (uint256) {
        return Constants.MIN_TIMELOCK_DELAY;
    }

    function MAX_TIMELOCK_DELAY() external pure returns (uint256) {
        return Constants.MAX_TIMELOCK_DELAY;
    }

    function EXIT_WINDOW() external pure returns (uint256) {
        return Constants.EXIT_WINDOW;
    }

    function DEFAULT_MAX_PAUSE() external pure returns (uint256) {
        return Constants.DEFAULT_MAX_PAUSE;
    }

    function MIN_MAX_PAUSE() external pure returns (uint256) {
        return Constants.MIN_MAX_PAUSE;
    }

    function MAX_MAX_PAUSE() external pure returns (uint256) {
        return Constants.MAX_MAX_PAUSE;
    }

    function DEFAULT_PAUSE_COOLDOWN() external pure returns (uint256) {
        return Constants.DEFAULT_PAUSE_COOLDOWN;
    }

    function MIN_PAUSE_COOLDOWN() external pure returns (uint256) {
        return Constants.MIN_PAUSE_COOLDOWN;
    }

    function MAX_PAUSE_COOLDOWN() external pure returns (uint256) {
        return Constants.MAX_PAUSE_COOLDOWN;
    }

    function DEFAULT_MAX_MAINTENANCE() external pure returns (uint256) {
        return Constants.DEFAULT_MAX_MAINTENANCE;
    }

    function MIN_MAX_MAINTENANCE() external pure returns (uint256) {
        return Constants.MIN_MAX_MAINTENANCE;
    }

    function MAX_MAX_MAINTENANCE() external pure returns (uint256) {
        return Constants.MAX_MAX_MAINTENANCE;
    }

    function DEFAULT_MAINTENANCE_NOTICE() external pure returns (uint256) {
        return Constants.DEFAULT_MAINTENANCE_NOTICE;
    }

    function MIN_MAINTENANCE_NOTICE() external pure returns (uint256) {
        return Constants.MIN_MAINTENANCE_NOTICE;
    }

    function MAX_MAINTENANCE_NOTICE() external pure returns (uint256) {
        return Constants.MAX_MAINTENANCE_NOTICE;
    }

    function MAX_UPCOMING_MAINTENANCE() external pure returns (uint256) {
        return Constants.MAX_UPCOMING_MAINTENANCE;
    }

    function MAX_MAINTENANCE_LEAD() external pure returns (uint256) {
        return Constants.MAX_MAINTENANCE_LEAD;
    }

    function MIN_MAINTENANCE_GAP() external pure returns (uint256) {
        return Constants.MIN_MAINTENANCE_GAP;
    }

    function DEFAULT_BATCH_REWARD_BPS() external pure returns (uint256) {
        return Constants.DEFAULT_BATCH_REWARD_BPS;
    }

    function MIN_BATCH_REWARD_BPS() external pure returns (uint256) {
        return Constants.MIN_BATCH_REWARD_BPS;
    }

    function MAX_BATCH_REWARD_BPS() external pure returns (uint256) {
        return Constants.MAX_BATCH_REWARD_BPS;
    }
}
