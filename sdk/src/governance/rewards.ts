/**
 * The signers' rewards (RewardPool on L1): what an account can claim, its claim, and the settlement that credits the
 * signers of finalized batches with the signatures their `submitBatch` calldata carried.
 *
 * Settling is open to anyone and paid by the caller; a claim never walks batches. {@link settleBatches} walks the
 * finalized batches from a cursor, reads each one's submitted signatures back from L1, keeps those of current epoch
 * members not credited yet, and sends one `settle` per batch, at most `maxBatches` of them per call. A batch's reward
 * is fixed (and reserved) at its first settlement; later settlements during its settlement window pass that reward
 * back with the keys credited so far, both rebuilt from the pool's `BatchSettled` logs.
 */
import {
  AbiCoder,
  concat,
  dataSlice,
  getAddress,
  getBytes,
  hexlify,
  isAddress,
  keccak256,
  recoverAddress,
  Signature,
  ZeroHash,
  type ContractTransactionReceipt,
} from "ethers";

import { BATCH_STATUSES, BPS, QUORUM_ENTRY_BYTES, type Address, type Hex } from "../proof";
import { type BatchChain, type RewardPool } from "../contracts";
import { transact } from "../contracts/transact";
import { InvalidAddressError } from "../errors/proof";
import { CreditedSignersUnknownError, InvalidRewardsOptionError } from "../errors/rewards";
import { submittedBatch } from "../verifier/challenger";
import { connectSequencerRegistry } from "../contracts/connectors";

/** What a claim would pay now, per asset (zero once the account was slashed since its last credit). */
export interface RewardBalance {
  /** Wei. */
  readonly eth: bigint;
  /** Protocol token wei. */
  readonly tokens: bigint;
}

/**
 * A reward pool's totals: what it holds beyond its reserves and credits (what the next batches are paid from), what
 * it reserved for settled batches (paid to their later settlements, or released), and its credits.
 */
export interface RewardPoolTotals {
  readonly unallocated: RewardBalance;
  readonly reserved: RewardBalance;
  readonly credited: RewardBalance;
}

/**
 * What `account` (a sequencer's staking account) would be paid by {@link claimRewards} now. Throws
 * {@link InvalidAddressError} when `account` is not an address.
 */
export async function rewardBalance(
  pool: RewardPool,
  account: string,
  blockTag?: string | number,
): Promise<RewardBalance> {
  if (!isAddress(account)) throw new InvalidAddressError("account", account);
  const [eth, tokens] = await pool.rewardsOf(account, blockTag === undefined ? {} : { blockTag });
  return { eth, tokens };
}

/** The pool's unallocated balance, its reserves and its credits, per asset. */
export async function rewardPoolTotals(pool: RewardPool): Promise<RewardPoolTotals> {
  const [[eth, tokens], [reservedEth, reservedTokens], [creditedEth, creditedTokens]] = await Promise.all([
    pool.unallocated(),
    pool.totalReserved(),
    pool.totalCredited(),
  ]);
  return {
    unallocated: { eth, tokens },
    reserved: { eth: reservedEth, tokens: reservedTokens },
    credited: { eth: creditedEth, tokens: creditedTokens },
  };
}

/**
 * Claims the ETH and tokens credited to the account `pool` is connected to (the staking account), and waits for it.
 * A revert comes back as a ContractRevertError (`RewardPoolNothingToClaim` when there is nothing, also after a slash).
 */
export async function claimRewards(pool: RewardPool): Promise<ContractTransactionReceipt> {
  return transact(() => pool.claimRewards(), { RewardPool: pool.interface });
}

/**
 * Returns the credit of `account` to the pool when it was slashed since its last credit (anyone may send it). Throws
 * {@link InvalidAddressError} for a malformed `account`; a revert comes back as a ContractRevertError
 * (`RewardPoolNothingToForfeit`).
 */
export async function forfeitRewards(pool: RewardPool, account: string): Promise<ContractTransactionReceipt> {
  if (!isAddress(account)) throw new InvalidAddressError("account", account);
  return transact(() => pool.forfeit(account), { RewardPool: pool.interface });
}

