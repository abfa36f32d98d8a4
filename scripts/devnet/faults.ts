/**
 * Fault injection on a running devnet (`devnet.fault(name, arg)`, `npm run devnet -- --fault <name> [arg]`):
 *
 *   stop-sequencer N  stops sequencer-N's agent (its turn passes to the next after the rotation timeout)
 *   stop-memo         stops Memo (the verifier reads batches from the L2 instead)
 *   stop-l2-rpc       stops the public L2 RPC gateway (the sequencers keep their node)
 *   forge-batch       sequencers 1-3, a quorum of the four equal stakes, collude: their agents are stopped (so that
 *                     their L1 nonces do not race), and once one of them is the scheduled proposer they submit a
 *                     batch whose first block leaf carries a made-up withdrawal root paying sequencer-1 (forged with
 *                     scripts/lib/forge.ts, its data object stored in Memo like any batch's); then their agents start
 *                     again. The verifier agent should prove it wrong on L1: rolled back, the three slashed.
 *   silent-da         every sequencer agent is restarted with `da.answer: false`, Memo and the L2 RPC are stopped; the
 *                     verifier raises a DA request for the next batch that nobody answers. The DA window (an hour at
 *                     least) is skipped on the devnet's L1 (evm_increaseTime), and `expire` is called: the batch is
 *                     rolled back and its signers slashed (PROTOCOL: an unanswered request). Then Memo, the RPC and
 *                     answering agents are back.
 *
 * Each returns what it did, for the caller's checks.
 */
import { getBytes, JsonRpcProvider, Wallet, ZeroAddress, type Log } from "ethers";

import {
  BatchChain__factory,
  DARequestManager__factory,
  SequencerRegistry__factory,
  type BatchChain,
} from "../../sdk/src/contracts";
import { daRequestStatus, daInterfaces } from "../../sdk/src/da/requests";
import { S3DAStore } from "../../sdk/src/da/s3-store";
import { transact } from "../../sdk/src/contracts/transact";
import {
  encodeSidecar,
  headerHash,
  sidecarKey,
  MerkleTree,
  QUORUM_ENTRY_BYTES,
  WITHDRAWAL_TREE_DEPTH,
  withdrawalHash,
  type BatchHeader,
  type Hex,
} from "../../sdk/src/proof";

import { readRpcHeader } from "../../sdk/src/sequencer/block-headers";

import { forgeBatch } from "../lib/forge";

import type { AgentName, Devnet } from "./devnet";

export const FAULTS = ["stop-sequencer", "stop-memo", "stop-l2-rpc", "forge-batch", "silent-da"] as const;
export type FaultName = (typeof FAULTS)[number];

export type FaultResult =
  | { readonly fault: "stop-sequencer"; readonly sequencer: AgentName }
  | { readonly fault: "stop-memo" | "stop-l2-rpc" }
  | {
      readonly fault: "forge-batch";
      readonly batchIndex: bigint;
      readonly headerHash: Hex;
      /** The colluding signers' addresses. */
      readonly forgers: readonly string[];
      readonly txHash: string;
    }
  | {
      readonly fault: "silent-da";
      readonly batchIndex: bigint;
      readonly headerHash: Hex;
      readonly signers: readonly string[];
      readonly slashed: bigint;
      readonly expireTxHash: string;
    };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A submitted batch's header (from its BatchSubmitted event) and the signatures it was submitted with (calldata). */
