/**
 * Leaves posted in a DA answer that name no block the verifier knows (review finding). A colluding quorum withholds
 * a batch's data and sidecar (the store has neither, the verifier has no L2 RPC), answers the DA request on L1 with
 * its own leaves (DARequestManager checks only the roots) and so clears the batch's Insecure status. A leaf whose
 * blockHash no header hashes to must not leave the batch `unavailable` for good: the verifier compares it with the
 * replica's block at its position, reports what is provable without its header, and the Challenger proves it.
 */
import { expect } from "chai";
import { getBytes, toBeHex } from "ethers";
import { ethers } from "hardhat";

import { L1DataSource } from "../../sdk/src/da/l1-source";
import type { ContractRevertError } from "../../sdk/src/errors/contract";
import { bytesToHex, keccak256, type Hex } from "../../sdk/src/proof";
import { Challenger } from "../../sdk/src/verifier/challenger";
import { getDisputeStatus } from "../../sdk/src/verifier/disputes";
import { challengeFindings, type ChallengeResponse } from "../../sdk/src/verifier/respond";
import type { FindingReport } from "../../sdk/src/verifier/verifier";
import { answerWith } from "../helpers/da";
import { forgeNext, type ForgeryPlan } from "../helpers/forgery";
import { Status } from "../helpers/l1";
import { removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";
import { seededWord } from "../helpers/seeded";
import { located, transfers, verifierOf } from "../helpers/verifier";

/** The colluding quorum: three of the four equal stakes. The fourth stays honest. */
const COLLUDERS = [0, 1, 2] as const;

/** Bytes that are no RLP block header: keccak256 of them is a block hash no header has. */
const NO_HEADER = seededWord("bytes that are no block header") as Hex;

/**
 * A rollup with batch 1 over the L2's blocks so far (three transfers the last of them) committed with `plan` by the
 * colluders, its data and sidecar
 * withheld, and a verifier without an L2 RPC whose L1 source raises the DA request. The first sync reports the data
 * unavailable and opens the request; the colluders answer it from an EOA; the second sync reads the batch from L1.
 * Returns the reports of the second sync.
 */
async function answered(plan: ForgeryPlan) {
  const r = await rollup();
  await transfers(r, 3);
  const forged = await forgeNext(r, { ...plan, storeData: false, storeSidecar: false, signers: COLLUDERS });
  const [requester, poster, prover] = (await ethers.getSigners()).slice(7);
  const l1Data = new L1DataSource({
    l1: ethers.provider,
    daRequestManager: r.addresses.daRequestManager,
    requester,
    pollMs: 10,
  });
  const { verifier, reports } = await verifierOf(r, { l2: undefined, l1Data, dataTimeouts: { l1: 200 } });

  await verifier.sync();
  expect(located(reports)).to.deep.equal([{ kind: "dataUnavailable", batchIndex: 1n, reason: "dataObject" }]);
  expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Insecure);
  await answerWith(r, forged, poster!);
  expect((await r.l1.daRequestManager.request(forged.headerHash)).status).to.equal(2n); // Answered
  expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Pending);

  reports.length = 0;
  await verifier.sync();
  const challenger = new Challenger({
    signer: prover!,
    disputeManager: r.addresses.disputeManager,
    registry: r.addresses.registry,
  });
  return { r, forged, verifier, reports: [...reports], challenger };
}

/** Runs `reports` through a {@link challengeFindings} handler, in order; returns its responses. */
async function respondTo(
  challenger: Challenger,
  reports: readonly FindingReport[],
  execution = false,
): Promise<ChallengeResponse[]> {
  const responses: ChallengeResponse[] = [];
  const handler = challengeFindings(challenger, { execution, onResponse: (response) => void responses.push(response) });
  for (const report of reports) await handler(report);
  return responses;
}

async function stakesOf(r: Rollup): Promise<bigint[]> {
  return Promise.all(r.sequencers.map(async (s) => (await r.l1.registry.sequencerInfo(s.address)).stake));
}

