import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";

import type { FinalityLibHarness } from "../../sdk/src/contracts/typechain";

const HOUR = 3600n;
const DAY = 24n * HOUR;
const START = 1_700_000_000n;

/** The review time of the monotone histories: every review ends this long after it is added. */
const REVIEW = 10n * DAY;

/** One step of a batch chain's history, as BatchChain makes them. */
type Step =
  | { readonly kind: "submit"; readonly after: bigint }
  | { readonly kind: "window"; readonly window: bigint }
  | { readonly kind: "review"; readonly batchSeed: number; readonly extra: bigint }
  | { readonly kind: "rollback"; readonly batchSeed: number };

/** Steps whose reviews end `extra` after the last submission: `extra` drawn from `extras`. */
const stepWith = (extras: fc.Arbitrary<bigint>): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant("submit" as const), after: fc.bigInt(0n, 2n * DAY) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("window" as const), window: fc.bigInt(HOUR, 30n * DAY) }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant("review" as const), batchSeed: fc.nat(), extra: extras }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("rollback" as const), batchSeed: fc.nat() }) },
  );

/** Reviews that end in any order (as after governance shortened the review time). */
const step = stepWith(fc.bigInt(1n, 40n * DAY));
/** Reviews that end in the order they are added (a fixed review time, time never going back). */
const monotoneStep = stepWith(fc.constant(REVIEW));

/** A review as added, before the library drops or clamps anything. */
interface Review {
  readonly batchIndex: bigint;
  readonly until: bigint;
}

/**
 * The finality rule as PROTOCOL section 5 states it, computed from scratch: a batch finalizes at the latest of its own
 * deadline under the window it was submitted under, the deadline of the last batch under each earlier window (a
 * child never before its parent), and every review of it or an ancestor (brute force: the latest `until` over every
 * review added and not rolled back whose index is at or below the batch).
 */
