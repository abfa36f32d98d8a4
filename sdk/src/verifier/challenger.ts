/**
 * The Challenger: turns a verifier's structural finding into the matching DisputeManager challenge, sends it, and
 * claims the prover's reward. It builds the evidence itself from the batch's committed data and an L2 node. An
 * execution finding (no structural proof exists) becomes a bonded execution challenge, which staked verifiers then
 * vote on; {@link Challenger.resolveDispute} applies the vote's end.
 */
import type { ContractTransactionReceipt, JsonRpcApiProvider, Signer } from "ethers";

import { transact } from "../contracts/transact";
import { type BatchChain, type DisputeManager, type SequencerRegistry, type VerifierRegistry } from "../contracts";
import { EventNotFoundError } from "../errors/chain";
import { L2EvidenceError, MissingChallengeContextError, SubmissionNotFoundError } from "../errors/challenge";
import {
  DISPUTE_FAULTS,
  DISPUTE_OUTCOMES,
  headerHash,
  L2_BRIDGE_SLOTS,
  type BatchHeader,
  type BlockLeafInput,
  type DisputeFaultName,
  type DisputeOutcomeName,
  type Hex,
  type TxLeafInput,
} from "../proof";

import {
  blockEvidence,
  blockLeafStruct,
  blockTransactionProof,
  fetchRlpHeader,
  NO_BLOCK_EVIDENCE,
  NO_TX_EVIDENCE,
  storageProof,
  transactionsTrieProof,
  txLeavesOf,
  txTree,
  type BlockEvidence,
  type TxGap,
} from "./evidence";
import { parseExecutionChallenged, type ExecutionChallenge } from "./logs";
import type {
  DepositFinding,
  EquivocationFinding,
  ExecutionFinding,
  HeaderFinding,
  ParentLinkFinding,
  StructuralFinding,
  TransactionLeafFinding,
  TransactionOmittedFinding,
  TransactionOrderFinding,
  WithdrawalRootFinding,
} from "./findings";
import {
  batchChainInterface,
  connectBatchChain,
  connectDisputeManager,
  connectSequencerRegistry,
  connectVerifierRegistry,
  verifierRegistryInterface,
} from "../contracts/connectors";

export interface ChallengerConfig {
  /** The prover's key, connected to L1: it sends the challenges and is credited `rewardBps` of every slash. */
  readonly signer: Signer;
  readonly disputeManager: string;
  readonly registry: string;
}

/** What a challenge against batch `header.batchIndex` is built from. */
export interface ChallengeContext {
  /** The batch's header as committed (its hash is the one BatchChain holds). */
  readonly header: BatchHeader;
  /** The signatures it was submitted with, packed ({@link submittedBatch} reads them from L1). */
  readonly signatures: Hex;
  /** The batch's block leaves as committed: they must build `header.stateBatchRoot`. */
  readonly blockLeaves: readonly BlockLeafInput[];
  /**
   * The batch's raw transactions per block as committed (the data object's): they must build `header.txBatchRoot`.
   * Needed for the transaction findings.
   */
  readonly transactions?: readonly (readonly Hex[])[];
  /**
   * The batch's transaction leaves as committed, when they are known apart from the transactions (leaves posted in a
   * DA answer): they must build `header.txBatchRoot`. Default: derived from `transactions`, whose leaves are always in
   * (block, index) order, so a `transactionOrder` finding needs these.
   */
  readonly txLeaves?: readonly TxLeafInput[];
  /**
   * An L2 node holding the real blocks (the verifier's replica): RLP headers and transactions by block hash, and
   * `eth_getProof` at the batch's blocks. Needed for every finding but `transactionOrder`.
   */
  readonly l2?: JsonRpcApiProvider;
  /**
   * The RLP header each committed leaf's blockHash names, by leaf index (the batch sidecar's): used instead of asking
   * `l2`, which has no header for a block of a fork the batch committed. An undefined entry (a leaf whose blockHash
   * no known header hashes to) is asked of `l2`, which fails with L2EvidenceError when it has none either.
   */
  readonly rlpHeaders?: readonly (Hex | undefined)[];
  /**
   * The committed blocks' own raw transactions by block number (checked against their headers' transactionsRoot):
   * used for transactions-trie proofs instead of asking `l2` for the block.
   */
  readonly blockTransactions?: ReadonlyMap<bigint, readonly Hex[]>;
  /**
   * The previous batch's header with its committed block leaves, or just its last leaf and that leaf's proof: needed
   * for a parent link at leaf 0.
   */
  readonly previous?: {
    readonly header: BatchHeader;
    readonly blockLeaves?: readonly BlockLeafInput[];
    readonly lastLeaf?: { readonly leaf: BlockLeafInput; readonly proof: readonly Hex[] };
  };
}

