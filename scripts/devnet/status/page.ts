/**
 * The devnet's status page, in the browser: reads L1 and L2 over JSON-RPC through the status server's `/l1` and `/l2`
 * forwards (same origin, no CORS) with the package's browser-safe root entry, and redraws every ~2 s:
 *
 * - batches: the latest ones BatchChain holds (and any just rolled back), with status and time left until final;
 * - proposer and rotation: who is scheduled now, since when, and when the rotation timeout moves the turn;
 * - sequencers: stake, status, missed turns, jail and slashes;
 * - open DA requests and execution disputes with their clocks (from a bounded log scan, then each one's status view);
 * - agents: the health JSON of the devnet's agents (when the server was given them);
 * - a withdrawal tracker that builds the withdrawal proof here, checks it against the header hash L1 stores, and only
 *   then offers to finalize (through an injected `window.ethereum`, or says how to with the Hardhat task).
 *
 * Every section reads on its own: a failed read shows its error in its section and leaves the others drawn.
 * It imports the package's root entry (sdk/src/index.ts, what `@metis-l2/protocol` resolves to), which is
 * browser-safe; build.ts bundles it (esbuild, platform browser, no Node polyfills) and server.ts serves it.
 */
import {
  BATCH_STATUSES,
  BridgeReader,
  chunkedLogs,
  connectBatchChain,
  connectDARequestManager,
  connectDisputeManager,
  connectL1Bridge,
  connectSequencerRegistry,
  daRequestStatus,
  FINAL_DISPUTE_STATUSES,
  finalizeWithdrawal,
  getDisputeStatus,
  parseDeployment,
  pauseStatus,
  SEQUENCER_STATUSES,
  verifyWithdrawalProof,
  type BatchChain,
  type DARequestManager,
  type Deployment,
  type DisputeManager,
  type Hex,
  type InitiatedWithdrawal,
  type SequencerRegistry,
  type WithdrawalLifecycle,
  type WithdrawalProof,
} from "../../../sdk/src";
import { BrowserProvider, formatEther, JsonRpcProvider, Network, type Eip1193Provider } from "ethers";

/** Milliseconds between refreshes. */
const REFRESH_MS = 2_000;
/** How many of the latest batches the table shows. */
const BATCH_ROWS = 20;
/** How many rolled-back indices past the tip it looks for. */
const ROLLED_BACK_ROWS = 10;
/** How many DA requests and disputes each list shows (open ones first). */
const LIST_ROWS = 10;
/** Blocks per `eth_getLogs` of the DA request and dispute scans. */
const LOG_CHUNK = 5_000;

declare global {
  interface Window {
    ethereum?: Eip1193Provider;
    /** The page's state for tests and the curious: the last refresh and what it read. */
    metisStatus?: { refreshes: number; lastRefreshAt?: string; errors: Record<string, string> };
  }
}

// -------------------------------------------------------------------------------------------------------------------
// DOM helpers
// -------------------------------------------------------------------------------------------------------------------

function byTestId(id: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!element) throw new Error(`the page has no element [data-testid="${id}"]`);
  return element;
}

type Child = Node | string;

/** `document.createElement(tag)` with attributes (`data-*`, `class`, ...) and children. */
function h(tag: string, attributes: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** `0x1234…abcd`. */
function short(hex: string): string {
  return hex.length > 14 ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : hex;
}

/** `seconds` as `3d 4h`, `4h 5m`, `5m 6s` or `6s`. */
function duration(seconds: bigint): string {
  const s = Number(seconds < 0n ? 0n : seconds);
  const d = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${hours}h`;
  if (hours > 0) return `${hours}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 400);
  return String(error).slice(0, 400);
}

/** Runs one section's read and draw; a failure shows in the section (and the last drawn values stay). */
async function section(name: string, draw: () => Promise<void>): Promise<void> {
  const slot = byTestId(`${name}-error`);
  const state = (window.metisStatus ??= { refreshes: 0, errors: {} });
  try {
    await draw();
    slot.textContent = "";
    slot.hidden = true;
    delete state.errors[name];
  } catch (error) {
    slot.textContent = errorText(error);
    slot.hidden = false;
    state.errors[name] = errorText(error);
  }
}

/** Replaces the rows of `tbody` (or shows `empty` in one cell spanning the table). */
function fillRows(tbody: HTMLElement, rows: HTMLElement[], empty: string): void {
  const columns = tbody.closest("table")?.querySelectorAll("thead th").length ?? 1;
  tbody.replaceChildren(
    ...(rows.length > 0 ? rows : [h("tr", {}, h("td", { colspan: String(columns), class: "empty" }, empty))]),
  );
}

