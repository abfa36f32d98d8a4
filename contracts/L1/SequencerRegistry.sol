// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

import {IBatchChain} from "../interfaces/IBatchChain.sol";
import {ISequencerRegistry} from "../interfaces/ISequencerRegistry.sol";
import {Constants, MAX_SEATS as SEAT_LIMIT} from "../libraries/Constants.sol";
import {QuorumLib} from "../libraries/QuorumLib.sol";
import {Types} from "../libraries/Types.sol";

/// @title SequencerRegistry
/// @notice See {ISequencerRegistry}.
contract SequencerRegistry is ISequencerRegistry, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice Sets parameters (the timelock).
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    /// @notice May slash (dispute manager, DA request manager, the timelock).
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice May grant and revoke every role but DEFAULT_ADMIN_ROLE (the admin of each, itself included): the
    ///         operational and governance roles. Held by the deploying admin until the handover, then by nobody, so
    ///         that the wiring is as immutable as the code: DEFAULT_ADMIN_ROLE (the timelock) administers nothing.
    bytes32 public constant WIRING_ROLE = keccak256("WIRING_ROLE");

    /// @notice Jail reason for a member that missed `maxMissedTurns` turns in a row.
    bytes32 public constant JAIL_MISSED_TURNS = "missed-turns";

    /// @notice Most seats the registry can hold ({Constants-MAX_SEATS}).
    uint256 public constant MAX_SEATS = SEAT_LIMIT;
    /// @notice Longest DA window governance may set ({Constants-MAX_DA_WINDOW}). Exits wait at least the fraud
    ///         window plus this, so no DA window setting can let a signer leave before it is slashable.
    uint256 public constant DA_WINDOW_CAP = Constants.MAX_DA_WINDOW;
    /// @notice Longest fraud window governance may set ({Constants-MAX_FRAUD_WINDOW}), assumed while no BatchChain
    ///         is named.
    uint256 public constant FRAUD_WINDOW_CAP = Constants.MAX_FRAUD_WINDOW;
    /// @inheritdoc ISequencerRegistry
    /// @dev Four blocks (about 48 s on Ethereum): the caller of {startEpoch} would have to build the seed block
    ///      itself to know its hash in advance, and `blockhash` keeps it for 256 blocks, so activation has ample time.
    uint256 public constant EPOCH_SEED_DELAY = Constants.EPOCH_SEED_DELAY;

    uint256 private constant _BPS = Constants.BPS;

    /// @notice The staked token.
    IERC20 public immutable token;

    address private immutable _batchChain;

    /// @dev The current epoch and the two parameters every batch needs, in the one slot authorizeBatch reads.
    struct Epoch {
        uint32 number;
        uint40 startedAt;
        uint8 size;
        uint96 totalStake;
        uint32 rotationTimeout;
        uint8 maxMissedTurns;
    }

    /// @dev The fewest members and least total stake an epoch may start with.
    struct EpochMinimum {
        uint32 members;
        uint224 stake;
    }

    /// @dev The next epoch between {startEpoch} and {activateEpoch}: who is in it is decided by `freezeBlock`, its
    ///      order by the hash of `seedBlock` (0: none scheduled).
    struct Pending {
        uint40 freezeBlock;
        uint40 seedBlock;
    }

    Epoch private _epoch;
    Member[SEAT_LIMIT] private _members;

    mapping(address sequencer => Sequencer) private _sequencers;
    mapping(address signer => address sequencer) private _sequencerOf;
    /// @dev Seat holders: sequencers in the set or waiting to join it. Slashed ones and those whose exit took effect
    ///      are removed at once; their records stay until they withdraw.
    EnumerableSet.AddressSet private _seats;
    mapping(address account => uint256) private _claimable;
    Pending private _pending;

    uint256 private _minStake = Constants.DEFAULT_MIN_STAKE;
    uint256 private _maxStake = Constants.DEFAULT_MAX_STAKE;
    uint256 private _maxSequencers = Constants.DEFAULT_MAX_SEQUENCERS;
    uint256 private _exitDelay = Constants.DEFAULT_EXIT_DELAY;
    uint256 private _epochDuration = Constants.DEFAULT_EPOCH_DURATION;
    uint256 private _rewardBps = Constants.DEFAULT_REWARD_BPS;
    address private _treasury;
    /// @dev The least an epoch may start with. Four members by default: with fewer, one silent member is more than a
    ///      third of the set and the seed's halt rule (more than 1/3 must stop) degenerates; and four minimum stakes.
    ///      Governance lowers them for small test networks.
    EpochMinimum private _epochMinimum = EpochMinimum({
        members: uint32(Constants.DEFAULT_MIN_MEMBERS),
        stake: uint224(Constants.DEFAULT_MIN_EPOCH_STAKE)
    });

    /// @notice Deploys the registry with every parameter at its default ({Constants}) and no epoch: the first one
    ///         starts through {startEpoch} and {activateEpoch} once enough sequencers have staked.
    /// @param stakeToken The protocol token (ERC20Votes) sequencers stake.
    /// @param admin Receives DEFAULT_ADMIN_ROLE, WIRING_ROLE and GOVERNOR_ROLE (a deployer, until its handover).
    /// @param treasury_ Receives slashed stake beyond the prover's reward.
    /// @param batchChain_ The BatchChain allowed to call {authorizeBatch}; deployed after this contract, at an address
    ///        the deployer computes in advance (an immutable saves a storage read on every batch).
    constructor(IERC20 stakeToken, address admin, address treasury_, address batchChain_) {
        if (
            address(stakeToken) == address(0) ||
            admin == address(0) ||
            treasury_ == address(0) ||
            batchChain_ == address(0)
        ) {
            revert SequencerRegistryZeroAddress();
        }
        token = stakeToken;
        _treasury = treasury_;
        _batchChain = batchChain_;
        _epoch.rotationTimeout = uint32(Constants.DEFAULT_ROTATION_TIMEOUT);
        _epoch.maxMissedTurns = uint8(Constants.DEFAULT_MAX_MISSED_TURNS);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(WIRING_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, admin);
        _setRoleAdmin(WIRING_ROLE, WIRING_ROLE);
        _setRoleAdmin(GOVERNOR_ROLE, WIRING_ROLE);
        _setRoleAdmin(SLASHER_ROLE, WIRING_ROLE);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Staking
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISequencerRegistry
    function stake(uint256 amount, address signer) external nonReentrant {
        Sequencer storage record = _sequencers[msg.sender];
        if (record.signer != address(0)) revert SequencerRegistryAlreadyRegistered(msg.sender);
        if (signer == address(0) || _sequencerOf[signer] != address(0))
            revert SequencerRegistrySignerUnavailable(signer);
        if (amount < _minStake || amount > _maxStake) {
            revert SequencerRegistryStakeOutOfRange(amount, _minStake, _maxStake);
        }
        if (_seats.length() >= _maxSequencers) revert SequencerRegistryFull(_maxSequencers);

        record.signer = signer;
        record.stake = uint96(amount);
        record.joinedBlock = uint40(block.number);
        record.stakedAt = uint40(block.timestamp);
        _sequencerOf[signer] = msg.sender;
        _seats.add(msg.sender);
        emit Staked(msg.sender, signer, amount);

        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ISequencerRegistry
    function topUp(uint256 amount) external nonReentrant {
        Sequencer storage record = _activeRecord(msg.sender);
        uint256 newStake = record.stake + amount;
        if (amount == 0 || newStake > _maxStake) {
            revert SequencerRegistryStakeOutOfRange(newStake, record.stake + 1, _maxStake);
        }
        record.stake = uint96(newStake);
        emit StakeIncreased(msg.sender, amount, newStake);

        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ISequencerRegistry
    function requestExit() external {
        Sequencer storage record = _activeRecord(msg.sender);
        record.exitBlock = uint40(block.number);
        emit ExitRequested(msg.sender, block.number);
        Pending memory pending = _pending;
        bool inPendingSet = pending.seedBlock != 0 && record.joinedBlock < pending.freezeBlock;
        if (!inPendingSet && !_isMember(record.signer)) {
            // Neither in the current set nor in the one being formed: it never signed, so it leaves at once (and
            // cannot be kept waiting for an epoch that may not start).
            uint256 lastBatch = _lastBatchIndex();
            _leave(record, lastBatch);
            _seats.remove(msg.sender);
            emit SequencerLeft(msg.sender, lastBatch);
        }
    }

    /// @inheritdoc ISequencerRegistry
    function withdraw() external nonReentrant {
        Sequencer memory record = _registeredRecord(msg.sender);
        uint256 withdrawableAt = _withdrawableAt(record);
        if (withdrawableAt == 0 || block.timestamp < withdrawableAt) {
            revert SequencerRegistryWithdrawTooEarly(withdrawableAt);
        }
        (uint256 newest, Types.BatchStatus status) = _newestSignable(record);
        if (status != Types.BatchStatus.Finalized) revert SequencerRegistrySignedBatchNotFinal(newest, status);

        delete _sequencerOf[record.signer];
        delete _sequencers[msg.sender];
        // The slash count outlives the record: the reward pool compares it with the count it saw when it credited
        // the account, so a slashed sequencer cannot withdraw, stake again and claim what it forfeited.
        if (record.slashes != 0) _sequencers[msg.sender].slashes = record.slashes;
        emit Withdrawn(msg.sender, record.stake);

        if (record.stake != 0) token.safeTransfer(msg.sender, record.stake);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Epochs, rotation, quorum
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISequencerRegistry
    function startEpoch() external {
        Pending memory pending = _pending;
        if (pending.seedBlock != 0) revert SequencerRegistryEpochPending(pending.seedBlock);
        Epoch memory current = _epoch;
        uint256 endsAt = current.startedAt + _epochDuration;
        if (current.size != 0 && block.timestamp < endsAt) revert SequencerRegistryEpochNotOver(endsAt);

        (uint256 size, uint256 total) = _frozenSet(block.number);
        if (_belowMinimum(size, total)) {
            EpochMinimum memory minimum = _epochMinimum;
            revert SequencerRegistryEpochTooSmall(size, total, minimum.members, minimum.stake);
        }
        uint256 seedBlock = block.number + EPOCH_SEED_DELAY;
        _pending = Pending({freezeBlock: uint40(block.number), seedBlock: uint40(seedBlock)});
        emit EpochScheduled(current.number + 1, block.number, seedBlock);
    }

    /// @inheritdoc ISequencerRegistry
    function activateEpoch() external {
        Pending memory pending = _pending;
        if (pending.seedBlock == 0) revert SequencerRegistryNoEpochPending();
        if (block.number <= pending.seedBlock) revert SequencerRegistryEpochSeedNotReady(pending.seedBlock);
        uint32 number = _epoch.number + 1;
        bytes32 randomness = blockhash(pending.seedBlock);
        if (randomness == 0) {
            // The seed block is more than 256 blocks old and its hash is gone: take a block ahead again.
            uint256 seedBlock = block.number + EPOCH_SEED_DELAY;
            _pending.seedBlock = uint40(seedBlock);
            emit EpochScheduled(number, pending.freezeBlock, seedBlock);
            return;
        }
        delete _pending;

        (uint256 size, uint256 total) = _frozenSet(pending.freezeBlock);
        if (_belowMinimum(size, total)) {
            // Only slashing since the freeze can shrink the set; the current epoch goes on.
            emit EpochCancelled(number, size, total);
            return;
        }
        bytes32 seed = keccak256(abi.encode(randomness, number, address(this)));
        Member[] memory next = _takeFrozenSet(pending.freezeBlock, size);
        _sortBySeed(next, seed);
        address[] memory signers = new address[](size);
        for (uint256 i; i < size; ++i) {
            _members[i] = next[i];
            signers[i] = next[i].signer;
        }
        Epoch memory previous = _epoch;
        for (uint256 i = size; i < previous.size; ++i) {
            delete _members[i];
        }
        _epoch = Epoch({
            number: number,
            startedAt: uint40(block.timestamp),
            size: uint8(size),
            totalStake: uint96(total),
            rotationTimeout: previous.rotationTimeout,
            maxMissedTurns: previous.maxMissedTurns
        });
        emit EpochStarted(number, seed, signers, total);
    }

    /// @inheritdoc ISequencerRegistry
    function releaseExits() external {
        Pending memory pending = _pending;
        if (pending.seedBlock != 0) revert SequencerRegistryEpochPending(pending.seedBlock);
        uint256 endsAt = _epoch.startedAt + _epochDuration;
        if (block.timestamp < endsAt) revert SequencerRegistryEpochNotOver(endsAt);
        (uint256 size, uint256 total) = _frozenSet(block.number);
        if (!_belowMinimum(size, total)) revert SequencerRegistryEpochCanStart();

        uint256 lastBatch = _lastBatchIndex();
        uint256 released;
        // Removal moves the last seat into the gap, one already visited when walking from the end.
        for (uint256 i = _seats.length(); i > 0; --i) {
            address sequencer = _seats.at(i - 1);
            Sequencer storage record = _sequencers[sequencer];
            if (record.exitBlock == 0) continue;
            // It leaves the current epoch as a slashed member would: the frozen total stays, so the quorum only gets
            // harder to reach.
            _leave(record, lastBatch);
            _seats.remove(sequencer);
            _removeMember(record.signer, false);
            emit SequencerLeft(sequencer, lastBatch);
            ++released;
        }
        if (released == 0) revert SequencerRegistryNothingToRelease();
    }

    /// @inheritdoc ISequencerRegistry
    function verifyQuorum(bytes32 digest, bytes calldata signatures) external view returns (uint256) {
        Epoch memory epoch = _epoch;
        return QuorumLib.verify(digest, signatures, _members, epoch.size, epoch.totalStake);
    }

    /// @inheritdoc ISequencerRegistry
    function authorizeBatch(
        uint256 batchIndex,
        uint256 lastAcceptedAt,
        address proposer,
        bytes32 digest,
        bytes calldata signatures
    ) external {
        if (msg.sender != _batchChain) revert SequencerRegistryOnlyBatchChain(msg.sender);
        Epoch memory epoch = _epoch;
        // One read of the scheduled member's slot serves the proposer check and the missed-turns reset.
        (uint256 position, uint256 skipped, uint256 word) = _schedule(batchIndex, lastAcceptedAt, epoch);
        address expected = address(uint160(word));
        if (proposer != expected) revert SequencerRegistryNotScheduledProposer(expected, proposer);

        QuorumLib.verify(digest, signatures, _members, epoch.size, epoch.totalStake);

        // A full rotation without any batch reads as an idle L2 (nothing to propose), not as every member failing.
        if (skipped != 0 && skipped < epoch.size) _recordMissedTurns(batchIndex, skipped, position, epoch);
        // After the charges, which walk the schedule as it stood, so that the proposer's reset cannot shift it.
        if (word >> 248 != 0) _members[position].missedTurns = 0;
    }

    /// @inheritdoc ISequencerRegistry
    function scheduledProposer(
        uint256 batchIndex,
        uint256 lastAcceptedAt
    ) external view returns (address signer, uint256 skipped) {
        uint256 word;
        Epoch memory epoch = _epoch;
        // Timeouts count active time: move the reference later by the time paused since, as BatchChain does for
        // {authorizeBatch}. Only a wait of a timeout or more can need it.
        if (block.timestamp >= lastAcceptedAt + epoch.rotationTimeout && _batchChain.code.length != 0) {
            IBatchChain chain = IBatchChain(_batchChain);
            lastAcceptedAt = block.timestamp - (chain.activeTime() - chain.activeTimeAt(lastAcceptedAt));
        }
        (, skipped, word) = _schedule(batchIndex, lastAcceptedAt, epoch);
        signer = address(uint160(word));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Slashing and rewards
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISequencerRegistry
    function slash(
        address sequencer,
        uint256 bps,
        bytes32 reason
    ) external onlyRole(SLASHER_ROLE) nonReentrant returns (uint256) {
        return _slash(sequencer, bps, reason, address(0));
    }

    /// @inheritdoc ISequencerRegistry
    function slash(
        address sequencer,
        uint256 bps,
        bytes32 reason,
        address prover
    ) external onlyRole(SLASHER_ROLE) nonReentrant returns (uint256) {
        return _slash(sequencer, bps, reason, prover);
    }

    /// @inheritdoc ISequencerRegistry
    function slashMany(
        address[] calldata sequencers,
        uint256 bps,
        bytes32 reason,
        address prover
    ) external onlyRole(SLASHER_ROLE) nonReentrant returns (uint256 total, uint256 reward) {
        for (uint256 i; i < sequencers.length; ++i) {
            (uint256 amount, uint256 kept) = _slashRecord(sequencers[i], bps, reason, prover);
            total += amount;
            reward += amount - kept;
        }
        if (total != reward) token.safeTransfer(_treasury, total - reward);
    }

    /// @inheritdoc ISequencerRegistry
    function claim() external nonReentrant {
        uint256 amount = _claimable[msg.sender];
        if (amount == 0) revert SequencerRegistryNothingToClaim(msg.sender);
        _claimable[msg.sender] = 0;
        emit RewardClaimed(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISequencerRegistry
    function setMinStake(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_MIN_STAKE, _lesser(_maxStake, Constants.MAX_MIN_STAKE));
        emit MinStakeUpdated(_minStake, newValue);
        _minStake = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setMaxStake(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, _greater(_minStake, Constants.MIN_MAX_STAKE), Constants.MAX_MAX_STAKE);
        emit MaxStakeUpdated(_maxStake, newValue);
        _maxStake = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setMaxSequencers(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        uint256 minMembers_ = _epochMinimum.members;
        uint256 seats = _seats.length();
        uint256 floor = seats > minMembers_ ? seats : minMembers_;
        _checkRange(newValue, _greater(floor, Constants.MIN_MAX_SEQUENCERS), Constants.MAX_MAX_SEQUENCERS);
        emit MaxSequencersUpdated(_maxSequencers, newValue);
        _maxSequencers = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setExitDelay(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_EXIT_DELAY, Constants.MAX_EXIT_DELAY);
        emit ExitDelayUpdated(_exitDelay, newValue);
        _exitDelay = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setEpochDuration(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_EPOCH_DURATION, Constants.MAX_EPOCH_DURATION);
        emit EpochDurationUpdated(_epochDuration, newValue);
        _epochDuration = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setRotationTimeout(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_ROTATION_TIMEOUT, Constants.MAX_ROTATION_TIMEOUT);
        emit RotationTimeoutUpdated(_epoch.rotationTimeout, newValue);
        _epoch.rotationTimeout = uint32(newValue);
    }

    /// @inheritdoc ISequencerRegistry
    function setMaxMissedTurns(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_MAX_MISSED_TURNS, Constants.MAX_MAX_MISSED_TURNS);
        emit MaxMissedTurnsUpdated(_epoch.maxMissedTurns, newValue);
        _epoch.maxMissedTurns = uint8(newValue);
    }

    /// @inheritdoc ISequencerRegistry
    function setRewardBps(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_REWARD_BPS, Constants.MAX_REWARD_BPS);
        emit RewardBpsUpdated(_rewardBps, newValue);
        _rewardBps = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setTreasury(address newValue) external onlyRole(GOVERNOR_ROLE) {
        if (newValue == address(0)) revert SequencerRegistryZeroAddress();
        emit TreasuryUpdated(_treasury, newValue);
        _treasury = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setMinMembers(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_MIN_MEMBERS, _lesser(_maxSequencers, Constants.MAX_MIN_MEMBERS));
        emit MinMembersUpdated(_epochMinimum.members, newValue);
        _epochMinimum.members = uint32(newValue);
    }

    /// @inheritdoc ISequencerRegistry
    function setMinEpochStake(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(
            newValue,
            _greater(_minStake, Constants.MIN_MIN_EPOCH_STAKE),
            _lesser(MAX_SEATS * _maxStake, Constants.MAX_MIN_EPOCH_STAKE)
        );
        emit MinEpochStakeUpdated(_epochMinimum.stake, newValue);
        _epochMinimum.stake = uint224(newValue);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISequencerRegistry
    function currentEpoch() external view returns (uint32 number, uint256 startedAt, uint256 size, uint256 totalStake) {
        Epoch memory epoch = _epoch;
        return (epoch.number, epoch.startedAt, epoch.size, epoch.totalStake);
    }

    /// @inheritdoc ISequencerRegistry
    function pendingEpoch() external view returns (uint256 freezeBlock, uint256 seedBlock) {
        Pending memory pending = _pending;
        return (pending.freezeBlock, pending.seedBlock);
    }

    /// @inheritdoc ISequencerRegistry
    function members() external view returns (Member[] memory list) {
        list = new Member[](_epoch.size);
        for (uint256 i; i < list.length; ++i) {
            list[i] = _members[i];
        }
    }

    /// @inheritdoc ISequencerRegistry
    function sequencerInfo(address sequencer) external view returns (Sequencer memory) {
        return _sequencers[sequencer];
    }

    /// @inheritdoc ISequencerRegistry
    function sequencerStatus(address sequencer) external view returns (Types.SequencerStatus) {
        Sequencer memory record = _sequencers[sequencer];
        if (record.signer == address(0)) return Types.SequencerStatus.None;
        if (record.leftAt == 0) {
            if (record.exitBlock != 0) return Types.SequencerStatus.Exiting;
            return _isMember(record.signer) ? Types.SequencerStatus.Active : Types.SequencerStatus.Waiting;
        }
        // Without a BatchChain (not deployed yet) there is no batch to wait for, but withdraw cannot read one either.
        if (_batchChain.code.length != 0 && block.timestamp >= _withdrawableAt(record)) {
            (, Types.BatchStatus status) = _newestSignable(record);
            if (status == Types.BatchStatus.Finalized) return Types.SequencerStatus.Withdrawable;
        }
        return record.jailed ? Types.SequencerStatus.Slashed : Types.SequencerStatus.Left;
    }

    /// @inheritdoc ISequencerRegistry
    function sequencerOf(address signer) external view returns (address) {
        return _sequencerOf[signer];
    }

    /// @inheritdoc ISequencerRegistry
    function sequencers() external view returns (address[] memory) {
        return _seats.values();
    }

    /// @inheritdoc ISequencerRegistry
    function slashCount(address sequencer) external view returns (uint256) {
        return _sequencers[sequencer].slashes;
    }

    /// @inheritdoc ISequencerRegistry
    function memberStake(
        address signer
    ) external view returns (address sequencer, uint256 stake, uint256 totalStake, uint256 slashes, uint256 stakedAt) {
        sequencer = _sequencerOf[signer];
        Sequencer storage record = _sequencers[sequencer];
        (slashes, stakedAt) = (record.slashes, record.stakedAt);
        Epoch memory epoch = _epoch;
        totalStake = epoch.totalStake;
        for (uint256 i; i < epoch.size; ++i) {
            Member memory member = _members[i];
            if (member.signer == signer) return (sequencer, member.stake, totalStake, slashes, stakedAt);
        }
    }

    /// @inheritdoc ISequencerRegistry
    function claimable(address account) external view returns (uint256) {
        return _claimable[account];
    }

    /// @inheritdoc ISequencerRegistry
    function effectiveExitDelay() public view returns (uint256) {
        uint256 minimum = minimumExitDelay();
        return _exitDelay > minimum ? _exitDelay : minimum;
    }

    /// @inheritdoc ISequencerRegistry
    function minimumExitDelay() public view returns (uint256) {
        // Before the BatchChain exists (it is deployed right after this contract) assume the longest fraud window.
        uint256 fraudWindow =
            _batchChain.code.length == 0 ? FRAUD_WINDOW_CAP : IBatchChain(_batchChain).fraudProofWindow();
        return fraudWindow + DA_WINDOW_CAP;
    }

    /// @inheritdoc ISequencerRegistry
    function minStake() external view returns (uint256) {
        return _minStake;
    }

    /// @inheritdoc ISequencerRegistry
    function maxStake() external view returns (uint256) {
        return _maxStake;
    }

    /// @inheritdoc ISequencerRegistry
    function maxSequencers() external view returns (uint256) {
        return _maxSequencers;
    }

    /// @inheritdoc ISequencerRegistry
    function exitDelay() external view returns (uint256) {
        return _exitDelay;
    }

    /// @inheritdoc ISequencerRegistry
    function epochDuration() external view returns (uint256) {
        return _epochDuration;
    }

    /// @inheritdoc ISequencerRegistry
    function rotationTimeout() external view returns (uint256) {
        return _epoch.rotationTimeout;
    }

    /// @inheritdoc ISequencerRegistry
    function maxMissedTurns() external view returns (uint256) {
        return _epoch.maxMissedTurns;
    }

    /// @inheritdoc ISequencerRegistry
    function rewardBps() external view returns (uint256) {
        return _rewardBps;
    }

    /// @inheritdoc ISequencerRegistry
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc ISequencerRegistry
    function minMembers() external view returns (uint256) {
        return _epochMinimum.members;
    }

    /// @inheritdoc ISequencerRegistry
    function minEpochStake() external view returns (uint256) {
        return _epochMinimum.stake;
    }

    /// @inheritdoc ISequencerRegistry
    function batchChain() external view returns (address) {
        return _batchChain;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------------

    function _registeredRecord(address sequencer) private view returns (Sequencer storage record) {
        record = _sequencers[sequencer];
        if (record.signer == address(0)) revert SequencerRegistryNotRegistered(sequencer);
    }

    /// @dev A registered sequencer that is neither jailed nor leaving.
    function _activeRecord(address sequencer) private view returns (Sequencer storage record) {
        record = _registeredRecord(sequencer);
        if (record.jailed) revert SequencerRegistryJailed(sequencer);
        if (record.exitBlock != 0) revert SequencerRegistryExitAlreadyRequested(sequencer);
    }

    /// @dev When `record` may withdraw as far as the exit delay goes (0 while it is in the set or may still join it).
    ///      The delay runs from when it left the set (its exit took effect, or it was slashed), so every batch it
    ///      signed stays slashable for the fraud and DA windows.
    function _withdrawableAt(Sequencer memory record) private view returns (uint256) {
        if (record.leftAt == 0) return 0;
        // In active time: the delay covers the fraud and DA windows, which stop while paused, so it stops too.
        if (_batchChain.code.length == 0) return record.leftAt + effectiveExitDelay();
        IBatchChain chain = IBatchChain(_batchChain);
        return chain.wallTimeAt(chain.activeTimeAt(record.leftAt) + effectiveExitDelay());
    }

    /// @dev The newest batch `record` could have signed that is still in the chain, and its status. Every batch it
    ///      could have signed is at or below `lastBatch`. Those rolled back are gone; the rest are the chain up to the
    ///      newer of the two indices below, and a batch finalizes only after its parent, so that one being Finalized
    ///      means every earlier one is, whatever the window is now: each batch keeps the window it was submitted under.
    function _newestSignable(Sequencer memory record) private view returns (uint256 newest, Types.BatchStatus status) {
        uint256 batchCount = IBatchChain(_batchChain).batchCount();
        newest = record.lastBatch < batchCount ? record.lastBatch : batchCount - 1;
        status = IBatchChain(_batchChain).batchStatus(newest);
    }

    /// @dev Whether a seat holder belongs to the set frozen at `freezeBlock`: it staked before that block and had not
    ///      asked to leave before it. (Slashed sequencers hold no seat.)
    function _inFrozenSet(Sequencer storage record, uint256 freezeBlock) private view returns (bool) {
        return record.joinedBlock < freezeBlock && (record.exitBlock == 0 || record.exitBlock >= freezeBlock);
    }

    /// @dev Whether a set of `size` members and `total` stake is too small to start an epoch (an empty one always is).
    function _belowMinimum(uint256 size, uint256 total) private view returns (bool) {
        EpochMinimum memory minimum = _epochMinimum;
        return size == 0 || size < minimum.members || total < minimum.stake;
    }

    /// @dev Size and total stake of the set frozen at `freezeBlock`, as it stands now.
    function _frozenSet(uint256 freezeBlock) private view returns (uint256 size, uint256 total) {
        uint256 seats = _seats.length();
        for (uint256 i; i < seats; ++i) {
            Sequencer storage record = _sequencers[_seats.at(i)];
            if (!_inFrozenSet(record, freezeBlock)) continue;
            ++size;
            total += record.stake;
        }
    }

    /// @dev The `size` members of the set frozen at `freezeBlock`, in seat order; seat holders that asked to leave
    ///      before the freeze leave the set now (and give up their seats).
    function _takeFrozenSet(uint256 freezeBlock, uint256 size) private returns (Member[] memory next) {
        next = new Member[](size);
        uint256 count;
        uint256 lastBatch = _lastBatchIndex();
        for (uint256 i = _seats.length(); i > 0; --i) {
            address sequencer = _seats.at(i - 1);
            Sequencer storage record = _sequencers[sequencer];
            if (record.exitBlock != 0 && record.exitBlock < freezeBlock) {
                // Leaving now: its exit delay runs from this moment, when it stops signing.
                _leave(record, lastBatch);
                _seats.remove(sequencer);
                emit SequencerLeft(sequencer, lastBatch);
                continue;
            }
            if (!_inFrozenSet(record, freezeBlock)) continue; // joined after the freeze: the epoch after
            next[count] = Member({signer: record.signer, stake: uint88(record.stake), missedTurns: 0});
            ++count;
        }
    }

    /// @dev Orders `list` by `keccak256(seed, signer)` (insertion sort; at most 64 entries). Each member's place
    ///      depends only on the seed and its own signer, so nobody can move another member by joining or leaving.
    function _sortBySeed(Member[] memory list, bytes32 seed) private pure {
        uint256[] memory keys = new uint256[](list.length);
        for (uint256 i; i < list.length; ++i) {
            keys[i] = uint256(keccak256(abi.encode(seed, list[i].signer)));
        }
        for (uint256 i = 1; i < list.length; ++i) {
            (uint256 key, Member memory member) = (keys[i], list[i]);
            uint256 j = i;
            for (; j > 0 && keys[j - 1] > key; --j) {
                (keys[j], list[j]) = (keys[j - 1], list[j - 1]);
            }
            (keys[j], list[j]) = (key, member);
        }
    }

    /// @dev Marks `record` as out of the set from now: the exit delay runs from here, and `lastBatch` is the last
    ///      batch it could have signed.
    function _leave(Sequencer storage record, uint256 lastBatch) private {
        record.leftAt = uint40(block.timestamp);
        record.lastBatch = uint64(lastBatch);
    }

    /// @dev The index of the last batch in the BatchChain (0 before it is deployed).
    function _lastBatchIndex() private view returns (uint256) {
        if (_batchChain.code.length == 0) return 0;
        return IBatchChain(_batchChain).batchCount() - 1;
    }

    /// @dev The member scheduled for `batchIndex` now, with `skipped` rotation timeouts passed since the last accepted
    ///      batch: the `skipped`-th member at or after `batchIndex mod size` that is not jailed from proposing; once
    ///      every such member had its timeout, `members[(batchIndex + skipped) mod size]` whatever its jail. Returns
    ///      its position, the timeouts passed and its storage word.
    function _schedule(
        uint256 batchIndex,
        uint256 lastAcceptedAt,
        Epoch memory epoch
    ) private view returns (uint256 position, uint256 skipped, uint256 word) {
        uint256 size = epoch.size;
        if (size == 0) revert SequencerRegistryNoActiveMembers();
        skipped = block.timestamp > lastAcceptedAt ? (block.timestamp - lastAcceptedAt) / epoch.rotationTimeout : 0;
        if (skipped < size) {
            position = batchIndex % size;
            uint256 eligibleSeen;
            for (uint256 i; i < size; ++i) {
                assembly ("memory-safe") {
                    word := sload(add(_members.slot, position))
                }
                if (word >> 248 < epoch.maxMissedTurns) {
                    if (eligibleSeen == skipped) return (position, skipped, word);
                    ++eligibleSeen;
                }
                if (++position == size) position = 0;
            }
        }
        position = (batchIndex + skipped) % size;
        assembly ("memory-safe") {
            word := sload(add(_members.slot, position))
        }
    }

    /// @dev Charges a missed turn to the member scheduled in each of the `skipped` timeouts before the proposer (fewer
    ///      than a full rotation), walking the schedule of {_schedule}: first the members not jailed from proposing,
    ///      from `batchIndex mod size` on, then every member in plain order. A member that reaches `maxMissedTurns` in
    ///      a row is jailed from proposing: it keeps its place and its signing rights, and the rotation still reaches
    ///      it once the others had their turns, so a proposer that times its turns on a quiet L2 can neither take the
    ///      other members out of the quorum nor out of the rotation. Only slashing jails for good.
    function _recordMissedTurns(
        uint256 batchIndex,
        uint256 skipped,
        uint256 proposerPosition,
        Epoch memory epoch
    ) private {
        uint256 size = epoch.size;
        uint256 start = batchIndex % size;
        uint256 slot;
        for (uint256 i; i < size && slot < skipped; ++i) {
            uint256 position = (start + i) % size;
            if (_members[position].missedTurns >= epoch.maxMissedTurns) continue; // not offered this round
            ++slot;
            if (position != proposerPosition) _chargeMissedTurn(position, epoch.maxMissedTurns);
        }
        for (; slot < skipped; ++slot) {
            uint256 position = (batchIndex + slot) % size;
            if (position != proposerPosition) _chargeMissedTurn(position, epoch.maxMissedTurns);
        }
    }

    function _chargeMissedTurn(uint256 position, uint256 maxMissed) private {
        Member storage member = _members[position];
        uint256 missed = member.missedTurns;
        if (missed >= maxMissed) return;
        member.missedTurns = uint8(++missed);
        emit TurnMissed(member.signer, missed);
        if (missed == maxMissed) emit SequencerJailed(_sequencerOf[member.signer], JAIL_MISSED_TURNS);
    }

    /// @dev Slashing a sequencer that has withdrawn (or never staked) takes nothing and does not revert, so a dispute
    ///      that slashes every signer of a batch still completes. A newly jailed sequencer leaves the current set and
    ///      gives up its seat at once: a seat is held only by live stake.
    function _slash(address sequencer, uint256 bps, bytes32 reason, address prover) private returns (uint256) {
        (uint256 amount, uint256 toTreasury) = _slashRecord(sequencer, bps, reason, prover);
        if (toTreasury != 0) token.safeTransfer(_treasury, toTreasury);
        return amount;
    }

    /// @dev The bookkeeping of a slash (stake, reward, jail, seat), without the treasury's transfer: returns the amount
    ///      slashed and the treasury's share of it, for the caller to transfer.
    function _slashRecord(
        address sequencer,
        uint256 bps,
        bytes32 reason,
        address prover
    ) private returns (uint256, uint256) {
        if (bps == 0 || bps > _BPS) revert SequencerRegistryInvalidBps(bps);
        Sequencer storage record = _sequencers[sequencer];
        if (record.signer == address(0)) return (0, 0);
        uint256 amount = (uint256(record.stake) * bps) / _BPS;
        uint256 reward = prover == address(0) ? 0 : (amount * _rewardBps) / _BPS;
        record.stake -= uint96(amount);
        if (record.slashes != type(uint16).max) ++record.slashes;
        if (reward != 0) _claimable[prover] += reward;
        if (!record.jailed) {
            record.jailed = true;
            if (record.leftAt == 0) {
                // Still holding a seat (in the set, or waiting to join it): it leaves now.
                _leave(record, _lastBatchIndex());
                _seats.remove(sequencer);
                _removeMember(record.signer, true);
            }
            emit SequencerJailed(sequencer, reason);
        }
        emit SequencerSlashed(sequencer, bps, amount, prover, reward, reason);
        return (amount, amount - reward);
    }

    /// @dev Removes `signer` from the current epoch's order, keeping the others' relative order. A member that leaves
    ///      (releaseExits) keeps its stake in the epoch's frozen total, so the quorum only gets harder to reach: exits
    ///      must never hand the rest a quorum. A slashed member's stake (`dropStake`) leaves the total: the quorum is
    ///      then over the stake nobody proved dishonest, so the honest rest of a set whose quorum forged a batch can
    ///      go on committing. Removing stake an attacker holds lowers the attackers' share of what remains
    ///      ((A - S) / (T - S) < A / T whenever A < T), so no slash helps the remaining attackers to a quorum.
    function _removeMember(address signer, bool dropStake) private {
        uint256 size = _epoch.size;
        for (uint256 i; i < size; ++i) {
            if (_members[i].signer != signer) continue;
            if (dropStake) _epoch.totalStake -= uint96(_members[i].stake);
            for (uint256 j = i + 1; j < size; ++j) {
                _members[j - 1] = _members[j];
            }
            delete _members[size - 1];
            _epoch.size = uint8(size - 1);
            return;
        }
    }

    function _isMember(address signer) private view returns (bool) {
        uint256 size = _epoch.size;
        for (uint256 i; i < size; ++i) {
            if (_members[i].signer == signer) return true;
        }
        return false;
    }

    function _checkRange(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert SequencerRegistryParameterOutOfRange(value, min, max);
    }

    function _lesser(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }

    function _greater(uint256 a, uint256 b) private pure returns (uint256) {
        return a > b ? a : b;
    }
}