/** A proven fault: the batch and its successors were rolled back and `slashed` lost `fraudSlashBps`. */
export interface FaultOutcome {
  readonly kind: "fault";
  readonly batchIndex: bigint;
  readonly fault: DisputeFaultName;
  readonly prover: string;
  readonly headerHash: Hex;
  /** The sequencers slashed, in ascending order of their signer keys. */
  readonly slashed: readonly string[];
  /** Their signer keys, ascending. */
  readonly signers: readonly string[];
  /** Stake slashed in total, in token wei. */
  readonly amount: bigint;
}

/** A proven equivocation: `sequencer` was slashed. */
export interface EquivocationOutcome {
  readonly kind: "equivocation";
  readonly batchIndex: bigint;
  readonly sequencer: string;
  readonly prover: string;
  readonly firstHeader: Hex;
  readonly secondHeader: Hex;
  readonly amount: bigint;
}

export interface ChallengeResult {
  readonly receipt: ContractTransactionReceipt;
  readonly outcome: FaultOutcome | EquivocationOutcome;
}

/** An opened execution dispute: the challenge's receipt and its ExecutionChallenged log. */
export interface ExecutionChallengeResult {
  readonly receipt: ContractTransactionReceipt;
  /** The dispute's id (`executionDisputeId(headerHash, leafIndex)`). */
  readonly id: Hex;
  readonly challenge: ExecutionChallenge;
}

/** An execution dispute ended by {@link Challenger.resolveDispute}: its DisputeResolved log. */
export interface DisputeResolution {
  readonly receipt: ContractTransactionReceipt;
  readonly id: Hex;
  readonly batchIndex: bigint;
  readonly outcome: DisputeOutcomeName;
}

/** A submitted batch as read back from L1: its header and the signatures it carried. */
export interface SubmittedBatch {
  readonly header: BatchHeader;
  readonly headerHash: Hex;
  readonly signatures: Hex;
  readonly transactionHash: string;
  /** The L1 block of the `submitBatch` transaction. */
  readonly blockNumber: number;
}

/**
 * Reads batch `batchIndex`'s header and signatures from its `submitBatch` transaction: the `BatchSubmitted` log (the
 * latest one for that index, or the one with `headerHash`), then its transaction's calldata. L1 logs are searched from
 * `fromBlock` (default 0) to `toBlock` (default latest); a provider that bounds log ranges needs them narrowed. Throws
 * {@link SubmissionNotFoundError} when there is no such log or the transaction is not a direct `submitBatch` call.
 */