export async function submittedBatch(
  batchChain: BatchChain,
  batchIndex: bigint,
): Promise<{ readonly header: BatchHeader; readonly signatures: Hex; readonly txHash: string; readonly log: Log }> {
  const stored = await batchChain.headerHash(batchIndex);
  const logs = await batchChain.queryFilter(batchChain.filters.BatchSubmitted(batchIndex, undefined, stored), 0);
  const log = logs.at(-1);
  if (!log) throw new Error(`no BatchSubmitted event for batch ${batchIndex}`);
  const a = log.args;
  const header: BatchHeader = {
    batchIndex,
    parentHash: a.parentHash as Hex,
    firstBlock: a.firstBlock,
    lastBlock: a.lastBlock,
    txCount: a.txCount,
    txBatchRoot: a.txBatchRoot as Hex,
    stateBatchRoot: a.stateBatchRoot as Hex,
    depositCount: a.depositCount,
    depositChainHash: a.depositChainHash as Hex,
    dataHash: a.dataHash as Hex,
  };
  const transaction = await batchChain.runner!.provider!.getTransaction(log.transactionHash);
  const parsed = batchChain.interface.parseTransaction(transaction!);
  if (!parsed || parsed.name !== "submitBatch") throw new Error(`batch ${batchIndex} was not sent by submitBatch`);
  return { header, signatures: parsed.args[1] as Hex, txHash: log.transactionHash, log };
}

/** Injects fault `name` into `devnet` (see the module comment). */
export async function injectFault(devnet: Devnet, name: FaultName, arg?: string): Promise<FaultResult> {
  switch (name) {
    case "stop-sequencer": {
      const n = Number(arg);
      if (!Number.isInteger(n) || n < 1 || n > devnet.accounts.sequencers.length) {
        throw new Error(`stop-sequencer needs a sequencer number from 1 to ${devnet.accounts.sequencers.length}`);
      }
      const sequencer = `sequencer-${n}` as AgentName;
      await devnet.stop(sequencer);
      return { fault: name, sequencer };
    }
    case "stop-memo":
      await devnet.stop("memo");
      return { fault: name };
    case "stop-l2-rpc":
      await devnet.stop("l2-rpc");
      return { fault: name };
    case "forge-batch":
      return forge(devnet);
    case "silent-da":
      return silentDA(devnet);
    default:
      throw new Error(`unknown fault ${String(name)}: one of ${FAULTS.join(", ")}`);
  }
}

async function forge(devnet: Devnet): Promise<FaultResult> {
  const { deployment, accounts } = devnet;
  const l1 = devnet.l1;
  const l2Node = new JsonRpcProvider(devnet.urls.l2Node, undefined, { staticNetwork: true, cacheTimeout: -1 });
  const store = new S3DAStore({
    bucket: "memo",
    endpoint: devnet.urls.memo,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    forcePathStyle: true,
  });
  const colluding = accounts.sequencers.slice(0, 3);
  const keys = colluding.map((s) => new Wallet(s.signer.privateKey, l1));
  const names = colluding.map((s) => s.name as AgentName);
  const batchChain = BatchChain__factory.connect(deployment.contracts.batchChain, l1);
  const registry = SequencerRegistry__factory.connect(deployment.contracts.registry, l1);
  try {
    await Promise.all(names.map((agent) => devnet.stop(agent)));
    // A new L2 block for the forged batch to commit (the honest fourth may have committed every block so far).
    const user = new Wallet(accounts.faultsL2.privateKey, l2Node);
    await (await user.sendTransaction({ to: user.address, value: 1n })).wait();
    const thief = keys[0]!.address as Hex;
    const stolen = { index: 0n, l2Sender: thief, l1To: thief, l1Token: ZeroAddress as Hex, amount: 10n ** 18n };
    const theft = MerkleTree.from([withdrawalHash(stolen)], { depth: WITHDRAWAL_TREE_DEPTH });
    const timeout = Number(await registry.rotationTimeout());
    const deadline = Date.now() + (accounts.sequencers.length + 2) * timeout * 1000 + 30_000;
    for (;;) {
      try {
        const forged = await forgeBatch(
          { batchChain, registry, l2: { provider: l2Node, bridgeAddress: deployment.contracts.l2Bridge }, keys, store },
          { leaves: (leaves) => [{ ...leaves[0]!, withdrawalRoot: theft.root }, ...leaves.slice(1)] },
          { signers: keys },
        );
        // They publish the batch's sidecar (its block leaves and headers) in Memo like any proposer, so that
        // verifiers and wallets read the leaves they committed (the forged withdrawal root among them).
        const blocks = [];
        for (const [i, leaf] of forged.blockLeaves.entries()) {
          const rpc = await readRpcHeader(l2Node, BigInt(leaf.number));
          blocks.push({ ...forged.blocks[i]!, withdrawalRoot: leaf.withdrawalRoot as Hex, rlpHeader: rpc!.rlpHeader });
        }
        await store.put(sidecarKey(forged.hash), encodeSidecar({ headerHash: forged.hash, blocks }));
        return {
          fault: "forge-batch",
          batchIndex: forged.header.batchIndex,
          headerHash: forged.hash,
          forgers: keys.map((k) => k.address),
          txHash: forged.receipt!.hash,
        };
      } catch (error) {
        // Not a forger's turn yet (or the honest one's batch landed in between): wait for the rotation.
        if (Date.now() > deadline) throw error;
        await sleep(1_000);
      }
    }
  } finally {
    store.destroy();
    l2Node.destroy();
    await Promise.all(names.map((agent) => devnet.start(agent)));
  }
}

