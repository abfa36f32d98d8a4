/**
 * Drives the devnet's status page (scripts/devnet/status) in headless Chromium: waits until its batches table shows
 * at least `minBatches` real batches (not the genesis anchor, not rolled back), checks that every section rendered
 * values (the proposer is an address, each sequencer row has a stake), optionally follows a withdrawal through the
 * tracker (the proof built and verified in the browser, Finalize enabled, and clicked through an injected wallet),
 * saves a full-page screenshot (default `reports/status-page.png`) and returns what the page showed, so that callers
 * compare it with L1.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import type { Page } from "playwright-core";

import { launchChromium } from "../helpers/chromium";

const ROOT = path.join(__dirname, "..", "..");
export const STATUS_SCREENSHOT = path.join(ROOT, "reports", "status-page.png");

export interface StatusPageExpect {
  /** Wait until at least this many real batches (index > 0, not rolled back) are listed (default 1). */
  readonly minBatches?: number;
  /** Where to save the full-page screenshot (default {@link STATUS_SCREENSHOT}); false: none. */
  readonly screenshot?: string | false;
  /** How long to wait for the page to show what is expected, in ms (default 60 s). */
  readonly timeoutMs?: number;
  /**
   * A withdrawal to follow in the tracker, by its L2 transaction hash: waits until the proof is built and verified
   * in the browser; `ready`: and until Finalize is enabled (its batch is final); `finalize`: then clicks it, through a
   * `window.ethereum` injected into the page that sends over the page's `/l1` forward (the L1 node's unlocked
   * accounts), and waits until the page shows the withdrawal paid; `expectFailure`: waits for a failed step instead.
   */
  readonly withdrawal?: {
    readonly l2TxHash: string;
    readonly ready?: boolean;
    readonly finalize?: boolean;
    /** Expect the tracker to fail a step instead (a hash that is no withdrawal): waits for that. */
    readonly expectFailure?: boolean;
  };
}

export interface BatchRow {
  readonly index: bigint;
  /** The header hash BatchChain holds (undefined for a rolled-back index). */
  readonly hash?: string;
  readonly status: string;
  readonly firstBlock?: bigint;
  readonly lastBlock?: bigint;
  /** The "final in" cell. */
  readonly finalIn: string;
}

export interface SequencerRow {
  readonly address: string;
  readonly signer: string;
  readonly stake: bigint;
  readonly status: string;
  readonly missedTurns?: number;
  readonly jailed: boolean;
  readonly slashes: number;
}

export interface TrackerStep {
  readonly step: string;
  readonly state: string;
  readonly text: string;
}

export interface StatusPageRead {
  /** Newest first, as the table lists them (rolled-back indices past the tip first). */
  readonly batches: readonly BatchRow[];
  readonly batchCount: string;
  /** The L1 block the batches table was read at (every row at that block). */
  readonly batchesAtBlock: number;
  readonly proposer: {
    readonly address: string;
    readonly nextBatch: string;
    readonly since: string;
    readonly rotatesIn: string;
    readonly rotatesInSeconds?: number;
  };
  readonly sequencers: readonly SequencerRow[];
  readonly daRequests: readonly {
    readonly batchIndex: bigint;
    readonly headerHash: string;
    readonly status: string;
    readonly deadline: bigint;
    readonly clock: string;
  }[];
  readonly disputes: readonly {
    readonly batchIndex: bigint;
    readonly id: string;
    readonly status: string;
    readonly phaseEndsAt: bigint;
    readonly clock: string;
  }[];
  readonly agents: readonly { readonly name: string; readonly status: string }[];
  readonly withdrawal?: {
    readonly steps: readonly TrackerStep[];
    readonly status?: string;
    readonly finalizeEnabled: boolean;
    readonly hint: string;
  };
  /** Errors the page's sections show (by section), and errors thrown in the page. */
  readonly sectionErrors: Readonly<Record<string, string>>;
  readonly pageErrors: readonly string[];
  readonly screenshot?: string;
}

/** An EIP-1193 wallet over the page's own `/l1` forward: the L1 node's unlocked accounts sign. */
const INJECTED_WALLET = `
window.ethereum = {
  async request({ method, params }) {
    if (method === "eth_requestAccounts") method = "eth_accounts";
    const response = await fetch(location.origin + "/l1", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
    });
    const body = await response.json();
    if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
    return body.result;
  },
};
`;

const big = (value: string | undefined) => (value === undefined || value === "" ? undefined : BigInt(value));