export async function submittedBatch(
  batchChain: BatchChain,
  batchIndex: bigint,
  options: { readonly headerHash?: string; readonly fromBlock?: number; readonly toBlock?: number } = {},
): Promise<SubmittedBatch> {
  const logs = await batchChain.queryFilter(
    batchChain.filters.BatchSubmitted(batchIndex),
    options.fromBlock ?? 0,
    options.toBlock ?? "latest",
  );
  const wanted = options.headerHash?.toLowerCase();
  const log = logs.filter((entry) => wanted === undefined || entry.args.headerHash.toLowerCase() === wanted).at(-1);
  if (log === undefined) throw new SubmissionNotFoundError(batchIndex, "no BatchSubmitted log");
  const transaction = await log.getTransaction();
  const call = batchChain.interface.parseTransaction({ data: transaction.data });
  if (call?.name !== "submitBatch") {
    throw new SubmissionNotFoundError(batchIndex, `transaction ${log.transactionHash} does not call submitBatch`);
  }
  const [h, signatures] = call.args as unknown as [BatchHeader, string];
  const header: BatchHeader = {
    batchIndex: BigInt(h.batchIndex),
    parentHash: h.parentHash,
    firstBlock: BigInt(h.firstBlock),
    lastBlock: BigInt(h.lastBlock),
    txCount: Number(h.txCount),
    txBatchRoot: h.txBatchRoot,
    stateBatchRoot: h.stateBatchRoot,
    depositCount: BigInt(h.depositCount),
    depositChainHash: h.depositChainHash,
    dataHash: h.dataHash,
  };
  const hash = headerHash(header);
  if (hash !== log.args.headerHash.toLowerCase()) {
    throw new SubmissionNotFoundError(batchIndex, `transaction ${log.transactionHash} submitted another header`);
  }
  return {
    header,
    headerHash: hash,
    signatures: signatures as Hex,
    transactionHash: log.transactionHash,
    blockNumber: log.blockNumber,
  };
}

/**
 * Sends DisputeManager challenges for structural findings and claims the rewards. Each challenge is one transaction;
 * a revert comes back as a ContractRevertError naming DisputeManager's error (DisputeManagerNoFault when the batch is
 * right after all).
 */
export class Challenger {
  readonly disputeManager: DisputeManager;
  readonly registry: SequencerRegistry;
  private l2BridgeAddress?: string;

  constructor(readonly config: ChallengerConfig) {
    this.disputeManager = connectDisputeManager(config.disputeManager, config.signer);
    this.registry = connectSequencerRegistry(config.registry, config.signer);
  }

  /** The BatchChain the dispute manager challenges, connected to the signer. */
  async batchChain(): Promise<BatchChain> {
    return connectBatchChain(await this.disputeManager.batchChain(), this.config.signer);
  }

  /**
   * Builds the evidence for `finding` from `context` and sends the matching challenge: challengeHeader,
   * challengeParentLink, challengeBridgeStorage, challengeTxInclusion, challengeTxOmitted, challengeTxOrder or
   * challengeEquivocation (which needs no context). Returns the receipt and the decoded outcome.
   */
  async challenge(finding: StructuralFinding, context?: ChallengeContext): Promise<ChallengeResult> {
    if (finding.kind === "equivocation") return this.send(() => this.equivocation(finding));
    if (context === undefined) throw new MissingChallengeContextError(finding.kind, "header");
    switch (finding.kind) {
      case "blockNumber":
      case "blockTimestamp":
      case "stateRoot":
        return this.send(() => this.header(finding, context));
      case "parentLink":
        return this.send(() => this.parentLink(finding, context));
      case "withdrawalRoot":
      case "depositCount":
      case "depositChainHash":
        return this.send(() => this.bridgeStorage(finding, context));
      case "transactionHash":
      case "transactionInvented":
        return this.send(() => this.txInclusion(finding, context));
      case "transactionOmitted":
        return this.send(() => this.txOmitted(finding, context));
      case "transactionOrder":
        return this.send(() => this.txOrder(finding, context));
    }
  }

  /**
   * Opens the execution dispute for `finding`: proves the finding's leaf and its predecessor (the previous leaf of
   * the batch, or `context.previous`'s last leaf at leaf 0: batch 0's genesis leaf for batch 1) in their batches,
   * claims the state root the finding computed, and sends exactly DisputeManager's `executionBond` with it. Returns
   * the dispute's id, read from its ExecutionChallenged log. The bond comes back when the vote upholds the challenge
   * (or the dispute lapses or is void), and is forfeited when it rejects it.
   */
  async challengeExecution(finding: ExecutionFinding, context: ChallengeContext): Promise<ExecutionChallengeResult> {
    const evidence = blockEvidence(context.header, context.blockLeaves, finding.leafIndex);
    const { previousHeader, previous } = predecessorOf(finding, context);
    const bond = await this.disputeManager.executionBond();
    const receipt = await transact(
      () =>
        this.disputeManager.challengeExecution(context.header, evidence, previousHeader, previous, finding.stateRoot, {
          value: bond,
        }),
      this.interfaces(),
    );
    for (const log of receipt.logs) {
      const challenge = parseExecutionChallenged(this.config.disputeManager, log);
      if (challenge !== undefined) return { receipt, id: challenge.id, challenge };
    }
    throw new EventNotFoundError("DisputeManager", "ExecutionChallenged", receipt.hash);
  }

