/** The verifier's test helpers: a verifier of a rollup on a fresh replica, L2 traffic, a rollback role, findings. */
import { Transaction, type Wallet } from "ethers";
import hre, { ethers } from "hardhat";

import { createL2Replica } from "../../sdk/src/node";
import type { Hex } from "../../sdk/src/proof";
import type { DevNodeReplica } from "../../sdk/src/verifier/replica";
import { Verifier, type FindingReport, type VerifierConfig, type VerifierEvent } from "../../sdk/src/verifier/verifier";

import type { Rollup } from "./rollup";
import { wiredSigner } from "./governance";

/** A verifier of `r` on a fresh replica, collecting its findings and progress events. */
export async function verifierOf(r: Rollup, options: Partial<VerifierConfig> = {}) {
  const reports: FindingReport[] = [];
  const events: VerifierEvent[] = [];
  const replica = (options.replica as DevNodeReplica | undefined) ?? (await createL2Replica(hre));
  const verifier = new Verifier({
    l1: ethers.provider,
    batchChain: r.addresses.batchChain,
    store: r.store,
    l2: r.l2.provider,
    onFinding: (report) => {
      reports.push(report);
    },
    onProgress: (event) => {
      events.push(event);
    },
    ...options,
    replica,
  });
  return { verifier, reports, events, replica };
}

/** Sends `count` transfers on L2, each mined in its own block. */
export async function transfers(r: Rollup, count = 1, value = 1n): Promise<void> {
  const [alice, bob] = r.l2.users as [Wallet, Wallet];
  for (let i = 0; i < count; i++) await (await alice.sendTransaction({ to: bob.address, value })).wait();
}

/** Mines the next L2 transfers in one block: `count` from alice to bob. */
export async function transfersInOneBlock(r: Rollup, count: number): Promise<void> {
  const [alice, bob] = r.l2.users as [Wallet, Wallet];
  let nonce = await r.l2.provider.getTransactionCount(alice.address);
  await r.l2.provider.send("evm_setAutomine", [false]);
  try {
    for (let i = 0; i < count; i++) await alice.sendTransaction({ to: bob.address, value: 1n, nonce: nonce++ });
    await r.l2.provider.send("evm_mine", []);
  } finally {
    await r.l2.provider.send("evm_setAutomine", [true]);
  }
}

/** BatchChain as the DARequestManager calls it (ROLLBACK_ROLE, as deployL1 wired it): a rollback without a dispute. */
export async function rollbacker(r: Rollup) {
  return r.l1.batchChain.connect(await wiredSigner(await r.l1.daRequestManager.getAddress()));
}

/** The kinds (and where) of the findings reported. */
export const located = (reports: readonly FindingReport[]) =>
  reports.map(({ finding }) => {
    const { kind, batchIndex } = finding;
    if ("leafIndex" in finding) return { kind, batchIndex, leafIndex: finding.leafIndex };
    if ("position" in finding) return { kind, batchIndex, position: finding.position };
    if (kind === "transactionOmitted") return { kind, batchIndex, block: finding.block, index: finding.indexInBlock };
    if (kind === "dataUnavailable") return { kind, batchIndex, reason: finding.reason };
    return { kind, batchIndex };
  });

/** A transaction signed by `key` with the same fields as `raw` but another value: valid, but never sent. */
export function resigned(raw: Hex, key: Wallet, value: bigint): Hex {
  const transaction = Transaction.from(raw);
  transaction.value = value;
  transaction.signature = key.signingKey.sign(transaction.unsignedHash);
  return transaction.serialized as Hex;
}
