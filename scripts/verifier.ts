/**
 * `npm run verifier -- --l1 <url> --batch-chain <address> --da <directory> [options]`: a verifier against running
 * chains. It follows BatchChain's log from `--start-block` (or its cursor file), checks every batch on its own
 * in-process L2 replica (the pinned genesis), shows its progress on a bar and prints each finding as it is made.
 *
 * Options:
 *   --l2 <url>            the L2's JSON-RPC: rebuilds data objects the DA directory lacks, and serves committed
 *                         blocks' transactions (recommended)
 *   --cursor <file>       where the cursor is kept between runs (default: none, start over every run)
 *   --start-block <n>     first L1 block to read without a cursor (default 0)
 *   --chunk-size <n>      most L1 blocks per eth_getLogs (default 2000)
 *   --confirmations <n>   follow L1 this many blocks behind its head (default 0)
 *   --follow <seconds>    keep following, syncing every that many seconds (default: sync once and exit)
 *
 * Exits 1 when it reported a finding, 2 on an error.
 */
import { parseArgs } from "node:util";

import { MultiBar, Presets } from "cli-progress";
import { JsonRpcProvider } from "ethers";

import { createL2Replica, FileCursorStore, FileDAStore } from "../sdk/src/node";
import { Verifier, type FindingReport, type VerifierProgress } from "../sdk/src/verifier/verifier";

const { values } = parseArgs({
  options: {
    l1: { type: "string" },
    l2: { type: "string" },
    "batch-chain": { type: "string" },
    da: { type: "string" },
    cursor: { type: "string" },
    "start-block": { type: "string" },
    "chunk-size": { type: "string" },
    confirmations: { type: "string" },
    follow: { type: "string" },
  },
});

function required(name: "l1" | "batch-chain" | "da"): string {
  const value = values[name];
  if (value === undefined) {
    console.error(`--${name} is required (see the comment at the top of scripts/verifier.ts)`);
    process.exit(2);
  }
  return value;
}

const integer = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a non-negative integer, got ${value}`);
    process.exit(2);
  }
  return parsed;
};

/** One line per finding: its kind, batch and where in it. */
function describe({ finding }: FindingReport): string {
  const where =
    "leafIndex" in finding
      ? ` leaf ${finding.leafIndex}`
      : "position" in finding
        ? ` transaction leaf ${finding.position}`
        : finding.kind === "transactionOmitted"
          ? ` block ${finding.block} index ${finding.indexInBlock}`
          : finding.kind === "dataUnavailable"
            ? ` (${finding.reason})`
            : finding.kind === "equivocation"
              ? ` by ${finding.signer}`
              : "";
  return `finding: ${finding.kind} in batch ${finding.batchIndex}${where}`;
}

async function main(): Promise<void> {
  const l1 = new JsonRpcProvider(required("l1"));
  const l2 = values.l2 === undefined ? undefined : new JsonRpcProvider(values.l2);
  const bars = new MultiBar(
    {
      format:
        "L1 {bar} {value}/{total} blocks | batches {checked}/{batches} | L2 blocks replayed {replayed} | findings {findings}",
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  const bar = bars.create(1, 0, { checked: 0, batches: 0, replayed: 0, findings: 0 });
  const show = (progress: VerifierProgress) => {
    bar.setTotal(Number(progress.l1Target));
    bar.update(Number(progress.l1Block < 0n ? 0n : progress.l1Block), {
      checked: progress.batchesChecked,
      batches: progress.batches,
      replayed: progress.blocksReplayed,
      findings: progress.findings,
    });
  };
  let findings = 0;
  const verifier = new Verifier({
    l1,
    l2,
    batchChain: required("batch-chain"),
    store: new FileDAStore(required("da")),
    replica: await createL2Replica(),
    cursor: values.cursor === undefined ? undefined : new FileCursorStore(values.cursor),
    startBlock: integer("start-block", values["start-block"]),
    chunkSize: integer("chunk-size", values["chunk-size"]),
    confirmations: integer("confirmations", values.confirmations),
    onFinding: (report) => {
      findings++;
      bars.log(`${describe(report)}\n`);
    },
    onProgress: (event, progress) => {
      if (event.kind === "rolled-back")
        bars.log(`L1 rolled back batches ${event.fromIndex}..${event.previousCount - 1n}\n`);
      show(progress);
    },
  });
  const follow = integer("follow", values.follow);
  try {
    for (;;) {
      show((await verifier.sync()).progress);
      if (follow === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, follow * 1000));
    }
  } finally {
    bars.stop();
    l1.destroy();
    l2?.destroy();
  }
  process.exitCode = findings > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