  /**
   * Applies the end of execution dispute `id` against leaf `leafIndex` of `header`: the vote's decision once it is
   * over, a lapse once its escalation ended undecided, or a void dispute once its batch was rolled back otherwise.
   * `signatures` are the batch's submitted quorum signatures (the signers slashed when it is upheld; {@link
   * submittedBatch} reads them): an upheld dispute resolved with fewer slashes fewer signers now, and the voters'
   * reward is their share of that slash. Anyone may send it. Returns the outcome from the DisputeResolved log.
   */
  async resolveDispute(id: Hex, header: BatchHeader, leafIndex: bigint | number, signatures: Hex) {
    const receipt = await transact(
      () => this.disputeManager.resolveDispute(id, header, leafIndex, signatures),
      this.interfaces(),
    );
    return resolutionOf(this.disputeManager, receipt);
  }

  /** Rewards the registry holds for this prover, in token wei. */
  async claimable(): Promise<bigint> {
    return this.registry.claimable(await this.config.signer.getAddress());
  }

  /** Claims this prover's rewards from the registry (SequencerRegistryNothingToClaim when there are none). */
  async claimReward(): Promise<{ readonly receipt: ContractTransactionReceipt; readonly amount: bigint }> {
    const amount = await this.claimable();
    const receipt = await transact(() => this.registry.claim(), { SequencerRegistry: this.registry.interface });
    return { receipt, amount };
  }

  /**
   * ETH (wei) and tokens (token wei) the VerifierRegistry holds for this challenger from execution disputes: refunded
   * bonds, and its share of the slash of signers a vote convicted.
   */
  async disputePayout(): Promise<{ readonly eth: bigint; readonly tokens: bigint }> {
    const registry = await this.verifierRegistry();
    const [eth, tokens] = await registry.claimable(await this.config.signer.getAddress());
    return { eth, tokens };
  }

  /** Claims {@link Challenger.disputePayout} (VerifierRegistryNothingToClaim when there is none). */
  async claimDisputePayout(): Promise<{
    readonly receipt: ContractTransactionReceipt;
    readonly eth: bigint;
    readonly tokens: bigint;
  }> {
    const registry = await this.verifierRegistry();
    const { eth, tokens } = await this.disputePayout();
    const receipt = await transact(() => registry.claim(), this.interfaces());
    return { receipt, eth, tokens };
  }

  /** The VerifierRegistry the dispute manager's votes run in, connected to the signer. */
  async verifierRegistry(): Promise<VerifierRegistry> {
    return connectVerifierRegistry(await this.disputeManager.verifierRegistry(), this.config.signer);
  }

  /**
   * Slashes further signers of a convicted header with `signatures` over it (packed): the signers already slashed for
   * it are read from the dispute manager's FaultProven and CosignersSlashed logs (from `fromBlock`, default 0).
   */
  async slashCosigners(
    header: BatchHeader,
    signatures: Hex,
    options: { readonly fromBlock?: number } = {},
  ): Promise<ContractTransactionReceipt> {
    const hash = headerHash(header);
    const from = options.fromBlock ?? 0;
    const proven = await this.disputeManager.queryFilter(this.disputeManager.filters.FaultProven(), from);
    const more = await this.disputeManager.queryFilter(this.disputeManager.filters.CosignersSlashed(hash), from);
    const signers = [
      ...proven.filter((log) => log.args.headerHash.toLowerCase() === hash).flatMap((log) => log.args.signers),
      ...more.flatMap((log) => log.args.signers),
    ].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    return transact(() => this.disputeManager.slashCosigners(header, signers, signatures), this.interfaces());
  }

  // Challenges ------------------------------------------------------------------------------------------------------

