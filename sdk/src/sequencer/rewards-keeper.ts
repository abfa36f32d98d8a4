/**
 * A sequencer's side of the signers' rewards: it settles finalized batches (its own key pays, bounded per round) and
 * claims what its staking account was credited, on demand or every `intervalMs`.
 */
import type { ContractTransactionReceipt, Wallet } from "ethers";

import { type RewardPool } from "../contracts";
import { InvalidRewardsOptionError } from "../errors/rewards";
import {
  claimRewards,
  rewardBalance,
  settleBatches,
  type RewardBalance,
  type SettleBatchesResult,
} from "../governance/rewards";
import { connectBatchChain, connectRewardPool } from "../contracts/connectors";

export interface RewardKeeperConfig {
  /** The RewardPool's L1 address. */
  readonly rewardPool: string;
  readonly batchChain: string;
  /** Sends (and pays for) the settlements: the sequencer's key. */
  readonly settler: Wallet;
  /** The staking account, credited by the pool and the one that claims (often the same as the key). */
  readonly account: Wallet;
  /** Most settlements per round (default 16). */
  readonly maxBatches?: number;
  /** L1 block to search logs from (default 0). */
  readonly fromBlock?: number;
}

/** What one {@link RewardKeeper.round} did. */
export interface RewardRound {
  readonly settlement: SettleBatchesResult;
  /** The claim, when there was something to claim and the round claims. */
  readonly claim?: { readonly paid: RewardBalance; readonly receipt: ContractTransactionReceipt };
}

export interface RewardLoopOptions {
  /** Milliseconds between rounds, a positive integer. */
  readonly intervalMs: number;
  /** Whether each round also claims (default true). */
  readonly claim?: boolean;
  /** Called after each round. */
  readonly onRound?: (round: RewardRound) => void;
  /** Called when a round fails; the loop goes on with the next one. */
  readonly onError?: (error: unknown) => void;
}

/** A running loop of {@link RewardKeeper.start}. */
export interface RewardLoop {
  /** Stops the loop and waits for a round under way to end. */
  stop(): Promise<void>;
}

export class RewardKeeper {
  private readonly pool: RewardPool;
  /** The first batch the next settlement examines: every batch before it is fully credited or its window is over. */
  private nextBatch = 1n;

  /** Throws InvalidRewardsOptionError when `maxBatches` is not a positive integer. */
  constructor(readonly config: RewardKeeperConfig) {
    const { maxBatches } = config;
    if (maxBatches !== undefined && (!Number.isSafeInteger(maxBatches) || maxBatches < 1)) {
      throw new InvalidRewardsOptionError("maxBatches", maxBatches, "a positive integer");
    }
    this.pool = connectRewardPool(config.rewardPool, config.settler);
  }

  /** What the staking account would be paid now. */
  async balance(): Promise<RewardBalance> {
    return rewardBalance(this.pool, this.config.account.address);
  }

  /** Settles the finalized batches after the last settled one, at most `maxBatches` of them. */
  async settle(): Promise<SettleBatchesResult> {
    const result = await settleBatches({
      pool: this.pool,
      batchChain: connectBatchChain(this.config.batchChain, this.config.settler),
      fromBatch: this.nextBatch,
      ...(this.config.maxBatches === undefined ? {} : { maxBatches: this.config.maxBatches }),
      ...(this.config.fromBlock === undefined ? {} : { fromBlock: this.config.fromBlock }),
    });
    this.nextBatch = result.nextBatch;
    return result;
  }

  /** Claims the staking account's credit when there is any; returns what it paid (nothing when there was none). */
  async claim(): Promise<RewardRound["claim"]> {
    const paid = await this.balance();
    if (paid.eth === 0n && paid.tokens === 0n) return undefined;
    const receipt = await claimRewards(this.pool.connect(this.config.account));
    return { paid, receipt };
  }

  /** One round: settle, then claim unless `claim` is false. */
  async round(claim = true): Promise<RewardRound> {
    const settlement = await this.settle();
    const claimed = claim ? await this.claim() : undefined;
    return claimed === undefined ? { settlement } : { settlement, claim: claimed };
  }

  /**
   * Runs {@link round} every `intervalMs` (the first at once) until stopped: its timer keeps a Node process alive, so
   * stop the loop when shutting down. Throws InvalidRewardsOptionError when `intervalMs` is not a positive integer.
   */
  start(options: RewardLoopOptions): RewardLoop {
    if (!Number.isSafeInteger(options.intervalMs) || options.intervalMs < 1) {
      throw new InvalidRewardsOptionError("intervalMs", options.intervalMs, "a positive integer");
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: Promise<void> = Promise.resolve();
    const tick = (): void => {
      running = (async () => {
        try {
          options.onRound?.(await this.round(options.claim ?? true));
        } catch (error) {
          options.onError?.(error);
        }
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      })();
    };
    tick();
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await running;
      },
    };
  }
}
