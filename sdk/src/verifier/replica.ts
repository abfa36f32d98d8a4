/**
 * The verifier's own L2 replica: a chain with the pinned genesis that is fed only the batches' raw transactions and
 * timestamps, so its blocks are what the data objects really produce. {@link DevNodeReplica} drives any node that
 * speaks the Hardhat/EDR development methods over JSON-RPC (the in-process EDR chain of `./node`, or
 * `npm run devnet:l2`); browser-safe, since it only sends requests.
 */
import type { Eip1193Provider, JsonRpcApiProvider } from "ethers";

import { L2DataError } from "../errors/sequencer";
import {
  bytesToHex,
  encodeBlockHeader,
  hexToBytes,
  keccak256,
  L2_BRIDGE_SLOTS,
  type BatchDataBlock,
  type BlockHeaderFields,
  type Hex,
} from "../proof";
import { readRawL2Block } from "../sequencer/l2-reader";

/** One block of the replica with everything a verifier compares: header fields, transactions, bridge slots. */
export interface ReplicaBlock {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly hash: Hex;
  readonly parentHash: Hex;
  readonly stateRoot: Hex;
  readonly transactionsRoot: Hex;
  readonly transactionHashes: readonly Hex[];
  /** The header in its consensus encoding (keccak256 is `hash`). */
  readonly rlpHeader: Hex;
  /** The L2 bridge's withdrawal root (slot 2) after the block. */
  readonly withdrawalRoot: Hex;
  /** The L2 bridge's deposit count and chain (slots 0 and 1) after the block. */
  readonly depositCount: bigint;
  readonly depositChainHash: Hex;
}

/** What {@link Replica.replay} did. */
export interface ReplayResult {
  /** The blocks mined, one per block given unless `failure` says where it stopped. */
  readonly blocks: readonly ReplicaBlock[];
  /** Transactions the replica refused (a bad nonce, a refused type): the block was mined without them. */
  readonly rejected: readonly Hex[];
  /** The block the replica could not mine (a timestamp before its parent's), and why. */
  readonly failure?: { readonly number: bigint; readonly reason: string };
}

/** An L2 replica the verifier replays batches on. */
export interface Replica {
  /**
   * The replica's JSON-RPC provider: answers `eth_getProof` (EDR does so at past blocks too) and `eth_getBlockByNumber`
   * for the blocks it replayed, which is what challenges need.
   */
  readonly provider: JsonRpcApiProvider;
  /** Its latest block number. */
  head(): Promise<bigint>;
  /** Block `number` with the L2 bridge's slots after it. */
  block(number: bigint): Promise<ReplicaBlock>;
  /** Mines `blocks` (the next ones after its head) from their raw transactions at their timestamps. */
  replay(blocks: readonly BatchDataBlock[]): Promise<ReplayResult>;
  /** Drops every block after `toBlock`. */
  rewind(toBlock: bigint): Promise<void>;
}

/** The development methods {@link DevNodeReplica} calls; Hardhat's and EDR's names by default. */
export interface DevNodeMethods {
  readonly setAutomine: string;
  readonly mine: string;
  readonly snapshot: string;
  readonly revert: string;
  readonly reset: string;
  readonly dropTransaction: string;
}

const HARDHAT_METHODS: DevNodeMethods = {
  setAutomine: "evm_setAutomine",
  mine: "evm_mine",
  snapshot: "evm_snapshot",
  revert: "evm_revert",
  reset: "hardhat_reset",
  dropTransaction: "hardhat_dropTransaction",
};

type RpcHeader = BlockHeaderFields & { readonly hash: Hex; readonly transactions: readonly Hex[] };

const slotKey = (slot: bigint): Hex => `0x${slot.toString(16).padStart(64, "0")}`;

/**
 * A replica on a development node. Rewinds are cheap: the replica takes a snapshot at each batch boundary it replays
 * to and reverts to it (EDR drops every later snapshot with it). Without a snapshot at the target (a replica that was
 * restarted) it resets the node to its genesis and replays its own blocks up to the target.
 */
export class DevNodeReplica implements Replica {
  private readonly methods: DevNodeMethods;
  /** Snapshot ids by the block number they were taken at. */
  private readonly snapshots = new Map<bigint, string>();

  constructor(
    readonly provider: JsonRpcApiProvider,
    /** The L2 bridge, whose slots 0, 1, 2 every block is read with. */
    readonly bridge: string,
    methods: Partial<DevNodeMethods> = {},
    /**
     * The same node's EIP-1193 provider, if there is one (an in-process chain's): the replica then sends its requests
     * straight to it. Through an ethers provider each request waits for ethers' request queue to drain on a timer,
     * about a millisecond, which for the thousands of raw transactions of one full block was most of the replay.
     */
    private readonly transport?: Eip1193Provider,
  ) {
    this.methods = { ...HARDHAT_METHODS, ...methods };
  }

