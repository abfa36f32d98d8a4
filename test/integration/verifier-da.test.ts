import { expect } from "chai";
import { getBytes } from "ethers";
import { ethers } from "hardhat";

import type { DataSource } from "../../sdk/src/da/sources";
import { DataNotFoundError } from "../../sdk/src/errors/da";
import { bytesToHex, keccak256, type BatchHeader, type CommittedBlockLeaf, type Hex } from "../../sdk/src/proof";
import type { PostedLeavesSource, VerifierEvent } from "../../sdk/src/verifier/verifier";
import { forgeNext, withHeaderField, type Forgery } from "../helpers/forgery";
import { removeRollupDirectories, rollup } from "../helpers/rollup";
import { located, transfers, verifierOf } from "../helpers/verifier";

/**
 * What a DA answer on L1 gives, built from a committed forgery's own bytes: its data object and the block leaves the
 * colluding quorum committed (each leaf's blockHash is its RLP header's hash). Nothing is served until `answer()`,
 * as before the answer lands on L1.
 */
function answeredOnL1(forgery: Forgery) {
  let answered = false;
  const leaves: CommittedBlockLeaf[] = forgery.blocks.map((block) => ({
    number: block.number,
    timestamp: block.timestamp,
    blockHash: bytesToHex(keccak256(getBytes(block.rlpHeader))),
    stateRoot: block.stateRoot,
    withdrawalRoot: block.withdrawalRoot,
  }));
  const reads: string[] = [];
  const unanswered = (header: BatchHeader) => new DataNotFoundError(String(header.dataHash));
  const source: DataSource & PostedLeavesSource = {
    name: "the DA answer",
    read: (header) => {
      reads.push("data");
      return answered ? Promise.resolve(forgery.data) : Promise.reject(unanswered(header));
    },
    blockLeaves: (header) => {
      reads.push("leaves");
      return answered ? Promise.resolve(leaves) : Promise.reject(unanswered(header));
    },
  };
  return { source, reads, answer: () => (answered = true) };
}

const served = (events: readonly VerifierEvent[]) =>
  events.flatMap((event) => (event.kind === "data" ? [`${event.batchIndex} ${event.source}`] : []));

describe("integration: the verifier's DA fallback and review", function () {
  after(removeRollupDirectories);

  it("reads a data object neither the store nor the L2 serves from the DA answer on L1", async function () {
    const r = await rollup();
    await transfers(r, 2);
    const forged = await forgeNext(r, { storeData: false });
    const l1 = answeredOnL1(forged);
    const { verifier, reports, events } = await verifierOf(r, { l2: undefined, l1Data: l1.source });
    await verifier.sync();
    expect(located(reports)).to.deep.equal([{ kind: "dataUnavailable", batchIndex: 1n, reason: "dataObject" }]);
    const missing = events.find((event) => event.kind === "data-unavailable");
    expect(missing?.kind === "data-unavailable" && missing.failures.map(({ source }) => source)).to.deep.equal([
      "store",
      "l1",
    ]);

    // The answer lands: the next sync reads the object from L1 (after the store failed) and checks the batch.
    l1.answer();
    events.length = 0;
    await verifier.sync();
    const data = events.find((event) => event.kind === "data");
    expect(data).to.deep.include({ batchIndex: 1n, source: "l1" });
    expect(
      data?.kind === "data" && data.failures.map(({ source, error }) => [source, (error as Error).name]),
    ).to.deep.equal([["store", "DataNotFoundError"]]);
    expect(reports).to.have.length(1);
    expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "checked"]);
  });

  it("reviews an answered batch: the posted leaves stand in for the withheld sidecar, and their fault is reported", async function () {
    const r = await rollup();
    await transfers(r, 2);
    // A forged withdrawal root in a leaf whose blockHash is the real block's; the sidecar is withheld.
    const forged = await forgeNext(r, {
      storeSidecar: false,
      blocks: (blocks) => {
        blocks[1]!.withdrawalRoot = ethers.keccak256("0x04") as Hex;
      },
    });
    await transfers(r, 1);
    await forgeNext(r); // honest contents, on top of the forged batch (honest sequencers would not build on it)
    const l1 = answeredOnL1(forged);
    const { verifier, reports, events } = await verifierOf(r, { l1Data: l1.source });
    await verifier.sync();
    expect(located(reports)).to.deep.equal([{ kind: "dataUnavailable", batchIndex: 1n, reason: "blockLeaves" }]);
    expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "unavailable", "pending"]);
    expect(l1.reads).to.deep.equal(["leaves"]); // the data object came from the store

    // The DA answer posts the leaves: the next sync checks the batch and finds the forged withdrawal root, challengeable.
    l1.answer();
    await verifier.sync();
    expect(located(reports.slice(1))).to.deep.equal([{ kind: "withdrawalRoot", batchIndex: 1n, leafIndex: 1 }]);
    const [report] = reports.slice(1);
    expect(report?.type === "batch" && report.context.rlpHeaders).to.deep.equal(
      forged.blocks.map((block) => block.rlpHeader),
    );
    expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "faulty", "pending"]);
    expect(served(events)).to.deep.equal(["1 store", "1 store"]);
  });

  it("keeps a batch unavailable when a posted leaf names a block the replica did not produce", async function () {
    const r = await rollup();
    await transfers(r, 2);
    const forged = await forgeNext(r, {
      storeSidecar: false,
      blocks: (blocks) => {
        // Another RLP header (a made-up stateRoot, field 3), so the leaf's blockHash is no block of the L2.
        blocks[0]!.rlpHeader = withHeaderField(blocks[0]!.rlpHeader, 3, getBytes(ethers.keccak256("0x05")));
      },
    });
    const l1 = answeredOnL1(forged);
    l1.answer();
    const { verifier, reports } = await verifierOf(r, { l1Data: l1.source });
    await verifier.sync();
    expect(located(reports)).to.deep.equal([{ kind: "dataUnavailable", batchIndex: 1n, reason: "blockLeaves" }]);
    expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "unavailable"]);
  });
});
