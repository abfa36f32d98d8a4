/**
 * `metis:challenge --batch <i>`: checks the kept chain up to batch `i` as a verifier does (an in-process replica of
 * the devnet L2 genesis replaying every batch, the data from the L2 RPC), and challenges what it finds wrong with
 * batch `i` on L1: a structural fault at once, an execution fault by opening a dispute (posting the execution bond).
 * Needs the optional peer dependency `hardhat` (the replica), and an L2 with the pinned devnet genesis.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { MemoryDAStore } from "../../da/memory-store";
import { createL2Replica } from "../../node/verifier/replica";
import { Challenger } from "../../verifier/challenger";
import { challengeFindings, type ChallengeResponse } from "../../verifier/respond";
import { Verifier, type FindingReport } from "../../verifier/verifier";

import { taskContext, type CommonArgs } from "./context";

/** The batch a report is about, when it is about one. */
function batchOf(report: FindingReport): bigint | undefined {
  if (report.type === "batch") return report.context.batch.header.batchIndex;
  if (report.type === "unavailable") return report.context.batch.header.batchIndex;
  return undefined;
}

export async function challengeTask(
  args: CommonArgs & { batch: number; account: number },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const ctx = await taskContext(hre, args);
  const { deployment } = ctx;
  const l2 = ctx.l2();
  const challenger = new Challenger({
    signer: await ctx.l1Signer(args.account),
    disputeManager: deployment.contracts.disputeManager,
    registry: deployment.contracts.registry,
  });
  const responses: ChallengeResponse[] = [];
  const respond = challengeFindings(challenger, { l2, execution: true, onResponse: (r) => void responses.push(r) });
  const target = BigInt(args.batch);
  const bar = ctx.out.bar("checking batches (L1 blocks read)", 1);
  const verifier = new Verifier({
    l1: ctx.l1,
    batchChain: deployment.contracts.batchChain,
    store: new MemoryDAStore(),
    replica: await createL2Replica(hre),
    l2,
    startBlock: deployment.deploymentBlock,
    onFinding: async (report) => {
      if (batchOf(report) === target) await respond(report);
    },
    onProgress: (_event, progress) => {
      bar.update(
        Number(progress.l1Block) - deployment.deploymentBlock + 1,
        Math.max(1, Number(progress.l1Target) - deployment.deploymentBlock + 1),
      );
    },
  });
  try {
    await verifier.sync();
  } finally {
    bar.stop();
  }
  if (responses.length === 0) {
    ctx.out.line(`batch #${target}: no finding; nothing to challenge`);
    return;
  }
  for (const response of responses) {
    const what = response.finding.kind;
    if (response.action === "failed") throw response.error;
    ctx.out.line(`batch #${target}: ${what} finding ${response.action}`);
  }
}
