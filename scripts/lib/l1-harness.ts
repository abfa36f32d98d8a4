/**
 * The L1 contracts without an L2, for tests and the gas benchmark: a deployment with staked sequencers and a started
 * epoch, and functions that build, sign and submit batch headers (with made-up roots) the way sequencers do.
 */
import { ZeroHash, parseEther, type Signer, type Wallet } from "ethers";
import { ethers } from "hardhat";

import { deployL1, type DeployL1Options, type L1Contracts, type L1Parameters } from "../../sdk/src/node";
import {
  BATCH_HEADER_TYPES,
  blockLeaf,
  headerHash,
  MerkleTree,
  type BatchHeader,
  type BlockLeafInput,
  type Hex,
} from "../../sdk/src/proof";
import type { SequencerRegistry } from "../../sdk/src/contracts";
import { startNextEpoch } from "../../sdk/src/sequencer/epochs";
import { packQuorumSignatures } from "../../sdk/src/sequencer/quorum";

import { mineTo } from "./mine";
import { seededWallet, seededWord } from "./seeded";

export const STAKE = parseEther("20000");

export const GENESIS = {
  number: 0n,
  timestamp: 1_700_000_000n,
  blockHash: seededWord("genesis blockHash"),
  stateRoot: seededWord("genesis stateRoot"),
  withdrawalRoot: ZeroHash as Hex,
};

/** A staked sequencer: the account that staked and the key that signs and proposes. */
export interface TestSequencer {
  readonly account: Wallet;
  readonly signer: Wallet;
}

export interface L1Fixture extends L1Contracts {
  readonly deployer: Signer;
  readonly sequencers: TestSequencer[];
}

export async function fundedWallet(ether = "100"): Promise<Wallet> {
  const wallet = seededWallet("funded wallet", ethers.provider);
  await ethers.provider.send("hardhat_setBalance", [wallet.address, `0x${parseEther(ether).toString(16)}`]);
  return wallet;
}

/** Stakes `amount` for a new sequencer with a fresh signer key. */
export async function addSequencer(l1: L1Contracts, deployer: Signer, amount = STAKE): Promise<TestSequencer> {
  const account = await fundedWallet();
  const signer = await fundedWallet();
  await (await l1.token.connect(deployer).transfer(account.address, amount)).wait();
  await (await l1.token.connect(account).approve(await l1.registry.getAddress(), amount)).wait();
  await (await l1.registry.connect(account).stake(amount, signer.address)).wait();
  return { account, signer };
}

/** Starts the next epoch in the registry's two steps, mining up to the seed block in between. */
export async function beginEpoch(registry: SequencerRegistry) {
  return startNextEpoch(registry, { waitForBlock: mineTo });
}

/**
 * Deploys the L1 contracts, stakes `count` sequencers and starts the first epoch. Epochs may start with a single
 * member here (`minMembers` 1, `minEpochStake` one minimum stake) unless `parameters` say otherwise; `options` may
 * name the guardian (set while the deployer still holds the roles).
 */
export async function deployWithSequencers(
  count: number,
  parameters: L1Parameters = {},
  stakes: bigint[] = [],
  options: Partial<Pick<DeployL1Options, "guardian">> = {},
): Promise<L1Fixture> {
  const [deployer] = await ethers.getSigners();
  const l1 = await deployL1(deployer!, {
    ...options,
    genesis: GENESIS,
    genesisBacking: 0n, // no L2 here, so no genesis float to back
    parameters: { maxSequencers: Math.max(count, 21), minMembers: 1, minEpochStake: STAKE, ...parameters },
  });
  const sequencers: TestSequencer[] = [];
  for (let i = 0; i < count; i++) sequencers.push(await addSequencer(l1, deployer!, stakes[i] ?? STAKE));
  if (count > 0) await beginEpoch(l1.registry);
  return { ...l1, deployer: deployer!, sequencers };
}

/** The next header after the chain's tip, with made-up (seeded) roots; `overrides` replace any field. */
export async function nextHeader(l1: L1Contracts, overrides: Partial<BatchHeader> = {}): Promise<BatchHeader> {
  const count = await l1.batchChain.batchCount();
  const [lastBlock, depositCount, depositChainHash] = await l1.batchChain.tip();
  return {
    batchIndex: count,
    parentHash: (await l1.batchChain.headerHash(count - 1n)) as Hex,
    firstBlock: lastBlock + 1n,
    lastBlock: lastBlock + 4n,
    txCount: 7,
    txBatchRoot: seededWord("header txBatchRoot"),
    stateBatchRoot: seededWord("header stateBatchRoot"),
    depositCount,
    depositChainHash: depositChainHash as Hex,
    dataHash: seededWord("header dataHash"),
    ...overrides,
  };
}