async function silentDA(devnet: Devnet): Promise<FaultResult> {
  const { deployment, accounts } = devnet;
  const l1 = devnet.l1;
  const batchChain = BatchChain__factory.connect(deployment.contracts.batchChain, l1);
  const da = DARequestManager__factory.connect(
    deployment.contracts.daRequestManager,
    new Wallet(accounts.faults.privateKey, l1),
  );
  const sequencers = accounts.sequencers.map((s) => s.name as AgentName);
  const running = sequencers.filter((name) => devnet.running(name));
  for (const agent of running) await devnet.restartAgent(agent, { da: { answer: false } });
  const from = await l1.getBlockNumber();
  await devnet.stop("memo");
  await devnet.stop("l2-rpc");
  try {
    // The verifier asks for a batch nobody can serve now, and nobody answers.
    const request = await devnet.waitFor(
      async () => {
        const logs = await da.queryFilter(da.filters.DataRequested(), from);
        return logs.at(-1);
      },
      { timeoutMs: 180_000, what: "a DA request" },
    );
    const batchIndex = request.args.batchIndex;
    const { header, signatures } = await submittedBatch(batchChain, batchIndex);
    const hash = headerHash(header);
    const { deadline } = await daRequestStatus(da, hash);
    const now = BigInt((await l1.getBlock("latest"))!.timestamp);
    if (deadline > now) await l1.send("evm_increaseTime", [Number(deadline - now) + 1]);
    // Any account may expire it once the window is over; the next block is past the deadline.
    const receipt = await devnet.waitFor(async () => transact(() => da.expire(header, signatures), daInterfaces()), {
      timeoutMs: 60_000,
      what: "expire to succeed",
    });
    const [expired] = await da.queryFilter(da.filters.DataRequestExpired(batchIndex), receipt.blockNumber);
    // The seats the signatures name are those before the expiry slashed the signers out of the set.
    const members = await SequencerRegistry__factory.connect(deployment.contracts.registry, l1).members({
      blockTag: receipt.blockNumber - 1,
    });
    const signers = members.map((m) => m.signer).filter((_, i) => signedBy(signatures, i));
    return {
      fault: "silent-da",
      batchIndex,
      headerHash: hash,
      signers,
      slashed: expired?.args.slashed ?? 0n,
      expireTxHash: receipt.hash,
    };
  } finally {
    await devnet.start("memo");
    await devnet.start("l2-rpc");
    for (const agent of running) await devnet.restartAgent(agent, { da: { answer: true } });
  }
}

/** Whether the packed quorum signatures hold an entry for member `seat` (see sdk/src/sequencer/quorum.ts). */
function signedBy(signatures: Hex, seat: number): boolean {
  // 65-byte entries: a head byte (the member index, the parity of v in its top bit), then r and s.
  const bytes = getBytes(signatures);
  for (let at = 0; at + QUORUM_ENTRY_BYTES <= bytes.length; at += QUORUM_ENTRY_BYTES) {
    if ((bytes[at]! & 0x7f) === seat) return true;
  }
  return false;
}