  private async header(finding: HeaderFinding, context: ChallengeContext) {
    const leaf = context.blockLeaves[finding.leafIndex];
    const atPosition = BigInt(context.header.firstBlock) + BigInt(finding.leafIndex);
    // A number that is not the leaf's position needs no header (and a forged hash may have none).
    const positional = finding.kind === "blockNumber" && leaf !== undefined && BigInt(leaf.number) !== atPosition;
    const rlp = positional || leaf === undefined ? "0x" : await rlpHeaderOf(finding, context, finding.leafIndex);
    const evidence = blockEvidence(context.header, context.blockLeaves, finding.leafIndex, rlp);
    return this.disputeManager.challengeHeader(context.header, evidence, context.signatures);
  }

  private async parentLink(finding: ParentLinkFinding, context: ChallengeContext) {
    const leaf = context.blockLeaves[finding.leafIndex];
    const rlp = leaf === undefined ? "0x" : await rlpHeaderOf(finding, context, finding.leafIndex);
    const child = blockEvidence(context.header, context.blockLeaves, finding.leafIndex, rlp);
    const { previousHeader: parentHeader, previous: parent } = predecessorOf(finding, context);
    return this.disputeManager.challengeParentLink(parentHeader, parent, context.header, child, context.signatures);
  }

  private async bridgeStorage(finding: WithdrawalRootFinding | DepositFinding, context: ChallengeContext) {
    const leafIndex = finding.kind === "withdrawalRoot" ? finding.leafIndex : context.blockLeaves.length - 1;
    const slot =
      finding.kind === "withdrawalRoot"
        ? L2_BRIDGE_SLOTS.withdrawalRoot
        : finding.kind === "depositCount"
          ? L2_BRIDGE_SLOTS.depositCount
          : L2_BRIDGE_SLOTS.depositChainHash;
    const evidence = blockEvidence(context.header, context.blockLeaves, leafIndex);
    this.l2BridgeAddress ??= await this.disputeManager.l2Bridge();
    const proof = await storageProof(
      l2Of(finding, context),
      this.l2BridgeAddress,
      slot,
      BigInt(context.header.firstBlock) + BigInt(leafIndex),
      evidence.leaf.stateRoot,
    );
    return this.disputeManager.challengeBridgeStorage(
      context.header,
      evidence,
      slot,
      proof.accountProof,
      proof.storageProof,
      context.signatures,
    );
  }

  private async txInclusion(finding: TransactionLeafFinding, context: ChallengeContext) {
    const leaves = committedTxLeaves(finding, context);
    const tx = txTree(context.header, leaves).evidence(finding.position);
    const leafIndex = Number(tx.l2BlockNumber - BigInt(context.header.firstBlock));
    const leaf = context.blockLeaves[leafIndex];
    // A padding leaf, or a block outside the batch: the contract reads no block evidence.
    if (
      leaf === undefined ||
      tx.txHash === NO_TX_EVIDENCE.txHash ||
      tx.l2BlockNumber > BigInt(context.header.lastBlock)
    ) {
      return this.disputeManager.challengeTxInclusion(context.header, tx, NO_BLOCK_EVIDENCE, [], context.signatures);
    }
    const { rlpHeader, proof } = await transactionProofOf(finding, context, leafIndex, tx.indexInBlock);
    const evidence = blockEvidence(context.header, context.blockLeaves, leafIndex, rlpHeader);
    return this.disputeManager.challengeTxInclusion(context.header, tx, evidence, proof, context.signatures);
  }