// -------------------------------------------------------------------------------------------------------------------
// Reads
// -------------------------------------------------------------------------------------------------------------------

interface Contracts {
  readonly batchChain: BatchChain;
  readonly registry: SequencerRegistry;
  readonly disputeManager: DisputeManager;
  readonly daRequestManager: DARequestManager;
}

/** One refresh's view of L1: every read of it is at this block. */
interface Head {
  readonly number: number;
  readonly timestamp: bigint;
}

interface Context {
  readonly deployment: Deployment;
  readonly l1: JsonRpcProvider;
  readonly l2: JsonRpcProvider;
  readonly contracts: Contracts;
  readonly reader: BridgeReader;
}

async function batches(ctx: Context, head: Head): Promise<void> {
  const { batchChain } = ctx.contracts;
  const at = { blockTag: head.number };
  const count = await batchChain.batchCount(at);
  const first = count > BigInt(BATCH_ROWS) ? count - BigInt(BATCH_ROWS) : 0n;
  const indices: bigint[] = [];
  for (let i = first; i < count; i++) indices.push(i);
  // The L2 range of batch i starts after batch i - 1's last block: one batchInfo read each (the one before the first
  // shown too), no log scan.
  const infoIndices = first > 0n ? [first - 1n, ...indices] : indices;
  const infos = new Map(
    await Promise.all(infoIndices.map(async (i) => [i, await batchChain.batchInfo(i, at)] as const)),
  );
  const rows = await Promise.all(
    indices.map(async (i) => {
      const [hash, code] = await batchChain.headerStatus(i, at);
      const status = BATCH_STATUSES[Number(code)] ?? `status ${code}`;
      const info = infos.get(i);
      const previous = infos.get(i - 1n);
      const lastBlock = info ? info[2] : 0n;
      const firstBlock = i === 0n ? lastBlock : previous ? previous[2] + 1n : undefined;
      let left = "—";
      let finalizesAt: bigint | undefined;
      if (i === 0n) left = "genesis";
      else if (status === "Pending" || status === "Disputed" || status === "Insecure") {
        finalizesAt = await batchChain.finalizesAt(i, at);
        const pending = finalizesAt > head.timestamp;
        if (status === "Pending") left = pending ? duration(finalizesAt - head.timestamp) : "final at the next block";
        // Held by an open dispute or DA request: its window may have passed, and it is still not final.
        else left = `${pending ? `${duration(finalizesAt - head.timestamp)} ` : ""}(held: ${status.toLowerCase()})`;
      } else if (status === "Finalized") left = "final";
      return { index: i, hash: hash as string, status, firstBlock, lastBlock, left, finalizesAt };
    }),
  );
  // Indices past the tip that a rollback removed (their hashes are gone from the views; the status stays).
  const rolledBack: bigint[] = [];
  for (let i = count; i < count + BigInt(ROLLED_BACK_ROWS); i++) {
    const [, code] = await batchChain.headerStatus(i, at);
    if (BATCH_STATUSES[Number(code)] !== "RolledBack") break;
    rolledBack.push(i);
  }
  const tr = (attributes: Record<string, string | undefined>, ...cells: Child[]) =>
    h("tr", { "data-testid": "batch-row", ...attributes }, ...cells.map((cell) => h("td", {}, cell)));
  const drawn = [
    ...rolledBack
      .reverse()
      .map((i) =>
        tr(
          { "data-index": String(i), "data-status": "RolledBack", class: "status-RolledBack" },
          `#${i}`,
          "—",
          "—",
          h("span", { class: "badge RolledBack" }, "RolledBack"),
          "—",
        ),
      ),
    ...rows.reverse().map((row) =>
      tr(
        {
          "data-index": String(row.index),
          "data-hash": row.hash.toLowerCase(),
          "data-status": row.status,
          "data-first-block": row.firstBlock?.toString(),
          "data-last-block": row.lastBlock.toString(),
          "data-finalizes-at": row.finalizesAt?.toString(),
          class: `status-${row.status}`,
        },
        `#${row.index}`,
        h("code", { title: row.hash }, short(row.hash)),
        row.index === 0n ? `${row.lastBlock} (genesis)` : `${row.firstBlock ?? "?"}–${row.lastBlock}`,
        h("span", { class: `badge ${row.status}` }, row.status),
        row.left,
      ),
    ),
  ];
  byTestId("batch-count").textContent = `${count} on L1 (showing ${first}..${count - 1n})`;
  // The L1 block every value of the table was read at, for whoever compares the table with L1.
  byTestId("batch-rows").dataset.block = String(head.number);
  fillRows(byTestId("batch-rows"), drawn, "no batches");
}