/** What the page shows now. */
async function readPage(page: Page): Promise<Omit<StatusPageRead, "pageErrors" | "screenshot">> {
  return page
    .evaluate(() => {
      const all = (selector: string) => Array.from(document.querySelectorAll<HTMLElement>(selector));
      const text = (id: string) =>
        document.querySelector<HTMLElement>(`[data-testid="${id}"]`)?.textContent?.trim() ?? "";
      const errors: Record<string, string> = {};
      for (const element of all('[data-testid$="-error"]'))
        if (!element.hidden && element.textContent)
          errors[element.dataset.testid!.replace(/-error$/, "")] = element.textContent;
      const steps = all('[data-testid="withdrawal-steps"] li').map((item) => ({
        step: item.dataset.step ?? "",
        state: item.dataset.state ?? "",
        text: item.textContent ?? "",
      }));
      const cells = (row: HTMLElement) => Array.from(row.querySelectorAll("td")).map((td) => td.textContent ?? "");
      return {
        batches: all('[data-testid="batch-row"]').map((row) => ({ data: { ...row.dataset }, cells: cells(row) })),
        batchCount: text("batch-count"),
        batchesAtBlock: document.querySelector<HTMLElement>('[data-testid="batch-rows"]')?.dataset.block,
        proposer: {
          address: text("proposer-address"),
          nextBatch: text("next-batch"),
          since: text("proposer-since"),
          rotatesIn: text("proposer-rotates-in"),
          rotatesInSeconds: document.querySelector<HTMLElement>('[data-testid="proposer-rotates-in"]')?.dataset.seconds,
        },
        sequencers: all('[data-testid="sequencer-row"]').map((row) => ({ ...row.dataset })),
        daRequests: all('[data-testid="da-request-row"]').map((row) => ({
          data: { ...row.dataset },
          cells: cells(row),
        })),
        disputes: all('[data-testid="dispute-row"]').map((row) => ({ data: { ...row.dataset }, cells: cells(row) })),
        agents: all('[data-testid="agent-row"]').map((row) => ({ ...row.dataset })),
        withdrawal: {
          steps,
          status: document.querySelector<HTMLElement>('[data-testid="withdrawal-steps"]')?.dataset.status,
          finalizeEnabled: !(document.querySelector('[data-testid="withdrawal-finalize"]') as HTMLButtonElement)
            .disabled,
          hint: text("withdrawal-hint"),
        },
        sectionErrors: errors,
      };
    })
    .then((raw) => ({
      batches: raw.batches.map((row) => ({
        index: BigInt(row.data["index"]!),
        hash: row.data["hash"],
        status: row.data["status"]!,
        firstBlock: big(row.data["firstBlock"]),
        lastBlock: big(row.data["lastBlock"]),
        finalIn: row.cells[4] ?? "",
      })),
      batchCount: raw.batchCount,
      batchesAtBlock: Number(raw.batchesAtBlock),
      proposer: {
        ...raw.proposer,
        rotatesInSeconds:
          raw.proposer.rotatesInSeconds === undefined ? undefined : Number(raw.proposer.rotatesInSeconds),
      },
      sequencers: raw.sequencers.map((row) => ({
        address: row["address"]!,
        signer: row["signer"]!,
        stake: BigInt(row["stake"]!),
        status: row["status"]!,
        missedTurns: row["missedTurns"] === undefined ? undefined : Number(row["missedTurns"]),
        jailed: row["jailed"] === "true",
        slashes: Number(row["slashes"]),
      })),
      daRequests: raw.daRequests.map((row) => ({
        batchIndex: BigInt(row.data["batchIndex"]!),
        headerHash: row.data["headerHash"]!,
        status: row.data["status"]!,
        deadline: BigInt(row.data["deadline"]!),
        clock: row.cells[4] ?? "",
      })),
      disputes: raw.disputes.map((row) => ({
        batchIndex: BigInt(row.data["batchIndex"]!),
        id: row.data["id"]!,
        status: row.data["status"]!,
        phaseEndsAt: BigInt(row.data["phaseEndsAt"]!),
        clock: row.cells[3] ?? "",
      })),
      agents: raw.agents.map((row) => ({ name: row["name"]!, status: row["status"]! })),
      withdrawal: raw.withdrawal,
      sectionErrors: raw.sectionErrors,
    }));
}

/** Waits for `predicate` in the page, failing with what the page shows (its section errors) on timeout. */
async function waitInPage(
  page: Page,
  what: string,
  predicate: (arg: number | undefined) => boolean,
  arg: number | undefined,
  timeout: number,
) {
  try {
    await page.waitForFunction(predicate, arg, { timeout, polling: 250 });
  } catch (error) {
    const shown = await readPage(page).catch(() => undefined);
    throw new Error(
      `the status page did not show ${what} within ${timeout} ms: ${String(error)}\n` +
        `section errors: ${JSON.stringify(shown?.sectionErrors ?? {})}\n` +
        `withdrawal steps: ${JSON.stringify(shown?.withdrawal?.steps ?? [])}`,
      { cause: error },
    );
  }
}

