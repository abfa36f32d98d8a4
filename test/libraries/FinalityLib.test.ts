import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";

import type { FinalityLibHarness } from "../../sdk/src/contracts/typechain";

const HOUR = 3600n;
const DAY = 24n * HOUR;
const START = 1_700_000_000n;

/** One step of a batch chain's history, as BatchChain makes them. */
type Step =
  | { readonly kind: "submit"; readonly after: bigint }
  | { readonly kind: "window"; readonly window: bigint }
  | { readonly kind: "review"; readonly batchSeed: number; readonly extra: bigint }
  | { readonly kind: "rollback"; readonly batchSeed: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("submit" as const), after: fc.bigInt(0n, 2n * DAY) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("window" as const), window: fc.bigInt(HOUR, 30n * DAY) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("review" as const),
      batchSeed: fc.nat(),
      extra: fc.bigInt(1n, 40n * DAY),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rollback" as const), batchSeed: fc.nat() }) },
);

/**
 * The finality rule as PROTOCOL section 5 states it, computed from scratch: a batch finalizes at the latest of its own
 * deadline under the window it was submitted under, the deadline of the last batch under each earlier window (a
 * child never before its parent), and every review of it or an ancestor.
 */
function modelDeadlines(
  submittedAt: readonly bigint[],
  windows: readonly { fromBatch: bigint; window: bigint }[],
  reviews: readonly { batchIndex: bigint; until: bigint }[],
): bigint[] {
  const windowOf = (index: number) => [...windows].reverse().find((w) => w.fromBatch <= BigInt(index))!.window;
  const own = submittedAt.map((at, index) => at + windowOf(index));
  const result: bigint[] = [];
  for (let index = 1; index < submittedAt.length; index++) {
    let at = own[index]!;
    // Only the batches that close a window count, not every ancestor (within one window the deadlines already grow).
    for (const w of windows) {
      const last = Number(w.fromBatch) - 1;
      if (last >= 1 && last < index) at = at > own[last]! ? at : own[last]!;
    }
    for (const review of reviews) if (review.batchIndex <= BigInt(index) && review.until > at) at = review.until;
    result.push(at);
  }
  return result;
}

describe("FinalityLib", function () {
  async function harness() {
    return (await (await ethers.getContractFactory("FinalityLibHarness")).deploy(7n * DAY)) as FinalityLibHarness;
  }

  /** Applies `steps` to a fresh harness and returns the submission times the chain keeps. */
  async function play(chain: FinalityLibHarness, steps: readonly Step[]): Promise<bigint[]> {
    const submittedAt: bigint[] = [0n];
    let now = START;
    for (const s of steps) {
      if (s.kind === "submit") {
        now += s.after;
        submittedAt.push(now);
        await chain.submit(now);
      } else if (s.kind === "window") {
        await chain.setWindow(s.window);
      } else if (submittedAt.length > 1) {
        const index = 1 + (s.batchSeed % (submittedAt.length - 1));
        if (s.kind === "review") {
          await chain.addReview(index, now + s.extra);
        } else {
          submittedAt.length = index;
          await chain.rollback(index);
        }
      }
    }
    return submittedAt;
  }

  async function readHistory(chain: FinalityLibHarness) {
    const windows = (await chain.windows()).map((w) => ({ fromBatch: w.fromBatch, window: w.window }));
    const reviews = (await chain.reviews()).map((r) => ({ batchIndex: r.batchIndex, until: r.until }));
    return { windows, reviews };
  }

  it("gives every batch the deadline of the protocol's rule, over random histories", async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 24 }), async (steps) => {
        const chain = await loadFixture(harness);
        const submittedAt = await play(chain, steps);
        const { windows, reviews } = await readHistory(chain);
        expect(await chain.deadlines()).to.deep.equal(modelDeadlines(submittedAt, windows, reviews));
      }),
      { numRuns: 40, seed: 8 },
    );
  });

  it("never finalizes a child before its parent", async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 24 }), async (steps) => {
        const chain = await loadFixture(harness);
        await play(chain, steps);
        const deadlines = await chain.deadlines();
        for (let i = 1; i < deadlines.length; i++) expect(deadlines[i]! >= deadlines[i - 1]!).to.equal(true);
      }),
      { numRuns: 40, seed: 9 },
    );
  });

  it("moves no deadline of an existing batch when the window changes: final stays final", async function () {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 20 }),
        fc.bigInt(HOUR, 30n * DAY),
        async (steps, window) => {
          const chain = await loadFixture(harness);
          await play(chain, steps);
          const before = await chain.deadlines();
          await chain.setWindow(window);
          expect(await chain.deadlines()).to.deep.equal(before);
        },
      ),
      { numRuns: 40, seed: 10 },
    );
  });

  it("keeps the deadlines of the batches a rollback leaves in place", async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 20 }), fc.nat(), async (steps, seed) => {
        const chain = await loadFixture(harness);
        await play(chain, steps);
        const before = await chain.deadlines();
        if (before.length === 0) return;
        const fromIndex = 1 + (seed % before.length);
        await chain.rollback(fromIndex);
        expect(await chain.deadlines()).to.deep.equal(before.slice(0, fromIndex - 1));
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it("replaces window changes a rollback left ahead of the chain, keeping the list ordered", async function () {
    const chain = await loadFixture(harness);
    for (let i = 0; i < 5; i++) await chain.submit(START + BigInt(i) * HOUR);
    expect(await chain.setWindow.staticCall(HOUR)).to.equal(7n * DAY);
    await chain.setWindow(HOUR); // from batch 6
    await chain.rollback(3);
    await chain.setWindow(2n * DAY); // from batch 3: replaces the entry at 6
    const { windows } = await readHistory(chain);
    expect(windows).to.deep.equal([
      { fromBatch: 0n, window: 7n * DAY },
      { fromBatch: 3n, window: 2n * DAY },
    ]);
  });

  it("drops only the reviews that have ended", async function () {
    const chain = await loadFixture(harness);
    await chain.submit(START);
    await chain.submit(START + HOUR);
    await chain.addReview(1, START + 10n * DAY);
    await chain.addReview(2, START + 20n * DAY);
    await chain.dropEndedReviews(START + 10n * DAY);
    expect((await readHistory(chain)).reviews).to.deep.equal([{ batchIndex: 2n, until: START + 20n * DAY }]);
    expect(await chain.deadlines()).to.deep.equal([START + 7n * DAY, START + 20n * DAY]);
  });
});
