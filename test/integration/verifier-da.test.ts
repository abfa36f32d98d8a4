/**
 * The verifier's last data source on a real L1: an L1DataSource over a real DA request and a real answer posted on
 * the Hardhat L1 by an EOA (DARequestManager takes answers only from one). A forged batch's answer is posted by the
 * colluding side's key (anyone may answer) with a DAAnswerer whose store holds the forgery's own data object and
 * sidecar, so what lands on L1 is exactly what the quorum committed.
 */
import { expect } from "chai";
import { getBytes } from "ethers";
import { ethers } from "hardhat";

import { L1DataSource, type L1DataProgress } from "../../sdk/src/da/l1-source";
import { MemoryDAStore } from "../../sdk/src/da/memory-store";
import { daRequestStatus, requestData } from "../../sdk/src/da/requests";
import { sidecarKey, type Hex } from "../../sdk/src/proof";
import { DAAnswerer } from "../../sdk/src/sequencer/da-answerer";
import type { VerifierEvent } from "../../sdk/src/verifier/verifier";
import { underCoverage } from "../helpers/coverage";
import { forgeNext, withHeaderField, type Forgery } from "../helpers/forgery";
import { removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";
import { located, transfers, verifierOf } from "../helpers/verifier";

/** The verifier's L1 leg: a real L1DataSource (no requester: the tests open the request), its progress collected. */
function l1Leg(r: Rollup) {
  const progress: L1DataProgress[] = [];
  const source = new L1DataSource({
    l1: ethers.provider,
    daRequestManager: r.addresses.daRequestManager,
    pollMs: 20,
    onProgress: (event) => progress.push(event),
  });
  return { source, progress };
}

/**
 * Opens the DA request against `forged` (from an EOA that is no sequencer) and has the colluding quorum's first key
 * answer it on L1 with the forgery's own data object and block leaves, in several chunks. Returns the chunks posted.
 */
async function requestAndAnswer(r: Rollup, forged: Forgery): Promise<number> {
  const requester = (await ethers.getSigners())[7]!;
  await requestData(r.l1.daRequestManager.connect(requester), forged.header.batchIndex);
  const colluding = new MemoryDAStore();
  await colluding.put(forged.header.dataHash, forged.data);
  await colluding.put(sidecarKey(forged.headerHash), forged.sidecar);
  const answerer = new DAAnswerer({
    poster: r.sequencers[0]!.config.key,
    daRequestManager: r.addresses.daRequestManager,
    batchChain: r.addresses.batchChain,
    l2: r.l2.provider,
    l2Bridge: r.addresses.l2Bridge,
    store: colluding,
    signed: () => Promise.resolve(true),
    gasBudget: 1_000_000, // a chunk or two of transfers each: the answer takes several
  });
  const { answered } = await answerer.answerOpen();
  expect(answered.map(({ headerHash, status }) => [headerHash, status])).to.deep.equal([
    [forged.headerHash, "Answered"],
  ]);
  expect((await daRequestStatus(r.l1.daRequestManager, forged.headerHash)).status).to.equal("Answered");
  return answered[0]!.chunks;
}

/** The chunks the L1 leg read and checked, as `chunk/chunks`. */
const chunksRead = (progress: readonly L1DataProgress[]) =>
  progress.flatMap((event) => (event.kind === "chunk" ? [`${event.chunk}/${event.chunks}`] : []));

const served = (events: readonly VerifierEvent[]) =>
  events.flatMap((event) => (event.kind === "data" ? [`${event.batchIndex} ${event.source}`] : []));

describe("integration: the verifier's DA fallback and review", function () {
  // Their answers are planned in gas budgets of uninstrumented code; under `npm run coverage` every chunk is many
  // times heavier and no plan holds. DARequestManager's own tests cover its code there.
  before(function () {
    if (underCoverage()) this.skip();
  });
  after(removeRollupDirectories);

  it("reads a data object neither the store nor the L2 serves from the DA answer on L1", async function () {
    const r = await rollup();
    await transfers(r, 3);
    const forged = await forgeNext(r, { storeData: false });
    const l1 = l1Leg(r);
    const { verifier, reports, events } = await verifierOf(r, { l2: undefined, l1Data: l1.source });
    await verifier.sync();
    expect(located(reports)).to.deep.equal([{ kind: "dataUnavailable", batchIndex: 1n, reason: "dataObject" }]);
    const missing = events.find((event) => event.kind === "data-unavailable");
    expect(
      missing?.kind === "data-unavailable" &&
        missing.failures.map(({ source, error }) => [source, (error as Error).name]),
    ).to.deep.equal([
      ["store", "DataNotFoundError"],
      ["l1", "DANotRequestedError"], // nobody asked yet, and this source does not ask by itself
    ]);

    // The request is opened and answered on L1: the next sync reads the object from L1 (after the store failed).
    const chunks = await requestAndAnswer(r, forged);
    expect(chunks).to.be.greaterThan(1);
    events.length = 0;
    await verifier.sync();
    const data = events.find((event) => event.kind === "data");
    expect(data).to.deep.include({ batchIndex: 1n, source: "l1" });
    expect(
      data?.kind === "data" && data.failures.map(({ source, error }) => [source, (error as Error).name]),
    ).to.deep.equal([["store", "DataNotFoundError"]]);
    expect(chunksRead(l1.progress)).to.deep.equal(Array.from({ length: chunks }, (_, i) => `${i + 1}/${chunks}`));
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
    const l1 = l1Leg(r);
    const { verifier, reports, events } = await verifierOf(r, { l1Data: l1.source });
    await verifier.sync();
    expect(located(reports)).to.deep.equal([{ kind: "dataUnavailable", batchIndex: 1n, reason: "blockLeaves" }]);
    expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "unavailable", "pending"]);
    expect(l1.progress).to.deep.equal([]); // nothing requested, so nothing read from L1

    // The DA answer posts the leaves: the next sync checks the batch and finds the forged withdrawal root, challengeable.
    await requestAndAnswer(r, forged);
    await verifier.sync();
    expect(located(reports.slice(1))).to.deep.equal([{ kind: "withdrawalRoot", batchIndex: 1n, leafIndex: 1 }]);
    const [report] = reports.slice(1);
    expect(report?.type === "batch" && report.context.rlpHeaders).to.deep.equal(
      forged.blocks.map((block) => block.rlpHeader),
    );
    expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "faulty", "pending"]);
    // The data object came from the store both times; only the leaves were read from the answer on L1.
    expect(served(events)).to.deep.equal(["1 store", "1 store"]);
    expect(l1.progress.filter((event) => event.kind === "answered")).to.have.length(1);
  });

  it("checks a posted leaf naming a block the replica did not produce without its header: the next leaf's parentLink", async function () {
    const r = await rollup();
    await transfers(r, 2);
    const forged = await forgeNext(r, {
      storeSidecar: false,
      blocks: (blocks) => {
        // Another RLP header (a made-up stateRoot, field 3), so the leaf's blockHash is no block of the L2.
        blocks[0]!.rlpHeader = withHeaderField(blocks[0]!.rlpHeader, 3, getBytes(ethers.keccak256("0x05")));
      },
    });
    // The contract accepts the answer: the posted leaves are the committed ones, so both roots match the header.
    await requestAndAnswer(r, forged);
    const l1 = l1Leg(r);
    const { verifier, reports } = await verifierOf(r, { l1Data: l1.source });
    await verifier.sync();
    // Not left unavailable (it would finalize unchallenged): leaf 1's real header does not name leaf 0's hash.
    expect(located(reports)).to.deep.equal([{ kind: "parentLink", batchIndex: 1n, leafIndex: 1 }]);
    expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "faulty"]);
    expect(l1.progress.filter((event) => event.kind === "answered")).to.have.length(1); // the posted leaves were read
  });
});
