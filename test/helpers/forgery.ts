/**
 * Forged batches for the verifier's tests: a quorum that signs whatever it likes. The batch over the L2's next blocks
 * is built honestly, then the plan changes its leaves, RLP headers, transactions or header fields, every sequencer key
 * signs the result and the scheduled proposer submits it. What is stored in the DA store (data object, sidecar) is up
 * to the plan. (test/helpers/forge.ts is the DisputeManager tests' own helper; this one is the verifier's.)
 */
import { getBytes, type Wallet } from "ethers";
import { ethers } from "hardhat";

import {
  batchDataHash,
  batchHeaderDomain,
  BATCH_HEADER_TYPES,
  blockLeaf,
  encodeBatchData,
  encodeSidecar,
  headerDigest,
  headerHash,
  keccak256,
  merkleRoot,
  rlpDecode,
  rlpEncode,
  sidecarKey,
  txLeaf,
  type Address,
  type Hex,
  type RlpItem,
  type RlpNode,
} from "../../sdk/src/proof";
import { readRpcHeader } from "../../sdk/src/sequencer/block-headers";
import { latestBlockNumber, readL2Blocks } from "../../sdk/src/sequencer/l2-reader";
import { packQuorumSignatures } from "../../sdk/src/sequencer/quorum";
import type { HeaderValue } from "../../sdk/src/verifier/types";

import { scheduled, type Rollup } from "./rollup";

/** One block of a forgery in the making: its leaf fields, RLP header and the data object's transactions. */
export interface ForgedBlock {
  number: bigint;
  timestamp: bigint;
  stateRoot: Hex;
  withdrawalRoot: Hex;
  rlpHeader: Hex;
  /** The data object's timestamp and raw transactions of this block. */
  dataTimestamp: bigint;
  transactions: Hex[];
}

export interface ForgeryPlan {
  /** Changes the blocks (leaves, RLP headers, data transactions) before the roots are computed. */
  readonly blocks?: (blocks: ForgedBlock[]) => void | Promise<void>;
  /** Changes header fields after the roots are computed. */
  readonly header?: (header: HeaderValue) => HeaderValue;
  /** Last L2 block of the batch (default the L2's head). */
  readonly lastBlock?: bigint;
  /** Whether to store the data object and the sidecar (default both). */
  readonly storeData?: boolean;
  readonly storeSidecar?: boolean;
  /** Which of the rollup's sequencers sign it (default all): indices into `r.sequencers`. */
  readonly signers?: readonly number[];
}

export interface Forgery {
  readonly header: HeaderValue;
  readonly headerHash: Hex;
  readonly signatures: Hex;
  readonly data: Uint8Array;
  readonly sidecar: Uint8Array;
  readonly blocks: readonly ForgedBlock[];
}

/** The EIP-712 domain of `r`'s BatchChain. */
export async function domainOf(r: Rollup) {
  const { chainId } = await ethers.provider.getNetwork();
  return batchHeaderDomain(chainId, r.addresses.batchChain as Address);
}

/** Signs `header` with `key` (EIP-712), as a sequencer does. */
export async function signHeader(r: Rollup, key: Wallet, header: HeaderValue): Promise<Hex> {
  return (await key.signTypedData(
    await domainOf(r),
    { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] },
    header,
  )) as Hex;
}

/** An RLP header with one field replaced (fields in consensus order: 0 parentHash, 3 stateRoot, 8 number, ...). */
export function withHeaderField(rlpHeader: Hex, field: number, value: Uint8Array): Hex {
  const node = rlpDecode(getBytes(rlpHeader));
  const items = (node.value as readonly RlpNode[]).map((item) => item.value as Uint8Array);
  items[field] = value;
  return ethers.hexlify(rlpEncode(items as RlpItem)) as Hex;
}

/**
 * Builds the next batch over the L2's unbatched blocks, applies `plan`, has every sequencer sign it and the scheduled
 * proposer submit it. Returns what was committed.
 */
export async function forgeNext(r: Rollup, plan: ForgeryPlan = {}): Promise<Forgery> {
  const proposer = await scheduled(r);
  const batchChain = r.l1.batchChain.connect(proposer.config.key);
  const batchCount = await batchChain.batchCount();
  const [lastCommitted] = await batchChain.tip();
  const parentHash = (await batchChain.headerHash(batchCount - 1n)) as Hex;
  const lastBlock = plan.lastBlock ?? (await latestBlockNumber(r.l2.provider));
  const read = await readL2Blocks(r.l2.provider, r.l2.bridgeAddress, lastCommitted + 1n, lastBlock);
  const blocks: ForgedBlock[] = [];
  for (const block of read) {
    blocks.push({
      number: block.number,
      timestamp: block.timestamp,
      stateRoot: block.stateRoot,
      withdrawalRoot: block.withdrawalRoot,
      rlpHeader: (await readRpcHeader(r.l2.provider, block.number))!.rlpHeader,
      dataTimestamp: block.timestamp,
      transactions: block.transactions.map((transaction) => transaction.raw),
    });
  }
  await plan.blocks?.(blocks);
  const data = encodeBatchData({
    batchIndex: batchCount,
    // The data object keeps the L2's block numbers (it must be contiguous), whatever the leaves claim.
    blocks: blocks.map((block, b) => ({ ...block, number: read[b]!.number, timestamp: block.dataTimestamp })),
  });
  const txLeaves = blocks.flatMap((block, b) =>
    block.transactions.map((raw, indexInBlock) =>
      txLeaf({ l2BlockNumber: read[b]!.number, indexInBlock, txHash: keccak256(getBytes(raw)) }),
    ),
  );
  const blockHash = (block: ForgedBlock) => ethers.hexlify(keccak256(getBytes(block.rlpHeader))) as Hex;
  const last = read.at(-1)!;
  let header: HeaderValue = {
    batchIndex: batchCount,
    parentHash,
    firstBlock: lastCommitted + 1n,
    lastBlock,
    txCount: txLeaves.length,
    txBatchRoot: merkleRoot(txLeaves),
    stateBatchRoot: merkleRoot(blocks.map((block) => blockLeaf({ ...block, blockHash: blockHash(block) }))),
    depositCount: last.depositCount,
    depositChainHash: last.depositChainHash,
    dataHash: batchDataHash(data),
  };
  header = plan.header?.(header) ?? header;
  const sidecar = encodeSidecar({ headerHash: headerHash(header), blocks });
  if (plan.storeData ?? true) await r.store.put(header.dataHash, data);
  if (plan.storeSidecar ?? true) await r.store.put(sidecarKey(headerHash(header)), sidecar);
  const signing = plan.signers?.map((i) => r.sequencers[i]!) ?? r.sequencers;
  const signatures = await Promise.all(signing.map((sequencer) => signHeader(r, sequencer.config.key, header)));
  const members = (await r.l1.registry.members()).map((member) => member.signer);
  const packed = packQuorumSignatures(headerDigest(header, await domainOf(r)), signatures, members);
  await (await batchChain.submitBatch(header, packed)).wait();
  return { header, headerHash: headerHash(header), signatures: packed, data, sidecar, blocks };
}
