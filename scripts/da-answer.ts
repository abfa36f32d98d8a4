/**
 * `npm run da:answer -- --l1 <url> --l2 <url> --da-request-manager <address> --batch-chain <address> --key <key>
 * [options]`: answers the open DA requests against batches a sequencer key signed (its signature is among those the
 * batch was submitted with, so an expiry would slash it), posting each batch's data in gas-budgeted chunks with a
 * progress bar per request. Resumes from the on-chain progress, so a run stopped mid-way is continued by the next.
 *
 * Options:
 *   --key <hex|ENV>       the poster's private key (an EOA), as 0x-hex or the name of an environment variable
 *                         holding it
 *   --l2-bridge <address> the L2 bridge (default: the pinned genesis's)
 *   --store <directory>   a FileDAStore to read data objects and sidecars from first (default: rebuild from L2)
 *   --from-block <n>      first L1 block to look for requests in (default 0)
 *   --gas-budget <n>      gas budget of one chunk (default 8,000,000)
 *   --follow <seconds>    keep watching, every that many seconds (default: answer what is open and exit)
 *
 * Prints a summary line per request answered; exits 1 on an error.
 */
import { parseArgs } from "node:util";

import { MultiBar, Presets, type SingleBar } from "cli-progress";
import { formatEther, JsonRpcProvider, Wallet } from "ethers";

import { FileDAStore, L2_BRIDGE_ADDRESS } from "../sdk/src/node";

import { cliArguments } from "./lib/cli";
import { DAAnswerer, signedOnChain, type DAAnswerProgress } from "../sdk/src/sequencer/da-answerer";

const { values } = parseArgs({
  options: {
    l1: { type: "string" },
    l2: { type: "string" },
    "da-request-manager": { type: "string" },
    "batch-chain": { type: "string" },
    "l2-bridge": { type: "string" },
    key: { type: "string" },
    store: { type: "string" },
    "from-block": { type: "string" },
    "gas-budget": { type: "string" },
    follow: { type: "string" },
  },
});

const { required, integer } = cliArguments("scripts/da-answer.ts", values, 1);

/** The key given as hex, or read from the environment variable it names. */
function privateKey(given: string): string {
  if (/^0x[0-9a-fA-F]{64}$/.test(given)) return given;
  const fromEnv = process.env[given];
  if (fromEnv === undefined || !/^0x[0-9a-fA-F]{64}$/.test(fromEnv)) {
    console.error(`--key must be a 0x-prefixed 32-byte hex key or the name of an environment variable holding one`);
    process.exit(1);
  }
  return fromEnv;
}

async function main(): Promise<void> {
  const l1 = new JsonRpcProvider(required("l1"));
  const l2 = new JsonRpcProvider(required("l2"));
  const poster = new Wallet(privateKey(required("key")), l1);
  const batchChain = required("batch-chain");
  const bars = new MultiBar(
    {
      format: "{batch} {bar} chunk {value}/{total} | txs {txs}/{txCount} | {bytes} bytes | gas {gas}",
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  const perRequest = new Map<string, SingleBar>();
  const show = (event: DAAnswerProgress) => {
    let bar = perRequest.get(event.headerHash);
    const payload = {
      batch: `batch ${event.batchIndex}`,
      txs: event.txs,
      txCount: event.txCount,
      bytes: event.bytes.toString(),
      gas: event.gasUsed.toString(),
    };
    if (bar === undefined) {
      bar = bars.create(event.chunks, 0, payload);
      perRequest.set(event.headerHash, bar);
    }
    bar.setTotal(event.chunks);
    bar.update(event.chunk + 1, payload);
  };
  const answerer = new DAAnswerer({
    poster,
    daRequestManager: required("da-request-manager"),
    batchChain,
    l2,
    l2Bridge: values["l2-bridge"] ?? L2_BRIDGE_ADDRESS,
    store: values.store === undefined ? undefined : new FileDAStore(values.store),
    signed: signedOnChain(l1, batchChain, poster.address),
    fromBlock: integer("from-block", values["from-block"]),
    gasBudget: integer("gas-budget", values["gas-budget"]),
    onProgress: show,
  });
  const follow = integer("follow", values.follow);
  let answered = 0;
  try {
    for (;;) {
      const round = await answerer.answerOpen();
      for (const report of round.answered) {
        answered++;
        bars.log(
          `batch ${report.batchIndex} (${report.headerHash}): ${report.status} after ${report.chunks} chunk(s)` +
            `${report.resumedFrom > 0 ? ` resumed from chunk ${report.resumedFrom}` : ""}, ${report.bytes} bytes, ` +
            `${report.gasUsed} gas, refund ${formatEther(report.refund)} ETH credited\n`,
        );
      }
      for (const skipped of round.skipped) bars.log(`skipped ${skipped}: not signed by ${poster.address}\n`);
      if (follow === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, follow * 1000));
    }
  } finally {
    bars.stop();
    l1.destroy();
    l2.destroy();
  }
  console.log(`answered ${answered} DA request(s) as ${poster.address}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
