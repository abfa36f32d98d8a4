// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IL2Bridge} from "../interfaces/IL2Bridge.sol";
import {BatchLib} from "../libraries/BatchLib.sol";
import {Constants} from "../libraries/Constants.sol";
import {MerkleLib} from "../libraries/MerkleLib.sol";
import {Types} from "../libraries/Types.sol";
import {L2Token} from "./L2Token.sol";

/// @title L2Bridge
/// @notice See {IL2Bridge}.
/// @dev Deployed in the L2's first block by the system deployer, with the ETH reserve as `msg.value`. The first three
///      state variables are the protocol's fixed slots; do not reorder them or inherit contracts with storage.
///      Withdrawals go into the protocol's depth-32 tree (zero leaves, node keccak256(left ++ right)): the tree of
///      OpenZeppelin's MerkleTree, whose roots the tests compare, kept as a frontier so that a withdrawal costs a few
///      storage reads instead of OpenZeppelin's 32 (see {MerkleLib.appendAtDepth}); after each one the root is
///      written to slot 2.
contract L2Bridge is IL2Bridge {
    using MerkleLib for MerkleLib.IncrementalTree;

    /// @notice Depth of the withdrawal tree (PROTOCOL section 2).
    uint8 public constant WITHDRAWAL_TREE_DEPTH = uint8(Constants.WITHDRAWAL_TREE_DEPTH);
    /// @notice Storage slot of `depositCount`.
    uint256 public constant DEPOSIT_COUNT_SLOT = 0;
    /// @notice Storage slot of `depositChainHash`.
    uint256 public constant DEPOSIT_CHAIN_SLOT = 1;
    /// @notice Storage slot of `withdrawalRoot`.
    uint256 public constant WITHDRAWAL_ROOT_SLOT = 2;
    /// @notice Gas an ETH credit may use in the recipient; beyond it the credit waits in {claimableETH}, so no
    ///         recipient can stop the deposit queue.
    uint256 public constant ETH_PUSH_GAS = 50_000;
    /// @inheritdoc IL2Bridge
    /// @dev Longer than any real token name; a 64-byte string is two storage slots in the L2 token.
    uint256 public constant MAX_NAME_BYTES = 64;
    /// @inheritdoc IL2Bridge
    uint256 public constant MAX_SYMBOL_BYTES = 32;

    uint256 private _depositCount; // slot 0
    bytes32 private _depositChainHash; // slot 1
    bytes32 private _withdrawalRoot; // slot 2
    mapping(address l1Token => address) private _l2Tokens;
    mapping(address account => uint256) private _claimableETH;
    /// @dev Sum of `_claimableETH`: owed already, so not part of the reserve that credits deposits.
    uint256 private _deferredETH;
    mapping(address l2Token => address) private _l1Tokens;
    MerkleLib.IncrementalTree private _withdrawals;
    mapping(address account => bool) private _relayers;

    /// @inheritdoc IL2Bridge
    address public immutable admin;

    /// @notice Deploys the bridge with `msg.value` as the ETH reserve that credits ETH deposits, the empty withdrawal
    ///         tree's root in slot 2, and the first relayers.
    /// @param admin_ Names relayers (the L2 system account).
    /// @param relayers_ The first relayers: the sequencers' own keys, so a relay names the sequencer that made it.
    constructor(address admin_, address[] memory relayers_) payable {
        admin = admin_;
        _withdrawalRoot = MerkleLib.zeroHash(WITHDRAWAL_TREE_DEPTH);
        for (uint256 i; i < relayers_.length; ++i) {
            _relayers[relayers_[i]] = true;
            emit RelayerUpdated(relayers_[i], true);
        }
    }

    modifier onlyRelayer() {
        if (!_relayers[msg.sender]) revert L2BridgeOnlyRelayer(msg.sender);
        _;
    }

    /// @inheritdoc IL2Bridge
    function setRelayer(address relayer, bool allowed) external {
        if (msg.sender != admin) revert L2BridgeOnlyAdmin(msg.sender);
        _relayers[relayer] = allowed;
        emit RelayerUpdated(relayer, allowed);
    }

    /// @inheritdoc IL2Bridge
    function relayDeposit(Types.Deposit calldata deposit) external onlyRelayer {
        _relay(deposit);
    }

    /// @inheritdoc IL2Bridge
    function relayDeposits(Types.Deposit[] calldata deposits) external onlyRelayer {
        for (uint256 i; i < deposits.length; ++i) {
            _relay(deposits[i]);
        }
    }

    /// @inheritdoc IL2Bridge
    function createL2Token(
        address l1Token,
        string calldata name,
        string calldata symbol,
        uint8 decimals
    ) external onlyRelayer {
        if (l1Token == address(0)) revert L2BridgeZeroToken();
        address existing = _l2Tokens[l1Token];
        if (existing != address(0)) revert L2BridgeTokenExists(l1Token, existing);
        _createToken(l1Token, _bounded(name, MAX_NAME_BYTES), _bounded(symbol, MAX_SYMBOL_BYTES), decimals);
    }

    /// @inheritdoc IL2Bridge
    function withdraw(address l1To) external payable {
        if (msg.value == 0) revert L2BridgeZeroAmount();
        // The ETH stays here: it returns to the reserve, and the L1 bridge pays it out of its escrow.
        _appendWithdrawal(l1To, address(0), msg.value);
    }

    /// @inheritdoc IL2Bridge
    function withdrawERC20(address l2Token, address l1To, uint256 amount) external {
        if (amount == 0) revert L2BridgeZeroAmount();
        address l1Token = _l1Tokens[l2Token];
        if (l1Token == address(0)) revert L2BridgeUnknownToken(l2Token);
        L2Token(l2Token).burn(msg.sender, amount);
        _appendWithdrawal(l1To, l1Token, amount);
    }

    /// @inheritdoc IL2Bridge
    function claimETH() external {
        uint256 amount = _claimableETH[msg.sender];
        if (amount == 0) revert L2BridgeNothingToClaim(msg.sender);
        _claimableETH[msg.sender] = 0;
        _deferredETH -= amount;
        emit ETHClaimed(msg.sender, amount);
        (bool sent, ) = msg.sender.call{value: amount}("");
        if (!sent) revert L2BridgeTransferFailed(msg.sender, amount);
    }

    /// @inheritdoc IL2Bridge
    function depositCount() external view returns (uint256) {
        return _depositCount;
    }

    /// @inheritdoc IL2Bridge
    function depositChainHash() external view returns (bytes32) {
        return _depositChainHash;
    }

    /// @inheritdoc IL2Bridge
    function withdrawalRoot() external view returns (bytes32) {
        return _withdrawalRoot;
    }

    /// @inheritdoc IL2Bridge
    function withdrawalCount() external view returns (uint256) {
        return _withdrawals.size;
    }

    /// @inheritdoc IL2Bridge
    function l2TokenOf(address l1Token) external view returns (address) {
        return _l2Tokens[l1Token];
    }

    /// @inheritdoc IL2Bridge
    function l1TokenOf(address l2Token) external view returns (address) {
        return _l1Tokens[l2Token];
    }

    /// @inheritdoc IL2Bridge
    function claimableETH(address account) external view returns (uint256) {
        return _claimableETH[account];
    }

    /// @inheritdoc IL2Bridge
    function isRelayer(address account) external view returns (bool) {
        return _relayers[account];
    }

    /// @inheritdoc IL2Bridge
    function deferredETH() external view returns (uint256) {
        return _deferredETH;
    }

    function _relay(Types.Deposit calldata deposit) private {
        uint256 index = _depositCount;
        if (deposit.index != index) revert L2BridgeUnexpectedDeposit(index, deposit.index);
        bytes32 chainHash = BatchLib.chainDeposit(_depositChainHash, BatchLib.depositHash(deposit));
        _depositCount = index + 1;
        _depositChainHash = chainHash;

        address l2Token;
        if (deposit.l1Token == address(0)) {
            _creditETH(deposit.to, deposit.amount);
        } else {
            l2Token = _l2Tokens[deposit.l1Token];
            if (l2Token == address(0)) {
                string memory label = Strings.toHexString(deposit.l1Token);
                l2Token = _createToken(deposit.l1Token, string.concat("Bridged ", label), "BRIDGED", 18);
            }
            L2Token(l2Token).mint(deposit.to, deposit.amount);
        }
        emit DepositRelayed(
            index,
            deposit.from,
            deposit.to,
            deposit.l1Token,
            l2Token,
            deposit.amount,
            chainHash,
            msg.sender
        );
    }

    function _appendWithdrawal(address l1To, address l1Token, uint256 amount) private {
        if (l1To == address(0)) revert L2BridgeZeroRecipient();
        uint256 index = _withdrawals.size;
        bytes32 hash = BatchLib.withdrawalHash(
            Types.Withdrawal({index: uint64(index), l2Sender: msg.sender, l1To: l1To, l1Token: l1Token, amount: amount})
        );
        (, bytes32 root) = _withdrawals.appendAtDepth(hash, WITHDRAWAL_TREE_DEPTH);
        _withdrawalRoot = root;
        emit WithdrawalInitiated(index, msg.sender, l1To, l1Token, amount, hash, root);
    }

    function _creditETH(address to, uint256 amount) private {
        uint256 available = address(this).balance - _deferredETH;
        if (amount > available) revert L2BridgeReserveExhausted(amount, available);
        (bool sent, ) = to.call{value: amount, gas: ETH_PUSH_GAS}("");
        if (!sent) {
            _claimableETH[to] += amount;
            _deferredETH += amount;
            emit ETHCreditDeferred(to, amount);
        }
    }

    /// @dev `value` cut to at most `max` bytes, at a UTF-8 character boundary (never after a lead byte without its
    ///      continuation bytes).
    function _bounded(string calldata value, uint256 max) private pure returns (string memory) {
        bytes calldata raw = bytes(value);
        if (raw.length <= max) return value;
        uint256 end = max;
        while (end > 0 && uint8(raw[end]) & 0xC0 == 0x80) --end;
        return string(raw[:end]);
    }

    function _createToken(
        address l1Token,
        string memory name,
        string memory symbol,
        uint8 decimals
    ) private returns (address l2Token) {
        l2Token = address(new L2Token{salt: bytes32(uint256(uint160(l1Token)))}(l1Token, name, symbol, decimals));
        _l2Tokens[l1Token] = l2Token;
        _l1Tokens[l2Token] = l1Token;
        emit L2TokenCreated(l1Token, l2Token, name, symbol, decimals, msg.sender);
    }
}
