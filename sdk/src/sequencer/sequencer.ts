import { recoverAddress, type ContractTransactionReceipt, type JsonRpcApiProvider, type Wallet } from "ethers";

import { providerOf } from "../contracts/connection";
import { transact } from "../contracts/transact";
import {
  BatchChain__factory,
  L1Bridge__factory,
  L2Bridge__factory,
  SequencerRegistry__factory,
  type BatchChain,
  type L1Bridge,
  type SequencerRegistry,
} from "../contracts";
import { storeSidecar } from "../da/sidecar";
import { readVerified, type DAStore } from "../da/store";
import {
  HeaderMismatchError,
  InvalidL2BlockError,
  L2BlockNotFinalError,
  NothingToBatchError,
  NotScheduledError,
  QuorumNotReachedError,
  RolledBackHeaderError,
} from "../errors/sequencer";
import {
  BATCH_HEADER_TYPES,
  batchHeaderDomain,
  headerDigest,
  headerHash,
  type Address,
  type BatchHeader,
  type Hex,
} from "../proof";

import { buildBatch, type BuiltBatch } from "./batch-builder";
import { buildSidecar } from "./block-headers";
import { relayPendingDeposits, type L1Finality } from "./deposits";
import { latestBlockNumber, rawTransactionOf, readL2Blocks, rpcBlock } from "./l2-reader";
import { bridgeRelayEvents, checkL2Blocks } from "./l2-validity";
import { packQuorumSignatures } from "./quorum";

/** Anything that can be asked to sign a proposed header: another sequencer, in-process or behind a transport. */
export interface HeaderSigner {
  /** The signer key's address. */
  readonly address: string;
  /** Checks `header` and returns an EIP-712 signature of it, or throws why it refuses. */
  sign(header: BatchHeader): Promise<string>;
}

/** What a sequencer reports while it works (pass `onProgress`). */
export type SequencerEvent =
  | {
      readonly kind: "deposits-relayed";
      readonly count: number;
      readonly depositCount: bigint;
      readonly transactions: number;
    }
  | {
      readonly kind: "batch-built";
      readonly batchIndex: bigint;
      readonly firstBlock: bigint;
      readonly lastBlock: bigint;
      readonly txCount: number;
      readonly dataHash: Hex;
    }
  | { readonly kind: "signed"; readonly signer: string }
  | { readonly kind: "refused"; readonly signer: string; readonly reason: string }
  | { readonly kind: "submitted"; readonly batchIndex: bigint; readonly txHash: string; readonly gasUsed: bigint };

export interface SequencerConfig {
  /** The sequencer's signer key, connected to L1: it signs headers and sends its proposals. */
  readonly key: Wallet;
  readonly batchChain: string;
  readonly registry: string;
  readonly l1Bridge: string;
  /** JSON-RPC provider of the L2 chain. */
  readonly l2: JsonRpcApiProvider;
  readonly l2Bridge: string;
  /** Where batch data objects are stored and checked ("Memo"). */
  readonly store: DAStore;
  /**
   * This sequencer's own relay key on L2 (its signer key, allowed as a relayer by the L2 bridge), so that every relay
   * it makes is attributable to it; without it this sequencer does not relay deposits.
   */
  readonly relayer?: Wallet;
  /** Whether to relay pending L1 deposits before building a batch (default true when a relayer is given). */
  readonly relayDeposits?: boolean;
  /** When an L1 deposit counts as final, for relaying and for checking others' relays (default `"finalized"`). */
  readonly l1Finality?: L1Finality;
  /** Most L2 blocks in one batch (default 100). */
  readonly maxBlocksPerBatch?: number;
  readonly onProgress?: (event: SequencerEvent) => void;
}

/**
 * The part of an L2 node that recovery needs: dropping blocks. A production node reorganises its chain; the devnet's
 * in-process L2 replays its history without them.
 */
export interface L2Node {
  /** Drops every block after `toBlock`, which stays the head with the same hash. */
  rewind(toBlock: bigint): Promise<void>;
}

/** What {@link Sequencer.recover} did. */
export interface RecoveryReport {
  /** The invalid block, and why; the L2 was rebuilt from the block before it. */
  readonly invalidBlock: bigint;
  readonly reason: string;
  /** Blocks dropped (the invalid one and every later one). */
  readonly droppedBlocks: number;
  /** Transactions of the dropped blocks sent again (every one but relays, which are redone from L1). */
  readonly replayed: readonly string[];
  /** Transactions of the dropped blocks that are no longer valid (for example spending a forged deposit). */
  readonly discarded: readonly string[];
  /**
   * The first invalid block of the rebuilt L2, if one is left (a kept transaction that now does something invalid):
   * call {@link Sequencer.recover} again.
   */
  readonly stillInvalid?: bigint;
}

