// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {IDisputeManager} from "../interfaces/IDisputeManager.sol";
import {ISequencerRegistry} from "../interfaces/ISequencerRegistry.sol";
import {Constants} from "./Constants.sol";
import {QuorumLib} from "./QuorumLib.sol";

/// @title SignerLib
/// @notice Who signed a convicted header: the registered signer keys of a submitted quorum, checked one by one against
///         the header's digest. Used by DisputeManager and its {DisputeLogic}.
library SignerLib {
    /// @notice The signer keys of `signatures` over `digest` (strictly ascending) that `registry` knows and `skip`
    ///         (strictly ascending) does not hold, with their sequencers: `found` of each, the arrays trimmed to that
    ///         length.
    /// @dev Reverts with DisputeManager's errors: a length that is not whole entries, a signature that does not
    ///      recover, keys out of order.
    /// @param digest The EIP-712 digest the sequencers signed.
    /// @param signatures The quorum signatures as submitted (ISequencerRegistry's packing).
    /// @param skip Keys already slashed for this header.
    /// @param registry The SequencerRegistry that maps keys to sequencers.
    /// @return signers The signer keys found, strictly ascending (those that recover, minus `skip` and the keys
    ///         `registry` no longer knows).
    /// @return sequencers Their sequencers (staking accounts), in the same order.
    /// @return found How many there are: the length of both arrays.
    function newSigners(
        bytes32 digest,
        bytes calldata signatures,
        address[] memory skip,
        ISequencerRegistry registry
    ) internal view returns (address[] memory signers, address[] memory sequencers, uint256 found) {
        uint256 length = signatures.length;
        if (length % Constants.QUORUM_ENTRY_BYTES != 0) {
            revert IDisputeManager.DisputeManagerMalformedSignatures(length);
        }
        uint256 entries = length / Constants.QUORUM_ENTRY_BYTES;
        signers = new address[](entries);
        sequencers = new address[](entries);
        address previous;
        uint256 skipped;
        for (uint256 i; i < entries; ++i) {
            address signer = _signerAt(digest, signatures, i);
            if (signer <= previous) revert IDisputeManager.DisputeManagerUnsortedSigners(previous, signer);
            previous = signer;
            while (skipped < skip.length && skip[skipped] < signer) ++skipped;
            if (skipped < skip.length && skip[skipped] == signer) continue;
            // A key the registry no longer knows belongs to a sequencer that withdrew: nothing to take, and it must
            // not stop the others' conviction.
            address sequencer = registry.sequencerOf(signer);
            if (sequencer == address(0)) continue;
            signers[found] = signer;
            sequencers[found] = sequencer;
            ++found;
        }
        assembly ("memory-safe") {
            mstore(signers, found)
            mstore(sequencers, found)
        }
    }

    /// @dev The signer of entry `i` of `signatures` over `digest`; reverts naming `i` when it does not recover.
    function _signerAt(bytes32 digest, bytes calldata signatures, uint256 i) private pure returns (address) {
        (, uint8 v, bytes32 r, bytes32 s) = QuorumLib.entryAt(signatures, i * Constants.QUORUM_ENTRY_BYTES);
        (address signer, ECDSA.RecoverError error, ) = ECDSA.tryRecover(digest, v, r, s);
        if (error != ECDSA.RecoverError.NoError) revert IDisputeManager.DisputeManagerInvalidSignature(i);
        return signer;
    }
}
