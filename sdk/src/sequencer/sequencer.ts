import { recoverAddress, type ContractTransactionReceipt, type JsonRpcApiProvider, type Wallet } from "ethers";

import {
  BatchChain__factory,
  L1Bridge__factory,
  L2Bridge__factory,
  SequencerRegistry__factory,
  type BatchChain,
  type L1Bridge,
  type SequencerRegistry,
} from "../contracts/typechain";
import { readVerified, type DAStore } from "../da/store";
import { decodeRevert } from "../errors/contract";
import {
  HeaderMismatchError,
  NothingToBatchError,
  NotScheduledError,
  QuorumNotReachedError,
} from "../errors/sequencer";
import {
  BATCH_HEADER_TYPES,
  batchHeaderDomain,
  headerDigest,
  type Address,
  type BatchHeader,
  type Hex,
} from "../proof";

import { buildBatch, type BuiltBatch } from "./batch-builder";
import { relayPendingDeposits } from "./deposits";
import { latestBlockNumber, readL2Blocks } from "./l2-reader";
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
  | { readonly kind: "deposits-relayed"; readonly count: number; readonly depositCount: bigint }
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
  /** The system relayer on L2; without it this sequencer does not relay deposits. */
  readonly relayer?: Wallet;
  /** Whether to relay pending L1 deposits before building a batch (default true when a relayer is given). */
  readonly relayDeposits?: boolean;
  /** Most L2 blocks in one batch (default 100). */
  readonly maxBlocksPerBatch?: number;
  readonly onProgress?: (event: SequencerEvent) => void;
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
    const { relayer, relayDeposits = relayer !== undefined } = this.config;
    if (relayer && relayDeposits) {
      const l2Bridge = L2Bridge__factory.connect(this.config.l2Bridge, relayer);
      const { relayed, depositCount } = await relayPendingDeposits(this.l1Bridge, l2Bridge);
      if (relayed > 0) this.config.onProgress?.({ kind: "deposits-relayed", count: relayed, depositCount });
    }
    const [lastCommitted] = await this.batchChain.tip();
    const head = await latestBlockNumber(this.config.l2);
    if (head <= lastCommitted) throw new NothingToBatchError(lastCommitted);
    const max = BigInt(this.config.maxBlocksPerBatch ?? 100);
    const lastBlock = head - lastCommitted > max ? lastCommitted + max : head;
    const batch = await this.deriveBatch(lastCommitted + 1n, lastBlock);
    await this.config.store.put(batch.header.dataHash as Hex, batch.data);
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

  /** The batch this sequencer derives for L2 blocks `firstBlock..lastBlock` on top of the current L1 chain. */
  async deriveBatch(firstBlock: bigint, lastBlock: bigint): Promise<BuiltBatch> {
    const count = await this.batchChain.batchCount();
    const parentHash = (await this.batchChain.headerHash(count - 1n)) as Hex;
    const blocks = await readL2Blocks(this.config.l2, this.config.l2Bridge, firstBlock, lastBlock);
    return buildBatch(count, parentHash, blocks);
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
    try {
      const receipt = (await (await this.batchChain.submitBatch(batch.header, packedSignatures)).wait())!;
      this.config.onProgress?.({
        kind: "submitted",
        batchIndex: batch.header.batchIndex,
        txHash: receipt.hash,
        gasUsed: receipt.gasUsed,
      });
      return receipt;
    } catch (error) {
      throw decodeRevert(error, {
        BatchChain: this.batchChain.interface,
        SequencerRegistry: this.registry.interface,
        L1Bridge: this.l1Bridge.interface,
      });
    }
  }

  /** The EIP-712 domain of headers for this BatchChain. */
  async domain() {
    const { chainId } = await this.config.key.provider!.getNetwork();
    return batchHeaderDomain(chainId, this.config.batchChain as Address);
  }
}