async function proposer(ctx: Context, head: Head): Promise<void> {
  const { batchChain, registry } = ctx.contracts;
  const at = { blockTag: head.number };
  const [count, tip, timeout, epoch] = await Promise.all([
    batchChain.batchCount(at),
    batchChain.tip(at),
    registry.rotationTimeout(at),
    registry.currentEpoch(at),
  ]);
  const lastAcceptedAt = tip[3];
  byTestId("epoch").textContent =
    `epoch ${epoch.number}: ${epoch.size} members, ${formatEther(epoch.totalStake)} METIS staked`;
  byTestId("rotation-timeout").textContent = duration(timeout);
  byTestId("next-batch").textContent = `#${count}`;
  let scheduled: string;
  let skipped: bigint;
  try {
    [scheduled, skipped] = await registry.scheduledProposer(count, lastAcceptedAt, at);
  } catch (error) {
    byTestId("proposer-address").textContent = "none";
    byTestId("proposer-since").textContent = "—";
    byTestId("proposer-rotates-in").textContent = "—";
    throw error;
  }
  // The schedule counts active time: as SequencerRegistry does, a wait of a timeout or more moves the reference
  // later by the time paused since the last accepted batch.
  let reference = lastAcceptedAt;
  if (head.timestamp >= lastAcceptedAt + timeout) {
    const [active, activeAt] = await Promise.all([
      batchChain.activeTime(at),
      batchChain.activeTimeAt(lastAcceptedAt, at),
    ]);
    reference = head.timestamp - (active - activeAt);
  }
  const since = reference + skipped * timeout;
  const movesAt = since + timeout;
  const sequencer = await registry.sequencerOf(scheduled, at);
  const address = byTestId("proposer-address");
  address.textContent = scheduled;
  address.dataset.address = scheduled.toLowerCase();
  address.title = `sequencer ${sequencer}`;
  byTestId("proposer-since").textContent =
    `${new Date(Number(since) * 1000).toISOString().slice(11, 19)} UTC (${duration(head.timestamp - since)} ago` +
    `${skipped > 0n ? `, after ${skipped} rotation timeout${skipped === 1n ? "" : "s"}` : ""})`;
  const rotates = byTestId("proposer-rotates-in");
  rotates.textContent = movesAt > head.timestamp ? duration(movesAt - head.timestamp) : "now";
  rotates.dataset.seconds = String(movesAt > head.timestamp ? movesAt - head.timestamp : 0n);
}

async function sequencers(ctx: Context, head: Head, scan: OpenedScan): Promise<void> {
  const { registry } = ctx.contracts;
  const at = { blockTag: head.number };
  const [seats, members, maxMissed] = await Promise.all([
    registry.sequencers(at),
    registry.members(at),
    registry.maxMissedTurns(at),
  ]);
  // The seats first, then those that staked and left (slashed, exited): they stay listed until they withdraw.
  await scan.update(head);
  const seated = new Set(seats.map((address) => address.toLowerCase()));
  const addresses = [...seats, ...[...scan.staked].filter((address) => !seated.has(address))];
  const missed = new Map(members.map((member) => [member.signer.toLowerCase(), member.missedTurns]));
  const rows = await Promise.all(
    addresses.map(async (address) => {
      const [info, code] = await Promise.all([
        registry.sequencerInfo(address, at),
        registry.sequencerStatus(address, at),
      ]);
      const status = SEQUENCER_STATUSES[Number(code)] ?? `status ${code}`;
      if (status === "None") return undefined; // withdrew everything: gone from the registry
      const turns = missed.get(info.signer.toLowerCase());
      const jail = info.jailed
        ? "slashed, jailed"
        : turns !== undefined && BigInt(turns) >= maxMissed
          ? "jailed from proposing"
          : "no";
      return h(
        "tr",
        {
          "data-testid": "sequencer-row",
          "data-address": address.toLowerCase(),
          "data-signer": info.signer.toLowerCase(),
          "data-stake": info.stake.toString(),
          "data-status": status,
          "data-missed-turns": turns === undefined ? undefined : String(turns),
          "data-jailed": String(info.jailed),
          "data-slashes": String(info.slashes),
        },
        h(
          "td",
          {},
          h("code", { title: `${address} (signer ${info.signer})` }, `${address.slice(0, 12)}…${address.slice(-6)}`),
        ),
        h("td", { class: "number" }, `${formatEther(info.stake)} METIS`),
        h("td", {}, h("span", { class: `badge ${status}` }, status)),
        h("td", { class: "number" }, turns === undefined ? "—" : `${turns} / ${maxMissed}`),
        h("td", {}, jail),
        h("td", { class: "number" }, String(info.slashes)),
      );
    }),
  );
  fillRows(
    byTestId("sequencer-rows"),
    rows.filter((row) => row !== undefined),
    "no sequencer has staked",
  );
}

