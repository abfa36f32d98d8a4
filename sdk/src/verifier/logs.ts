/**
 * BatchChain's and DisputeManager's logs, read the way public RPC providers allow: `eth_getLogs` over bounded block
 * ranges, in chain order. A verifier follows BatchChain's submissions and rollbacks (one query per range for both),
 * a voter DisputeManager's execution challenges.
 */
import type { Log, Provider } from "ethers";

import type { Address, Hex } from "../proof";

import type { CommittedBatch, HeaderValue } from "./types";
import { batchChainInterface, disputeManagerInterface } from "../contracts/connectors";

const SUBMITTED = batchChainInterface().getEvent("BatchSubmitted");
const ROLLED_BACK = batchChainInterface().getEvent("BatchesRolledBack");
const SUBMIT_BATCH = batchChainInterface().getFunction("submitBatch");

/** The logs of `address` with any of `topics` as their first topic in blocks `fromBlock..toBlock`, in chain order. */
async function orderedLogs(
  l1: Provider,
  address: string,
  topics: readonly string[],
  fromBlock: bigint,
  toBlock: bigint,
): Promise<Log[]> {
  const logs = await l1.getLogs({
    address,
    topics: [[...topics]],
    fromBlock: Number(fromBlock),
    toBlock: Number(toBlock),
  });
  return [...logs].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
}

/** One event of BatchChain's log a verifier acts on. */
export type BatchChainEvent =
  | { readonly kind: "submitted"; readonly batch: Omit<CommittedBatch, "signatures"> }
  | {
      readonly kind: "rolledBack";
      readonly fromIndex: bigint;
      readonly previousCount: bigint;
      readonly l1Block: bigint;
    };

/** The BatchSubmitted and BatchesRolledBack logs of `batchChain` in blocks `fromBlock..toBlock`, in chain order. */
export async function batchChainEvents(
  l1: Provider,
  batchChain: string,
  fromBlock: bigint,
  toBlock: bigint,
): Promise<BatchChainEvent[]> {
  const ordered = await orderedLogs(l1, batchChain, [SUBMITTED.topicHash, ROLLED_BACK.topicHash], fromBlock, toBlock);
  return ordered.flatMap((log): BatchChainEvent[] => {
    const parsed = batchChainInterface().parseLog(log);
    if (parsed === null) return []; // the topic filter admits no other event
    if (parsed.name === ROLLED_BACK.name) {
      return [
        {
          kind: "rolledBack",
          fromIndex: parsed.args.fromIndex as bigint,
          previousCount: parsed.args.previousCount as bigint,
          l1Block: BigInt(log.blockNumber),
        },
      ];
    }
    const a = parsed.args;
    const header: HeaderValue = {
      batchIndex: a.batchIndex as bigint,
      parentHash: (a.parentHash as string).toLowerCase() as Hex,
      firstBlock: a.firstBlock as bigint,
      lastBlock: a.lastBlock as bigint,
      txCount: Number(a.txCount as bigint),
      txBatchRoot: (a.txBatchRoot as string).toLowerCase() as Hex,
      stateBatchRoot: (a.stateBatchRoot as string).toLowerCase() as Hex,
      depositCount: a.depositCount as bigint,
      depositChainHash: (a.depositChainHash as string).toLowerCase() as Hex,
      dataHash: (a.dataHash as string).toLowerCase() as Hex,
    };
    return [
      {
        kind: "submitted",
        batch: {
          header,
          headerHash: (a.headerHash as string).toLowerCase() as Hex,
          proposer: a.proposer as Address,
          l1Block: BigInt(log.blockNumber),
          l1TxHash: log.transactionHash as Hex,
        },
      },
    ];
  });
}

/**
 * The packed signatures a batch was submitted with, from its transaction's calldata: undefined when the transaction
 * is not a direct `submitBatch` call to `batchChain` of that header (a contract submitted it) or is gone.
 */
export async function submittedSignatures(
  l1: Provider,
  batchChain: string,
  batch: Omit<CommittedBatch, "signatures">,
): Promise<Hex | undefined> {
  const transaction = await l1.getTransaction(batch.l1TxHash);
  if (transaction?.to?.toLowerCase() !== batchChain.toLowerCase()) return undefined;
  if (!transaction.data.startsWith(SUBMIT_BATCH.selector)) return undefined;
  const [header, signatures] = batchChainInterface().decodeFunctionData(SUBMIT_BATCH, transaction.data) as unknown as [
    { batchIndex: bigint },
    string,
  ];
  return header.batchIndex === batch.header.batchIndex ? (signatures.toLowerCase() as Hex) : undefined;
}

const EXECUTION_CHALLENGED = disputeManagerInterface().getEvent("ExecutionChallenged");

/** An execution challenge as DisputeManager's ExecutionChallenged log states it, with where it was logged. */
export interface ExecutionChallenge {
  /** The dispute's id, `executionDisputeId(headerHash, leafIndex)`. */
  readonly id: Hex;
  readonly batchIndex: bigint;
  readonly challenger: Address;
  readonly headerHash: Hex;
  readonly leafIndex: bigint;
  /** The challenged L2 block, `firstBlock + leafIndex`. */
  readonly l2Block: bigint;
  /** The state root the leaf commits, the one the challenger computes, and the predecessor leaf's. */
  readonly committedStateRoot: Hex;
  readonly claimedStateRoot: Hex;
  readonly previousStateRoot: Hex;
  /** The bond posted, in wei. */
  readonly bond: bigint;
  readonly l1Block: bigint;
  readonly l1TxHash: Hex;
}

/** The ExecutionChallenged log `log` of `disputeManager`, decoded; undefined for any other log. */
export function parseExecutionChallenged(
  disputeManager: string,
  log: { readonly address: string; readonly topics: readonly string[]; readonly data: string } & {
    readonly blockNumber: number;
    readonly transactionHash: string;
  },
): ExecutionChallenge | undefined {
  if (log.address.toLowerCase() !== disputeManager.toLowerCase()) return undefined;
  if (log.topics[0] !== EXECUTION_CHALLENGED.topicHash) return undefined;
  const a = disputeManagerInterface().decodeEventLog(EXECUTION_CHALLENGED, log.data, log.topics);
  const word = (value: unknown): Hex => (value as string).toLowerCase() as Hex;
  return {
    id: word(a.id),
    batchIndex: a.batchIndex as bigint,
    challenger: word(a.challenger),
    headerHash: word(a.headerHash),
    leafIndex: a.leafIndex as bigint,
    l2Block: a.l2Block as bigint,
    committedStateRoot: word(a.committedStateRoot),
    claimedStateRoot: word(a.claimedStateRoot),
    previousStateRoot: word(a.previousStateRoot),
    bond: a.bond as bigint,
    l1Block: BigInt(log.blockNumber),
    l1TxHash: word(log.transactionHash),
  };
}

/** The ExecutionChallenged logs of `disputeManager` in blocks `fromBlock..toBlock`, in chain order. */
export async function executionChallenges(
  l1: Provider,
  disputeManager: string,
  fromBlock: bigint,
  toBlock: bigint,
): Promise<ExecutionChallenge[]> {
  const ordered = await orderedLogs(l1, disputeManager, [EXECUTION_CHALLENGED.topicHash], fromBlock, toBlock);
  return ordered.flatMap((log) => parseExecutionChallenged(disputeManager, log) ?? []);
}
