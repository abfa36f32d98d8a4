/**
 * The execution dispute's two hashes, as DisputeManager and VerifierRegistry compute them: the dispute's id and a
 * verifier's vote commitment. Pure, like the rest of the proof module.
 */
import { StaticAbiEncoder, type UintLike } from "./abi";
import { bytesToHex, type Bytes32Like, type Hex } from "./hex";
import { keccak256 } from "./keccak/keccak256";

/**
 * `keccak256(abi.encode(bytes32 headerHash, uint256 leafIndex))`: the id of the execution dispute against block leaf
 * `leafIndex` of the header hashing to `headerHash` (DisputeManager.executionDisputeId). One dispute per header and
 * leaf, ever.
 */
export function executionDisputeId(headerHash: Bytes32Like, leafIndex: UintLike): Hex {
  const encoded = new StaticAbiEncoder(2).bytes32(headerHash, "headerHash").uint(leafIndex, 256, "leafIndex").bytes();
  return bytesToHex(keccak256(encoded));
}

/**
 * `keccak256(abi.encode(bytes32 id, bool uphold, bytes32 salt, address voter))`: the commitment `voter` sends to
 * `commitVote` for its vote `uphold` in dispute `id` (VerifierRegistry.commitmentOf). The voter's address is in it, so
 * no one can copy another verifier's commitment.
 */
export function voteCommitment(id: Bytes32Like, uphold: boolean, salt: Bytes32Like, voter: string): Hex {
  const encoded = new StaticAbiEncoder(4)
    .bytes32(id, "id")
    .uint(uphold ? 1 : 0, 8, "uphold")
    .bytes32(salt, "salt")
    .address(voter, "voter")
    .bytes();
  return bytesToHex(keccak256(encoded));
}
