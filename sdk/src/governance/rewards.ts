/**
 * The signers' rewards (RewardPool on L1): what an account can claim, its claim, and the settlement that credits the
 * signers of finalized batches with the signatures their `submitBatch` calldata carried.
 *
 * Settling is open to anyone and paid by the caller; a claim never walks batches. {@link settleBatches} walks the
 * finalized batches from a cursor, reads each one's submitted signatures back from L1, keeps those of current epoch
 * members not credited yet, and sends one `settle` per batch, at most `maxBatches` of them per call.
 */
import {
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
  zeroPadValue,
  type ContractTransactionReceipt,
} from "ethers";

import { BATCH_STATUSES, BPS, QUORUM_ENTRY_BYTES, type Address, type Hex } from "../proof";
import { SequencerRegistry__factory, type BatchChain, type RewardPool } from "../contracts";
import { transact } from "../contracts/transact";
import { InvalidAddressError } from "../errors/proof";
import { CreditedSignersUnknownError, InvalidRewardsOptionError } from "../errors/rewards";
import { submittedBatch } from "../verifier/challenger";

/** What a claim would pay now, per asset (zero once the account was slashed since its last credit). */
export interface RewardBalance {
  /** Wei. */
  readonly eth: bigint;
  /** Protocol token wei. */
  readonly tokens: bigint;
}

/** A reward pool's totals: what it holds beyond its credits (what the next batches are paid from) and its credits. */
export interface RewardPoolTotals {
  readonly unallocated: RewardBalance;
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

/** The pool's unallocated balance and its credits, per asset. */
export async function rewardPoolTotals(pool: RewardPool): Promise<RewardPoolTotals> {
  const [[eth, tokens], [creditedEth, creditedTokens]] = await Promise.all([pool.unallocated(), pool.totalCredited()]);
  return { unallocated: { eth, tokens }, credited: { eth: creditedEth, tokens: creditedTokens } };
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

/** `keccak256(abi.encodePacked(keys))` over strictly ascending keys (each padded to 32 bytes), zero for none. */
export function creditedKeysHash(keys: readonly string[]): Hex {
  if (keys.length === 0) return ZeroHash as Hex;
  return keccak256(concat(keys.map((key) => zeroPadValue(getAddress(key), 32)))) as Hex;
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
  /** Finalized batches it passed over: every signer of theirs that a settlement could credit now already was. */
  readonly skipped: readonly bigint[];
  /**
   * Where the next call should start: the first batch it did not examine (a batch not final yet, one past the last
   * batch, or the one after the last it examined when a bound stopped it).
   */
  readonly nextBatch: bigint;
}

/** Progress of {@link settleBatches}, one event per batch examined. */
export type SettleProgress =
  | { readonly type: "settled"; readonly batchIndex: bigint; readonly signers: readonly Address[] }
  | { readonly type: "skipped"; readonly batchIndex: bigint };

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
  /** L1 block to search `BatchSubmitted` and `BatchSettled` logs from (default 0). */
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
 * Batches finalize in order, so the walk stops at the first one that is not final. Throws
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
  const fromBlock = options.fromBlock ?? 0;
  const registry = SequencerRegistry__factory.connect(await pool.registry(), pool.runner);
  const settled: SettleBatchesResult["settled"][number][] = [];
  const skipped: bigint[] = [];
  const count = await batchChain.batchCount();
  let index = fromBatch;
  for (; index < count && settled.length < maxBatches && index - fromBatch < BigInt(maxScan); index++) {
    const [hash, status] = await batchChain.headerStatus(index);
    if (BATCH_STATUSES[Number(status)] !== "Finalized") break;
    const batch = await submittedBatch(batchChain, index, { headerHash: hash, fromBlock });
    const credited = await creditedKeys(pool, index, hash as Hex, fromBlock);
    const digest = (await batchChain.headerDigest(batch.header)) as Hex;
    const [, submittedAt] = await batchChain.batchInfo(index);
    const entries = await creditable(pool, registry, batch.signatures, digest, submittedAt, credited);
    if (entries.length === 0) {
      skipped.push(index);
      options.onProgress?.({ type: "skipped", batchIndex: index });
      continue;
    }
    const signers = entries.map((entry) => entry.signer);
    const receipt = await transact(
      () => pool.settle(batch.header, concat(entries.map((entry) => entry.entry)), [...credited]),
      { RewardPool: pool.interface },
    );
    settled.push({ batchIndex: index, headerHash: hash as Hex, signers, receipt });
    options.onProgress?.({ type: "settled", batchIndex: index, signers });
  }
  return { settled, skipped, nextBatch: index };
}

/** The keys the pool credited for a batch, rebuilt from its `BatchSettled` logs and checked against the pool's hash. */
async function creditedKeys(pool: RewardPool, batchIndex: bigint, hash: Hex, fromBlock: number): Promise<Address[]> {
  const expected = await pool.creditedHash(hash);
  if (expected === ZeroHash) return [];
  const logs = await pool.queryFilter(pool.filters.BatchSettled(batchIndex, hash), fromBlock, "latest");
  const keys = sortKeys(logs.flatMap((log) => log.args.signers));
  const found = creditedKeysHash(keys);
  if (found !== expected) throw new CreditedSignersUnknownError(batchIndex, expected, found);
  return keys;
}

/**
 * The submitted signature entries a settlement would credit now: signers not in `credited` that are members of the
 * current epoch, staked before the batch's submission (`submittedAt`), with a share that does not round to zero,
 * strictly ascending (as submitted).
 */
async function creditable(
  pool: RewardPool,
  registry: ReturnType<typeof SequencerRegistry__factory.connect>,
  signatures: Hex,
  digest: Hex,
  submittedAt: bigint,
  credited: readonly Address[],
): Promise<SignatureEntry[]> {
  const [[eth, tokens], bps] = await Promise.all([pool.unallocated(), pool.batchRewardBps()]);
  const reward = { eth: (eth * bps) / BPS, tokens: (tokens * bps) / BPS };
  const done = new Set(credited.map((key) => key.toLowerCase()));
  const out: SignatureEntry[] = [];
  for (const entry of signatureEntries(signatures, digest)) {
    if (done.has(entry.signer.toLowerCase())) continue;
    const [, stake, totalStake, , stakedAt] = await registry.memberStake(entry.signer);
    if (stake === 0n || stakedAt >= submittedAt) continue;
    if ((reward.eth * stake) / totalStake === 0n && (reward.tokens * stake) / totalStake === 0n) continue;
    out.push(entry);
  }
  return out;
}
