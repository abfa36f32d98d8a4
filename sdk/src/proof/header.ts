import { StaticAbiEncoder, toUint, type UintLike } from "./abi";
import { bytesToHex, writeAddress, writeBytes32, type Address, type Bytes32Like, type Hex } from "./hex";
import { keccak256 } from "./keccak/keccak256";

/** A batch header (PROTOCOL section 2), the struct sequencers sign and BatchChain stores the hash of. */
export interface BatchHeader {
  readonly batchIndex: UintLike;
  readonly parentHash: Bytes32Like;
  readonly firstBlock: UintLike;
  readonly lastBlock: UintLike;
  readonly txCount: UintLike;
  readonly txBatchRoot: Bytes32Like;
  readonly stateBatchRoot: Bytes32Like;
  readonly depositCount: UintLike;
  readonly depositChainHash: Bytes32Like;
  readonly dataHash: Bytes32Like;
}

/** The EIP-712 domain of batch headers: fixed name and version, the L1 chain and the BatchChain contract. */
export interface BatchHeaderDomain {
  readonly name: typeof BATCH_HEADER_DOMAIN_NAME;
  readonly version: typeof BATCH_HEADER_DOMAIN_VERSION;
  readonly chainId: bigint;
  readonly verifyingContract: Address;
}

export const BATCH_HEADER_DOMAIN_NAME = "MetisL2";
export const BATCH_HEADER_DOMAIN_VERSION = "1";

/** EIP-712 types of the header, in the shape `signTypedData` of ethers and viem take. */
export const BATCH_HEADER_TYPES = {
  BatchHeader: [
    { name: "batchIndex", type: "uint64" },
    { name: "parentHash", type: "bytes32" },
    { name: "firstBlock", type: "uint64" },
    { name: "lastBlock", type: "uint64" },
    { name: "txCount", type: "uint32" },
    { name: "txBatchRoot", type: "bytes32" },
    { name: "stateBatchRoot", type: "bytes32" },
    { name: "depositCount", type: "uint64" },
    { name: "depositChainHash", type: "bytes32" },
    { name: "dataHash", type: "bytes32" },
  ],
} as const;

/** `encodeType` of the header (EIP-712): the string whose hash is the type hash. */
export const BATCH_HEADER_TYPE =
  "BatchHeader(uint64 batchIndex,bytes32 parentHash,uint64 firstBlock,uint64 lastBlock,uint32 txCount," +
  "bytes32 txBatchRoot,bytes32 stateBatchRoot,uint64 depositCount,bytes32 depositChainHash,bytes32 dataHash)";

/** keccak256 of {@link BATCH_HEADER_TYPE} (a literal so importing the module computes nothing; a test re-derives it). */
export const BATCH_HEADER_TYPEHASH: Hex = "0x7b5d8a2d4e0a2b90c6cc02c0ae2a377969330477ed1dab2f6b34bb735ee2276f";

/** keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"). */
export const EIP712_DOMAIN_TYPEHASH: Hex = "0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The domain for headers of the BatchChain at `verifyingContract` on the L1 chain `chainId`. */
export function batchHeaderDomain(chainId: UintLike, verifyingContract: Address): BatchHeaderDomain {
  writeAddress(verifyingContract, new Uint8Array(20), 0, "verifyingContract");
  return {
    name: BATCH_HEADER_DOMAIN_NAME,
    version: BATCH_HEADER_DOMAIN_VERSION,
    chainId: toUint(chainId, 256, "chainId"),
    verifyingContract,
  };
}

/** The EIP-712 domain separator of `domain`. */
export function domainSeparator(domain: BatchHeaderDomain): Hex {
  const encoded = new StaticAbiEncoder(5)
    .bytes32(EIP712_DOMAIN_TYPEHASH, "typeHash")
    .bytes32(keccak256(utf8(domain.name)), "name")
    .bytes32(keccak256(utf8(domain.version)), "version")
    .uint(domain.chainId, 256, "chainId")
    .address(domain.verifyingContract, "verifyingContract")
    .bytes();
  return bytesToHex(keccak256(encoded));
}

/** `headerHash`: the EIP-712 struct hash of `header`, which BatchChain stores and the next header's `parentHash` names. */
export function headerHash(header: BatchHeader): Hex {
  const encoded = new StaticAbiEncoder(11)
    .bytes32(BATCH_HEADER_TYPEHASH, "typeHash")
    .uint(header.batchIndex, 64, "batchIndex")
    .bytes32(header.parentHash, "parentHash")
    .uint(header.firstBlock, 64, "firstBlock")
    .uint(header.lastBlock, 64, "lastBlock")
    .uint(header.txCount, 32, "txCount")
    .bytes32(header.txBatchRoot, "txBatchRoot")
    .bytes32(header.stateBatchRoot, "stateBatchRoot")
    .uint(header.depositCount, 64, "depositCount")
    .bytes32(header.depositChainHash, "depositChainHash")
    .bytes32(header.dataHash, "dataHash")
    .bytes();
  return bytesToHex(keccak256(encoded));
}

/** The digest sequencers sign: `keccak256(0x1901 ++ domainSeparator ++ headerHash)`. */
export function headerDigest(header: BatchHeader, domain: BatchHeaderDomain): Hex {
  const message = new Uint8Array(66);
  message[0] = 0x19;
  message[1] = 0x01;
  writeBytes32(domainSeparator(domain), message, 2, "domainSeparator");
  writeBytes32(headerHash(header), message, 34, "headerHash");
  return bytesToHex(keccak256(message));
}
