/** `metis:status`: the rollup at a glance, read from the contracts' status views (and two bounded log scans). */
import { formatEther } from "ethers";

import { BATCH_STATUSES, DISPUTE_STATUSES, SEQUENCER_STATUSES, type Hex } from "../../proof";
import { daRequestStatus } from "../../da/requests";
import { BlockNotFoundError } from "../../errors/chain";
import { pauseStatus } from "../../governance/pause";
import { connectDeployment } from "../deploy";

import type { TaskContext } from "./context";

/** Blocks per `eth_getLogs` request: public providers refuse wider ranges (`METIS_LOG_RANGE` overrides). */
export const DEFAULT_LOG_RANGE = 10_000;

export interface StatusArgs {
  readonly batches: number;
}

/** `seconds` as `3d 4h 5m` (or `5m 6s` under an hour). */
export function formatDuration(seconds: bigint): string {
  const s = Number(seconds);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h ${m}m`;
  if (h > 0) return `${h}h ${m}m`;
  return `${m}m ${s % 60}s`;
}

export async function status(ctx: TaskContext, args: StatusArgs): Promise<void> {
  const { deployment, l1, out } = ctx;
  const c = connectDeployment(deployment.contracts, l1);
  const head = await l1.getBlock("latest");
  if (head === null) throw new BlockNotFoundError("L1", "latest");
  const now = BigInt(head.timestamp);
  out.line(
    `Metis ${deployment.network}: L1 chain ${deployment.l1ChainId} block ${head.number}, L2 chain ${deployment.l2ChainId}`,
  );

  const pause = await pauseStatus(c.batchChain);
  out.line(
    pause.paused
      ? `Paused (${pause.maintenance ? "maintenance" : "guardian"}) until ${pause.until} (${formatDuration(pause.until - now)} left)`
      : "Not paused",
  );

  // Batches.
  const count = await c.batchChain.batchCount();
  const first = count > BigInt(args.batches) ? count - BigInt(args.batches) : 0n;
  out.line(`\nBatches: ${count} (showing ${first}..${count - 1n})`);
  for (let i = first; i < count; i++) {
    const [hash, code] = await c.batchChain.headerStatus(i);
    const name = BATCH_STATUSES[Number(code)] ?? `status ${code}`;
    let detail = "";
    if (i === 0n) detail = " (genesis)";
    else if (name === "Pending" || name === "Disputed" || name === "Insecure") {
      const at = await c.batchChain.finalizesAt(i);
      detail = at > now ? `, final in ${formatDuration(at - now)}` : ", final now";
    }
    out.line(`  #${i} ${name}${detail}  ${hash}`);
  }

  // Sequencers and the next proposer.
  const [epoch, addresses] = await Promise.all([c.registry.currentEpoch(), c.registry.sequencers()]);
  out.line(
    `\nSequencers: ${addresses.length}; epoch ${epoch.number} with ${epoch.size} members, ${formatEther(epoch.totalStake)} METIS`,
  );
  for (const address of addresses) {
    const [info, code] = await Promise.all([c.registry.sequencerInfo(address), c.registry.sequencerStatus(address)]);
    const name = SEQUENCER_STATUSES[Number(code)] ?? `status ${code}`;
    out.line(
      `  ${address} ${name}, ${formatEther(info.stake)} METIS, signer ${info.signer}${info.jailed ? ", jailed" : ""}`,
    );
  }
  try {
    const [, , , lastAcceptedAt] = await c.batchChain.tip();
    const [signer, skipped] = await c.registry.scheduledProposer(count, lastAcceptedAt);
    out.line(`Next proposer: ${signer}${skipped > 0n ? ` (after ${skipped} rotation timeouts)` : ""}`);
  } catch {
    out.line("Next proposer: none (the epoch has no member yet)");
  }

  // Open disputes and DA requests: the ones ever opened (logs from the deployment block, in bounded ranges), then
  // each one's status from its view.
  const range = Number(process.env.METIS_LOG_RANGE ?? DEFAULT_LOG_RANGE);
  const from = deployment.deploymentBlock;
  const to = head.number;
  const challenged = c.disputeManager.filters.ExecutionChallenged();
  const requested = c.daRequestManager.filters.DataRequested();
  const disputes: { id: Hex; batchIndex: bigint }[] = [];
  const requests = new Set<Hex>();
  const bar = out.bar("scanning L1 logs (blocks)", Math.max(1, to - from + 1));
  try {
    for (let start = from; start <= to; start += range) {
      const end = Math.min(to, start + range - 1);
      for (const log of await c.disputeManager.queryFilter(challenged, start, end))
        disputes.push({ id: log.args.id as Hex, batchIndex: log.args.batchIndex });
      for (const log of await c.daRequestManager.queryFilter(requested, start, end))
        requests.add(log.args.headerHash as Hex);
      bar.update(end - from + 1);
    }
  } finally {
    bar.stop();
  }
  const open = [];
  for (const dispute of disputes) {
    const [code, endsAt] = await c.disputeManager.disputeStatus(dispute.id);
    const name = DISPUTE_STATUSES[Number(code)] ?? `status ${code}`;
    if (!["None", "Upheld", "Rejected", "Lapsed", "Void"].includes(name))
      open.push(
        `  ${dispute.id} batch #${dispute.batchIndex} ${name}${endsAt > now ? `, phase ends in ${formatDuration(endsAt - now)}` : ""}`,
      );
  }
  out.line(`\nOpen disputes: ${open.length}`);
  for (const line of open) out.line(line);
  const openRequests = [];
  for (const hash of requests) {
    const info = await daRequestStatus(c.daRequestManager, hash);
    if (info.status === "Open")
      openRequests.push(
        `  batch #${info.batchIndex} ${hash}, deadline in ${formatDuration(info.deadline > now ? info.deadline - now : 0n)}`,
      );
  }
  out.line(`Open DA requests: ${openRequests.length}`);
  for (const line of openRequests) out.line(line);
}