/**
 * The DA requests and execution disputes ever opened, and the sequencers that ever staked (a slashed or departed one
 * no longer holds a seat in `sequencers()`), from log scans that read each block once.
 */
class OpenedScan {
  private scannedTo: number;
  /** The scan under way, shared by the sections that wait for it in one refresh. */
  private running: { readonly to: number; readonly done: Promise<void> } | undefined;
  readonly requests = new Map<Hex, bigint>();
  readonly disputes = new Map<Hex, bigint>();
  readonly staked = new Set<string>();

  constructor(private readonly ctx: Context) {
    this.scannedTo = ctx.deployment.deploymentBlock - 1;
  }

  update(head: Head): Promise<void> {
    if (head.number <= this.scannedTo) return Promise.resolve();
    if (this.running && this.running.to >= head.number) return this.running.done;
    const done = this.scan(head.number).finally(() => {
      if (this.running?.done === done) this.running = undefined;
    });
    this.running = { to: head.number, done };
    return done;
  }

  private async scan(to: number): Promise<void> {
    const { daRequestManager, disputeManager, registry } = this.ctx.contracts;
    const addresses = this.ctx.deployment.contracts;
    const range = { from: this.scannedTo + 1, to, chunk: LOG_CHUNK };
    const topic = (contract: { interface: { getEvent(name: string): { topicHash: string } | null } }, name: string) => {
      const event = contract.interface.getEvent(name);
      if (!event) throw new Error(`no ${name} event in the ABI`);
      return [event.topicHash];
    };
    const [requested, challenged, staked] = await Promise.all([
      chunkedLogs(this.ctx.l1, {
        ...range,
        address: addresses.daRequestManager,
        topics: topic(daRequestManager, "DataRequested"),
      }),
      chunkedLogs(this.ctx.l1, {
        ...range,
        address: addresses.disputeManager,
        topics: topic(disputeManager, "ExecutionChallenged"),
      }),
      chunkedLogs(this.ctx.l1, { ...range, address: addresses.registry, topics: topic(registry, "Staked") }),
    ]);
    for (const log of requested) {
      const parsed = daRequestManager.interface.parseLog(log);
      if (parsed)
        this.requests.set((parsed.args.headerHash as string).toLowerCase() as Hex, parsed.args.batchIndex as bigint);
    }
    for (const log of challenged) {
      const parsed = disputeManager.interface.parseLog(log);
      if (parsed) this.disputes.set((parsed.args.id as string).toLowerCase() as Hex, parsed.args.batchIndex as bigint);
    }
    for (const log of staked) {
      const parsed = registry.interface.parseLog(log);
      if (parsed) this.staked.add((parsed.args.sequencer as string).toLowerCase());
    }
    this.scannedTo = Math.max(this.scannedTo, to);
  }
}

async function daRequests(ctx: Context, head: Head, scan: OpenedScan): Promise<void> {
  await scan.update(head);
  const infos = await Promise.all(
    [...scan.requests.keys()].map((hash) => daRequestStatus(ctx.contracts.daRequestManager, hash)),
  );
  const open = infos.filter((info) => info.status === "Open");
  const closed = infos.filter((info) => info.status !== "Open").reverse();
  const rows = [...open, ...closed].slice(0, LIST_ROWS).map((info) =>
    h(
      "tr",
      {
        "data-testid": "da-request-row",
        "data-header-hash": info.headerHash,
        "data-batch-index": info.batchIndex.toString(),
        "data-deadline": info.deadline.toString(),
        "data-status": info.status,
        class: info.status === "Open" ? "open" : "closed",
      },
      h("td", {}, `#${info.batchIndex}`),
      h("td", {}, h("code", { title: info.headerHash }, short(info.headerHash))),
      h("td", {}, h("span", { class: `badge ${info.status}` }, info.status)),
      h("td", {}, h("code", { title: info.requester }, short(info.requester))),
      h(
        "td",
        {},
        info.status === "Open"
          ? info.deadline > head.timestamp
            ? `deadline in ${duration(info.deadline - head.timestamp)}`
            : "deadline passed"
          : "—",
      ),
    ),
  );
  byTestId("da-request-count").textContent = `${open.length} open, ${infos.length} ever`;
  fillRows(byTestId("da-request-rows"), rows, "no DA request");
}