function modelDeadlines(
  submittedAt: readonly bigint[],
  windows: readonly { fromBatch: bigint; window: bigint }[],
  reviews: readonly Review[],
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

  /**
   * Applies `steps` to a fresh harness and returns the submission times the chain keeps and the reviews added that a
   * rollback did not remove (the model's, nothing dropped or clamped).
   */
  async function play(
    chain: FinalityLibHarness,
    steps: readonly Step[],
  ): Promise<{ submittedAt: bigint[]; added: Review[] }> {
    const submittedAt: bigint[] = [0n];
    let added: Review[] = [];
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
          added.push({ batchIndex: BigInt(index), until: now + s.extra });
          await chain.addReview(index, now + s.extra);
        } else {
          submittedAt.length = index;
          added = added.filter((r) => r.batchIndex < BigInt(index));
          await chain.rollback(index);
        }
      }
    }
    return { submittedAt, added };
  }

  async function readHistory(chain: FinalityLibHarness) {
    const windows = (await chain.windows()).map((w) => ({ fromBatch: w.fromBatch, window: w.window }));
    const reviews = (await chain.reviews()).map((r) => ({ batchIndex: r.batchIndex, until: r.until }));
    return { windows, reviews };
  }

  /** Asserts the review stack ascends strictly in both index and end, and that `lastReviewUntil` is its top's end. */
  async function expectStack(chain: FinalityLibHarness) {
    const { reviews } = await readHistory(chain);
    for (let i = 1; i < reviews.length; i++) {
      expect(reviews[i]!.batchIndex > reviews[i - 1]!.batchIndex).to.equal(true);
      expect(reviews[i]!.until > reviews[i - 1]!.until).to.equal(true);
    }
    expect(await chain.lastReviewUntil()).to.equal(reviews.at(-1)?.until ?? 0n);
  }

  it("gives every batch the deadline of the protocol's rule when reviews end in the order they are added", async function () {
    let heldByReview = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(monotoneStep, { minLength: 1, maxLength: 24 }), async (steps) => {
        const chain = await loadFixture(harness);
        const { submittedAt, added } = await play(chain, steps);
        const { windows } = await readHistory(chain);
        const model = modelDeadlines(submittedAt, windows, added);
        expect(await chain.deadlines()).to.deep.equal(model);
        await expectStack(chain);
        if (model.some((deadline) => added.some((r) => r.until === deadline))) heldByReview++;
      }),
      { numRuns: 40, seed: 8 },
    );
    // Reviews did decide deadlines (otherwise this property says little about them).
    expect(heldByReview).to.be.greaterThan(10);
  });

  it("never gives a deadline earlier than the rule's when reviews end out of order", async function () {
    let later = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 24 }), async (steps) => {
        const chain = await loadFixture(harness);
        const { submittedAt, added } = await play(chain, steps);
        const { windows } = await readHistory(chain);
        const model = modelDeadlines(submittedAt, windows, added);
        const deadlines = await chain.deadlines();
        expect(deadlines.length).to.equal(model.length);
        deadlines.forEach((deadline, i) => {
          expect(deadline >= model[i]!).to.equal(true);
          if (deadline > model[i]!) later++;
        });
        await expectStack(chain);
      }),
      { numRuns: 60, seed: 12 },
    );
    // The runs did reach the clamp (otherwise this property says nothing beyond the monotone one).
    expect(later).to.be.greaterThan(0);
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

  describe("the review stack", function () {
    /** A harness with batches 1 to 6, an hour apart. */
    async function sixBatches() {
      const chain = await harness();
      for (let i = 0; i < 6; i++) await chain.submit(START + BigInt(i) * HOUR);
      return chain;
    }

    const stackOf = async (chain: FinalityLibHarness) =>
      (await readHistory(chain)).reviews.map((r) => [Number(r.batchIndex), r.until - START]);

    it("ignores a review that one at a lower or equal index ending no earlier already covers", async function () {
      const chain = await loadFixture(sixBatches);
      await chain.addReview(2, START + 10n * DAY);
      await chain.addReview(4, START + 10n * DAY); // ends with batch 2's: nothing new
      await chain.addReview(3, START + 9n * DAY);
      await chain.addReview(2, START + 8n * DAY);
      expect(await stackOf(chain)).to.deep.equal([[2, 10n * DAY]]);
      expect(await chain.deadlines()).to.deep.equal([
        START + 7n * DAY,
        ...[2, 3, 4, 5, 6].map(() => START + 10n * DAY),
      ]);
    });

    it("replaces the reviews at or above a new one's index, ending no earlier than the last of them", async function () {
      const chain = await loadFixture(sixBatches);
      await chain.addReview(2, START + 10n * DAY);
      await chain.addReview(4, START + 12n * DAY);
      await chain.addReview(5, START + 14n * DAY);
      expect(await stackOf(chain)).to.deep.equal([
        [2, 10n * DAY],
        [4, 12n * DAY],
        [5, 14n * DAY],
      ]);
      // Later than every review it replaces: exact.
      await chain.addReview(4, START + 15n * DAY);
      expect(await stackOf(chain)).to.deep.equal([
        [2, 10n * DAY],
        [4, 15n * DAY],
      ]);
      // Earlier than the top (out of order): clamped to the top's end, so batch 3 waits longer, never less.
      await chain.addReview(3, START + 11n * DAY);
      expect(await stackOf(chain)).to.deep.equal([
        [2, 10n * DAY],
        [3, 15n * DAY],
      ]);
      expect(await chain.lastReviewUntil()).to.equal(START + 15n * DAY);
      expect((await chain.deadlines()).slice(1)).to.deep.equal([
        START + 10n * DAY,
        ...[3, 4, 5, 6].map(() => START + 15n * DAY),
      ]);
    });

    it("drops on rollback the reviews at or above the first batch removed, and reuses their slots", async function () {
      const chain = await loadFixture(sixBatches);
      await chain.addReview(2, START + 10n * DAY);
      await chain.addReview(4, START + 12n * DAY);
      await chain.addReview(6, START + 14n * DAY);
      await chain.rollback(4);
      expect(await stackOf(chain)).to.deep.equal([[2, 10n * DAY]]);
      expect(await chain.lastReviewUntil()).to.equal(START + 10n * DAY);
      await chain.submit(START + 6n * HOUR);
      await chain.addReview(4, START + 11n * DAY); // written over the dropped (4, 12 days)
      expect(await stackOf(chain)).to.deep.equal([
        [2, 10n * DAY],
        [4, 11n * DAY],
      ]);
      expect(await chain.deadlines()).to.deep.equal([
        START + 7n * DAY,
        START + 10n * DAY,
        START + 10n * DAY,
        START + 11n * DAY,
      ]);
      await chain.rollback(1);
      expect(await stackOf(chain)).to.deep.equal([]);
      expect(await chain.lastReviewUntil()).to.equal(0n);
    });

    it("names the window each batch was submitted under", async function () {
      const chain = await loadFixture(sixBatches);
      await chain.setWindow(HOUR); // from batch 7
      await chain.submit(START + 7n * HOUR);
      await chain.setWindow(2n * DAY); // from batch 8
      expect(await Promise.all([0, 6, 7, 8, 100].map((i) => chain.windowOf(i)))).to.deep.equal([
        7n * DAY,
        7n * DAY,
        HOUR,
        2n * DAY,
        2n * DAY,
      ]);
    });
  });
});
