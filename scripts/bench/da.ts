/**
 * DARequestManager gas (for `npm run bench:gas`; run alone with
 * `ts-node --transpile-only scripts/bench/da.ts`): a batch of at least 1,000 ERC-20 transfers on an in-process L2,
 * submitted by four sequencers on a fresh L1 (after a batch of the setup blocks), then
 *
 * - requestData: opening the request (the bond, the record, BatchChain's insecure mark);
 * - answer: the whole batch posted in chunks (each well under osaka's 2^24 transaction gas cap), summed:
 *   `answerGasPerByte` is that total over the raw transaction bytes posted, and `answerOverFloor` the total over the
 *   EIP-7623 calldata floor of the answer's own transactions (21,000 each plus 40 gas per non-zero and 10 per zero
 *   byte of their input): 1.0 means rebuilding the roots cost nothing beyond the price of the bytes.
 *   `l2TransactionsFloor` is, for comparison, the floor of the same L2 transactions sent to L1 one by one;
 * - expire: an unanswered request on a second fresh L1 over the same L2, at its deadline (rollback, four slashed).
 */
import { getBytes, type ContractTransactionReceipt } from "ethers";
import hre from "hardhat";

import { TestERC20__factory } from "../../sdk/src/contracts/typechain";
import { bootstrapL2Bridge, createL2Chain, type L2Chain } from "../../sdk/src/node";
import { decodeBatchData } from "../../sdk/src/proof";
import { forgeBatch, type ForgeTarget } from "../lib/forge";
import { deployWithSequencers, STAKE } from "../lib/l1-harness";
import { seededAddress } from "../lib/seeded";

/** ERC-20 transfers in the batch. */
const TRANSFERS = 1_000;
/** Transfers per L2 block. */
const PER_BLOCK = 250;
/** Transactions per answer chunk. */
const CHUNK = 250;

export interface DaGas {
  readonly requestData: number;
  readonly expire: number;
  /** Total gas of the answer's chunks. */
  readonly answer: number;
  readonly answerChunks: number;
  /** Most gas of one chunk (must stay under 2^24). */
  readonly answerMaxChunk: number;
  readonly answerTransactions: number;
  readonly answerBytes: number;
  /** EIP-7623 floor of the answer's transactions (their whole input, ABI encoding included). */
  readonly calldataFloor: number;
  /** EIP-7623 floor of the posted L2 transactions sent to L1 one by one. */
  readonly l2TransactionsFloor: number;
  readonly answerGasPerByte: number;
  readonly answerOverFloor: number;
}

const gasOf = (receipt: ContractTransactionReceipt | null): number => Number(receipt!.gasUsed);

/** The L2 with its bridge and `TRANSFERS` ERC-20 transfers in blocks of `PER_BLOCK` after `setupBlock`. */
async function l2WithTransfers(): Promise<{ l2: L2Chain; setupBlock: bigint }> {
  const l2 = await createL2Chain(hre);
  await bootstrapL2Bridge(l2);
  const token = await (await new TestERC20__factory(l2.users[0]!).deploy("Bench", "BNCH")).waitForDeployment();
  for (const user of l2.users) await (await token.mint(user.address, 10n ** 24n)).wait();
  const setupBlock = BigInt(await l2.provider.getBlockNumber());
  await l2.provider.send("evm_setAutomine", [false]);
  try {
    const nonces = await Promise.all(l2.users.map((user) => l2.provider.getTransactionCount(user.address, "pending")));
    for (let i = 0; i < TRANSFERS; i++) {
      const u = i % l2.users.length;
      await token.connect(l2.users[u]!).transfer(seededAddress(`bench da recipient ${i % 50}`), 1n + BigInt(i), {
        nonce: nonces[u]!++,
        gasLimit: 60_000,
      });
      if ((i + 1) % PER_BLOCK === 0 || i + 1 === TRANSFERS) await l2.provider.send("evm_mine", []);
    }
  } finally {
    await l2.provider.send("evm_setAutomine", [true]);
  }
  return { l2, setupBlock };
}

/**
 * A fresh L1 with four sequencers, batch 1 of the setup blocks (bridge, token deployment, mints) and batch 2 of the
 * transfers submitted; batch 2 is the one measured.
 */
async function submitted(l2: L2Chain, setupBlock: bigint) {
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
  await forgeBatch(target, {}, { lastBlock: setupBlock });
  const batch = await forgeBatch(target);
  const [, , , , , , requester, poster] = await hre.ethers.getSigners();
  return { l1, batch, requester: requester!, poster: poster! };
}

/** EIP-7623's floor of a transaction whose input is `raw`. */
function floorOf(raw: string): number {
  let gas = 21_000;
  for (const byte of getBytes(raw)) gas += byte === 0 ? 10 : 40;
  return gas;
}

export async function measureDa(): Promise<DaGas> {
  const { l2, setupBlock } = await l2WithTransfers();

  const { l1, batch, requester, poster } = await submitted(l2, setupBlock);
  const da = l1.daRequestManager;
  const bond = await da.daRequestBond();
  const requestData = gasOf(
    await (await da.connect(requester).requestData(batch.header.batchIndex, { value: bond })).wait(),
  );
  const entries = decodeBatchData(batch.data).blocks.flatMap((block) =>
    block.transactions.map((raw, indexInBlock) => ({ l2BlockNumber: block.number, indexInBlock, raw })),
  );
  if (entries.length < TRANSFERS) throw new Error(`the batch holds ${entries.length} transactions`);
  const chunks: number[] = [];
  let calldataFloor = 0;
  for (let from = 0; from < entries.length; from += CHUNK) {
    const last = from + CHUNK >= entries.length;
    const leaves = last ? batch.blockLeaves : [];
    const receipt = await (
      await da.connect(poster).answer(batch.header, chunks.length, entries.slice(from, from + CHUNK), leaves)
    ).wait();
    chunks.push(gasOf(receipt));
    calldataFloor += floorOf((await hre.ethers.provider.getTransaction(receipt!.hash))!.data);
  }
  if ((await da.request(batch.hash)).status !== 2n) throw new Error("the answer was not accepted");
  const answer = chunks.reduce((a, b) => a + b, 0);
  const answerBytes = entries.reduce((sum, entry) => sum + getBytes(entry.raw).length, 0);
  const l2TransactionsFloor = entries.reduce((sum, entry) => sum + floorOf(entry.raw), 0);

  const unanswered = await submitted(l2, setupBlock);
  const other = unanswered.l1.daRequestManager;
  await (
    await other.connect(unanswered.requester).requestData(unanswered.batch.header.batchIndex, { value: bond })
  ).wait();
  const { deadline } = await other.request(unanswered.batch.hash);
  await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(deadline)]);
  const expire = gasOf(await (await other.expire(unanswered.batch.header, unanswered.batch.signatures)).wait());

  return {
    requestData,
    expire,
    answer,
    answerChunks: chunks.length,
    answerMaxChunk: Math.max(...chunks),
    answerTransactions: entries.length,
    answerBytes,
    calldataFloor,
    l2TransactionsFloor,
    answerGasPerByte: Math.round((answer / answerBytes) * 100) / 100,
    answerOverFloor: Math.round((answer / calldataFloor) * 1000) / 1000,
  };
}

if (require.main === module) {
  measureDa()
    .then((gas) => console.log(JSON.stringify(gas, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