/**
 * The hash the pool holds for a batch ({@link RewardPool.creditedHash}): `keccak256(abi.encode(keys, ethReward,
 * tokenReward))` over the strictly ascending keys credited and the batch's reward, zero for none and a zero reward.
 */
export function creditedKeysHash(keys: readonly string[], ethReward = 0n, tokenReward = 0n): Hex {
  if (keys.length === 0 && ethReward === 0n && tokenReward === 0n) return ZeroHash as Hex;
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["address[]", "uint256", "uint256"],
      [keys.map((key) => getAddress(key)), ethReward, tokenReward],
    ),
  ) as Hex;
}

/** `keys` sorted as the pool orders them (as 160-bit numbers), checksummed, without repeats. */
export function sortKeys(keys: Iterable<string>): Address[] {
  const unique = new Map<string, Address>();
  for (const key of keys) unique.set(key.toLowerCase(), getAddress(key) as Address);
  return [...unique.values()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
}

/** One 65-byte entry of packed quorum signatures with the key it recovers to. */
interface SignatureEntry {
  readonly signer: Address;
  readonly entry: Hex;
}

/** The entries of packed quorum signatures over `digest` that recover, with their signers, in the order given. */
export function signatureEntries(packed: Hex, digest: Hex): SignatureEntry[] {
  const bytes = getBytes(packed);
  const out: SignatureEntry[] = [];
  for (let at = 0; at + QUORUM_ENTRY_BYTES <= bytes.length; at += QUORUM_ENTRY_BYTES) {
    const entry = hexlify(bytes.subarray(at, at + QUORUM_ENTRY_BYTES)) as Hex;
    const v = 27 + ((bytes[at] ?? 0) >> 7);
    try {
      const signature = Signature.from({ r: dataSlice(entry, 1, 33), s: dataSlice(entry, 33, 65), v });
      out.push({ signer: getAddress(recoverAddress(digest, signature)) as Address, entry });
    } catch {
      // Not a recoverable signature: BatchChain's quorum check would have refused it, and so would the pool.
    }
  }
  return out;
}

/** What {@link settleBatches} did. */
export interface SettleBatchesResult {
  /** The batches it settled, in order, with the keys each settlement credited. */
  readonly settled: readonly {
    readonly batchIndex: bigint;
    readonly headerHash: Hex;
    readonly signers: readonly Address[];
    readonly receipt: ContractTransactionReceipt;
  }[];
  /**
   * Finalized batches it passed over for good: every submitted signer is credited, or the batch's settlement window
   * is over.
   */
  readonly skipped: readonly bigint[];
  /**
   * Finalized batches with a submitted signer not credited yet that no settlement could credit now (the pool is
   * empty, the signer's share rounds to zero, or it is not a member of the current epoch): a later call examines them
   * again.
   */
  readonly waiting: readonly bigint[];
  /**
   * Where the next call should start: the first batch examined that is not done (settled above may still leave
   * signers out; waiting ones), else the first batch it did not examine (a batch not final yet, one past the last
   * batch, or the one after the last it examined when a bound stopped it).
   */
  readonly nextBatch: bigint;
}

/** Progress of {@link settleBatches}, one event per batch examined. */
export type SettleProgress =
  | { readonly type: "settled"; readonly batchIndex: bigint; readonly signers: readonly Address[] }
  | { readonly type: "skipped"; readonly batchIndex: bigint }
  | { readonly type: "waiting"; readonly batchIndex: bigint };

export interface SettleBatchesOptions {
  /** The reward pool, connected to the account that sends (and pays for) the settlements. */
  readonly pool: RewardPool;
  /** The BatchChain the pool pays for (its `submitBatch` calldata holds the signatures). */
  readonly batchChain: BatchChain;
  /** First batch to examine (default 1: batch 0 is the genesis anchor, which nobody signed). */
  readonly fromBatch?: bigint;
  /** Most settlements to send (default 16), a positive integer. */
  readonly maxBatches?: number;
  /** Most batches to examine, settled or skipped (default 1,024), a positive integer. */
  readonly maxScan?: number;
  /**
   * L1 block to search the first batch's `BatchSubmitted` log from (default 0). Each later batch's search starts at
   * the block of the batch before it, and a batch's `BatchSettled` logs are searched from its own submission's block.
   */
  readonly fromBlock?: number;
  readonly onProgress?: (event: SettleProgress) => void;
}

function checkPositive(option: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
    throw new InvalidRewardsOptionError(option, value, "a positive integer");
  }
}