async function disputes(ctx: Context, head: Head, scan: OpenedScan): Promise<void> {
  await scan.update(head);
  const all = await Promise.all(
    [...scan.disputes].map(async ([id, batchIndex]) => ({
      id,
      batchIndex,
      ...(await getDisputeStatus(ctx.contracts.disputeManager, id, { blockTag: head.number })),
    })),
  );
  const isOpen = (status: string) =>
    !(FINAL_DISPUTE_STATUSES as readonly string[]).includes(status) && status !== "None";
  const open = all.filter((dispute) => isOpen(dispute.status));
  const closed = all.filter((dispute) => !isOpen(dispute.status)).reverse();
  const rows = [...open, ...closed].slice(0, LIST_ROWS).map((dispute) =>
    h(
      "tr",
      {
        "data-testid": "dispute-row",
        "data-id": dispute.id,
        "data-batch-index": dispute.batchIndex.toString(),
        "data-phase-ends-at": dispute.phaseEndsAt.toString(),
        "data-status": dispute.status,
        class: isOpen(dispute.status) ? "open" : "closed",
      },
      h("td", {}, `#${dispute.batchIndex}`),
      h("td", {}, h("code", { title: dispute.id }, short(dispute.id))),
      h("td", {}, h("span", { class: `badge ${dispute.status}` }, dispute.status)),
      h("td", {}, dispute.phaseEndsAt > 0n ? `phase ends in ${duration(dispute.secondsLeft)}` : "—"),
    ),
  );
  byTestId("dispute-count").textContent = `${open.length} open, ${all.length} ever`;
  fillRows(byTestId("dispute-rows"), rows, "no execution dispute");
}

/** The health JSON fields shown per agent (the rest is in the cell's title). */
const HEALTH_FIELDS = [
  "l1Block",
  "address",
  "scheduled",
  "lastSubmittedBatch",
  "batchesSubmitted",
  "signed",
  "verifiedBatch",
  "batches",
  "findings",
  "challenges",
  "lastSyncAt",
];

async function agents(names: readonly string[]): Promise<void> {
  const rows = await Promise.all(
    names.map(async (name) => {
      let status = "unreachable";
      let role = "—";
      let body: Record<string, unknown> = {};
      try {
        const response = await fetch(`/agents/${encodeURIComponent(name)}/health`, { cache: "no-store" });
        body = (await response.json()) as Record<string, unknown>;
        // The server answers 502 / 504 with a JSON-RPC style error when the agent does not answer.
        const forwardError = (body.error as { message?: unknown } | undefined)?.message;
        if (response.status === 502 || response.status === 504) {
          status = "unreachable";
          body = { error: typeof forwardError === "string" ? forwardError : `HTTP ${response.status}` };
        } else status = typeof body.status === "string" ? body.status : `HTTP ${response.status}`;
        if (typeof body.role === "string") role = body.role;
      } catch (error) {
        body = { error: errorText(error) };
      }
      const details = HEALTH_FIELDS.filter((field) => body[field] !== undefined && body[field] !== null)
        .map(
          (field) => `${field} ${typeof body[field] === "object" ? JSON.stringify(body[field]) : String(body[field])}`,
        )
        .join(", ");
      return h(
        "tr",
        { "data-testid": "agent-row", "data-name": name, "data-status": status },
        h("td", {}, name),
        h("td", {}, role),
        h("td", {}, h("span", { class: `badge ${status}` }, status)),
        h("td", { title: JSON.stringify(body) }, details || (typeof body.error === "string" ? body.error : "")),
      );
    }),
  );
  fillRows(byTestId("agent-rows"), rows, "no agent");
}

// -------------------------------------------------------------------------------------------------------------------
// The withdrawal tracker
// -------------------------------------------------------------------------------------------------------------------

type StepState = "ok" | "failed" | "waiting";

/** What the tracker established for the withdrawal it follows. */
interface Tracked {
  readonly query: string;
  withdrawal?: InitiatedWithdrawal;
  lifecycle?: WithdrawalLifecycle;
  /** The proof checked against L1's header hash (kept while that hash stays). */
  verified?: { readonly proof: WithdrawalProof; readonly headerHash: string };
  finalizeTx?: string;
}

class Tracker {
  private tracked: Tracked | undefined;
  private running = false;
  /** A finalization is on its way: the button stays disabled whatever a refresh reads meanwhile. */
  private sending = false;

