/**
 * A quorum that commits a `dataHash` no encoding of its data matches: no store can serve the data by its hash, and
 * the L2 RPC's rebuild does not hash to it either. A DA request forces the data onto L1 (the answer is checked against
 * both roots there, which it passes), and the verifier checks the batch with L1's data: it reports the `dataHash` once
 * and checks the rest of the batch as usual.
 */
import { expect } from "chai";
import { ethers } from "hardhat";

import { L1DataSource } from "../../sdk/src/da/l1-source";
import { DataHashMismatchError } from "../../sdk/src/errors/da";
import type { Hex } from "../../sdk/src/proof";
import type { VerifierEvent } from "../../sdk/src/verifier/verifier";
import { answerWith } from "../helpers/da";
import { forgeNext } from "../helpers/forgery";
import { removeRollupDirectories, rollup } from "../helpers/rollup";
import { seededWord } from "../helpers/seeded";
import { located, transfers, verifierOf } from "../helpers/verifier";

describe("integration: a committed dataHash that matches no encoding", function () {
  after(removeRollupDirectories);

  it("is reported once, and the batch is still checked with the data its DA answer put on L1", async function () {
    const r = await rollup();
    await transfers(r, 2);
    const forged = await forgeNext(r, {
      storeData: false,
      header: (header) => ({ ...header, dataHash: seededWord("a data hash nothing encodes to") as Hex }),
    });
    const [requester, poster] = (await ethers.getSigners()).slice(7);
    const l1Data = new L1DataSource({
      l1: ethers.provider,
      daRequestManager: r.addresses.daRequestManager,
      requester,
      pollMs: 10,
    });
    const { verifier, reports, events } = await verifierOf(r, { l1Data, dataTimeouts: { l1: 200 } });

    // Store and L2 both fail (the L2's rebuild hashes to the real encoding); the L1 source raises the request.
    await verifier.sync();
    expect(located(reports)).to.deep.equal([{ kind: "dataUnavailable", batchIndex: 1n, reason: "dataObject" }]);
    expect((await r.l1.daRequestManager.request(forged.headerHash)).status).to.equal(1n); // Open

    await answerWith(r, forged, poster!);
    expect((await r.l1.daRequestManager.request(forged.headerHash)).status).to.equal(2n); // Answered
    await expect(l1Data.read(forged.header)).to.be.rejectedWith(DataHashMismatchError);

    reports.length = 0;
    events.length = 0;
    await verifier.sync();
    const served = events.find((event): event is Extract<VerifierEvent, { kind: "data" }> => event.kind === "data");
    expect(served?.source).to.equal("l1");
    expect(served?.failures.map(({ source }) => source)).to.deep.equal(["store", "l2", "l1"]);
    expect(located(reports)).to.deep.equal([{ kind: "dataUnavailable", batchIndex: 1n, reason: "dataHash" }]);
    expect(verifier.chain[1]!.state).to.equal("checked");

    // Reported once: a later sync adds nothing.
    reports.length = 0;
    await verifier.sync();
    expect(reports).to.deep.equal([]);
  });
});