/** A batch that went on chain. */
export interface ProposalResult {
  readonly batch: BuiltBatch;
  readonly receipt: ContractTransactionReceipt;
  /** Signers whose signatures were submitted. */
  readonly signers: readonly string[];
}

/**
 * A sequencer: builds batches from the L2 chain, checks and signs other sequencers' proposals, and proposes when the
 * SequencerRegistry schedules it. Every check a signer makes is made from its own L2 view and the L1 contracts, never
 * from what the proposer claims.
 */
export class Sequencer implements HeaderSigner {
  readonly address: string;
  readonly batchChain: BatchChain;
  readonly registry: SequencerRegistry;
  readonly l1Bridge: L1Bridge;

  constructor(readonly config: SequencerConfig) {
    this.address = config.key.address;
    this.batchChain = BatchChain__factory.connect(config.batchChain, config.key);
    this.registry = SequencerRegistry__factory.connect(config.registry, config.key);
    this.l1Bridge = L1Bridge__factory.connect(config.l1Bridge, config.key);
  }

  /** The signer scheduled to propose the next batch now. */
  async scheduledProposer(): Promise<string> {
    const [count, [, , , lastAcceptedAt]] = await Promise.all([this.batchChain.batchCount(), this.batchChain.tip()]);
    const [scheduled] = await this.registry.scheduledProposer(count, lastAcceptedAt);
    return scheduled;
  }

  /** Whether this sequencer is scheduled to propose the next batch now. */
  async isScheduled(): Promise<boolean> {
    return (await this.scheduledProposer()).toLowerCase() === this.address.toLowerCase();
  }

  /** Relays pending L1 deposits to L2 (when this sequencer relays), then builds the next batch and stores its data. */
  async buildNextBatch(): Promise<BuiltBatch> {
    await this.relayIfRelaying();
    const tip = await this.committedTip();
    const head = await latestBlockNumber(this.config.l2);
    if (head <= tip.lastBlock) throw new NothingToBatchError(tip.lastBlock);
    const max = BigInt(this.config.maxBlocksPerBatch ?? 100);
    const firstBlock = tip.lastBlock + 1n;
    const lastBlock = head - tip.lastBlock > max ? tip.lastBlock + max : head;
    let blocks = await readL2Blocks(this.config.l2, this.config.l2Bridge, firstBlock, lastBlock);
    try {
      await checkL2Blocks(blocks, tip.deposits, this.validity());
    } catch (error) {
      // Relays other nodes count as final but this one does not yet: batch the blocks before them, which the check
      // (block by block, in order) has already passed.
      if (!(error instanceof L2BlockNotFinalError) || error.blockNumber <= firstBlock) throw error;
      blocks = blocks.slice(0, Number(error.blockNumber - firstBlock));
    }
    let batch = buildBatch(tip.batchCount, tip.headerHash, blocks);
    // After a rollback of a valid batch the same blocks give the same header, which BatchChain refuses for good:
    // leave the last block to the next batch instead.
    while (await this.batchChain.isRolledBack(headerHash(batch.header))) {
      if (blocks.length === 1) throw new RolledBackHeaderError(headerHash(batch.header), firstBlock);
      blocks = blocks.slice(0, -1);
      batch = buildBatch(tip.batchCount, tip.headerHash, blocks);
    }
    await this.config.store.put(batch.header.dataHash as Hex, batch.data);
    // The committed leaves and RLP headers, so a verifier can locate and prove a forged leaf (da/sidecar).
    await storeSidecar(this.config.store, await buildSidecar(this.config.l2, batch.header, blocks));
    this.config.onProgress?.({
      kind: "batch-built",
      batchIndex: batch.header.batchIndex,
      firstBlock: batch.header.firstBlock,
      lastBlock: batch.header.lastBlock,
      txCount: batch.header.txCount,
      dataHash: batch.header.dataHash as Hex,
    });
    return batch;
  }

  /** Relays the final L1 deposits the L2 bridge lacks from this sequencer's own relay key, when it relays. */
  private async relayIfRelaying(): Promise<void> {
    const { relayer, relayDeposits = relayer !== undefined } = this.config;
    if (!relayer || !relayDeposits) return;
    const l2Bridge = L2Bridge__factory.connect(this.config.l2Bridge, relayer);
    const { relayed, depositCount, transactions } = await relayPendingDeposits(this.l1Bridge, l2Bridge, {
      finality: this.config.l1Finality,
    });
    if (relayed > 0) this.config.onProgress?.({ kind: "deposits-relayed", count: relayed, depositCount, transactions });
  }

