// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {ISequencerRegistry} from "../interfaces/ISequencerRegistry.sol";
import {Constants, MAX_SEATS} from "./Constants.sol";

/// @title QuorumLib
/// @notice Unpacking of quorum signatures and the quorum check (PROTOCOL section 4): more than two thirds of an
///         epoch's frozen stake must sign a batch header's digest.
/// @dev Signatures are packed as one {Constants-QUORUM_ENTRY_BYTES} entry per signer, `head ++ r ++ s`, in strictly
///      ascending order of signer address. The head's low seven bits are the signer's position in the member list and
///      its top bit the parity of `v` (0 for 27, 1 for 28). Recovery refuses the malleable upper half of `s` (EIP-2),
///      so every signer has one encoding and ascending order rules out counting anyone twice.
///      It is the check of OpenZeppelin's `ECDSA.tryRecover`, written out in the loop: the library call does not fit
///      the loop's stack, and moving it into a helper cost 200 gas per signer, past the 7,000 per-signature goal.
library QuorumLib {
    /// @dev Half the secp256k1 group order: the largest `s` a canonical signature has (EIP-2).
    uint256 private constant _HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    /// @notice The parts of the entry at byte `offset` of `signatures` (the caller keeps `offset` in range).
    /// @param signatures The packed signature entries.
    /// @param offset Byte offset of the entry, a multiple of 65.
    /// @return memberIndex The signer's position in the member list (the head's low seven bits).
    /// @return v 27 or 28 (from the head's top bit).
    /// @return r The signature's `r`.
    /// @return s The signature's `s` (not checked here).
    function entryAt(
        bytes calldata signatures,
        uint256 offset
    ) internal pure returns (uint256 memberIndex, uint8 v, bytes32 r, bytes32 s) {
        assembly ("memory-safe") {
            let entry := add(signatures.offset, offset)
            let head := byte(0, calldataload(entry))
            memberIndex := and(head, 0x7f)
            v := add(27, shr(7, head))
            r := calldataload(add(entry, 1))
            s := calldataload(add(entry, 33))
        }
    }

    /// @notice Whether `signedStake` is a quorum of `totalStake`: strictly more than two thirds, so the chain halts
    ///         only when more than a third of the stake stops signing.
    /// @param signedStake Stake that signed, in token wei.
    /// @param totalStake The epoch's frozen total stake, in token wei.
    /// @return True when `3 * signedStake > 2 * totalStake`.
    function isQuorum(uint256 signedStake, uint256 totalStake) internal pure returns (bool) {
        return signedStake * 3 > totalStake * 2;
    }

    /// @notice Checks that `signatures` are a quorum of the first `size` entries of `members` over `digest` and
    ///         returns the stake that signed; reverts with the registry's errors otherwise.
    /// @dev Reads one storage word per signer: the member at the entry's position, whose low 160 bits are its signer
    ///      and the next 88 its stake (the layout of {ISequencerRegistry-Member}, pinned by the storage-layout test).
    /// @param digest The signed digest.
    /// @param signatures The packed signature entries: not empty, a whole number of 65-byte entries.
    /// @param members The registry's member list, in proposer order.
    /// @param size Members in the current epoch: the list's live entries.
    /// @param totalStake The epoch's frozen total stake, in token wei.
    /// @return signedStake The signers' frozen stake, in token wei, more than two thirds of `totalStake`.
    function verify(
        bytes32 digest,
        bytes calldata signatures,
        ISequencerRegistry.Member[MAX_SEATS] storage members,
        uint256 size,
        uint256 totalStake
    ) internal view returns (uint256 signedStake) {
        uint256 length = signatures.length;
        if (length == 0 || length % Constants.QUORUM_ENTRY_BYTES != 0) {
            revert ISequencerRegistry.SequencerRegistryMalformedSignatures(length);
        }
        address previous;
        for (uint256 offset; offset < length; offset += Constants.QUORUM_ENTRY_BYTES) {
            (uint256 memberIndex, uint8 v, bytes32 r, bytes32 s) = entryAt(signatures, offset);
            if (uint256(s) > _HALF_ORDER)
                revert ISequencerRegistry.SequencerRegistryInvalidSignature(offset / Constants.QUORUM_ENTRY_BYTES);
            address signer = ecrecover(digest, v, r, s);
            if (signer == address(0))
                revert ISequencerRegistry.SequencerRegistryInvalidSignature(offset / Constants.QUORUM_ENTRY_BYTES);
            if (signer <= previous) revert ISequencerRegistry.SequencerRegistryUnsortedSigners(previous, signer);
            if (memberIndex >= size) revert ISequencerRegistry.SequencerRegistrySignerNotActive(signer, memberIndex);
            uint256 member;
            assembly ("memory-safe") {
                member := sload(add(members.slot, memberIndex))
            }
            if (address(uint160(member)) != signer) {
                revert ISequencerRegistry.SequencerRegistrySignerNotActive(signer, memberIndex);
            }
            signedStake += uint88(member >> 160);
            previous = signer;
        }
        if (!isQuorum(signedStake, totalStake)) {
            revert ISequencerRegistry.SequencerRegistryInsufficientQuorum(signedStake, totalStake);
        }
    }
}