export const HEADER_TYPES = { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] };

export async function domainOf(l1: L1Contracts, chainId?: bigint, verifyingContract?: string) {
  return {
    name: "MetisL2",
    version: "1",
    chainId: chainId ?? (await ethers.provider.getNetwork()).chainId,
    verifyingContract: verifyingContract ?? (await l1.batchChain.getAddress()),
  };
}

/** Signatures of `signers` over `header`, packed for SequencerRegistry in the current epoch. */
export async function signHeader(l1: L1Contracts, header: BatchHeader, signers: readonly Wallet[]): Promise<Hex> {
  const domain = await domainOf(l1);
  const digest = (await l1.batchChain.headerDigest(header)) as Hex;
  const signatures = await Promise.all(signers.map((signer) => signer.signTypedData(domain, HEADER_TYPES, header)));
  const members = (await l1.registry.members()).map((member) => member.signer);
  return packQuorumSignatures(digest, signatures, members);
}

/** The sequencer scheduled to propose the next batch now. */
export async function scheduledSequencer(l1: L1Fixture): Promise<TestSequencer> {
  const count = await l1.batchChain.batchCount();
  const [, , , lastAcceptedAt] = await l1.batchChain.tip();
  // At the pending block's time (the wall clock, or a timestamp a test set), the time the submission will land at,
  // not the latest block's: a slow run (coverage) can pass a rotation timeout between two blocks.
  const [signer] = await l1.registry.scheduledProposer(count, lastAcceptedAt, { blockTag: "pending" });
  const sequencer = l1.sequencers.find((s) => s.signer.address === signer);
  if (!sequencer) throw new Error(`no test sequencer signs as ${signer}`);
  return sequencer;
}

/** Submits `header` (or the next header) from the scheduled proposer, signed by every sequencer. */
export async function submitNext(l1: L1Fixture, header?: BatchHeader, signers?: readonly Wallet[]) {
  const next = header ?? (await nextHeader(l1));
  const proposer = await scheduledSequencer(l1);
  const signatures = await signHeader(l1, next, signers ?? l1.sequencers.map((s) => s.signer));
  const receipt = await (await l1.batchChain.connect(proposer.signer).submitBatch(next, signatures)).wait();
  return { header: next, hash: headerHash(next), receipt: receipt! };
}

/** A batch of made-up block leaves under a real block tree, as {@link submitLeafBatch} submitted it. */
export interface LeafBatch {
  readonly header: BatchHeader;
  readonly leaves: BlockLeafInput[];
  readonly tree: MerkleTree;
  /** Every sequencer's signature, as submitted. */
  readonly signatures: Hex;
}

/**
 * Submits the next batch: `blocks` made-up block leaves (seeded by `label`) under a real block tree, signed by every
 * sequencer, so that leaves can be proven in it (execution disputes, with no L2 behind them).
 */
export async function submitLeafBatch(l1: L1Fixture, blocks: number, label = ""): Promise<LeafBatch> {
  const base = await nextHeader(l1);
  const leaves: BlockLeafInput[] = [];
  for (let i = 0; i < blocks; i++) {
    const number = BigInt(base.firstBlock) + BigInt(i);
    leaves.push({
      number,
      timestamp: GENESIS.timestamp + number,
      blockHash: seededWord(`${label}block ${number}`),
      stateRoot: seededWord(`${label}state ${number}`),
      withdrawalRoot: ZeroHash as Hex,
    });
  }
  const tree = MerkleTree.from(leaves.map(blockLeaf));
  const header = { ...base, lastBlock: BigInt(base.firstBlock) + BigInt(blocks - 1), stateBatchRoot: tree.root };
  const signatures = await signHeader(
    l1,
    header,
    l1.sequencers.map((s) => s.signer),
  );
  await submitNext(l1, header);
  return { header, leaves, tree, signatures };
}

/** Leaf `leafIndex` of `batch` with its proof, as DisputeManager takes it (no RLP header). */
export function leafEvidence(batch: LeafBatch, leafIndex: number) {
  return { leaf: batch.leaves[leafIndex]!, leafIndex, siblings: batch.tree.proof(leafIndex), rlpHeader: "0x" };
}
