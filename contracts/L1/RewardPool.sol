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

    /// @dev An amount of each asset, in memory (for a batch's reward, with the batch's submission time).
    struct Amounts {
        uint256 eth;
        uint256 tokens;
        uint256 submittedAt;
    }

    /// @dev Everything credited and not claimed, per asset, in one slot.
    struct Credited {
        uint128 eth;
        uint128 tokens;
    }

    IBatchChain private immutable _batchChain;
    ISequencerRegistry private immutable _registry;
    IERC20 private immutable _token;

    mapping(address account => Account) private _accounts;
    /// @dev Per batch (by header hash, so a batch resubmitted at a rolled-back index is another batch): the hash of
    ///      the keys credited for it so far.
    mapping(bytes32 headerHash => bytes32) private _creditedHashes;
    Credited private _credited;
    uint256 private _batchRewardBps = Constants.DEFAULT_BATCH_REWARD_BPS;

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
        address[] calldata creditedSigners
    ) external nonReentrant {
        (uint256 batchIndex, bytes32 headerHash, uint256 submittedAt) = _checkBatch(header, creditedSigners);
        Amounts memory reward = _batchReward();
        reward.submittedAt = submittedAt;
        address[] memory credited = _creditSigners(
            batchIndex,
            BatchLib.digest(_batchChain.domainSeparator(), headerHash),
            signatures,
            creditedSigners,
            reward
        );
        if (credited.length == 0) revert RewardPoolNothingCredited(batchIndex);
        _creditedHashes[headerHash] = keccak256(abi.encodePacked(_merge(creditedSigners, credited)));
        emit BatchSettled(batchIndex, headerHash, credited, reward.eth, reward.tokens);
    }

    /// @inheritdoc IRewardPool
    function claimRewards() external nonReentrant {
        Account memory account = _accounts[msg.sender];
        uint256 eth = account.eth;
        uint256 tokens = account.tokens;
        // Slashed since its last credit: that credit is forfeited (returned by {forfeit} or its next credit).
        if ((eth == 0 && tokens == 0) || _registry.slashCount(msg.sender) != account.slashesSeen) {
            revert RewardPoolNothingToClaim(msg.sender);
        }
        _accounts[msg.sender] = Account({eth: 0, tokens: 0, slashesSeen: account.slashesSeen});
        Credited memory credited = _credited;
        _credited = Credited({eth: uint128(credited.eth - eth), tokens: uint128(credited.tokens - tokens)});
        emit RewardsClaimed(msg.sender, eth, tokens);

        if (tokens != 0) _token.safeTransfer(msg.sender, tokens);
        if (eth != 0) {
            (bool sent, ) = msg.sender.call{value: eth}("");
            if (!sent) revert RewardPoolTransferFailed(msg.sender, eth);
        }
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
        if (newValue < Constants.MIN_BATCH_REWARD_BPS || newValue > Constants.MAX_BATCH_REWARD_BPS) {
            revert RewardPoolParameterOutOfRange(
                newValue,
                Constants.MIN_BATCH_REWARD_BPS,
                Constants.MAX_BATCH_REWARD_BPS
            );
        }
        emit BatchRewardBpsUpdated(_batchRewardBps, newValue);
        _batchRewardBps = newValue;
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
        Credited memory credited = _credited;
        return (credited.eth, credited.tokens);
    }

    /// @inheritdoc IRewardPool
    function creditedHash(bytes32 headerHash) external view returns (bytes32) {
        return _creditedHashes[headerHash];
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

    /// @dev Checks that `header` is a finalized batch's (not batch 0) and `creditedSigners` the keys already credited
    ///      for it; returns its index, header hash and submission time.
    function _checkBatch(
        Types.BatchHeader calldata header,
        address[] calldata creditedSigners
    ) private view returns (uint256 batchIndex, bytes32 headerHash, uint256 submittedAt) {
        batchIndex = header.batchIndex;
        if (batchIndex == 0) revert RewardPoolGenesisBatch();
        (bytes32 expected, Types.BatchStatus status) = _batchChain.headerStatus(batchIndex);
        if (status != Types.BatchStatus.Finalized) revert RewardPoolBatchNotFinal(batchIndex, status);
        headerHash = BatchLib.hashCalldata(header);
        if (headerHash != expected) revert RewardPoolHeaderMismatch(batchIndex, expected, headerHash);
        bytes32 stored = _creditedHashes[headerHash];
        bytes32 given = _hashKeys(creditedSigners);
        if (given != stored) revert RewardPoolCreditedMismatch(batchIndex, stored, given);
        (, submittedAt, , ) = _batchChain.batchInfo(batchIndex);
    }

    /// @dev A batch's reward now: `batchRewardBps` of the unallocated balance, per asset.
    function _batchReward() private view returns (Amounts memory reward) {
        (uint256 eth, uint256 tokens) = _unallocated();
        uint256 bps = _batchRewardBps;
        reward = Amounts({eth: (eth * bps) / _BPS, tokens: (tokens * bps) / _BPS, submittedAt: 0});
    }

    /// @dev Recovers each entry of `signatures` over `digest` and credits the members of the current epoch among
    ///      them (`reward` is the batch's, per asset), walking `already` (the keys credited before, strictly
    ///      ascending) alongside to refuse those. Returns the keys credited now, strictly ascending.
    function _creditSigners(
        uint256 batchIndex,
        bytes32 digest,
        bytes calldata signatures,
        address[] calldata already,
        Amounts memory reward
    ) private returns (address[] memory credited) {
        if (signatures.length % Constants.QUORUM_ENTRY_BYTES != 0) {
            revert RewardPoolMalformedSignatures(signatures.length);
        }
        credited = new address[](signatures.length / Constants.QUORUM_ENTRY_BYTES);
        Amounts memory total;
        uint256 found;
        uint256 seen;
        address previous;
        for (uint256 i; i < credited.length; ++i) {
            address signer = _signerAt(digest, signatures, i);
            if (signer <= previous) revert RewardPoolUnsortedSigners(previous, signer);
            previous = signer;
            while (seen < already.length && already[seen] < signer) ++seen;
            if (seen < already.length && already[seen] == signer) revert RewardPoolAlreadyCredited(batchIndex, signer);
            if (_creditSigner(batchIndex, signer, reward, total)) {
                credited[found] = signer;
                ++found;
            }
        }
        assembly ("memory-safe") {
            mstore(credited, found)
        }
        if (found != 0) {
            Credited memory sum = _credited;
            _credited = Credited({
                eth: (sum.eth + total.eth).toUint128(),
                tokens: (sum.tokens + total.tokens).toUint128()
            });
        }
    }

    /// @dev Credits `signer`'s sequencer its stake's share of `reward` when it is a member of the current epoch, adding
    ///      the amounts to `total`; returns whether it was credited.
    function _creditSigner(
        uint256 batchIndex,
        address signer,
        Amounts memory reward,
        Amounts memory total
    ) private returns (bool) {
        (address sequencer, uint256 stake, uint256 totalStake, uint256 slashes, uint256 stakedAt) = _registry
            .memberStake(signer);
        // Not a member of the current epoch, or staked only after the batch was submitted: it cannot have signed it
        // in time, and its signature over the final header now would take the reward of a batch it never backed.
        if (stake == 0 || stakedAt >= reward.submittedAt) return false;
        uint256 eth = (reward.eth * stake) / totalStake;
        uint256 tokens = (reward.tokens * stake) / totalStake;
        if (eth == 0 && tokens == 0) return false;
        _credit(sequencer, slashes, eth, tokens);
        emit RewardCredited(sequencer, batchIndex, signer, eth, tokens);
        total.eth += eth;
        total.tokens += tokens;
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
            Credited memory total = _credited;
            _credited = Credited({eth: total.eth - record.eth, tokens: total.tokens - record.tokens});
            emit RewardsForfeited(account, record.eth, record.tokens);
        }
        return emptied;
    }

    /// @dev Balance minus credit, per asset.
    function _unallocated() private view returns (uint256 eth, uint256 tokens) {
        Credited memory credited = _credited;
        eth = address(this).balance - credited.eth;
        tokens = _token.balanceOf(address(this)) - credited.tokens;
    }

    /// @dev The signer of entry `i` of `signatures` over `digest`; reverts naming `i` when it does not recover.
    function _signerAt(bytes32 digest, bytes calldata signatures, uint256 i) private pure returns (address) {
        (, uint8 v, bytes32 r, bytes32 s) = QuorumLib.entryAt(signatures, i * Constants.QUORUM_ENTRY_BYTES);
        (address signer, ECDSA.RecoverError error, ) = ECDSA.tryRecover(digest, v, r, s);
        if (error != ECDSA.RecoverError.NoError) revert RewardPoolInvalidSignature(i);
        return signer;
    }

    /// @dev The union of two strictly ascending lists, strictly ascending (they share no key).
    function _merge(address[] calldata a, address[] memory b) private pure returns (address[] memory merged) {
        merged = new address[](a.length + b.length);
        uint256 i;
        uint256 j;
        for (uint256 k; k < merged.length; ++k) {
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                merged[k] = a[i];
                ++i;
            } else {
                merged[k] = b[j];
                ++j;
            }
        }
    }

    /// @dev `keccak256(abi.encodePacked(keys))`, or zero for an empty list (a batch nobody was credited for).
    function _hashKeys(address[] calldata keys) private pure returns (bytes32) {
        return keys.length == 0 ? bytes32(0) : keccak256(abi.encodePacked(keys));
    }
}