  constructor(private readonly ctx: Context) {
    byTestId("withdrawal-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const value = (byTestId("withdrawal-input") as HTMLInputElement).value.trim();
      if (value) this.track(value);
    });
    byTestId("withdrawal-finalize").addEventListener("click", () => void this.finalize());
  }

  track(query: string): void {
    (byTestId("withdrawal-input") as HTMLInputElement).value = query;
    this.tracked = { query };
    byTestId("withdrawal-steps").replaceChildren();
    void this.update();
  }

  /** Draws step `name` of `tracked` (nothing once another withdrawal is tracked). */
  private step(tracked: Tracked, name: string, state: StepState, text: string): void {
    if (tracked !== this.tracked) return;
    const list = byTestId("withdrawal-steps");
    let item = list.querySelector<HTMLElement>(`[data-step="${name}"]`);
    if (!item) {
      item = h("li", { "data-step": name });
      list.append(item);
    }
    item.dataset.state = state;
    item.className = state;
    item.replaceChildren(h("strong", {}, `${name}: `), text);
  }

  private clearSteps(tracked: Tracked, after: string): void {
    if (tracked !== this.tracked) return;
    const steps = Array.from(byTestId("withdrawal-steps").querySelectorAll<HTMLElement>("li"));
    const index = steps.findIndex((item) => item.dataset.step === after);
    if (index >= 0) for (const item of steps.slice(index + 1)) item.remove();
  }

  private setFinalize(tracked: Tracked, enabled: boolean, hint: string): void {
    if (tracked !== this.tracked) return;
    const button = byTestId("withdrawal-finalize") as HTMLButtonElement;
    button.disabled = !enabled || this.sending;
    byTestId("withdrawal-hint").textContent = hint;
  }

  /** Follows the tracked withdrawal one more step (called on submit and on every refresh). */
  async update(): Promise<void> {
    const tracked = this.tracked;
    if (!tracked || this.running) return;
    this.running = true;
    try {
      await this.advance(tracked);
    } catch (error) {
      this.step(tracked, "error", "failed", errorText(error));
    } finally {
      this.running = false;
    }
    // Another withdrawal was asked for meanwhile: follow it now rather than at the next refresh.
    if (this.tracked !== tracked) await this.update();
  }

  private async advance(tracked: Tracked): Promise<void> {
    const { reader } = this.ctx;
    // 1. The withdrawal: the L2 transaction's WithdrawalInitiated event (or a withdrawal hash itself).
    if (!tracked.withdrawal) {
      const query = tracked.query.toLowerCase() as Hex;
      try {
        const [first, ...more] = await reader.getWithdrawalStatus({ l2TxHash: query });
        if (!first) throw new Error("the transaction initiated no withdrawal");
        tracked.withdrawal = first.initiated;
        this.step(
          tracked,
          "withdrawal",
          "ok",
          `#${first.initiated.withdrawal.index} ${short(first.initiated.hash)}: ${formatEther(first.initiated.withdrawal.amount)} to ${first.initiated.withdrawal.l1To} in L2 block ${first.initiated.l2BlockNumber}` +
            (more.length > 0 ? ` (the transaction initiated ${more.length} more)` : ""),
        );
      } catch (error) {
        // Not a transaction hash the L2 knows: maybe a withdrawal's own hash.
        const found = (await reader.withdrawals()).find((w) => w.hash === query);
        if (!found) {
          this.step(tracked, "withdrawal", "failed", errorText(error));
          this.setFinalize(tracked, false, "");
          return;
        }
        tracked.withdrawal = found;
        this.step(tracked, "withdrawal", "ok", `#${found.withdrawal.index} in L2 transaction ${short(found.l2TxHash)}`);
      }
    }
    const withdrawal = tracked.withdrawal;

    // 2. Where it stands on L1.
    const lifecycle = await reader.getWithdrawalStatus(withdrawal.hash);
    tracked.lifecycle = lifecycle;
    const statusText =
      lifecycle.status === "Committed"
        ? `in batch #${lifecycle.batchIndex}, final in ${duration(lifecycle.secondsLeft)}`
        : "batchIndex" in lifecycle
          ? `batch #${lifecycle.batchIndex}`
          : lifecycle.status === "Initiated"
            ? "not in a batch yet"
            : "paid on L1";
    this.step(
      tracked,
      "status",
      lifecycle.status === "Initiated" ? "waiting" : "ok",
      `${lifecycle.status}: ${statusText}`,
    );
    byTestId("withdrawal-steps").dataset.status = lifecycle.status;
    if (lifecycle.status === "Initiated") {
      this.clearSteps(tracked, "status");
      tracked.verified = undefined;
      this.setFinalize(tracked, false, "waiting for a batch to commit its L2 block");
      return;
    }
    if (lifecycle.status === "Finalized") {
      // Paid: its proof is still checked here once (a wallet can see what it was paid against), never re-sent.
      if (!tracked.verified) {
        this.clearSteps(tracked, "status");
        await this.prove(tracked, undefined);
      }
      this.setFinalize(
        tracked,
        false,
        tracked.finalizeTx ? `finalized by ${tracked.finalizeTx}` : "already paid on L1",
      );
      return;
    }

    // 3.-5. The proof against L1's header hash for its batch, built again whenever that hash changes.
    const trusted = (await this.ctx.contracts.batchChain.headerHash(lifecycle.batchIndex)).toLowerCase() as Hex;
    if (tracked.verified?.headerHash !== trusted) {
      tracked.verified = undefined;
      this.clearSteps(tracked, "status");
      if (!(await this.prove(tracked, trusted))) return;
    }
    const hint = window.ethereum
      ? "sends L1Bridge.finalizeWithdrawal from your wallet"
      : `no wallet in this browser: npx hardhat metis:finalize --id ${withdrawal.hash} --network localhost`;
    if (lifecycle.status === "ReadyToFinalize") this.setFinalize(tracked, true, hint);
    else
      this.setFinalize(
        tracked,
        false,
        `the batch is ${lifecycle.status === "Committed" ? "not final yet" : lifecycle.status.toLowerCase()}`,
      );
  }

  /**
   * 3. Builds the proof here from L2 blocks and bridge events, 4. reads L1's header hash for its batch (unless
   * `trusted` is already that), and 5. checks header -> block leaf -> withdrawal against it, as a wallet does.
   * Returns whether the proof verified (it is then kept in `tracked.verified`).
   */
  private async prove(tracked: Tracked, trusted: Hex | undefined): Promise<boolean> {
    const withdrawal = tracked.withdrawal!;
    let proof: WithdrawalProof;
    try {
      proof = await this.ctx.reader.buildWithdrawalProof(withdrawal.hash);
    } catch (error) {
      this.step(tracked, "proof", "failed", errorText(error));
      this.setFinalize(tracked, false, "");
      return false;
    }
    this.step(
      tracked,
      "proof",
      "ok",
      `built in the browser: block ${proof.blockLeaf.number} is leaf ${proof.blockLeafIndex} of batch #${proof.batchIndex} (${proof.blockSiblings.length} siblings), withdrawal #${proof.withdrawal.index} with ${proof.withdrawalSiblings.length} siblings`,
    );
    const headerHash =
      trusted ?? ((await this.ctx.contracts.batchChain.headerHash(proof.batchIndex)).toLowerCase() as Hex);
    this.step(tracked, "l1-header", "ok", `BatchChain.headerHash(${proof.batchIndex}) = ${headerHash}`);
    const verdict = verifyWithdrawalProof(proof, { headerHash });
    if (!verdict.valid) {
      this.step(tracked, "verify", "failed", `${verdict.step}: ${verdict.reason}`);
      this.setFinalize(tracked, false, "the proof does not verify: do not finalize");
      return false;
    }
    this.step(
      tracked,
      "verify",
      "ok",
      `the header hashes to L1's, the block leaf is in its stateBatchRoot, and withdrawal ${short(verdict.leaf)} is in the block's withdrawal root`,
    );
    tracked.verified = { proof, headerHash };
    return true;
  }

  private async finalize(): Promise<void> {
    const tracked = this.tracked;
    const proof = tracked?.verified?.proof;
    if (!tracked || !proof) return;
    if (!window.ethereum) {
      this.step(
        tracked,
        "finalize",
        "waiting",
        `no injected wallet: run npx hardhat metis:finalize --id ${tracked.withdrawal?.hash ?? ""} --network localhost`,
      );
      return;
    }
    this.setFinalize(tracked, false, "sending…");
    this.sending = true;
    try {
      const wallet = new BrowserProvider(window.ethereum);
      const signer = await wallet.getSigner();
      const receipt = await finalizeWithdrawal(connectL1Bridge(this.ctx.deployment.contracts.l1Bridge, signer), proof);
      tracked.finalizeTx = receipt.hash;
      this.step(tracked, "finalize", "ok", `L1 transaction ${receipt.hash} (block ${receipt.blockNumber})`);
    } catch (error) {
      this.step(tracked, "finalize", "failed", errorText(error));
    } finally {
      this.sending = false;
    }
    await this.update();
  }
}

