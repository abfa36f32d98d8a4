/**
 * `npm run verifier -- --l1 <url> --batch-chain <address> (--da <directory> | --s3-bucket <name>) [options]`: a
 * verifier against running chains. It follows BatchChain's log from `--start-block` (or its cursor file), checks every
 * batch on its own in-process L2 replica (the pinned genesis), shows its progress on a bar and prints each finding as
 * it is made, and where each batch's data came from when not from the DA store.
 *
 * The DA store, one of:
 *   --da <directory>      a local directory of data objects and sidecars
 *   --s3-bucket <name>    Memo over S3: the bucket, with
 *   --s3-endpoint <url>   the S3 gateway (Memo's, a local server; AWS's own endpoints when absent)
 *   --s3-prefix <prefix>  the key prefix of the objects (default none)
 *   --s3-compression gzip the objects are stored gzipped (as an S3DAStore with `compression: "gzip"` writes them)
 *                         credentials from the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
 *
 * Options:
 *   --l2 <url>            the L2's JSON-RPC: rebuilds data objects the DA store does not serve, and serves committed
 *                         blocks' transactions (recommended)
 *   --cursor <file>       where the cursor is kept between runs (default: none, start over every run)
 *   --start-block <n>     first L1 block to read without a cursor (default 0)
 *   --chunk-size <n>      most L1 blocks per eth_getLogs (default 2000)
 *   --confirmations <n>   follow L1 this many blocks behind its head (default 0)
 *   --follow <seconds>    keep following, syncing every that many seconds (default: sync once and exit)
 *   --da-request-manager <address>
 *                         read a batch neither the store nor the L2 serves from its DA answer on L1, waiting up to
 *                         --l1-wait seconds for it (default 5; a batch not answered by then is tried again at the
 *                         next sync)
 *   --requester-key-env <name>
 *                         with --da-request-manager: the environment variable holding a private key that raises the
 *                         DA request (bonding daRequestBond ETH) when the batch has none; without it, only
 *                         requests others raised are read
 *
 * Exits 1 when it reported a finding, 2 on an error.
 */
import { parseArgs } from "node:util";

import { MultiBar, Presets } from "cli-progress";
import { JsonRpcProvider, Wallet } from "ethers";

import { L1DataSource, S3DAStore, type DAStore } from "../sdk/src";
import { createL2Replica, FileCursorStore, FileDAStore } from "../sdk/src/node";
import { Verifier, type FindingReport, type VerifierProgress } from "../sdk/src/verifier/verifier";

import { cliArguments, type CliArguments } from "./lib/cli";

const { values } = parseArgs({
  options: {
    l1: { type: "string" },
    l2: { type: "string" },
    "batch-chain": { type: "string" },
    da: { type: "string" },
    "s3-endpoint": { type: "string" },
    "s3-bucket": { type: "string" },
    "s3-prefix": { type: "string" },
    "s3-compression": { type: "string" },
    cursor: { type: "string" },
    "start-block": { type: "string" },
    "chunk-size": { type: "string" },
    confirmations: { type: "string" },
    follow: { type: "string" },
    "da-request-manager": { type: "string" },
    "l1-wait": { type: "string" },
    "requester-key-env": { type: "string" },
  },
});

const cli: CliArguments = cliArguments("scripts/verifier.ts", values, 2);
const { required, integer } = cli;

/** `--s3-compression`: absent or `gzip`. */
function s3Compression(): "gzip" | undefined {
  const given = values["s3-compression"];
  if (given === undefined || given === "gzip") return given;
  return cli.fail(`--s3-compression takes gzip, got ${given}`);
}

/** The DA store the options name: a directory (`--da`) or Memo over S3 (`--s3-bucket`), exactly one. */
function daStore(): DAStore & { destroy?(): void } {
  const bucket = values["s3-bucket"];
  if (values.da !== undefined && bucket !== undefined) cli.fail("give --da or --s3-bucket, not both");
  if (values.da !== undefined) {
    if (values["s3-endpoint"] !== undefined || values["s3-prefix"] !== undefined || values["s3-compression"]) {
      cli.fail("--s3-endpoint, --s3-prefix and --s3-compression go with --s3-bucket");
    }
    return new FileDAStore(values.da);
  }
  if (bucket === undefined) cli.fail("a DA store is required: --da <directory> or --s3-bucket <name>");
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) cli.fail("--s3-bucket needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set");
  return new S3DAStore({
    bucket,
    endpoint: values["s3-endpoint"],
    prefix: values["s3-prefix"],
    compression: s3Compression(),
    credentials: { accessKeyId, secretAccessKey },
  });
}

/** The L1 DA answer as the last data source, when `--da-request-manager` names the DARequestManager. */
function l1DataSource(l1: JsonRpcProvider, log: (line: string) => void): L1DataSource | undefined {
  const daRequestManager = values["da-request-manager"];
  const keyEnv = values["requester-key-env"];
  if (daRequestManager === undefined) {
    if (keyEnv !== undefined || values["l1-wait"] !== undefined) {
      cli.fail("--requester-key-env and --l1-wait go with --da-request-manager");
    }
    return undefined;
  }
  let requester: Wallet | undefined;
  if (keyEnv !== undefined) {
    const key = process.env[keyEnv];
    if (!key) cli.fail(`--requester-key-env ${keyEnv}: that environment variable is not set`);
    try {
      requester = new Wallet(key, l1);
    } catch {
      cli.fail(`--requester-key-env ${keyEnv}: not a private key`);
    }
  }
  return new L1DataSource({
    l1,
    daRequestManager,
    requester,
    fromBlock: integer("start-block", values["start-block"]),
    pollMs: 1_000,
    onProgress: (progress) => {
      if (progress.kind === "requested") log(`batch ${progress.batchIndex}: DA request raised (${progress.txHash})`);
      if (progress.kind === "answered")
        log(`DA answer to ${progress.headerHash} found in L1 block ${progress.l1Block}`);
    },
  });
}

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

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function main(): Promise<void> {
  const l1 = new JsonRpcProvider(required("l1"));
  const l2 = values.l2 === undefined ? undefined : new JsonRpcProvider(values.l2);
  const store = daStore();
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
    store,
    replica: await createL2Replica(),
    cursor: values.cursor === undefined ? undefined : new FileCursorStore(values.cursor),
    startBlock: integer("start-block", values["start-block"]),
    chunkSize: integer("chunk-size", values["chunk-size"]),
    confirmations: integer("confirmations", values.confirmations),
    l1Data: l1DataSource(l1, (line) => bars.log(`${line}\n`)),
    dataTimeouts: { l1: Math.max(1, integer("l1-wait", values["l1-wait"]) ?? 5) * 1_000 },
    onFinding: (report) => {
      findings++;
      bars.log(`${describe(report)}\n`);
    },
    onProgress: (event, progress) => {
      if (event.kind === "rolled-back")
        bars.log(`L1 rolled back batches ${event.fromIndex}..${event.previousCount - 1n}\n`);
      if (event.kind === "data" && event.failures.length > 0) {
        const failed = event.failures.map(({ source, error }) => `${source}: ${describeError(error)}`).join("; ");
        bars.log(`batch ${event.batchIndex}: data from ${event.source} (${failed})\n`);
      }
      if (event.kind === "data-unavailable") {
        const failed = event.failures.map(({ source, error }) => `${source}: ${describeError(error)}`).join("; ");
        bars.log(`batch ${event.batchIndex}: no source serves its data (${failed}); tried again next sync\n`);
      }
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
    store.destroy?.();
  }
  process.exitCode = findings > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
