/**
 * Forged batches on L1 for the signer tests: a colluding quorum signs a header with the sequencer keys directly,
 * skipping every check (and every signing record) of the SDK, and the scheduled proposer submits it.
 */
import { keccak256, toUtf8Bytes } from "ethers";

import type { ContractTransactionReceipt } from "ethers";

import { BATCH_HEADER_TYPES, type BatchHeader, type Hex } from "../../sdk/src/proof";
import { buildBatch, type BuiltBatch } from "../../sdk/src/sequencer/batch-builder";
import { readL2Blocks } from "../../sdk/src/sequencer/l2-reader";
import { packQuorumSignatures } from "../../sdk/src/sequencer/quorum";

import { scheduled, type Rollup } from "./rollup";

/** `header` signed by every sequencer key of `r` directly, packed for submitBatch (no SDK check, no record). */
export async function colludingQuorum(r: Rollup, header: BatchHeader): Promise<Hex> {
  const domain = await r.sequencers[0]!.domain();
  const types = { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] };
  const signatures = await Promise.all(r.sequencers.map((s) => s.config.key.signTypedData(domain, types, header)));
  const digest = (await r.l1.batchChain.headerDigest(header)) as Hex;
  const members = (await r.l1.registry.members()).map((member) => member.signer);
  return packQuorumSignatures(digest, signatures, members);
}

/** A forged batch on L1 and the honest one it replaced. */
export interface ForgedParent {
  /** The batch the scheduled proposer built honestly from the L2. */
  readonly honest: BuiltBatch;
  /** The batch submitted instead: the same blocks and data object, the last block's withdrawal root forged. */
  readonly forged: BuiltBatch;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * Commits a forged next batch: the scheduled proposer builds the honest batch (relaying deposits, storing its data
 * object), then the same L2 blocks are batched again with the last block's withdrawal root replaced, the root a thief
 * would forge to withdraw what the L2 never burnt. The data object is unchanged (it holds no withdrawal roots), so
 * only re-deriving the block leaves from the L2 shows the forgery.
 */
export async function submitForgedParent(r: Rollup): Promise<ForgedParent> {
  const proposer = await scheduled(r);
  const honest = await proposer.buildNextBatch();
  const { batchIndex, parentHash, firstBlock, lastBlock } = honest.header;
  const blocks = await readL2Blocks(r.l2.provider, r.l2.bridgeAddress, firstBlock, lastBlock);
  const forgedRoot = keccak256(toUtf8Bytes("forged withdrawal root")) as Hex;
  const tampered = blocks.map((block, i) =>
    i === blocks.length - 1 ? { ...block, withdrawalRoot: forgedRoot } : block,
  );
  const forged = buildBatch(batchIndex, parentHash as Hex, tampered);
  const receipt = await proposer.submit(forged, await colludingQuorum(r, forged.header));
  return { honest, forged, receipt };
}