  private async txOmitted(finding: TransactionOmittedFinding, context: ChallengeContext) {
    const leaves = committedTxLeaves(finding, context);
    const tree = txTree(context.header, leaves);
    // The first committed leaf after the missing transaction; the gap is just before it.
    const after = (leaf: TxLeafInput) =>
      BigInt(leaf.l2BlockNumber) > finding.block ||
      (BigInt(leaf.l2BlockNumber) === finding.block && BigInt(leaf.indexInBlock) > BigInt(finding.indexInBlock));
    const found = leaves.findIndex(after);
    const next = found === -1 ? leaves.length : found;
    const gap: TxGap = {
      hasPrevious: next > 0,
      previous: next > 0 ? tree.evidence(next - 1) : NO_TX_EVIDENCE,
      hasNext: next < leaves.length,
      next: next < leaves.length ? tree.evidence(next) : NO_TX_EVIDENCE,
    };
    const leafIndex = Number(finding.block - BigInt(context.header.firstBlock));
    const leaf = context.blockLeaves[leafIndex];
    if (leaf === undefined) throw new L2EvidenceError(`block ${finding.block} is not in batch ${finding.batchIndex}`);
    const { rlpHeader, proof } = await transactionProofOf(finding, context, leafIndex, finding.indexInBlock);
    const evidence = blockEvidence(context.header, context.blockLeaves, leafIndex, rlpHeader);
    return this.disputeManager.challengeTxOmitted(
      context.header,
      gap,
      evidence,
      finding.indexInBlock,
      proof,
      context.signatures,
    );
  }

  private txOrder(finding: TransactionOrderFinding, context: ChallengeContext) {
    const leaves = committedTxLeaves(finding, context);
    const tree = txTree(context.header, leaves);
    return this.disputeManager.challengeTxOrder(
      context.header,
      tree.evidence(finding.position),
      tree.evidence(finding.position + 1),
      context.signatures,
    );
  }

  private equivocation(finding: EquivocationFinding) {
    const [first, second] = finding.headers;
    const [firstSignature, secondSignature] = finding.signatures;
    return this.disputeManager.challengeEquivocation(first, firstSignature, second, secondSignature);
  }

  // Sending ---------------------------------------------------------------------------------------------------------

  private interfaces() {
    return {
      DisputeManager: this.disputeManager.interface,
      BatchChain: batchChainInterface(),
      SequencerRegistry: this.registry.interface,
      VerifierRegistry: verifierRegistryInterface(),
    };
  }

  private async send(
    build: () => Promise<Awaited<ReturnType<DisputeManager["challengeHeader"]>>>,
  ): Promise<ChallengeResult> {
    const receipt = await transact(build, this.interfaces());
    return { receipt, outcome: this.outcomeOf(receipt) };
  }

  /** The FaultProven or EquivocationProven event of a challenge's receipt. */
  private outcomeOf(receipt: ContractTransactionReceipt): FaultOutcome | EquivocationOutcome {
    const address = this.config.disputeManager.toLowerCase();
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== address) continue;
      const parsed = this.disputeManager.interface.parseLog(log);
      if (parsed?.name === "FaultProven") {
        const [batchIndex, fault, prover, hash, slashed, signers, amount] = parsed.args as unknown as [
          bigint,
          bigint,
          string,
          string,
          string[],
          string[],
          bigint,
        ];
        return {
          kind: "fault",
          batchIndex,
          fault: DISPUTE_FAULTS[Number(fault)] ?? "None",
          prover,
          headerHash: hash as Hex,
          slashed: [...slashed],
          signers: [...signers],
          amount,
        };
      }
      if (parsed?.name === "EquivocationProven") {
        const [sequencer, batchIndex, prover, firstHeader, secondHeader, amount] = parsed.args as unknown as [
          string,
          bigint,
          string,
          string,
          string,
          bigint,
        ];
        return {
          kind: "equivocation",
          batchIndex,
          sequencer,
          prover,
          firstHeader: firstHeader as Hex,
          secondHeader: secondHeader as Hex,
          amount,
        };
      }
    }
    throw new EventNotFoundError("DisputeManager", "FaultProven", receipt.hash);
  }
}

/** The DisputeResolved log of a resolveDispute (or decideDispute) receipt of `disputeManager`. */
export function resolutionOf(disputeManager: DisputeManager, receipt: ContractTransactionReceipt): DisputeResolution {
  const address = (disputeManager.target as string).toLowerCase();
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== address) continue;
    const parsed = disputeManager.interface.parseLog(log);
    if (parsed?.name !== "DisputeResolved") continue;
    const [id, batchIndex, outcome] = parsed.args as unknown as [string, bigint, bigint];
    return {
      receipt,
      id: id.toLowerCase() as Hex,
      batchIndex,
      outcome: DISPUTE_OUTCOMES[Number(outcome)] ?? "None",
    };
  }
  throw new EventNotFoundError("DisputeManager", "DisputeResolved", receipt.hash);
}

