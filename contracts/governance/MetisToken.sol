// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title MetisToken
/// @notice The protocol token for local networks: staked by sequencers and verifiers, and the voting power of
///         governance. On real networks the deployment takes the existing token's address instead.
/// @dev ERC20 with EIP-2612 permits and ERC20Votes checkpoints on a timestamp clock (ERC-6372), so governance
///      periods are in seconds on every L1.
contract MetisToken is ERC20, ERC20Permit, ERC20Votes {
    /// @notice Deploys the token and mints its whole supply to `holder`; nothing is minted later.
    /// @param holder Receives the whole `supply`.
    /// @param supply The supply, in token wei (10^-18 METIS).
    constructor(address holder, uint256 supply) ERC20("Metis", "METIS") ERC20Permit("Metis") {
        _mint(holder, supply);
    }

    /// @notice The ERC-6372 clock: block timestamps.
    /// @return The current block's timestamp, in Unix seconds.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable func-name-mixedcase
    /// @notice The ERC-6372 clock mode: timestamps.
    /// @return "mode=timestamp".
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }
    // solhint-enable func-name-mixedcase

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
