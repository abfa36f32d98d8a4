/**
 * `@metis-l2/protocol/proof`: the protocol's encodings, Merkle trees, header hashing and data objects. Pure and
 * synchronous: no Node built-ins, no network, no `Buffer`; safe in browsers and wallets.
 */
export { toUint, type UintLike } from "./abi";
export * from "./constants";
export {
  blockHeaderHash,
  decodeBlockHeader,
  encodeBlockHeader,
  type BlockHeaderFields,
  type DecodedBlockHeader,
} from "./block-header";
export { executionDisputeId, voteCommitment } from "./disputes";
export {
  depositChainHash,
  depositHash,
  EMPTY_DEPOSIT_CHAIN,
  nextDepositChainHash,
  withdrawalHash,
  type DepositInput,
  type WithdrawalInput,
} from "./bridge-hashes";
export {
  BATCH_DATA_VERSION,
  batchDataHash,
  decodeBatchData,
  encodeBatchData,
  type BatchData,
  type BatchDataBlock,
  type BatchDataInput,
} from "./data-object";
export {
  BATCH_HEADER_DOMAIN_NAME,
  BATCH_HEADER_DOMAIN_VERSION,
  BATCH_HEADER_TYPE,
  BATCH_HEADER_TYPEHASH,
  BATCH_HEADER_TYPES,
  batchHeaderDomain,
  domainSeparator,
  EIP712_DOMAIN_TYPEHASH,
  headerDigest,
  headerHash,
  type BatchHeader,
  type BatchHeaderDomain,
} from "./header";
export { bytes32, bytesToHex, hexToBytes, ZERO_HASH, type Address, type Bytes32Like, type Hex } from "./hex";
export { IncrementalMerkleTree } from "./incremental";
export { keccak256 } from "./keccak/keccak256";
export { blockLeaf, txLeaf, type BlockLeafInput, type TxLeafInput } from "./leaves";
export {
  computeMerkleRoot,
  MAX_TREE_DEPTH,
  merkleRoot,
  MerkleTree,
  treeHeight,
  verifyMerkleProof,
  zeroHash,
  type MerkleProofParameters,
  type MerkleTreeOptions,
} from "./merkle";
export { MAX_RLP_DEPTH, rlpDecode, rlpEncode, type RlpItem, type RlpNode } from "./rlp";
export {
  checkSidecar,
  decodeSidecar,
  encodeSidecar,
  isSidecar,
  SIDECAR_TAG,
  SIDECAR_VERSION,
  sidecarKey,
  type BatchSidecar,
  type CommittedBlockLeaf,
  type SidecarBlock,
  type SidecarInput,
} from "./sidecar";
export {
  EMPTY_WITHDRAWAL_ROOT,
  encodeBlockProof,
  encodeCompactProof,
  finalizeWithdrawalArguments,
  NO_WITHDRAWAL_ROOT,
  verifyTxInclusion,
  verifyWithdrawalProof,
  type TrustedHeader,
  type TxInclusionProof,
  type VerificationResult,
  type VerificationStep,
  type WithdrawalProof,
} from "./verify";
export * from "../errors/base";
export * from "../errors/proof";
