/** What the DA tests share: a small chunk budget, the answerer of one sequencer, the verifier's data sources. */
import { DAAnswerer, type DAAnswererConfig } from "../../sdk/src/sequencer/da-answerer";
import type { VerifierEvent } from "../../sdk/src/verifier/verifier";

import type { Rollup } from "./rollup";

/** A chunk gas budget small enough that the tests' batches take several chunks. */
export const SMALL_BUDGET = 1_000_000;

/** The rejection `run` ends with; throws when it resolves. */
export async function thrown(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** A DAAnswerer posting as sequencer `index` of `r` (its key, store and signing record), with {@link SMALL_BUDGET}. */
export function answererOf(r: Rollup, index = 0, extra: Partial<DAAnswererConfig> = {}): DAAnswerer {
  const sequencer = r.sequencers[index]!;
  return new DAAnswerer({
    poster: sequencer.config.key,
    daRequestManager: r.addresses.daRequestManager,
    batchChain: r.addresses.batchChain,
    l2: r.l2.provider,
    l2Bridge: r.addresses.l2Bridge,
    store: r.store,
    signed: sequencer.record,
    gasBudget: SMALL_BUDGET,
    ...extra,
  });
}

/** The verifier's `data` events: which source served which batch, and which sources failed before it (with why). */
export const servedFrom = (events: readonly VerifierEvent[]) =>
  events.flatMap((event) =>
    event.kind === "data"
      ? [
          {
            batchIndex: event.batchIndex,
            source: event.source,
            failed: event.failures.map(({ source, error }) => `${source}: ${(error as Error).name}`),
          },
        ]
      : [],
  );
