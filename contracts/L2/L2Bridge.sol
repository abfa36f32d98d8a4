// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IL2Bridge} from "../interfaces/IL2Bridge.sol";
import {BatchLib} from "../libraries/BatchLib.sol";
import {Types} from "../libraries/Types.sol";
import {L2Token} from "./L2Token.sol";

/// @title L2Bridge
/// @notice See {IL2Bridge}. This issue's part is the deposit side; withdrawals join it later.
/// @dev Deployed in the L2's first block by the system deployer, with the ETH reserve as `msg.value`. The first three
///      state variables are the protocol's fixed slots; do not reorder them or inherit contracts with storage.
contract L2Bridge is IL2Bridge {
    /// @notice Storage slot of `depositCount`.
    uint256 public constant DEPOSIT_COUNT_SLOT = 0;
    /// @notice Storage slot of `depositChainHash`.
    uint256 public constant DEPOSIT_CHAIN_SLOT = 1;
    /// @notice Storage slot of `withdrawalRoot`.
    uint256 public constant WITHDRAWAL_ROOT_SLOT = 2;
    /// @notice Gas an ETH credit may use in the recipient; beyond it the credit waits in {claimableETH}, so no
    ///         recipient can stop the deposit queue.
    uint256 public constant ETH_PUSH_GAS = 50_000;

    uint256 private _depositCount; // slot 0
    bytes32 private _depositChainHash; // slot 1
    bytes32 private _withdrawalRoot; // slot 2
    mapping(address l1Token => address) private _l2Tokens;
    mapping(address account => uint256) private _claimableETH;
    /// @dev Sum of `_claimableETH`: owed already, so not part of the reserve that credits deposits.
    uint256 private _deferredETH;

    /// @inheritdoc IL2Bridge
    address public immutable relayer;

    /// @param relayer_ The system relayer, whose key every sequencer holds.
    constructor(address relayer_) payable {
        relayer = relayer_;
    }

    modifier onlyRelayer() {
        if (msg.sender != relayer) revert L2BridgeOnlyRelayer(msg.sender);
        _;
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
        _createToken(l1Token, name, symbol, decimals);
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
    function l2TokenOf(address l1Token) external view returns (address) {
        return _l2Tokens[l1Token];
    }

    /// @inheritdoc IL2Bridge
    function claimableETH(address account) external view returns (uint256) {
        return _claimableETH[account];
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
        emit DepositRelayed(index, deposit.from, deposit.to, deposit.l1Token, l2Token, deposit.amount, chainHash);
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

    function _createToken(
        address l1Token,
        string memory name,
        string memory symbol,
        uint8 decimals
    ) private returns (address l2Token) {
        l2Token = address(new L2Token{salt: bytes32(uint256(uint160(l1Token)))}(l1Token, name, symbol, decimals));
        _l2Tokens[l1Token] = l2Token;
        emit L2TokenCreated(l1Token, l2Token, name, symbol, decimals);
    }
}