/**
 * Settles finalized batches from `fromBatch` on, one `settle` transaction per batch that has a signer to credit (a
 * member of the current epoch, not credited yet, whose share does not round to zero), at most `maxBatches` of them.
 * Batches finalize in order, so the walk stops at the first one that is not final. The cursor it returns
 * (`nextBatch`) moves only past batches that are done (every submitted signer credited, or the settlement window
 * over), so a batch that earned nothing only because the pool was empty is settled by a later call. Throws
 * {@link InvalidRewardsOptionError} for a bad bound, {@link CreditedSignersUnknownError} when a batch's earlier
 * settlements cannot be found in the logs, and a ContractRevertError when a settlement reverts.
 */
export async function settleBatches(options: SettleBatchesOptions): Promise<SettleBatchesResult> {
  checkPositive("maxBatches", options.maxBatches);
  checkPositive("maxScan", options.maxScan);
  const fromBatch = options.fromBatch ?? 1n;
  if (typeof fromBatch !== "bigint" || fromBatch < 1n) {
    throw new InvalidRewardsOptionError("fromBatch", fromBatch, "a bigint of at least 1");
  }
  const { pool, batchChain } = options;
  const maxBatches = options.maxBatches ?? 16;
  const maxScan = options.maxScan ?? 1_024;
  let fromBlock = options.fromBlock ?? 0;
  const registry = connectSequencerRegistry(await pool.registry(), pool.runner);
  const settled: SettleBatchesResult["settled"][number][] = [];
  const skipped: bigint[] = [];
  const waiting: bigint[] = [];
  let firstOpen: bigint | undefined;
  const count = await batchChain.batchCount();
  const now = await batchChain.activeTime();
  let index = fromBatch;
  for (; index < count && settled.length < maxBatches && index - fromBatch < BigInt(maxScan); index++) {
    const [hash, status] = await batchChain.headerStatus(index);
    if (BATCH_STATUSES[Number(status)] !== "Finalized") break;
    const batch = await submittedBatch(batchChain, index, { headerHash: hash, fromBlock });
    // Batches are submitted in order: the next one's log is at or after this one's.
    fromBlock = batch.blockNumber;
    const digest = (await batchChain.headerDigest(batch.header)) as Hex;
    const submitted = signatureEntries(batch.signatures, digest);
    const record = await batchRecord(pool, index, hash as Hex, batch.blockNumber);
    const done = new Set(record.keys.map((key) => key.toLowerCase()));
    const left = submitted.filter((entry) => !done.has(entry.signer.toLowerCase()));
    if (left.length === 0 || (record.closesAt !== 0n && now >= record.closesAt)) {
      skipped.push(index);
      options.onProgress?.({ type: "skipped", batchIndex: index });
      continue;
    }
    const [, submittedAt] = await batchChain.batchInfo(index);
    const entries = await creditable(registry, left, submittedAt, await rewardOf(pool, record));
    if (entries.length < left.length) firstOpen ??= index;
    if (entries.length === 0) {
      waiting.push(index);
      options.onProgress?.({ type: "waiting", batchIndex: index });
      continue;
    }
    const signers = entries.map((entry) => entry.signer);
    const receipt = await transact(
      () =>
        pool.settle(
          batch.header,
          concat(entries.map((entry) => entry.entry)),
          [...record.keys],
          record.ethReward,
          record.tokenReward,
        ),
      { RewardPool: pool.interface },
    );
    settled.push({ batchIndex: index, headerHash: hash as Hex, signers, receipt });
    options.onProgress?.({ type: "settled", batchIndex: index, signers });
  }
  return { settled, skipped, waiting, nextBatch: firstOpen ?? index };
}

