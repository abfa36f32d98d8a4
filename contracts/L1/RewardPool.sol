// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBatchChain} from "../interfaces/IBatchChain.sol";
import {IRewardPool} from "../interfaces/IRewardPool.sol";
import {ISequencerRegistry} from "../interfaces/ISequencerRegistry.sol";
import {BatchLib} from "../libraries/BatchLib.sol";
import {Constants} from "../libraries/Constants.sol";
import {QuorumLib} from "../libraries/QuorumLib.sol";
import {SignerSetLib} from "../libraries/SignerSetLib.sol";
import {Types} from "../libraries/Types.sol";

/// @title RewardPool
/// @notice See {IRewardPool}.
contract RewardPool is IRewardPool, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Sets parameters (the timelock).
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    /// @notice May grant and revoke every role but DEFAULT_ADMIN_ROLE (the admin of each, itself included): the
    ///         operational and governance roles. Held by the deploying admin until the handover, then by nobody, so
    ///         that the wiring is as immutable as the code: DEFAULT_ADMIN_ROLE (the timelock) administers nothing.
    bytes32 public constant WIRING_ROLE = keccak256("WIRING_ROLE");

    uint256 private constant _BPS = Constants.BPS;

    /// @dev One slot per account, the only one a claim writes: 112 bits hold 5 * 10^15 ETH or tokens (18 decimals),
    ///      far beyond any pool.
    struct Account {
        uint112 eth;
        uint112 tokens;
        uint32 slashesSeen;
    }

    /// @dev An amount of each asset, in memory (a batch's reward, or what is left of its reserve), with the batch's
    ///      submission time.
    struct Amounts {
        uint256 eth;
        uint256 tokens;
        uint256 submittedAt;
    }

    /// @dev A total per asset in one slot: everything credited and not claimed, or everything reserved for batches.
    struct Totals {
        uint128 eth;
        uint128 tokens;
    }

    /// @dev Per batch, two slots. `creditedHash` is `keccak256(abi.encode(keys, ethReward, tokenReward))` over the keys
    ///      credited so far (strictly ascending) and the batch's reward fixed at its first settlement, zero before it;
    ///      `reservedEth`/`reservedTokens` what is left of that reward (paid to later settlements, or released);
    ///      `settledAt` the active time ({IBatchChain-activeTime}) of the first settlement.
    struct BatchRecord {
        bytes32 creditedHash;
        uint112 reservedEth;
        uint112 reservedTokens;
        uint32 settledAt;
    }

    IBatchChain private immutable _batchChain;
    ISequencerRegistry private immutable _registry;
    IERC20 private immutable _token;

    mapping(address account => Account) private _accounts;
    /// @dev By header hash, so a batch resubmitted at a rolled-back index is another batch.
    mapping(bytes32 headerHash => BatchRecord) private _batches;
    Totals private _credited;
    uint256 private _batchRewardBps = Constants.DEFAULT_BATCH_REWARD_BPS;
    Totals private _reserved;
    uint256 private _settlementWindow = Constants.DEFAULT_SETTLEMENT_WINDOW;

    /// @notice Deploys the pool for `batchChain_`'s finalized batches, its registry's sequencers and `token_`.
    /// @param batchChain_ The BatchChain; the registry is the one it names.
    /// @param token_ The protocol token (the registry's staking token).
    /// @param admin Receives DEFAULT_ADMIN_ROLE, WIRING_ROLE and GOVERNOR_ROLE (a deployer, until its handover).
    constructor(IBatchChain batchChain_, IERC20 token_, address admin) {
        if (address(batchChain_) == address(0) || address(token_) == address(0) || admin == address(0)) {
            revert RewardPoolZeroAddress();
        }
        _batchChain = batchChain_;
        _registry = ISequencerRegistry(batchChain_.registry());
        _token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(WIRING_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, admin);
        _setRoleAdmin(WIRING_ROLE, WIRING_ROLE);
        _setRoleAdmin(GOVERNOR_ROLE, WIRING_ROLE);
    }

    /// @notice Accepts ETH from anyone: the L1 bridge paying out the L2 fee vault's withdrawals, mostly. It becomes
    ///         part of the unallocated balance. Emits {ETHReceived}.
    /// @dev The bridge forwards all gas, and the event fits a 2,300-gas stipend too.
    receive() external payable {
        emit ETHReceived(msg.sender, msg.value);
    }

    /// @inheritdoc IRewardPool
    function fund(uint256 amount) external nonReentrant {
        emit Funded(msg.sender, amount);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IRewardPool
    function settle(
        Types.BatchHeader calldata header,
        bytes calldata signatures,
        address[] calldata creditedSigners,
        uint256 ethReward,
        uint256 tokenReward
    ) external nonReentrant {
        (
            uint256 batchIndex,
            bytes32 headerHash,
            BatchRecord memory record,
            Amounts memory reward,
            Amounts memory reserve
        ) = _openBatch(header, creditedSigners, ethReward, tokenReward);
        address[] memory credited = _creditSigners(
            batchIndex,
            BatchLib.digest(_batchChain.domainSeparator(), headerHash),
            signatures,
            creditedSigners,
            reward,
            reserve
        );
        if (credited.length == 0) revert RewardPoolNothingCredited(batchIndex);
        _recordSettlement(headerHash, record, SignerSetLib.merge(creditedSigners, credited), reward, reserve);
        emit BatchSettled(batchIndex, headerHash, credited, reward.eth, reward.tokens);
    }

    /// @inheritdoc IRewardPool
    function release(bytes32[] calldata headerHashes) external nonReentrant {
        uint256 now_ = _batchChain.activeTime();
        uint256 window = _settlementWindow;
        uint256 eth;
        uint256 tokens;
        for (uint256 i; i < headerHashes.length; ++i) {
            bytes32 headerHash = headerHashes[i];
            BatchRecord memory record = _batches[headerHash];
            if (record.reservedEth == 0 && record.reservedTokens == 0) revert RewardPoolNothingReserved(headerHash);
            uint256 closesAt = uint256(record.settledAt) + window;
            if (now_ < closesAt) revert RewardPoolSettlementOpen(headerHash, closesAt);
            _batches[headerHash] = BatchRecord({
                creditedHash: record.creditedHash,
                reservedEth: 0,
                reservedTokens: 0,
                settledAt: record.settledAt
            });
            emit RewardReleased(headerHash, record.reservedEth, record.reservedTokens);
            eth += record.reservedEth;
            tokens += record.reservedTokens;
        }
        Totals memory reserved = _reserved;
        _reserved = Totals({eth: uint128(reserved.eth - eth), tokens: uint128(reserved.tokens - tokens)});
    }

    /// @inheritdoc IRewardPool
    function claimRewards() external nonReentrant {
        _claim(msg.sender);
    }

    /// @inheritdoc IRewardPool
    function claimRewardsTo(address to) external nonReentrant {
        if (to == address(0)) revert RewardPoolZeroAddress();
        _claim(to);
    }

    /// @inheritdoc IRewardPool
    function forfeit(address account) external nonReentrant {
        Account memory record = _accounts[account];
        uint256 slashes = _registry.slashCount(account);
        if (slashes == record.slashesSeen || (record.eth == 0 && record.tokens == 0)) {
            revert RewardPoolNothingToForfeit(account);
        }
        _forfeit(account, record, slashes);
    }

    /// @inheritdoc IRewardPool
    function setBatchRewardBps(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_BATCH_REWARD_BPS, Constants.MAX_BATCH_REWARD_BPS);
        emit BatchRewardBpsUpdated(_batchRewardBps, newValue);
        _batchRewardBps = newValue;
    }

    /// @inheritdoc IRewardPool
    function setSettlementWindow(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_SETTLEMENT_WINDOW, Constants.MAX_SETTLEMENT_WINDOW);
        emit SettlementWindowUpdated(_settlementWindow, newValue);
        _settlementWindow = newValue;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IRewardPool
    function rewardsOf(address account) external view returns (uint256 eth, uint256 tokens) {
        Account memory record = _accounts[account];
        if (_registry.slashCount(account) != record.slashesSeen) return (0, 0);
        return (record.eth, record.tokens);
    }

    /// @inheritdoc IRewardPool
    function accountInfo(address account) external view returns (uint256 eth, uint256 tokens, uint256 slashesSeen) {
        Account memory record = _accounts[account];
        return (record.eth, record.tokens, record.slashesSeen);
    }

    /// @inheritdoc IRewardPool
    function unallocated() external view returns (uint256 eth, uint256 tokens) {
        return _unallocated();
    }

    /// @inheritdoc IRewardPool
    function totalCredited() external view returns (uint256 eth, uint256 tokens) {
        Totals memory credited = _credited;
        return (credited.eth, credited.tokens);
    }

    /// @inheritdoc IRewardPool
    function totalReserved() external view returns (uint256 eth, uint256 tokens) {
        Totals memory reserved = _reserved;
        return (reserved.eth, reserved.tokens);
    }

    /// @inheritdoc IRewardPool
    function creditedHash(bytes32 headerHash) external view returns (bytes32) {
        return _batches[headerHash].creditedHash;
    }

    /// @inheritdoc IRewardPool
    function batchReserve(
        bytes32 headerHash
    ) external view returns (uint256 eth, uint256 tokens, uint256 settledAt, uint256 closesAt) {
        BatchRecord memory record = _batches[headerHash];
        if (record.creditedHash == 0) return (0, 0, 0, 0);
        return (
            record.reservedEth,
            record.reservedTokens,
            record.settledAt,
            uint256(record.settledAt) + _settlementWindow
        );
    }

    /// @inheritdoc IRewardPool
    function settlementWindow() external view returns (uint256) {
        return _settlementWindow;
    }

    /// @inheritdoc IRewardPool
    function batchRewardBps() external view returns (uint256) {
        return _batchRewardBps;
    }

    /// @inheritdoc IRewardPool
    function batchChain() external view returns (address) {
        return address(_batchChain);
    }

    /// @inheritdoc IRewardPool
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IRewardPool
    function token() external view returns (address) {
        return address(_token);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev Pays the caller's credit to `to` (the caller itself, or where it asks).
    function _claim(address to) private {
        Account memory account = _accounts[msg.sender];
        uint256 eth = account.eth;
        uint256 tokens = account.tokens;
        // Slashed since its last credit: that credit is forfeited (returned by {forfeit} or its next credit).
        if ((eth == 0 && tokens == 0) || _registry.slashCount(msg.sender) != account.slashesSeen) {
            revert RewardPoolNothingToClaim(msg.sender);
        }
        _accounts[msg.sender] = Account({eth: 0, tokens: 0, slashesSeen: account.slashesSeen});
        Totals memory credited = _credited;
        _credited = Totals({eth: uint128(credited.eth - eth), tokens: uint128(credited.tokens - tokens)});
        emit RewardsClaimed(msg.sender, eth, tokens);

        if (tokens != 0) _token.safeTransfer(to, tokens);
        if (eth != 0) {
            (bool sent, ) = to.call{value: eth}("");
            if (!sent) revert RewardPoolTransferFailed(to, eth);
        }
    }

    /// @dev Checks that `header` is a finalized batch's (not batch 0); returns its index, header hash and submission
    ///      time.
    function _checkBatch(
        Types.BatchHeader calldata header
    ) private view returns (uint256 batchIndex, bytes32 headerHash, uint256 submittedAt) {
        batchIndex = header.batchIndex;
        if (batchIndex == 0) revert RewardPoolGenesisBatch();
        (bytes32 expected, Types.BatchStatus status) = _batchChain.headerStatus(batchIndex);
        if (status != Types.BatchStatus.Finalized) revert RewardPoolBatchNotFinal(batchIndex, status);
        headerHash = BatchLib.hashCalldata(header);
        if (headerHash != expected) revert RewardPoolHeaderMismatch(batchIndex, expected, headerHash);
        (, submittedAt, , ) = _batchChain.batchInfo(batchIndex);
    }

    /// @dev Checks the batch and what the caller says was credited for it; returns the batch's reward (fixed now at
    ///      its first settlement, with its submission time), what is left of its reserve (all of it at the first), and
    ///      its record (`settledAt` set now at the first).
    function _openBatch(
        Types.BatchHeader calldata header,
        address[] calldata creditedSigners,
        uint256 ethReward,
        uint256 tokenReward
    )
        private
        view
        returns (
            uint256 batchIndex,
            bytes32 headerHash,
            BatchRecord memory record,
            Amounts memory reward,
            Amounts memory reserve
        )
    {
        uint256 submittedAt;
        (batchIndex, headerHash, submittedAt) = _checkBatch(header);
        record = _batches[headerHash];
        bytes32 given = _hashCredited(creditedSigners, ethReward, tokenReward);
        if (given != record.creditedHash) revert RewardPoolCreditedMismatch(batchIndex, record.creditedHash, given);
        if (record.creditedHash == 0) {
            // The first settlement fixes the batch's reward and reserves all of it: later settlements of the batch
            // are paid from that reserve, so settling first (and alone) takes nothing from the others' shares.
            reward = _batchReward();
            reserve = Amounts({eth: reward.eth, tokens: reward.tokens, submittedAt: 0});
            record.settledAt = _batchChain.activeTime().toUint32();
        } else {
            uint256 closesAt = uint256(record.settledAt) + _settlementWindow;
            if (_batchChain.activeTime() >= closesAt) revert RewardPoolSettlementClosed(batchIndex, closesAt);
            reward = Amounts({eth: ethReward, tokens: tokenReward, submittedAt: 0});
            reserve = Amounts({eth: record.reservedEth, tokens: record.reservedTokens, submittedAt: 0});
        }
        reward.submittedAt = submittedAt;
    }

    /// @dev Stores the batch's record after a settlement (`keys` all credited so far, `reserve` what is left of its
    ///      reward) and moves the reserved total by the change in the batch's reserve.
    function _recordSettlement(
        bytes32 headerHash,
        BatchRecord memory record,
        address[] memory keys,
        Amounts memory reward,
        Amounts memory reserve
    ) private {
        // A batch never settled has no reserve: the first settlement adds what it leaves of `R`; a later one takes
        // what it paid.
        Totals memory reserved = _reserved;
        _reserved = Totals({
            eth: (reserved.eth + reserve.eth - record.reservedEth).toUint128(),
            tokens: (reserved.tokens + reserve.tokens - record.reservedTokens).toUint128()
        });
        _batches[headerHash] = BatchRecord({
            creditedHash: _hashMemory(keys, reward.eth, reward.tokens),
            reservedEth: uint112(reserve.eth),
            reservedTokens: uint112(reserve.tokens),
            settledAt: record.settledAt
        });
    }

    /// @dev A batch's reward now: `batchRewardBps` of the unallocated balance, per asset.
    function _batchReward() private view returns (Amounts memory reward) {
        (uint256 eth, uint256 tokens) = _unallocated();
        uint256 bps = _batchRewardBps;
        reward = Amounts({eth: (eth * bps) / _BPS, tokens: (tokens * bps) / _BPS, submittedAt: 0});
    }

    /// @dev Recovers each entry of `signatures` over `digest` and credits the members of the current epoch among
    ///      them (`reward` is the batch's, per asset) out of `reserve` (what is left of it, reduced here), walking
    ///      `already` (the keys credited before, strictly ascending) alongside to refuse those. Returns the keys
    ///      credited now, strictly ascending, and the amounts credited; adds those to the credited total.
    function _creditSigners(
        uint256 batchIndex,
        bytes32 digest,
        bytes calldata signatures,
        address[] calldata already,
        Amounts memory reward,
        Amounts memory reserve
    ) private returns (address[] memory credited) {
        Amounts memory paid;
        if (signatures.length % Constants.QUORUM_ENTRY_BYTES != 0) {
            revert RewardPoolMalformedSignatures(signatures.length);
        }
        credited = new address[](signatures.length / Constants.QUORUM_ENTRY_BYTES);
        uint256 found;
        uint256 seen;
        address previous;
        for (uint256 i; i < credited.length; ++i) {
            address signer = _signerAt(digest, signatures, i);
            if (signer <= previous) revert RewardPoolUnsortedSigners(previous, signer);
            previous = signer;
            while (seen < already.length && already[seen] < signer) ++seen;
            if (seen < already.length && already[seen] == signer) revert RewardPoolAlreadyCredited(batchIndex, signer);
            if (_creditSigner(batchIndex, signer, reward, reserve, paid)) {
                credited[found] = signer;
                ++found;
            }
        }
        assembly ("memory-safe") {
            mstore(credited, found)
        }
        if (found != 0) {
            Totals memory sum = _credited;
            _credited = Totals({eth: (sum.eth + paid.eth).toUint128(), tokens: (sum.tokens + paid.tokens).toUint128()});
        }
    }

    /// @dev Credits `signer`'s sequencer its stake's share of `reward` when it is a member of the current epoch, out
    ///      of `reserve` (at most what is left: stakes move between epochs, so the shares of members credited in
    ///      different epochs may add up to more than the whole), adding the amounts to `paid`; returns whether it was
    ///      credited.
    function _creditSigner(
        uint256 batchIndex,
        address signer,
        Amounts memory reward,
        Amounts memory reserve,
        Amounts memory paid
    ) private returns (bool) {
        (address sequencer, uint256 stake, uint256 totalStake, uint256 slashes, uint256 stakedAt) = _registry
            .memberStake(signer);
        // Not a member of the current epoch, or staked only after the batch was submitted: it cannot have signed it
        // in time, and its signature over the final header now would take the reward of a batch it never backed.
        if (stake == 0 || stakedAt >= reward.submittedAt) return false;
        uint256 eth = _min((reward.eth * stake) / totalStake, reserve.eth);
        uint256 tokens = _min((reward.tokens * stake) / totalStake, reserve.tokens);
        if (eth == 0 && tokens == 0) return false;
        reserve.eth -= eth;
        reserve.tokens -= tokens;
        _credit(sequencer, slashes, eth, tokens);
        emit RewardCredited(sequencer, batchIndex, signer, eth, tokens);
        paid.eth += eth;
        paid.tokens += tokens;
        return true;
    }

    /// @dev Adds a credit to `account`, forfeiting what it held first when it was slashed since its last credit.
    function _credit(address account, uint256 slashes, uint256 eth, uint256 tokens) private {
        Account memory record = _accounts[account];
        if (slashes != record.slashesSeen) record = _forfeit(account, record, slashes);
        _accounts[account] = Account({
            eth: (record.eth + eth).toUint112(),
            tokens: (record.tokens + tokens).toUint112(),
            slashesSeen: record.slashesSeen
        });
    }

    /// @dev Returns `record`'s credit to the unallocated balance and records `slashes` as seen. Returns the emptied
    ///      record.
    function _forfeit(address account, Account memory record, uint256 slashes) private returns (Account memory) {
        Account memory emptied = Account({eth: 0, tokens: 0, slashesSeen: slashes.toUint32()});
        _accounts[account] = emptied;
        if (record.eth != 0 || record.tokens != 0) {
            Totals memory total = _credited;
            _credited = Totals({eth: total.eth - record.eth, tokens: total.tokens - record.tokens});
            emit RewardsForfeited(account, record.eth, record.tokens);
        }
        return emptied;
    }

    /// @dev Balance minus credit and reserve, per asset.
    function _unallocated() private view returns (uint256 eth, uint256 tokens) {
        Totals memory credited = _credited;
        Totals memory reserved = _reserved;
        eth = address(this).balance - credited.eth - reserved.eth;
        tokens = _token.balanceOf(address(this)) - credited.tokens - reserved.tokens;
    }

    /// @dev The signer of entry `i` of `signatures` over `digest`; reverts naming `i` when it does not recover.
    function _signerAt(bytes32 digest, bytes calldata signatures, uint256 i) private pure returns (address) {
        (, uint8 v, bytes32 r, bytes32 s) = QuorumLib.entryAt(signatures, i * Constants.QUORUM_ENTRY_BYTES);
        (address signer, ECDSA.RecoverError error, ) = ECDSA.tryRecover(digest, v, r, s);
        if (error != ECDSA.RecoverError.NoError) revert RewardPoolInvalidSignature(i);
        return signer;
    }

    /// @dev The hash a batch's record holds for `keys` credited out of a reward of `eth` and `tokens`; zero for the
    ///      empty record (a batch never settled).
    function _hashCredited(address[] calldata keys, uint256 eth, uint256 tokens) private pure returns (bytes32) {
        if (keys.length == 0 && eth == 0 && tokens == 0) return bytes32(0);
        return keccak256(abi.encode(keys, eth, tokens));
    }

    /// @dev {_hashCredited} of a list in memory (never empty: a settlement credits someone).
    function _hashMemory(address[] memory keys, uint256 eth, uint256 tokens) private pure returns (bytes32) {
        return keccak256(abi.encode(keys, eth, tokens));
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }

    /// @dev Reverts with RewardPoolParameterOutOfRange unless `min <= value <= max`.
    function _checkRange(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert RewardPoolParameterOutOfRange(value, min, max);
    }
}
