/**
 * DisputeManager gas for `npm run bench:gas`: one transaction per structural challenge against a forged batch of 64
 * L2 blocks on an in-process L2 whose state trie holds over 10,000 accounts (funded before the proven blocks), with
 * four sequencers that all signed the batch, so every conviction slashes four (the registry's slash is most of the
 * cost; the table shows the same header challenge presenting one signature). Each conviction slashes its signers out
 * of the epoch, so each runs against a fresh L1 deployment over the same L2.
 *
 * - challengeHeader: a leaf's state root forged (the RLP header proves it).
 * - challengeParentLink: a leaf naming a later block's hash, whose header names another parent.
 * - challengeBridgeStorage: the last leaf's withdrawal root forged (slot 2), against the state with 10,000+ accounts.
 * - challengeTxRoot (challengeTxInclusion): a transaction swapped in a block of 100 transfers.
 * - challengeEquivocation: two headers for one batch index and parent signed by one sequencer.
 */
import { parseEther, Wallet, type ContractTransactionReceipt, type Signer } from "ethers";
import hre from "hardhat";

import { Fanout__factory } from "../../sdk/src/contracts/typechain";
import { bootstrapL2Bridge, createL2Chain, L2_CHAIN_ID, type L2Chain } from "../../sdk/src/node";
import type { BatchHeader, Hex } from "../../sdk/src/proof";
import { Challenger } from "../../sdk/src/verifier/challenger";
import { contextOf, forgeBatch, packSignatures, signHeaderWith, type ForgeTarget, type Forgery } from "../lib/forge";
import { deployWithSequencers, STAKE } from "../lib/l1-harness";
import { seededAddress, seededWord } from "../lib/seeded";

/** Accounts the L2 state holds at least when a bridge slot is proven. */
export const STATE_ACCOUNTS = 10_000;
/** Accounts funded per L2 transaction (about 35,000 gas each, under the 2^24 transaction gas cap). */
const FUNDED_PER_TX = 400;
/** Blocks in the challenged batch: a block tree of height 6. */
const BATCH_BLOCKS = 64;
/** Transfers in the block whose transaction is swapped. */
const BUSY_BLOCK_TXS = 100;

export interface DisputeGas {
  readonly challengeHeader: number;
  readonly challengeHeaderOneSignature: number;
  readonly challengeParentLink: number;
  readonly challengeBridgeStorage: number;
  readonly challengeTxRoot: number;
  readonly challengeEquivocation: number;
  /** Accounts in the L2 state when the bridge slot is proven, and the proof's shape. */
  readonly stateAccounts: number;
  readonly accountProofNodes: number;
  readonly storageProofNodes: number;
  readonly busyBlockTransactions: number;
}

/** One L2 block holding `count` transfers (automine paused while they are sent). */
async function busyBlock(l2: L2Chain, count: number): Promise<void> {
  await l2.provider.send("evm_setAutomine", [false]);
  try {
    for (let i = 0; i < count; i++) {
      const from = l2.users[i % l2.users.length]!;
      const nonce = await l2.provider.getTransactionCount(from.address, "pending");
      await from.sendTransaction({ to: seededAddress("bench recipient"), value: 1n, nonce, gasLimit: 21_000 });
    }
    await l2.provider.send("evm_mine", []);
  } finally {
    await l2.provider.send("evm_setAutomine", [true]);
  }
}

/** The L2: the bridge, 10,000 funded accounts, two withdrawals, a block of 100 transfers, filler up to 64 blocks. */
async function l2WithState(): Promise<{ l2: L2Chain; busy: number }> {
  const l2 = await createL2Chain(hre);
  const bridge = await bootstrapL2Bridge(l2);
  const fanout = await new Fanout__factory(l2.users[9]!).deploy();
  for (let funded = 0; funded < STATE_ACCOUNTS; funded += FUNDED_PER_TX) {
    const tx = await fanout.fund(seededWord("bench accounts"), FUNDED_PER_TX, {
      value: FUNDED_PER_TX,
      gasLimit: 16_000_000,
    });
    await tx.wait();
  }
  for (const user of l2.users.slice(0, 2)) {
    await (await bridge.connect(user).withdraw(seededAddress("bench l1To"), { value: parseEther("1") })).wait();
  }
  await busyBlock(l2, BUSY_BLOCK_TXS);
  const busy = (await l2.provider.getBlockNumber()) - 1; // leaf index: batches start at block 1
  while ((await l2.provider.getBlockNumber()) < BATCH_BLOCKS) {
    await (await l2.users[3]!.sendTransaction({ to: seededAddress("bench filler"), value: 1n })).wait();
  }
  return { l2, busy };
}

/** A fresh L1 with four staked sequencers, a forger over `l2`, and a prover's Challenger. */
async function freshL1(l2: L2Chain) {
  const l1 = await deployWithSequencers(4, { minMembers: 4, minEpochStake: 4n * STAKE, rotationTimeout: 3600 });
  // The treasury (the timelock) already holds tokens, as it does after the first slash ever: a slash then pays
  // into a balance that exists, not the one-off 20,000 of a new slot.
  await (await l1.token.transfer(await l1.timelock.getAddress(), 1n)).wait();
  const target: ForgeTarget = {
    batchChain: l1.batchChain,
    registry: l1.registry,
    l2,
    keys: l1.sequencers.map((s) => s.signer),
  };
  const [, , , , , proverSigner] = await hre.ethers.getSigners();
  const prover: Signer = proverSigner!;
  const challenger = new Challenger({
    signer: prover,
    disputeManager: await l1.disputeManager.getAddress(),
    registry: await l1.registry.getAddress(),
  });
  return { l1, target, challenger };
}

