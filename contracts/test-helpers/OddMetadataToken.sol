// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @notice Test-only: a plain transferable token whose `name()`, `symbol()` and `decimals()` misbehave in the chosen
///         way, for the relayer's metadata reads. Without metadata functions of its own, every metadata call lands in
///         the fallback, which answers according to `mode`.
contract OddMetadataToken {
    /// @notice How the metadata getters answer.
    enum Mode {
        Missing, // revert without data, as a token without the functions does
        Huge, // a 20 KB name
        Reverting, // revert with a reason
        GasBurning, // loop until out of gas
        Bytes32, // bytes32 name and symbol, NUL-padded (as MKR)
        Unprintable, // control characters and bidirectional overrides, and decimals of 1000
        InvalidUtf8, // bytes that are not UTF-8
        Empty, // empty strings
        Shifting // a name that changes with every block
    }

    Mode public immutable mode;
    mapping(address account => uint256) public balanceOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    error OddMetadataTokenInsufficient();

    constructor(Mode mode_) {
        mode = mode_;
    }

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        if (allowance[from][msg.sender] < amount) revert OddMetadataTokenInsufficient();
        allowance[from][msg.sender] -= amount;
        _move(from, to, amount);
        return true;
    }

    // solhint-disable-next-line no-complex-fallback
    fallback(bytes calldata data) external returns (bytes memory) {
        bytes4 selector = bytes4(data);
        bool isDecimals = selector == 0x313ce567;
        // solhint-disable-next-line gas-custom-errors
        if (mode == Mode.Missing) revert();
        // solhint-disable-next-line gas-custom-errors
        if (mode == Mode.Reverting) revert("no metadata here");
        if (mode == Mode.GasBurning) {
            uint256 i;
            while (true) ++i;
        }
        if (isDecimals) return abi.encode(mode == Mode.Unprintable ? 1000 : 6);
        if (mode == Mode.Huge) return abi.encode(_filled(20_480));
        if (mode == Mode.Bytes32) return abi.encode(selector == 0x06fdde03 ? bytes32("Maker") : bytes32("MKR"));
        if (mode == Mode.Unprintable) return abi.encode(string("\u202eTKN\x00\x07 Spoof\u202c"));
        if (mode == Mode.Shifting) {
            return
                abi.encode(selector == 0x06fdde03 ? string.concat("Shifty ", Strings.toString(block.number)) : "SHFT");
        }
        if (mode == Mode.InvalidUtf8) {
            bytes memory raw = hex"c328ffa0"; // encoded as a string would be, but not UTF-8
            return abi.encode(raw);
        }
        return abi.encode("");
    }

    function _move(address from, address to, uint256 amount) private {
        if (balanceOf[from] < amount) revert OddMetadataTokenInsufficient();
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
    }

    /// @dev `length` bytes of "Huge Token Huge Token ...", written a word at a time.
    function _filled(uint256 length) private pure returns (string memory out) {
        out = new string(length);
        bytes32 pattern = "Huge Token Huge Token Huge Token";
        assembly ("memory-safe") {
            for {
                let at := add(out, 0x20)
                let end := add(at, length)
            } lt(at, end) {
                at := add(at, 0x20)
            } {
                mstore(at, pattern)
            }
        }
    }
}