describe("integration: posted leaves naming no known block", function () {
  after(removeRollupDirectories);

  it("a batch whose posted leaves are all real blocks is checked from L1 with no finding", async function () {
    const { verifier, reports } = await answered({});
    expect(reports).to.deep.equal([]);
    expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "checked"]);
  });

  it("an invented blockHash with a stolen withdrawal root: withdrawalRoot and the next leaf's parentLink, both proven", async function () {
    const stolen = seededWord("a withdrawal root the L2 bridge never had") as Hex;
    const { r, forged, verifier, reports, challenger } = await answered({
      blocks: (blocks) => {
        blocks[1]!.rlpHeader = NO_HEADER; // leaf 1's blockHash: keccak256 of no header; its stateRoot stays real
        blocks[1]!.withdrawalRoot = stolen;
      },
    });
    const invented = bytesToHex(keccak256(getBytes(NO_HEADER)));
    expect(await r.l2.provider.send("eth_getBlockByHash", [invented, false])).to.equal(null);

    // Leaf 2's real header names the real block 1, not the invented hash; leaf 1's bridge slot is provable against
    // its real state root. Nothing needing leaf 1's header is reported, and the structural findings leave no
    // execution finding.
    expect(located(reports)).to.deep.equal([
      { kind: "parentLink", batchIndex: 1n, leafIndex: 2 },
      { kind: "withdrawalRoot", batchIndex: 1n, leafIndex: 1 },
    ]);
    expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "faulty"]);
    const [report] = reports;
    if (report?.type !== "batch") return expect.fail("not a batch finding");
    expect(report.context.blockLeaves[1]!.blockHash).to.equal(invented);
    // No header stands in for leaf 1's: the others are the replica's (the real blocks).
    expect(report.context.rlpHeaders).to.deep.equal(
      forged.blocks.map((block, b) => (b === 1 ? undefined : block.rlpHeader)),
    );

    // Each finding is provable on its own: the withdrawal root first (then undone), then both in the verifier's order.
    const snapshot: unknown = await ethers.provider.send("evm_snapshot", []);
    const [bridge] = await respondTo(challenger, reports.slice(1));
    expect(bridge!.action, String((bridge as { error?: unknown }).error)).to.equal("challenged");
    if (bridge!.action !== "challenged") return;
    expect(bridge!.result.outcome).to.deep.include({ kind: "fault", fault: "WithdrawalRoot", batchIndex: 1n });
    expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.RolledBack);
    await ethers.provider.send("evm_revert", [snapshot]);
    expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Pending);

    const stakes = await stakesOf(r);
    const [link, late] = await respondTo(challenger, reports);
    expect(link!.action, String((link as { error?: unknown }).error)).to.equal("challenged");
    if (link!.action !== "challenged") return;
    expect(link!.result.outcome).to.deep.include({
      kind: "fault",
      fault: "ParentLink",
      batchIndex: 1n,
      headerHash: forged.headerHash,
    });
    // The withdrawal root comes too late: the batch is rolled back already.
    expect(late!.action).to.equal("failed");
    expect((late as { error: ContractRevertError }).error.errorName).to.equal("DisputeManagerBatchRolledBack");
    expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.RolledBack);
    expect(await r.l1.batchChain.batchCount()).to.equal(1n);

    // Exactly the colluders lost fraudSlashBps; the honest fourth kept its stake.
    const bps = await r.l1.disputeManager.fraudSlashBps();
    const after = await stakesOf(r);
    for (const [i, stake] of stakes.entries()) {
      const slashed = (COLLUDERS as readonly number[]).includes(i) ? (stake * bps) / 10_000n : 0n;
      expect(after[i]).to.equal(stake - slashed);
    }

    // The verifier sees the rollback and drops the batch.
    await verifier.sync();
    expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked"]);
  });

  it("an invented last blockHash and state root: the execution finding, disputed with no header", async function () {
    const { r, forged, reports, challenger } = await answered({
      blocks: (blocks) => {
        blocks.at(-1)!.rlpHeader = NO_HEADER;
        blocks.at(-1)!.stateRoot = seededWord("a state root no replay reaches") as Hex;
      },
    });
    const last = forged.blocks.length - 1;
    const real = (await r.l2.provider.send("eth_getBlockByNumber", [toBeHex(forged.header.lastBlock), false])) as {
      hash: string;
      stateRoot: string;
    };
    // No structural proof exists (no next leaf, no state root to prove bridge slots against): only re-execution.
    expect(located(reports)).to.deep.equal([{ kind: "execution", batchIndex: 1n, leafIndex: last }]);
    expect(reports[0]!.finding).to.deep.include({ blockHash: real.hash, stateRoot: real.stateRoot });

    const [response] = await respondTo(challenger, reports, true);
    expect(response!.action, String((response as { error?: unknown }).error)).to.equal("disputed");
    if (response!.action !== "disputed") return;
    expect(response!.result.challenge).to.deep.include({ batchIndex: 1n, headerHash: forged.headerHash });
    expect((await getDisputeStatus(r.l1.disputeManager, response!.result.id)).status).to.equal("Committing");
    expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Disputed);
  });
});