const gasOf = (receipt: ContractTransactionReceipt): number => Number(receipt.gasUsed);

/** A signed L2 transfer that was never sent. */
async function unsentTransaction(): Promise<Hex> {
  return (await new Wallet(seededWord("bench unsent")).signTransaction({
    type: 2,
    chainId: L2_CHAIN_ID,
    nonce: 0,
    maxFeePerGas: 2_000_000_000n,
    maxPriorityFeePerGas: 1n,
    gasLimit: 21_000n,
    to: seededAddress("bench unsent recipient"),
    value: 1n,
  })) as Hex;
}

export async function measureDisputes(): Promise<DisputeGas> {
  const { l2, busy } = await l2WithState();
  const lastBlock = BigInt(BATCH_BLOCKS);

  /** Forges the batch over blocks 1..64 with `forgery` on a fresh L1, signed by `signers` of the four (default all). */
  async function forged(forgery: Forgery, signers?: number) {
    const fresh = await freshL1(l2);
    const batch = await forgeBatch(fresh.target, forgery, { lastBlock });
    if (signers === undefined) return { ...fresh, batch };
    // Present only the first `signers` signatures (the batch itself carried all four).
    const keys = fresh.target.keys.slice(0, signers);
    return { ...fresh, batch: { ...batch, signatures: await packSignatures(fresh.target, batch.header, keys) } };
  }

  const stateRoot: Forgery = {
    leaves: (leaves) => void (leaves[40] = { ...leaves[40]!, stateRoot: seededWord("bench root") }),
  };
  const header = await forged(stateRoot);
  const headerGas = gasOf(
    (
      await header.challenger.challenge(
        { kind: "stateRoot", batchIndex: 1n, leafIndex: 40 },
        contextOf(l2.provider, header.batch),
      )
    ).receipt,
  );
  const one = await forged(stateRoot, 1);
  const oneGas = gasOf(
    (
      await one.challenger.challenge(
        { kind: "stateRoot", batchIndex: 1n, leafIndex: 40 },
        contextOf(l2.provider, one.batch),
      )
    ).receipt,
  );

  const link = await forged({ leaves: (leaves) => void (leaves[41] = { ...leaves[42]!, number: leaves[41]!.number }) });
  const linkGas = gasOf(
    (
      await link.challenger.challenge(
        { kind: "parentLink", batchIndex: 1n, leafIndex: 41 },
        contextOf(l2.provider, link.batch),
      )
    ).receipt,
  );

  const last = BATCH_BLOCKS - 1;
  const storage = await forged({
    leaves: (leaves) => void (leaves[last] = { ...leaves[last]!, withdrawalRoot: seededWord("bench stolen root") }),
  });
  const storageResult = await storage.challenger.challenge(
    { kind: "withdrawalRoot", batchIndex: 1n, leafIndex: last },
    contextOf(l2.provider, storage.batch),
  );
  const proof = (await l2.provider.send("eth_getProof", [
    l2.bridgeAddress,
    [`0x${"2".padStart(64, "0")}`],
    `0x${lastBlock.toString(16)}`,
  ])) as { accountProof: string[]; storageProof: { proof: string[] }[] };

  const swapped = await unsentTransaction();
  const tx = await forged({ transactions: (txs) => void (txs[busy]![57] = swapped) });
  const position = tx.batch.txLeaves.findIndex(
    (leaf) => BigInt(leaf.l2BlockNumber) === BigInt(busy + 1) && Number(leaf.indexInBlock) === 57,
  );
  const txGas = gasOf(
    (
      await tx.challenger.challenge(
        { kind: "transactionHash", batchIndex: 1n, position },
        contextOf(l2.provider, tx.batch),
      )
    ).receipt,
  );

  const equivocation = await freshL1(l2);
  const honest = await forgeBatch(equivocation.target, {}, { lastBlock, submit: false });
  const other: BatchHeader = {
    ...honest.header,
    lastBlock: lastBlock - 1n,
    stateBatchRoot: seededWord("bench other root"),
  };
  const key = equivocation.target.keys[0]!;
  const signatures = [
    await signHeaderWith(equivocation.target, key, honest.header),
    await signHeaderWith(equivocation.target, key, other),
  ] as const;
  const equivocationGas = gasOf(
    (
      await equivocation.challenger.challenge({
        kind: "equivocation",
        batchIndex: 1n,
        signer: key.address,
        headers: [honest.header, other],
        signatures,
      })
    ).receipt,
  );

  return {
    challengeHeader: headerGas,
    challengeHeaderOneSignature: oneGas,
    challengeParentLink: linkGas,
    challengeBridgeStorage: gasOf(storageResult.receipt),
    challengeTxRoot: txGas,
    challengeEquivocation: equivocationGas,
    stateAccounts: STATE_ACCOUNTS,
    accountProofNodes: proof.accountProof.length,
    storageProofNodes: proof.storageProof[0]!.proof.length,
    busyBlockTransactions: BUSY_BLOCK_TXS,
  };
}
