// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Bytes} from "@openzeppelin/contracts/utils/Bytes.sol";
import {Memory} from "@openzeppelin/contracts/utils/Memory.sol";
import {RLP} from "@openzeppelin/contracts/utils/RLP.sol";
import {TrieProof} from "@openzeppelin/contracts/utils/cryptography/TrieProof.sol";

import {IDisputeManager} from "../interfaces/IDisputeManager.sol";

/// @title TrieLib
/// @notice Reads one key of an Ethereum Merkle-Patricia trie from a proof (the node list `eth_getProof` returns, or a
///         transactions-trie proof): the key's value, or that the key is absent. Inclusion is OpenZeppelin's
///         {TrieProof}; what it lacks, and this library adds, is the proof of absence: the path that follows the key's
///         nibbles from the root and ends without it (an empty branch slot, or a leaf or extension whose path leaves
///         the key's).
/// @dev A proof that shows neither reverts with {IDisputeManager-DisputeManagerInvalidTrieProof}, or, when it is
///      forged to end in a leaf off the key's path, inside OpenZeppelin's walk with `RLPInvalidEncoding` (that walk
///      reverts on an empty branch slot; a valid proof never leads it to one). Nodes are checked against their
///      parent's reference (keccak256 for nodes of 32 bytes or more, the bytes themselves for shorter, inline nodes)
///      before they are decoded, so only a node that really is in the trie is ever decoded; a trie whose root is the
///      hash of malformed RLP (which no real trie has) reverts inside OpenZeppelin's {RLP} with `RLPInvalidEncoding`,
///      or with a `Panic(0x32)` where an item runs past its node.
library TrieLib {
    using Bytes for bytes;
    using Memory for *;
    using RLP for *;

    /// @notice Root of the empty trie: keccak256(RLP("")) = keccak256(0x80). An account without storage has it as its
    ///         storage root, and a block without transactions as its transactions root.
    bytes32 internal constant EMPTY_TRIE_ROOT = 0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421;

    /// @dev What one node of the walk shows: the next node to follow, the key's absence, its presence (the walk
    ///      reached its value), or nothing (a node no real trie holds).
    enum Step {
        Next,
        Absent,
        Present,
        Invalid
    }

    /// @dev Items in a branch node (16 children and a value) and in a leaf or extension node.
    uint256 private constant _BRANCH_ITEMS = 17;
    uint256 private constant _SHORT_NODE_ITEMS = 2;

    /// @notice The value stored under `key` in the trie with root `root`, or that there is none.
    /// @dev Reverts with {IDisputeManager-DisputeManagerInvalidTrieProof} when `proof` proves neither.
    /// @param root The trie's root hash.
    /// @param key The key, unhashed as the trie stores it (for the state and storage tries: the keccak256 of the
    ///        address or the 32-byte slot; for a transactions trie: RLP(index)).
    /// @param proof The nodes from the root down the key's path, each RLP-encoded.
    /// @return exists Whether the key is in the trie.
    /// @return value Its value as the trie's leaf holds it (for an account or a storage slot, an RLP encoding itself;
    ///         for a transaction, its raw bytes); empty when it does not exist.
    function get(
        bytes32 root,
        bytes memory key,
        bytes[] memory proof
    ) internal pure returns (bool exists, bytes memory value) {
        // An inclusion proof nearly always ends in the key's leaf: then OpenZeppelin's walk runs at once. (It reverts,
        // rather than failing, on the commonest proof of absence: a branch whose slot for the key is empty.)
        TrieProof.ProofError err;
        if (proof.length != 0 && _endsInLeafOf(key, proof[proof.length - 1])) {
            (value, err) = TrieProof.tryTraverse(root, key, proof);
            if (err == TrieProof.ProofError.NO_ERROR) return (true, value);
        }
        Step found = _walk(root, key, proof);
        if (found == Step.Absent) return (false, "");
        // Present otherwise: a value in a branch, or a leaf inlined in its parent.
        if (found == Step.Present) {
            (value, err) = TrieProof.tryTraverse(root, key, proof);
            if (err == TrieProof.ProofError.NO_ERROR) return (true, value);
        }
        revert IDisputeManager.DisputeManagerInvalidTrieProof(root);
    }

    /// @notice Whether `proof` shows that `key` is not in the trie with root `root`: its nodes follow the key's
    ///         nibbles from the root, and the last one ends the path without the key (an empty branch slot; a leaf or
    ///         extension node whose path departs from the key's; a branch where the key ends and that holds no
    ///         value). The empty trie is proven by no node, or by the single node RLP("").
    /// @param root The trie's root hash.
    /// @param key The key, unhashed as the trie stores it.
    /// @param proof The nodes from the root down the key's path, each RLP-encoded.
    /// @return True when the proof is a valid proof of absence; false for anything else (an inclusion proof, a node
    ///         that does not match its reference, a proof that stops early or runs on).
    function provesAbsence(bytes32 root, bytes memory key, bytes[] memory proof) internal pure returns (bool) {
        return _walk(root, key, proof) == Step.Absent;
    }

    /// @dev Walks `proof` along `key` from `root`: Absent or Present when its last node ends the walk so, Invalid
    ///      when a node does not match its reference, is malformed, or the proof stops early or runs on.
    function _walk(bytes32 root, bytes memory key, bytes[] memory proof) private pure returns (Step) {
        if (proof.length == 0) return root == EMPTY_TRIE_ROOT ? Step.Absent : Step.Invalid;
        bytes memory nibbles = key.toNibbles();
        uint256 keyIndex;
        // What the next node must be: its hash, or for a node shorter than 32 bytes embedded in its parent and given
        // again as a proof element, its bytes (`inlineNode`, empty otherwise).
        bytes32 nodeRef = root;
        Memory.Slice inlineNode;
        Memory.Pointer fmp = Memory.getFreeMemoryPointer();
        for (uint256 i; i < proof.length; ++i) {
            bytes memory encoded = proof[i];
            if (inlineNode.length() != 0 ? !encoded.asSlice().equal(inlineNode) : keccak256(encoded) != nodeRef) {
                return Step.Invalid;
            }
            bool last = i == proof.length - 1;
            // The empty trie, a single node RLP("").
            if (i == 0 && encoded.length == 1 && uint8(encoded[0]) == 0x80) return last ? Step.Absent : Step.Invalid;
            Step step;
            (step, keyIndex, nodeRef, inlineNode) = _walkNode(
                encoded.decodeList(),
                nibbles,
                keyIndex,
                last ? bytes("") : proof[i + 1]
            );
            // The walk ends at the proof's last node, and only there: a node naming the next one is no end.
            if (step != Step.Next || last) return last && step != Step.Next ? step : Step.Invalid;
            Memory.unsafeSetFreeMemoryPointer(fmp);
        }
        return Step.Invalid;
    }

    /// @dev Follows the key from nibble `keyIndex` through one proof node (`items`) and the nodes inlined in it:
    ///      Absent when the path ends without the key, Present when it holds it, Invalid when malformed, Next with what
    ///      the next proof element must be (its hash `nodeRef`, or the inline node `inlineNode` when `nextElement` is
    ///      that node given again) and the key consumed up to `nextKeyIndex`.
    function _walkNode(
        Memory.Slice[] memory items,
        bytes memory nibbles,
        uint256 keyIndex,
        bytes memory nextElement
    ) private pure returns (Step step, uint256 nextKeyIndex, bytes32 nodeRef, Memory.Slice inlineNode) {
        while (true) {
            Memory.Slice child;
            (step, keyIndex, child) = _step(items, nibbles, keyIndex);
            if (step != Step.Next) return (step, keyIndex, nodeRef, inlineNode);
            if (_isEmpty(child)) return (Step.Absent, keyIndex, nodeRef, inlineNode);
            if (child.length() == 33) return (Step.Next, keyIndex, child.readBytes32(), inlineNode);
            // An inline node: a list shorter than 32 bytes, given again as the next proof element or decoded here.
            if (nextElement.length != 0 && nextElement.asSlice().equal(child)) {
                return (Step.Next, keyIndex, nodeRef, child);
            }
            items = child.readList();
        }
    }

    /// @dev What a node (`items`) does with the key at nibble `keyIndex`: ends the path without it (Absent), holds it
    ///      (Present), is malformed (Invalid), or leads on to `child` (Next), the key consumed up to `nextKeyIndex`.
    function _step(
        Memory.Slice[] memory items,
        bytes memory nibbles,
        uint256 keyIndex
    ) private pure returns (Step step, uint256 nextKeyIndex, Memory.Slice child) {
        if (items.length == _BRANCH_ITEMS) {
            // The key ends here: absent unless the branch holds a value.
            if (keyIndex == nibbles.length) {
                return (_isEmpty(items[_BRANCH_ITEMS - 1]) ? Step.Absent : Step.Present, keyIndex, child);
            }
            return (Step.Next, keyIndex + 1, items[uint8(nibbles[keyIndex])]);
        }
        if (items.length != _SHORT_NODE_ITEMS) return (Step.Invalid, keyIndex, child);
        bytes memory path = items[0].readBytes().toNibbles();
        if (path.length == 0 || uint8(path[0]) > 3) return (Step.Invalid, keyIndex, child);
        uint256 prefix = uint8(path[0]);
        Memory.Slice pathRest = path.asSlice().slice(2 - (prefix % 2));
        uint256 pathLength = pathRest.length();
        uint256 keyLeft = nibbles.length - keyIndex;
        // The path departs from the key (or is longer than what is left of it): the key is not below.
        if (pathLength > keyLeft || !pathRest.equal(nibbles.asSlice().slice(keyIndex, pathLength))) {
            return (Step.Absent, keyIndex, child);
        }
        if (prefix >= 2) {
            // A leaf on the key's path: the key itself when its path ends with the key, else a shorter key (keys of
            // different lengths, as in a transactions trie).
            return (pathLength < keyLeft ? Step.Absent : Step.Present, keyIndex, child);
        }
        if (pathLength == 0) return (Step.Invalid, keyIndex, child);
        return (Step.Next, keyIndex + pathLength, items[1]);
    }

    /// @dev Whether `node` (RLP, not yet checked against any reference, so possibly garbage) is a leaf whose path is
    ///      the end of `key`: the shape of an inclusion proof's last node. Its path starts with a leaf's flag nibble
    ///      (2: even, the path's nibbles are the following bytes; 3: odd, the flag byte's low nibble comes first) and
    ///      must match the key's last nibbles. In assembly: it runs on every read, before OpenZeppelin's walk.
    function _endsInLeafOf(bytes memory key, bytes memory node) private pure returns (bool result) {
        (bool ok, uint256 pathStart, uint256 pathLength) = _pathOf(node);
        assembly ("memory-safe") {
            let first := byte(0, mload(add(add(node, 0x20), pathStart)))
            let odd := eq(shr(4, first), 3)
            if and(ok, or(eq(shr(4, first), 2), odd)) {
                let tail := sub(pathLength, 1) // whole path bytes after the flag byte
                let keyLength := mload(key)
                if iszero(gt(add(tail, odd), keyLength)) {
                    let keyTail := sub(keyLength, tail)
                    let pathHash := keccak256(add(add(node, 0x21), pathStart), tail)
                    result := eq(pathHash, keccak256(add(add(key, 0x20), keyTail), tail))
                    if and(result, odd) {
                        result := eq(and(first, 0x0f), and(byte(0, mload(add(add(key, 0x1f), keyTail))), 0x0f))
                    }
                }
            }
        }
    }

    /// @dev The first item of `node` when it is a well-framed two-item list whose first item is a non-empty string:
    ///      where that item's payload starts and how long it is. Reads the RLP framing by hand (lengths of at most
    ///      four bytes), so that no input makes it revert.
    function _pathOf(bytes memory node) private pure returns (bool ok, uint256 pathStart, uint256 pathLength) {
        assembly ("memory-safe") {
            // The item header at `at` of `data` (`size` bytes): payload start and length, whether a list, and whether
            // the header is whole and the payload inside `data`.
            function header(data, size, at) -> start, length, isList, whole {
                if iszero(lt(at, size)) {
                    leave
                }
                let prefix := byte(0, mload(add(add(data, 0x20), at)))
                if lt(prefix, 0x80) {
                    start := at
                    length := 1
                    whole := 1
                    leave
                }
                isList := iszero(lt(prefix, 0xc0))
                let short := sub(prefix, add(0x80, mul(isList, 0x40)))
                start := add(at, 1)
                length := short
                if gt(short, 55) {
                    let lengthOfLength := sub(short, 55)
                    start := add(start, lengthOfLength)
                    if or(gt(lengthOfLength, 4), gt(start, size)) {
                        leave
                    }
                    length := shr(sub(256, shl(3, lengthOfLength)), mload(add(add(data, 0x21), at)))
                }
                whole := iszero(gt(add(start, length), size))
            }
            let size := mload(node)
            let listStart, listLength, isList, listWhole := header(node, size, 0)
            if and(and(listWhole, isList), eq(add(listStart, listLength), size)) {
                let pathIsList, pathWhole
                pathStart, pathLength, pathIsList, pathWhole := header(node, size, listStart)
                if and(and(pathWhole, iszero(pathIsList)), gt(pathLength, 0)) {
                    let valueStart, valueLength, valueIsList, valueWhole := header(
                        node,
                        size,
                        add(pathStart, pathLength)
                    )
                    pop(valueIsList)
                    ok := and(valueWhole, eq(add(valueStart, valueLength), size))
                }
            }
        }
    }

    /// @dev Whether an RLP item is the empty string (0x80): an empty branch slot or value.
    function _isEmpty(Memory.Slice item) private pure returns (bool) {
        return item.length() == 1 && bytes1(item.load(0)) == 0x80;
    }
}