async function recentWithdrawals(ctx: Context, tracker: Tracker): Promise<void> {
  const all = await ctx.reader.withdrawals();
  const recent = all.slice(-8).reverse();
  const items = recent.map((w) => {
    const button = h(
      "button",
      { type: "button", "data-testid": "recent-withdrawal", "data-l2-tx-hash": w.l2TxHash, "data-hash": w.hash },
      `#${w.withdrawal.index} ${formatEther(w.withdrawal.amount)} in L2 block ${w.l2BlockNumber} (${short(w.l2TxHash)})`,
    );
    button.addEventListener("click", () => tracker.track(w.l2TxHash));
    return h("li", {}, button);
  });
  const list = byTestId("recent-withdrawals");
  list.replaceChildren(...(items.length > 0 ? items : [h("li", { class: "empty" }, "no withdrawal on L2 yet")]));
}

// -------------------------------------------------------------------------------------------------------------------
// Start
// -------------------------------------------------------------------------------------------------------------------

/** The deployment the server serves; until it has one (a devnet still deploying), says why and asks again. */
async function loadDeployment(): Promise<Deployment> {
  for (;;) {
    try {
      const response = await fetch("/deployment.json", { cache: "no-store" });
      if (!response.ok) throw new Error(`/deployment.json: HTTP ${response.status}`);
      const deployment = parseDeployment(await response.json());
      byTestId("summary-error").hidden = true;
      return deployment;
    } catch (error) {
      const slot = byTestId("summary-error");
      slot.textContent = `waiting for the deployment: ${errorText(error)}`;
      slot.hidden = false;
      await new Promise((resolve) => setTimeout(resolve, REFRESH_MS));
    }
  }
}