  /** The committed chain's tip as the next batch builds on it: index, parent, last L2 block and deposit state. */
  private async committedTip() {
    const [batchCount, [lastBlock, depositCount, depositChainHash]] = await Promise.all([
      this.batchChain.batchCount(),
      this.batchChain.tip(),
    ]);
    const parent = (await this.batchChain.headerHash(batchCount - 1n)) as Hex;
    const deposits = { depositCount, depositChainHash: depositChainHash as Hex };
    return { batchCount, headerHash: parent, lastBlock, deposits };
  }

  /**
   * The batch this sequencer derives for L2 blocks `firstBlock..lastBlock` on top of the current L1 chain, after
   * checking every block against the L2's validity rules (see `checkL2Blocks`). Throws {@link InvalidL2BlockError}
   * for the first invalid block: this sequencer never builds or signs a batch over it.
   */
  async deriveBatch(firstBlock: bigint, lastBlock: bigint): Promise<BuiltBatch> {
    const tip = await this.committedTip();
    const blocks = await readL2Blocks(this.config.l2, this.config.l2Bridge, firstBlock, lastBlock);
    // Blocks after the committed tip continue its deposit state; a range starting elsewhere is refused when signing.
    if (firstBlock === tip.lastBlock + 1n) await checkL2Blocks(blocks, tip.deposits, this.validity());
    return buildBatch(tip.batchCount, tip.headerHash, blocks);
  }

  /** The first L2 block after the committed tip that is invalid, or undefined when every one is valid. */
  async findInvalidBlock(): Promise<InvalidL2BlockError | undefined> {
    const tip = await this.committedTip();
    const head = await latestBlockNumber(this.config.l2);
    if (head <= tip.lastBlock) return undefined;
    try {
      const blocks = await readL2Blocks(this.config.l2, this.config.l2Bridge, tip.lastBlock + 1n, head);
      await checkL2Blocks(blocks, tip.deposits, this.validity());
      return undefined;
    } catch (error) {
      if (error instanceof InvalidL2BlockError) return error;
      if (error instanceof L2BlockNotFinalError) return undefined; // not invalid, only not final yet here
      throw error;
    }
  }

  /**
   * Rebuilds the L2 without its first invalid block after the committed tip (PROTOCOL section 6): `node` drops that
   * block and every later one; this sequencer relays the final L1 deposits again (when it relays), then sends every
   * other transaction of the dropped blocks again, in order. Relays are not replayed but redone from L1, so a forged
   * deposit disappears; a transaction that no longer applies (one spending the forged deposit) is discarded. Returns
   * undefined when there is nothing to recover from.
   */
  async recover(node: L2Node): Promise<RecoveryReport | undefined> {
    const invalid = await this.findInvalidBlock();
    if (!invalid) return undefined;
    const head = await latestBlockNumber(this.config.l2);
    const bridgeInterface = L2Bridge__factory.createInterface();
    const relaySelectors = new Set(
      (["relayDeposit", "relayDeposits", "createL2Token"] as const).map((name) =>
        bridgeInterface.getFunction(name).selector.toLowerCase(),
      ),
    );
    // Relays are recognised by what they did (a DepositRelayed or L2TokenCreated of the bridge), whatever contract or
    // delegated account made the call, and by calling the bridge's relay functions even when they reverted.
    const relays = new Set<string>();
    for (const list of (
      await bridgeRelayEvents(this.config.l2, this.config.l2Bridge, invalid.blockNumber, head)
    ).values()) {
      for (const { transactionHash } of list) relays.add(transactionHash.toLowerCase());
    }
    const bridge = this.config.l2Bridge.toLowerCase();
    const kept: { hash: string; raw: string }[] = [];
    const discarded: string[] = [];
    for (let number = invalid.blockNumber; number <= head; number++) {
      const rpc = await rpcBlock(this.config.l2, number);
      for (const transaction of rpc.transactions) {
        const to = (transaction.to as string | null | undefined)?.toLowerCase();
        const input = transaction.input ?? transaction.data;
        const selector = (typeof input === "string" ? input : "0x").slice(0, 10).toLowerCase();
        if (relays.has(String(transaction.hash).toLowerCase())) continue;
        if (to === bridge && relaySelectors.has(selector)) continue;
        try {
          kept.push(rawTransactionOf(transaction, number));
        } catch {
          discarded.push(transaction.hash as string); // a type the L2 does not accept
        }
      }
    }
    await node.rewind(invalid.blockNumber - 1n);
    await this.relayIfRelaying();
    const replayed: string[] = [];
    for (const transaction of kept) {
      try {
        const hash = (await this.config.l2.send("eth_sendRawTransaction", [transaction.raw])) as string;
        await this.config.l2.waitForTransaction(hash);
        replayed.push(hash);
      } catch {
        discarded.push(transaction.hash);
      }
    }
    return {
      invalidBlock: invalid.blockNumber,
      reason: invalid.reason,
      droppedBlocks: Number(head - invalid.blockNumber + 1n),
      replayed,
      discarded,
      stillInvalid: (await this.findInvalidBlock())?.blockNumber,
    };
  }

