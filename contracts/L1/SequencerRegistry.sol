// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBatchChain} from "../interfaces/IBatchChain.sol";
import {ISequencerRegistry} from "../interfaces/ISequencerRegistry.sol";

/// @title SequencerRegistry
/// @notice See {ISequencerRegistry}.
contract SequencerRegistry is ISequencerRegistry, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Sets parameters (the timelock).
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    /// @notice May slash (dispute manager, DA request manager, the timelock).
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");

    /// @notice Jail reason for a member that missed `maxMissedTurns` turns in a row.
    bytes32 public constant JAIL_MISSED_TURNS = "missed-turns";

    /// @notice Most seats the registry can hold: a member index is one byte in a signature entry, and epoch
    ///         transitions loop over every seat, so the bound also caps their gas.
    uint256 public constant MAX_SEATS = 64;
    /// @notice Longest DA window governance may set (PROTOCOL section 3: 1 hour to 7 days). Exits wait at least
    ///         the fraud window plus this, so no DA window setting can let a signer leave before it is slashable.
    uint256 public constant DA_WINDOW_CAP = 7 days;
    /// @notice Longest fraud window governance may set, assumed while no BatchChain is named.
    uint256 public constant FRAUD_WINDOW_CAP = 30 days;

    /// @dev Bytes per signature entry: member index and parity of v (1), r (32), s (32).
    uint256 private constant _ENTRY = 65;
    uint256 private constant _BPS = 10_000;
    /// @dev Half the secp256k1 group order: the largest s a canonical signature has (EIP-2).
    uint256 private constant _HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

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

    Epoch private _epoch;
    Member[MAX_SEATS] private _members;

    mapping(address sequencer => Sequencer) private _sequencers;
    mapping(address signer => address sequencer) private _sequencerOf;
    address[] private _registered;
    mapping(address account => uint256) private _claimable;

    uint256 private _minStake = 20_000 ether;
    uint256 private _maxStake = 100_000 ether;
    uint256 private _maxSequencers = 21;
    uint256 private _exitDelay = 21 days;
    uint256 private _epochDuration = 1 days;
    uint256 private _rewardBps = 5_000;
    address private _treasury;

    /// @param stakeToken The protocol token (ERC20Votes) sequencers stake.
    /// @param admin Receives DEFAULT_ADMIN_ROLE and GOVERNOR_ROLE (the timelock; a deployer until handover).
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
        _epoch.rotationTimeout = 60;
        _epoch.maxMissedTurns = 3;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, admin);
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
        if (_registered.length >= _maxSequencers) revert SequencerRegistryFull(_maxSequencers);

        record.signer = signer;
        record.stake = uint96(amount);
        _sequencerOf[signer] = msg.sender;
        _registered.push(msg.sender);
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
        Sequencer storage record = _registeredRecord(msg.sender);
        if (record.exitRequestedAt != 0) revert SequencerRegistryExitAlreadyRequested(msg.sender);
        uint32 exitEpoch = _epoch.number + 1;
        record.exitRequestedAt = uint40(block.timestamp);
        record.exitEpoch = exitEpoch;
        emit ExitRequested(msg.sender, exitEpoch, block.timestamp + effectiveExitDelay());
    }

    /// @inheritdoc ISequencerRegistry
    function withdraw() external nonReentrant {
        Sequencer memory record = _registeredRecord(msg.sender);
        if (record.exitRequestedAt == 0) revert SequencerRegistryExitNotRequested(msg.sender);
        uint256 withdrawableAt = record.exitRequestedAt + effectiveExitDelay();
        uint32 current = _epoch.number;
        // A jailed sequencer left the active set when it was jailed; any other leaves when its exit epoch starts.
        bool outOfSet = record.jailed || current >= record.exitEpoch;
        if (!outOfSet || block.timestamp < withdrawableAt) {
            revert SequencerRegistryWithdrawTooEarly(record.exitEpoch, current, withdrawableAt);
        }

        delete _sequencerOf[record.signer];
        delete _sequencers[msg.sender];
        _deregister(msg.sender);
        emit Withdrawn(msg.sender, record.stake);

        if (record.stake != 0) token.safeTransfer(msg.sender, record.stake);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Epochs, rotation, quorum
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISequencerRegistry
    function startEpoch() external {
        Epoch memory previous = _epoch;
        uint256 endsAt = previous.startedAt + _epochDuration;
        if (previous.size != 0 && block.timestamp < endsAt) revert SequencerRegistryEpochNotOver(endsAt);

        uint32 number = previous.number + 1;
        bytes32 seed = keccak256(abi.encode(block.prevrandao, number, address(this)));
        Member[] memory next = new Member[](_registered.length);
        uint256 size;
        uint256 total;
        for (uint256 i; i < _registered.length; ++i) {
            Sequencer storage record = _sequencers[_registered[i]];
            if (record.jailed || (record.exitEpoch != 0 && record.exitEpoch <= number)) continue;
            next[size] = Member({
                signer: record.signer,
                stake: uint88(record.stake),
                missedTurns: _missedTurnsOf(record.signer, previous.size)
            });
            ++size;
            total += record.stake;
        }
        // Fisher-Yates shuffle seeded by the randomness of the block that starts the epoch.
        for (uint256 i = size; i > 1; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, i))) % i;
            (next[i - 1], next[j]) = (next[j], next[i - 1]);
        }
        address[] memory signers = new address[](size);
        for (uint256 i; i < size; ++i) {
            _members[i] = next[i];
            signers[i] = next[i].signer;
        }
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
    function verifyQuorum(bytes32 digest, bytes calldata signatures) external view returns (uint256) {
        return _verifyQuorum(digest, signatures, _epoch);
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
        (uint256 position, uint256 skipped) = _schedule(batchIndex, lastAcceptedAt, epoch.size, epoch.rotationTimeout);
        Member storage scheduled = _members[position];
        // One read of the member's slot serves both the proposer check and the missed-turns reset.
        uint256 word;
        assembly ("memory-safe") {
            word := sload(scheduled.slot)
        }
        address expected = address(uint160(word));
        if (proposer != expected) revert SequencerRegistryNotScheduledProposer(expected, proposer);

        // The quorum is checked against the members as they stand before this call's jailing shifts any index.
        _verifyQuorum(digest, signatures, epoch);

        if (word >> 248 != 0) scheduled.missedTurns = 0;
        // A full rotation without any batch reads as an idle L2 (nothing to propose), not as every member failing.
        if (skipped != 0 && skipped < epoch.size) {
            _recordMissedTurns(batchIndex, skipped, epoch.size, epoch.maxMissedTurns);
        }
    }

    /// @inheritdoc ISequencerRegistry
    function scheduledProposer(
        uint256 batchIndex,
        uint256 lastAcceptedAt
    ) external view returns (address signer, uint256 skipped) {
        uint256 position;
        Epoch memory epoch = _epoch;
        (position, skipped) = _schedule(batchIndex, lastAcceptedAt, epoch.size, epoch.rotationTimeout);
        signer = _members[position].signer;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Slashing and rewards
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc ISequencerRegistry
    function slash(address sequencer, uint256 bps, bytes32 reason) external onlyRole(SLASHER_ROLE) nonReentrant {
        _slash(sequencer, bps, reason, address(0));
    }

    /// @inheritdoc ISequencerRegistry
    function slash(
        address sequencer,
        uint256 bps,
        bytes32 reason,
        address prover
    ) external onlyRole(SLASHER_ROLE) nonReentrant {
        _slash(sequencer, bps, reason, prover);
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
        _checkRange(newValue, 1 ether, _maxStake);
        emit MinStakeUpdated(_minStake, newValue);
        _minStake = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setMaxStake(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, _minStake, 10_000_000 ether);
        emit MaxStakeUpdated(_maxStake, newValue);
        _maxStake = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setMaxSequencers(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        uint256 registered = _registered.length;
        _checkRange(newValue, registered == 0 ? 1 : registered, MAX_SEATS);
        emit MaxSequencersUpdated(_maxSequencers, newValue);
        _maxSequencers = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setExitDelay(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, 1 days, 90 days);
        emit ExitDelayUpdated(_exitDelay, newValue);
        _exitDelay = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setEpochDuration(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, 1 hours, 30 days);
        emit EpochDurationUpdated(_epochDuration, newValue);
        _epochDuration = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setRotationTimeout(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, 12 seconds, 1 hours);
        emit RotationTimeoutUpdated(_epoch.rotationTimeout, newValue);
        _epoch.rotationTimeout = uint32(newValue);
    }

    /// @inheritdoc ISequencerRegistry
    function setMaxMissedTurns(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, 1, 100);
        emit MaxMissedTurnsUpdated(_epoch.maxMissedTurns, newValue);
        _epoch.maxMissedTurns = uint8(newValue);
    }

    /// @inheritdoc ISequencerRegistry
    function setRewardBps(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, 0, _BPS);
        emit RewardBpsUpdated(_rewardBps, newValue);
        _rewardBps = newValue;
    }

    /// @inheritdoc ISequencerRegistry
    function setTreasury(address newValue) external onlyRole(GOVERNOR_ROLE) {
        if (newValue == address(0)) revert SequencerRegistryZeroAddress();
        emit TreasuryUpdated(_treasury, newValue);
        _treasury = newValue;
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
    function sequencerOf(address signer) external view returns (address) {
        return _sequencerOf[signer];
    }

    /// @inheritdoc ISequencerRegistry
    function sequencers() external view returns (address[] memory) {
        return _registered;
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
        if (record.exitRequestedAt != 0) revert SequencerRegistryExitAlreadyRequested(sequencer);
    }

    /// @dev Position of the member scheduled for `batchIndex`: one step further for each rotation timeout that has
    ///      passed since the last accepted batch.
    function _schedule(
        uint256 batchIndex,
        uint256 lastAcceptedAt,
        uint256 size,
        uint256 timeout
    ) private view returns (uint256 position, uint256 skipped) {
        if (size == 0) revert SequencerRegistryNoActiveMembers();
        skipped = block.timestamp > lastAcceptedAt ? (block.timestamp - lastAcceptedAt) / timeout : 0;
        position = (batchIndex + skipped) % size;
    }

    function _verifyQuorum(
        bytes32 digest,
        bytes calldata signatures,
        Epoch memory epoch
    ) private view returns (uint256 signedStake) {
        uint256 length = signatures.length;
        if (length == 0 || length % _ENTRY != 0) revert SequencerRegistryMalformedSignatures(length);
        address previous;
        for (uint256 offset; offset < length; offset += _ENTRY) {
            uint256 memberIndex;
            bytes32 r;
            bytes32 s;
            uint8 v;
            assembly ("memory-safe") {
                let entry := add(signatures.offset, offset)
                let head := byte(0, calldataload(entry))
                memberIndex := and(head, 0x7f)
                v := add(27, shr(7, head))
                r := calldataload(add(entry, 1))
                s := calldataload(add(entry, 33))
            }
            // Reject the malleable upper half of s, as OpenZeppelin's ECDSA does, so each signer has one encoding.
            if (uint256(s) > _HALF_ORDER) revert SequencerRegistryInvalidSignature(offset / _ENTRY);
            address signer = ecrecover(digest, v, r, s);
            if (signer == address(0)) revert SequencerRegistryInvalidSignature(offset / _ENTRY);
            if (signer <= previous) revert SequencerRegistryUnsortedSigners(previous, signer);
            if (memberIndex >= epoch.size) revert SequencerRegistrySignerNotActive(signer, memberIndex);
            uint256 member;
            assembly ("memory-safe") {
                member := sload(add(_members.slot, memberIndex))
            }
            if (address(uint160(member)) != signer) revert SequencerRegistrySignerNotActive(signer, memberIndex);
            signedStake += uint88(member >> 160);
            previous = signer;
        }
        // Strictly more than two thirds: the chain halts only when more than a third of the stake stops signing.
        if (signedStake * 3 <= uint256(epoch.totalStake) * 2) {
            revert SequencerRegistryInsufficientQuorum(signedStake, epoch.totalStake);
        }
    }

    /// @dev The `skipped` members scheduled before the proposer (fewer than a full rotation) each missed a turn.
    ///      Members that reach `limit` in a row are jailed after the loop, because jailing shifts positions.
    function _recordMissedTurns(uint256 batchIndex, uint256 skipped, uint256 size, uint256 limit) private {
        address[] memory toJail = new address[](skipped);
        uint256 jailCount;
        for (uint256 offset; offset < skipped; ++offset) {
            Member storage member = _members[(batchIndex + offset) % size];
            uint256 missed = member.missedTurns + 1;
            member.missedTurns = uint8(missed);
            emit TurnMissed(member.signer, missed);
            if (missed >= limit) {
                toJail[jailCount] = member.signer;
                ++jailCount;
            }
        }
        for (uint256 i; i < jailCount; ++i) {
            address sequencer = _sequencerOf[toJail[i]];
            _sequencers[sequencer].jailed = true;
            _removeMember(toJail[i]);
            emit SequencerJailed(sequencer, JAIL_MISSED_TURNS);
        }
    }

    function _slash(address sequencer, uint256 bps, bytes32 reason, address prover) private {
        if (bps == 0 || bps > _BPS) revert SequencerRegistryInvalidBps(bps);
        Sequencer storage record = _registeredRecord(sequencer);
        uint256 amount = (uint256(record.stake) * bps) / _BPS;
        uint256 reward = prover == address(0) ? 0 : (amount * _rewardBps) / _BPS;
        record.stake -= uint96(amount);
        if (reward != 0) _claimable[prover] += reward;
        if (!record.jailed) {
            record.jailed = true;
            _removeMember(record.signer);
            emit SequencerJailed(sequencer, reason);
        }
        emit SequencerSlashed(sequencer, bps, amount, prover, reward, reason);

        if (amount > reward) token.safeTransfer(_treasury, amount - reward);
    }

    /// @dev Removes `signer` from the current epoch's order, keeping the others' relative order. The epoch's frozen
    ///      total stake is left as it is, so the quorum only gets harder to reach.
    function _removeMember(address signer) private {
        uint256 size = _epoch.size;
        for (uint256 i; i < size; ++i) {
            if (_members[i].signer != signer) continue;
            for (uint256 j = i + 1; j < size; ++j) {
                _members[j - 1] = _members[j];
            }
            delete _members[size - 1];
            _epoch.size = uint8(size - 1);
            return;
        }
    }

    /// @dev Missed turns `signer` carries over from the epoch that is ending (zero when it was not a member).
    function _missedTurnsOf(address signer, uint256 previousSize) private view returns (uint8) {
        for (uint256 i; i < previousSize; ++i) {
            if (_members[i].signer == signer) return _members[i].missedTurns;
        }
        return 0;
    }

    function _deregister(address sequencer) private {
        uint256 last = _registered.length - 1;
        for (uint256 i; i <= last; ++i) {
            if (_registered[i] != sequencer) continue;
            _registered[i] = _registered[last];
            _registered.pop();
            return;
        }
    }

    function _checkRange(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert SequencerRegistryParameterOutOfRange(value, min, max);
    }
}