  /** Sends one JSON-RPC request to the node (see `transport`). */
  private send(method: string, params: unknown[]): Promise<unknown> {
    return this.transport ? this.transport.request({ method, params }) : this.provider.send(method, params);
  }

  async head(): Promise<bigint> {
    return BigInt((await this.send("eth_blockNumber", [])) as string);
  }

  async block(number: bigint): Promise<ReplicaBlock> {
    const tag = `0x${number.toString(16)}`;
    const storage = (slot: bigint) =>
      this.send("eth_getStorageAt", [this.bridge, slotKey(slot), tag]) as Promise<string>;
    const [rpc, depositCount, depositChainHash, withdrawalRoot] = await Promise.all([
      this.send("eth_getBlockByNumber", [tag, false]) as Promise<RpcHeader | null>,
      storage(L2_BRIDGE_SLOTS.depositCount),
      storage(L2_BRIDGE_SLOTS.depositChainHash),
      storage(L2_BRIDGE_SLOTS.withdrawalRoot),
    ]);
    if (rpc === null) throw new L2DataError(`the replica has no block ${number}`);
    const word = (value: string): Hex => `0x${value.slice(2).padStart(64, "0")}`;
    return {
      number,
      timestamp: BigInt(rpc.timestamp),
      hash: rpc.hash,
      parentHash: rpc.parentHash as Hex,
      stateRoot: rpc.stateRoot as Hex,
      transactionsRoot: rpc.transactionsRoot as Hex,
      transactionHashes: rpc.transactions,
      rlpHeader: bytesToHex(encodeBlockHeader(rpc)),
      withdrawalRoot: word(withdrawalRoot),
      depositCount: BigInt(depositCount),
      depositChainHash: word(depositChainHash),
    };
  }

  async replay(blocks: readonly BatchDataBlock[]): Promise<ReplayResult> {
    const start = await this.head();
    if (!this.snapshots.has(start)) await this.snapshot(start);
    const mined: ReplicaBlock[] = [];
    const rejected: Hex[] = [];
    let failure: ReplayResult["failure"];
    await this.send(this.methods.setAutomine, [false]);
    try {
      for (const block of blocks) {
        const sent: string[] = [];
        for (const raw of block.transactions) {
          try {
            sent.push(((await this.send("eth_sendRawTransaction", [raw])) as string).toLowerCase());
          } catch {
            rejected.push(bytesToHex(keccak256(hexToBytes(raw))));
          }
        }
        try {
          await this.send(this.methods.mine, [Number(block.timestamp)]);
        } catch (error) {
          for (const hash of sent) await this.send(this.methods.dropTransaction, [hash]);
          failure = { number: block.number, reason: (error as Error).message };
          break;
        }
        const replayed = await this.block(await this.head());
        if (replayed.number !== block.number) {
          throw new L2DataError(`the replica mined block ${replayed.number}, expected ${block.number}`);
        }
        // A transaction the block did not take (a future nonce, over the gas limit) must not wait in the pool for a
        // later block: the replica holds exactly what the data object says.
        const included = new Set(replayed.transactionHashes.map((hash) => hash.toLowerCase()));
        for (const hash of sent) {
          if (!included.has(hash)) {
            await this.send(this.methods.dropTransaction, [hash]);
            rejected.push(hash as Hex);
          }
        }
        mined.push(replayed);
      }
    } finally {
      await this.send(this.methods.setAutomine, [true]);
    }
    const end = await this.head();
    if (end !== start) await this.snapshot(end);
    return failure === undefined ? { blocks: mined, rejected } : { blocks: mined, rejected, failure };
  }

  async rewind(toBlock: bigint): Promise<void> {
    const head = await this.head();
    if (toBlock >= head) return;
    const id = this.snapshots.get(toBlock);
    if (id !== undefined && ((await this.send(this.methods.revert, [id])) as boolean)) {
      for (const number of [...this.snapshots.keys()]) if (number >= toBlock) this.snapshots.delete(number);
      await this.snapshot(toBlock);
      if ((await this.head()) === toBlock) return;
    }
    await this.resetAndReplay(toBlock);
  }

  /** Resets to genesis and replays the replica's own blocks 1..toBlock, checking every hash comes back. */
  private async resetAndReplay(toBlock: bigint): Promise<void> {
    const own = [];
    for (let number = 1n; number <= toBlock; number++) own.push(await readRawL2Block(this.provider, number));
    await this.send(this.methods.reset, []);
    this.snapshots.clear();
    const { blocks } = await this.replay(
      own.map((block) => ({ ...block, transactions: block.transactions.map((transaction) => transaction.raw) })),
    );
    own.forEach((block, i) => {
      if (blocks[i]?.hash !== block.hash)
        throw new L2DataError(`the replica replayed block ${block.number} differently`);
    });
  }

  private async snapshot(at: bigint): Promise<void> {
    this.snapshots.set(at, (await this.send(this.methods.snapshot, [])) as string);
  }
}
