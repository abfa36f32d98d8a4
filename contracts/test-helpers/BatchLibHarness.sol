// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import {BatchLib} from "../libraries/BatchLib.sol";
import {Constants} from "../libraries/Constants.sol";
import {Types} from "../libraries/Types.sol";

/// @notice Test-only: exposes {BatchLib}; also an OpenZeppelin {EIP712} with the protocol's domain, as a reference.
contract BatchLibHarness is EIP712("MetisL2", "1") {
    function maxBatchBlocks() external pure returns (uint256) {
        return Constants.MAX_BATCH_BLOCKS;
    }

    function headerHash(Types.BatchHeader calldata header) external pure returns (bytes32) {
        return BatchLib.hash(header);
    }

    function domainSeparator(uint256 chainId, address verifyingContract) external pure returns (bytes32) {
        return BatchLib.domainSeparator(chainId, verifyingContract);
    }

    function digest(
        Types.BatchHeader calldata header,
        uint256 chainId,
        address verifyingContract
    ) external pure returns (bytes32) {
        return BatchLib.digest(BatchLib.domainSeparator(chainId, verifyingContract), BatchLib.hash(header));
    }

    /// @notice OpenZeppelin's digest of `header` for this contract on this chain.
    function ozDigest(Types.BatchHeader calldata header) external view returns (bytes32) {
        return _hashTypedDataV4(BatchLib.hash(header));
    }

    function txLeaf(uint64 l2BlockNumber, uint32 indexInBlock, bytes32 txHash) external pure returns (bytes32) {
        return BatchLib.txLeaf(l2BlockNumber, indexInBlock, txHash);
    }

    function blockLeaf(Types.BlockLeaf calldata leaf) external pure returns (bytes32) {
        return BatchLib.blockLeaf(leaf);
    }

    function depositHash(Types.Deposit calldata deposit) external pure returns (bytes32) {
        return BatchLib.depositHash(deposit);
    }

    /// @notice The deposit chain after `deposits`, starting from the empty chain.
    function depositChain(Types.Deposit[] calldata deposits) external pure returns (bytes32 chain) {
        for (uint256 i; i < deposits.length; ++i) {
            chain = BatchLib.chainDeposit(chain, BatchLib.depositHash(deposits[i]));
        }
    }

    function withdrawalHash(Types.Withdrawal calldata withdrawal) external pure returns (bytes32) {
        return BatchLib.withdrawalHash(withdrawal);
    }

    function typeHashes() external pure returns (bytes32 header, bytes32 domain) {
        return (BatchLib.BATCH_HEADER_TYPEHASH, BatchLib.DOMAIN_TYPEHASH);
    }
}