async function main(): Promise<void> {
  const deployment = await loadDeployment();
  // Static networks: the chain ids are the deployment's, and no refresh asks the nodes for them again.
  const l1 = new JsonRpcProvider(`${location.origin}/l1`, Network.from(deployment.l1ChainId), {
    staticNetwork: true,
    cacheTimeout: -1,
  });
  const l2 = new JsonRpcProvider(`${location.origin}/l2`, Network.from(deployment.l2ChainId), {
    staticNetwork: true,
    cacheTimeout: -1,
  });
  const c = deployment.contracts;
  const ctx: Context = {
    deployment,
    l1,
    l2,
    contracts: {
      batchChain: connectBatchChain(c.batchChain, l1),
      registry: connectSequencerRegistry(c.registry, l1),
      disputeManager: connectDisputeManager(c.disputeManager, l1),
      daRequestManager: connectDARequestManager(c.daRequestManager, l1),
    },
    reader: new BridgeReader({ deployment, l1, l2 }),
  };
  byTestId("network").textContent =
    `${deployment.network}: L1 chain ${deployment.l1ChainId}, L2 chain ${deployment.l2ChainId}, BatchChain ${c.batchChain}`;
  const agentNames = await fetch("/agents.json", { cache: "no-store" })
    .then(async (r) => (r.ok ? ((await r.json()) as { name: string }[]).map((a) => a.name) : []))
    .catch(() => []);
  byTestId("agents").hidden = agentNames.length === 0;
  const scan = new OpenedScan(ctx);
  const tracker = new Tracker(ctx);
  const state = (window.metisStatus ??= { refreshes: 0, errors: {} });

  const refresh = async () => {
    let head: Head | undefined;
    await section("summary", async () => {
      const block = await l1.getBlock("latest");
      if (!block) throw new Error("L1 has no latest block");
      head = { number: block.number, timestamp: BigInt(block.timestamp) };
      const pause = await pauseStatus(ctx.contracts.batchChain, block.number);
      byTestId("l1-block").textContent =
        `${block.number} at ${new Date(block.timestamp * 1000).toISOString().slice(11, 19)} UTC`;
      byTestId("pause").textContent = pause.paused
        ? `paused (${pause.maintenance ? "maintenance" : "guardian"}) for ${duration(pause.until - head.timestamp)}`
        : "running";
    });
    await section("l2", async () => {
      byTestId("l2-block").textContent = "…";
      byTestId("l2-block").textContent = String(await l2.getBlockNumber());
    });
    if (head) {
      const at = head;
      await Promise.all([
        section("batches", () => batches(ctx, at)),
        section("proposer", () => proposer(ctx, at)),
        section("sequencers", () => sequencers(ctx, at, scan)),
        section("da-requests", () => daRequests(ctx, at, scan)),
        section("disputes", () => disputes(ctx, at, scan)),
      ]);
    }
    await Promise.all([
      agentNames.length > 0 ? section("agents", () => agents(agentNames)) : Promise.resolve(),
      section("withdrawals", async () => {
        await recentWithdrawals(ctx, tracker);
        await tracker.update();
      }),
    ]);
    state.refreshes++;
    state.lastRefreshAt = new Date().toISOString();
    byTestId("refreshed").textContent = `refreshed ${state.lastRefreshAt.slice(11, 19)} UTC`;
    document.body.dataset.refreshes = String(state.refreshes);
  };
  const loop = async () => {
    await refresh().catch(() => undefined);
    setTimeout(() => void loop(), REFRESH_MS);
  };
  await loop();
}

main().catch((error: unknown) => {
  const slot = document.querySelector<HTMLElement>('[data-testid="summary-error"]');
  if (slot) {
    slot.textContent = `the page could not start: ${errorText(error)}`;
    slot.hidden = false;
  }
});