  private validity() {
    return {
      l1Bridge: this.l1Bridge,
      registry: this.registry,
      l2: this.config.l2,
      l2Bridge: this.config.l2Bridge,
      finality: this.config.l1Finality,
    };
  }

  /**
   * Signs `header` after re-deriving it: the same index and parent as L1's tip, the next L2 block, the same roots,
   * deposits and data hash from this node's own L2 view, and the data object readable (and verified) from the DA
   * store. Throws {@link HeaderMismatchError} naming the first field that differs.
   */
  async sign(header: BatchHeader): Promise<string> {
    const [lastCommitted] = await this.batchChain.tip();
    if (BigInt(header.firstBlock) !== lastCommitted + 1n) {
      throw new HeaderMismatchError("firstBlock", lastCommitted + 1n, header.firstBlock);
    }
    const derived = await this.deriveBatch(BigInt(header.firstBlock), BigInt(header.lastBlock));
    for (const field of Object.keys(derived.header) as (keyof BatchHeader)[]) {
      const ours = String(derived.header[field]).toLowerCase();
      const theirs = String(header[field]).toLowerCase();
      if (ours !== theirs) throw new HeaderMismatchError(field, derived.header[field], header[field]);
    }
    await readVerified(this.config.store, header.dataHash as Hex);
    return this.config.key.signTypedData(
      await this.domain(),
      { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] },
      header,
    );
  }

  /**
   * Builds the next batch, asks `peers` to sign it, and submits it with a quorum. Throws {@link NotScheduledError}
   * when another sequencer's turn it is, {@link QuorumNotReachedError} (with each refusal) when the signatures do not
   * reach more than two thirds of the epoch's stake, and a ContractRevertError when L1 rejects the batch.
   */
  async propose(peers: readonly HeaderSigner[]): Promise<ProposalResult> {
    const scheduled = await this.scheduledProposer();
    if (scheduled.toLowerCase() !== this.address.toLowerCase()) throw new NotScheduledError(scheduled, this.address);
    const batch = await this.buildNextBatch();
    const signatures = [await this.sign(batch.header)];
    const refusals: Error[] = [];
    for (const peer of peers) {
      try {
        signatures.push(await peer.sign(batch.header));
        this.config.onProgress?.({ kind: "signed", signer: peer.address });
      } catch (error) {
        refusals.push(error as Error);
        this.config.onProgress?.({ kind: "refused", signer: peer.address, reason: (error as Error).message });
      }
    }
    const members = await this.registry.members();
    const [, , , totalStake] = await this.registry.currentEpoch();
    const digest = headerDigest(batch.header, await this.domain());
    const packed = packQuorumSignatures(
      digest,
      signatures,
      members.map((member) => member.signer),
    );
    const signers = new Set(signatures.map((signature) => recoverAddress(digest, signature).toLowerCase()));
    const signedStake = members
      .filter((member) => signers.has(member.signer.toLowerCase()))
      .reduce((sum, member) => sum + member.stake, 0n);
    if (signedStake * 3n <= totalStake * 2n) throw new QuorumNotReachedError(signedStake, totalStake, refusals);
    const receipt = await this.submit(batch, packed);
    return { batch, receipt, signers: [...signers] };
  }

  /** Submits `batch` with packed quorum signatures; a revert comes back as a ContractRevertError. */
  async submit(batch: BuiltBatch, packedSignatures: Hex): Promise<ContractTransactionReceipt> {
    const receipt = await transact(() => this.batchChain.submitBatch(batch.header, packedSignatures), {
      BatchChain: this.batchChain.interface,
      SequencerRegistry: this.registry.interface,
      L1Bridge: this.l1Bridge.interface,
    });
    this.config.onProgress?.({
      kind: "submitted",
      batchIndex: batch.header.batchIndex,
      txHash: receipt.hash,
      gasUsed: receipt.gasUsed,
    });
    return receipt;
  }

  /** The EIP-712 domain of headers for this BatchChain. */
  async domain() {
    const { chainId } = await providerOf(this.batchChain, "the sequencer key").getNetwork();
    return batchHeaderDomain(chainId, this.config.batchChain as Address);
  }
}