/** What the pool holds for a batch: the keys credited, its reward (zero before its first settlement) and reserve. */
interface BatchRecord {
  readonly keys: Address[];
  readonly ethReward: bigint;
  readonly tokenReward: bigint;
  readonly reserveEth: bigint;
  readonly reserveTokens: bigint;
  /** Active time its settlement window closes at (0 before its first settlement). */
  readonly closesAt: bigint;
}

/**
 * A batch's record, its keys and reward rebuilt from its `BatchSettled` logs (searched from `fromBlock`, the block the
 * batch was submitted in: it cannot be settled before) and checked against the pool's hash.
 */
async function batchRecord(pool: RewardPool, batchIndex: bigint, hash: Hex, fromBlock: number): Promise<BatchRecord> {
  const [expected, [reserveEth, reserveTokens, , closesAt]] = await Promise.all([
    pool.creditedHash(hash),
    pool.batchReserve(hash),
  ]);
  if (expected === ZeroHash) {
    return { keys: [], ethReward: 0n, tokenReward: 0n, reserveEth: 0n, reserveTokens: 0n, closesAt: 0n };
  }
  const logs = await pool.queryFilter(pool.filters.BatchSettled(batchIndex, hash), fromBlock, "latest");
  const keys = sortKeys(logs.flatMap((log) => log.args.signers));
  const ethReward = logs[0]?.args.ethReward ?? 0n;
  const tokenReward = logs[0]?.args.tokenReward ?? 0n;
  const found = creditedKeysHash(keys, ethReward, tokenReward);
  if (found !== expected) throw new CreditedSignersUnknownError(batchIndex, expected, found);
  return { keys, ethReward, tokenReward, reserveEth, reserveTokens, closesAt };
}

/** The reward a settlement of the batch would pay shares of now, and what it can pay at most, per asset. */
async function rewardOf(
  pool: RewardPool,
  record: BatchRecord,
): Promise<{ eth: bigint; tokens: bigint; capEth: bigint; capTokens: bigint }> {
  if (record.closesAt !== 0n) {
    return {
      eth: record.ethReward,
      tokens: record.tokenReward,
      capEth: record.reserveEth,
      capTokens: record.reserveTokens,
    };
  }
  const [[eth, tokens], bps] = await Promise.all([pool.unallocated(), pool.batchRewardBps()]);
  const reward = { eth: (eth * bps) / BPS, tokens: (tokens * bps) / BPS };
  return { ...reward, capEth: reward.eth, capTokens: reward.tokens };
}

/**
 * The entries of `left` (submitted, not credited yet) a settlement would credit now: members of the current epoch,
 * staked before the batch's submission (`submittedAt`), with a share that does not round to zero (within what is left
 * of the batch's reserve), strictly ascending (as submitted).
 */
async function creditable(
  registry: ReturnType<typeof connectSequencerRegistry>,
  left: readonly SignatureEntry[],
  submittedAt: bigint,
  reward: { eth: bigint; tokens: bigint; capEth: bigint; capTokens: bigint },
): Promise<SignatureEntry[]> {
  let { capEth, capTokens } = reward;
  const out: SignatureEntry[] = [];
  for (const entry of left) {
    const [, stake, totalStake, , stakedAt] = await registry.memberStake(entry.signer);
    if (stake === 0n || stakedAt >= submittedAt) continue;
    const eth = min((reward.eth * stake) / totalStake, capEth);
    const tokens = min((reward.tokens * stake) / totalStake, capTokens);
    if (eth === 0n && tokens === 0n) continue;
    capEth -= eth;
    capTokens -= tokens;
    out.push(entry);
  }
  return out;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/**
 * Returns the unpaid part of settled batches' reserves to the pool once their settlement windows are over (anyone may
 * send it). A revert comes back as a ContractRevertError (`RewardPoolSettlementOpen`, `RewardPoolNothingReserved`).
 */
export async function releaseRewards(
  pool: RewardPool,
  headerHashes: readonly string[],
): Promise<ContractTransactionReceipt> {
  return transact(() => pool.release([...headerHashes]), { RewardPool: pool.interface });
}
