/** What the DA tests share: a small chunk budget, the answerer of one sequencer, the verifier's data sources. */
import { getBytes, type Signer } from "ethers";

import { bytesToHex, decodeBatchData, keccak256 } from "../../sdk/src/proof";
import { DAAnswerer, type DAAnswererConfig } from "../../sdk/src/sequencer/da-answerer";
import type { VerifierEvent } from "../../sdk/src/verifier/verifier";

import type { Forgery } from "./forgery";
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

/**
 * Posts `forgery`'s transactions and block leaves (each leaf's hash its RLP header's) as the whole answer to its DA
 * request, in one chunk, from `poster`: what the colluding quorum posts to get its batch out of the insecure state.
 */
export async function answerWith(r: Rollup, forgery: Forgery, poster: Signer): Promise<void> {
  const entries = decodeBatchData(forgery.data).blocks.flatMap((block) =>
    block.transactions.map((raw, indexInBlock) => ({ l2BlockNumber: block.number, indexInBlock, raw })),
  );
  const leaves = forgery.blocks.map((block) => ({
    number: block.number,
    timestamp: block.timestamp,
    blockHash: bytesToHex(keccak256(getBytes(block.rlpHeader))),
    stateRoot: block.stateRoot,
    withdrawalRoot: block.withdrawalRoot,
  }));
  await (await r.l1.daRequestManager.connect(poster).answer(forgery.header, 0, entries, leaves)).wait();
}
