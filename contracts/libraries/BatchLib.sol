// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";

import {Types} from "./Types.sol";

/// @title BatchLib
/// @notice Hashing of the protocol's typed data (PROTOCOL section 2): the EIP-712 batch header, transaction and
///         block leaves, deposits and the deposit chain, withdrawals. Every leaf is a hash of ABI-encoded typed data,
///         never raw user bytes, so no leaf can be confused with an inner node.
library BatchLib {
    /// @notice A header word does not fit its field's type (an integer with bits above its width).
    error BatchLibMalformedHeader();

    /// @notice EIP-712 type hash of {Types.BatchHeader}.
    bytes32 internal constant BATCH_HEADER_TYPEHASH = keccak256(
        "BatchHeader(uint64 batchIndex,bytes32 parentHash,uint64 firstBlock,uint64 lastBlock,uint32 txCount,"
        "bytes32 txBatchRoot,bytes32 stateBatchRoot,uint64 depositCount,bytes32 depositChainHash,bytes32 dataHash)"
    );

    /// @notice EIP-712 type hash of the domain (name, version, chainId, verifyingContract).
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    /// @notice keccak256 of the domain name "MetisL2".
    bytes32 internal constant DOMAIN_NAME_HASH = keccak256("MetisL2");

    /// @notice keccak256 of the domain version "1".
    bytes32 internal constant DOMAIN_VERSION_HASH = keccak256("1");

    /// @notice The header hash: the EIP-712 struct hash of `header`. Batches chain through it (`parentHash`).
    /// @param header A batch header.
    /// @return keccak256(abi.encode(BATCH_HEADER_TYPEHASH, header)).
    function hash(Types.BatchHeader memory header) internal pure returns (bytes32) {
        return keccak256(abi.encode(BATCH_HEADER_TYPEHASH, header));
    }

    /// @notice {hash} of a header in calldata, without copying it to memory first.
    /// @dev The ten fields are ten ABI words in calldata, so the struct hash is keccak256 of the type hash followed by
    ///      those words. Each integer word is checked to fit its type first, so a header committed this way is one
    ///      that any ABI decoder reads back (and that hashes the same in memory).
    /// @param header A batch header in calldata; reverts with {BatchLibMalformedHeader} when an integer word has bits
    ///        above its field's width.
    /// @return structHash The same value {hash} gives for the header in memory.
    function hashCalldata(Types.BatchHeader calldata header) internal pure returns (bytes32 structHash) {
        bytes32 typeHash = BATCH_HEADER_TYPEHASH;
        bool dirty;
        assembly ("memory-safe") {
            // batchIndex, firstBlock, lastBlock and depositCount are uint64 (words 0, 2, 3, 7); txCount is uint32 (4).
            dirty := or(
                or(shr(64, calldataload(header)), shr(64, calldataload(add(header, 0x40)))),
                or(
                    or(shr(64, calldataload(add(header, 0x60))), shr(32, calldataload(add(header, 0x80)))),
                    shr(64, calldataload(add(header, 0xe0)))
                )
            )
        }
        if (dirty) revert BatchLibMalformedHeader();
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, typeHash)
            calldatacopy(add(ptr, 0x20), header, 0x140)
            structHash := keccak256(ptr, 0x160)
        }
    }

    /// @notice The EIP-712 domain separator for headers of the BatchChain at `verifyingContract` on `chainId`.
    /// @param chainId The id of the L1 chain the BatchChain is on.
    /// @param verifyingContract The BatchChain's address.
    /// @return The separator of domain "MetisL2", version "1", `chainId` and `verifyingContract`.
    function domainSeparator(uint256 chainId, address verifyingContract) internal pure returns (bytes32) {
        return
            keccak256(abi.encode(DOMAIN_TYPEHASH, DOMAIN_NAME_HASH, DOMAIN_VERSION_HASH, chainId, verifyingContract));
    }

    /// @notice The digest sequencers sign: keccak256(0x1901 ++ domainSeparator ++ structHash).
    /// @param separator The domain separator ({domainSeparator}).
    /// @param structHash The header hash ({hash}).
    /// @return The EIP-712 typed-data digest.
    function digest(bytes32 separator, bytes32 structHash) internal pure returns (bytes32) {
        return MessageHashUtils.toTypedDataHash(separator, structHash);
    }

    /// @notice A leaf of `txBatchRoot`:
    ///         keccak256(abi.encode(uint64 l2BlockNumber, uint32 indexInBlock, bytes32 txHash)).
    /// @param l2BlockNumber The L2 block that holds the transaction.
    /// @param indexInBlock The transaction's position in that block, from 0.
    /// @param txHash The L2 transaction hash.
    /// @return The leaf.
    function txLeaf(uint64 l2BlockNumber, uint32 indexInBlock, bytes32 txHash) internal pure returns (bytes32) {
        return keccak256(abi.encode(l2BlockNumber, indexInBlock, txHash));
    }

    /// @notice A leaf of `stateBatchRoot`:
    ///         keccak256(abi.encode(number, timestamp, blockHash, stateRoot, withdrawalRoot)).
    /// @param leaf The block's commitment.
    /// @return The leaf.
    function blockLeaf(Types.BlockLeaf memory leaf) internal pure returns (bytes32) {
        return keccak256(abi.encode(leaf));
    }

    /// @notice keccak256(abi.encode(index, from, to, l1Token, amount, l1Timestamp)).
    /// @param deposit The deposit as the L1 bridge queued it.
    /// @return The deposit's hash, which {chainDeposit} adds to the deposit chain.
    function depositHash(Types.Deposit memory deposit) internal pure returns (bytes32) {
        return keccak256(abi.encode(deposit));
    }

    /// @notice One step of the deposit chain: keccak256(abi.encodePacked(chain, hashOfDeposit)); the chain starts at 0.
    /// @param chain The deposit chain before this deposit (zero before the first deposit).
    /// @param hashOfDeposit The deposit's {depositHash}.
    /// @return The deposit chain after this deposit.
    function chainDeposit(bytes32 chain, bytes32 hashOfDeposit) internal pure returns (bytes32) {
        return Hashes.efficientKeccak256(chain, hashOfDeposit);
    }

    /// @notice keccak256(abi.encode(index, l2Sender, l1To, l1Token, amount)): a leaf of the withdrawal tree.
    /// @param withdrawal The withdrawal as the L2 bridge appended it.
    /// @return The withdrawal's leaf in the withdrawal tree, by which the L1 bridge marks it paid.
    function withdrawalHash(Types.Withdrawal memory withdrawal) internal pure returns (bytes32) {
        return keccak256(abi.encode(withdrawal));
    }
}