/** Opens the status page at `url` in headless Chromium and checks it (see the module comment). */
export async function checkStatusPage(url: string, expected: StatusPageExpect = {}): Promise<StatusPageRead> {
  const minBatches = expected.minBatches ?? 1;
  const timeout = expected.timeoutMs ?? 60_000;
  const browser = await launchChromium();
  const pageErrors: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      // An agent that does not answer shows as unreachable in its row: its failed health fetch is not a page error.
      if (message.type() === "error" && !/\/agents\/[^/]+\/health$/.test(message.location().url))
        pageErrors.push(`console: ${message.text()}`);
    });
    if (expected.withdrawal?.finalize === true) await page.addInitScript(INJECTED_WALLET);
    await page.goto(url);

    await waitInPage(
      page,
      `${minBatches} real batches, the proposer and the sequencers`,
      (min) => {
        const real = document.querySelectorAll(
          '[data-testid="batch-row"]:not([data-status="RolledBack"]):not([data-index="0"])',
        ).length;
        const proposer = document.querySelector('[data-testid="proposer-address"]')?.textContent ?? "";
        const staked = document.querySelectorAll('[data-testid="sequencer-row"][data-stake]').length;
        const refreshed = Number(document.body.dataset.refreshes ?? "0") >= 1;
        return refreshed && real >= (min ?? 1) && /^0x[0-9a-fA-F]{40}$/.test(proposer.trim()) && staked > 0;
      },
      minBatches,
      timeout,
    );
    const read = await readPage(page);
    const real = read.batches.filter((row) => row.index > 0n && row.status !== "RolledBack");
    expect(real.length).to.be.at.least(minBatches);
    for (const row of real) {
      expect(row.hash, `batch #${row.index}'s hash`).to.match(/^0x[0-9a-f]{64}$/);
      expect(["Pending", "Disputed", "Insecure", "Finalized"]).to.include(row.status);
      expect(row.firstBlock, `batch #${row.index}'s first block`).to.be.a("bigint");
      expect(row.lastBlock! >= row.firstBlock!, `batch #${row.index}'s block range`).to.equal(true);
      expect(row.finalIn, `batch #${row.index}'s time left`).to.not.equal("");
    }
    // Indices run down by one, contiguous, as BatchChain numbers them.
    const indices = read.batches.map((row) => row.index);
    for (let i = 1; i < indices.length; i++) expect(indices[i]).to.equal(indices[i - 1]! - 1n);
    expect(read.proposer.address).to.match(/^0x[0-9a-fA-F]{40}$/);
    expect(read.proposer.since).to.match(/UTC/);
    expect(read.proposer.rotatesInSeconds).to.be.a("number");
    expect(read.sequencers.length).to.be.greaterThan(0);
    for (const row of read.sequencers) {
      expect(row.address).to.match(/^0x[0-9a-f]{40}$/);
      expect(row.stake > 0n || row.status !== "Active", `${row.address}'s stake`).to.equal(true);
    }

    let withdrawal = read.withdrawal;
    const track = expected.withdrawal;
    if (track) {
      await page.fill('[data-testid="withdrawal-input"]', track.l2TxHash);
      await page.click('[data-testid="withdrawal-track"]');
      if (track.expectFailure === true)
        await waitInPage(
          page,
          "a failed tracker step",
          () => document.querySelector('[data-testid="withdrawal-steps"] [data-state="failed"]') !== null,
          undefined,
          timeout,
        );
      else
        await waitInPage(
          page,
          "the withdrawal's proof verified in the browser",
          () =>
            document.querySelector('[data-testid="withdrawal-steps"] [data-step="verify"][data-state="ok"]') !== null,
          undefined,
          timeout,
        );
      if (track.ready === true || track.finalize === true)
        await waitInPage(
          page,
          "Finalize enabled",
          () => !(document.querySelector('[data-testid="withdrawal-finalize"]') as HTMLButtonElement).disabled,
          undefined,
          timeout,
        );
      withdrawal = (await readPage(page)).withdrawal;
      if (track.finalize === true) {
        await page.click('[data-testid="withdrawal-finalize"]');
        await waitInPage(
          page,
          "the withdrawal paid on L1",
          () => document.querySelector<HTMLElement>('[data-testid="withdrawal-steps"]')?.dataset.status === "Finalized",
          undefined,
          timeout,
        );
        withdrawal = (await readPage(page)).withdrawal;
      }
    }

    let screenshot: string | undefined;
    if (expected.screenshot !== false) {
      screenshot = expected.screenshot ?? STATUS_SCREENSHOT;
      mkdirSync(path.dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    const final = await readPage(page);
    return { ...final, withdrawal, pageErrors, ...(screenshot === undefined ? {} : { screenshot }) };
  } finally {
    await browser.close();
  }
}