/**
 * The predecessor of the finding's leaf as challengeParentLink and challengeExecution take it: the previous leaf of
 * the same batch, or at leaf 0 the last leaf of the previous batch (from `context.previous`).
 */
function predecessorOf(
  finding: ExecutionFinding | ParentLinkFinding,
  context: ChallengeContext,
): { readonly previousHeader: BatchHeader; readonly previous: BlockEvidence } {
  if (finding.leafIndex > 0) {
    return {
      previousHeader: context.header,
      previous: blockEvidence(context.header, context.blockLeaves, finding.leafIndex - 1),
    };
  }
  const previous = context.previous;
  if (previous === undefined) throw new MissingChallengeContextError(finding.kind, "previous");
  const last = Number(BigInt(previous.header.lastBlock) - BigInt(previous.header.firstBlock));
  if (previous.lastLeaf !== undefined) {
    return {
      previousHeader: previous.header,
      previous: {
        leaf: blockLeafStruct(previous.lastLeaf.leaf),
        leafIndex: BigInt(last),
        siblings: [...previous.lastLeaf.proof],
        rlpHeader: "0x",
      },
    };
  }
  if (previous.blockLeaves !== undefined) {
    return { previousHeader: previous.header, previous: blockEvidence(previous.header, previous.blockLeaves, last) };
  }
  throw new MissingChallengeContextError(finding.kind, "previous");
}

/** The context's L2 node, or {@link MissingChallengeContextError}. */
function l2Of(finding: StructuralFinding, context: ChallengeContext): JsonRpcApiProvider {
  if (context.l2 === undefined) throw new MissingChallengeContextError(finding.kind, "l2");
  return context.l2;
}

/** The RLP header of the batch's leaf `leafIndex`: the context's, else `l2`'s block by the leaf's hash. */
async function rlpHeaderOf(finding: StructuralFinding, context: ChallengeContext, leafIndex: number): Promise<Hex> {
  const known = context.rlpHeaders?.[leafIndex];
  if (known !== undefined) return known;
  const leaf = context.blockLeaves[leafIndex];
  if (leaf === undefined) throw new L2EvidenceError(`batch ${finding.batchIndex} has no block leaf ${leafIndex}`);
  return fetchRlpHeader(l2Of(finding, context), leaf.blockHash);
}

/**
 * The RLP header of leaf `leafIndex`'s block and the transactions-trie proof of its transaction `index`: from the
 * context's headers and block transactions when it has them, else from `l2`'s block by the leaf's hash.
 */
async function transactionProofOf(
  finding: StructuralFinding,
  context: ChallengeContext,
  leafIndex: number,
  index: number | bigint,
): Promise<{ readonly rlpHeader: Hex; readonly proof: Hex[] }> {
  const leaf = context.blockLeaves[leafIndex];
  if (leaf === undefined) throw new L2EvidenceError(`batch ${finding.batchIndex} has no block leaf ${leafIndex}`);
  const rlpHeader = context.rlpHeaders?.[leafIndex];
  const transactions = context.blockTransactions?.get(BigInt(leaf.number));
  if (rlpHeader !== undefined && transactions !== undefined) {
    const { proof } = await transactionsTrieProof(transactions, index);
    return { rlpHeader, proof };
  }
  return blockTransactionProof(l2Of(finding, context), leaf.blockHash, index);
}

/** The context's committed transaction leaves (given, or derived from its transactions). */
function committedTxLeaves(finding: StructuralFinding, context: ChallengeContext): readonly TxLeafInput[] {
  if (context.txLeaves !== undefined) return context.txLeaves;
  if (context.transactions === undefined) throw new MissingChallengeContextError(finding.kind, "transactions");
  return txLeavesOf(BigInt(context.header.firstBlock), context.transactions);
}
