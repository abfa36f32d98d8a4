/**
 * The SDK's execution-dispute parts one by one: the Challenger's execution challenge (its predecessor leaf at a batch
 * boundary, the reverts it decodes), the status read and wait, the respond handler's preference for structural
 * proofs, and the vote records persisted in the cursor stores.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther } from "ethers";
import { ethers } from "hardhat";

import { MissingChallengeContextError } from "../../../sdk/src/errors/challenge";
import { ContractRevertError } from "../../../sdk/src/errors/contract";
import { MalformedCursorError } from "../../../sdk/src/errors/verifier";
import { FileCursorStore } from "../../../sdk/src/node";
import { executionDisputeId, ZERO_HASH, type Hex } from "../../../sdk/src/proof";
import { Challenger } from "../../../sdk/src/verifier/challenger";
import {
  decodeVoterCursor,
  encodeVoterCursor,
  MemoryCursorStore,
  type VerifierCursor,
  type VoterCursor,
} from "../../../sdk/src/verifier/cursor";
import { getDisputeStatus, waitForDispute } from "../../../sdk/src/verifier/disputes";
import type { ExecutionFinding } from "../../../sdk/src/verifier/findings";
import { challengeFindings, type ChallengeResponse } from "../../../sdk/src/verifier/respond";
import type { BatchContext, FindingReport } from "../../../sdk/src/verifier/verifier";
import { committedContext, forgeExecution, VOTE, VOTE_PARAMETERS, verifierKey, voterOf } from "../../helpers/execution";
import { Status } from "../../helpers/l1";
import { proposeNext, removeRollupDirectories, rollup } from "../../helpers/rollup";
import { seededWord } from "../../helpers/seeded";
import { transfers, verifierOf } from "../../helpers/verifier";

const directories: string[] = [];

/** A rollup with short votes, an honest batch 1 of two blocks checked by a verifier, and a challenger. */
async function honestBatch() {
  const r = await rollup({ parameters: VOTE_PARAMETERS });
  await transfers(r, 2);
  await proposeNext(r);
  const { verifier } = await verifierOf(r);
  await verifier.sync();
  const key = (await ethers.getSigners())[16]!;
  const challenger = new Challenger({
    signer: key,
    disputeManager: r.addresses.disputeManager,
    registry: r.addresses.registry,
  });
  const context = await committedContext(r, verifier.chain, 1);
  return { r, verifier, challenger, key, context };
}

const finding = (leafIndex: number, stateRoot: Hex = seededWord("claimed root")): ExecutionFinding => ({
  kind: "execution",
  batchIndex: 1n,
  leafIndex,
  blockHash: seededWord("claimed hash"),
  stateRoot,
});

describe("sdk/verifier: execution disputes", function () {
  after(() => {
    removeRollupDirectories();
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  describe("Challenger.challengeExecution", function () {
    it("opens a dispute at leaf 0 of batch 1 on batch 0's genesis leaf, sending exactly the bond", async function () {
      const { r, verifier, challenger, key, context } = await honestBatch();
      const balance = await ethers.provider.getBalance(key.address);
      const { id, receipt, challenge } = await challenger.challengeExecution(finding(0), context);
      expect(id).to.equal(executionDisputeId(verifier.chain[1]!.headerHash, 0));
      expect(challenge).to.include({
        batchIndex: 1n,
        leafIndex: 0n,
        l2Block: 1n,
        committedStateRoot: context.blockLeaves[0]!.stateRoot,
        previousStateRoot: verifier.chain[0]!.lastLeaf!.leaf.stateRoot,
        bond: await r.l1.disputeManager.executionBond(),
        l1Block: BigInt(receipt.blockNumber),
      });
      const gas = receipt.gasUsed * receipt.gasPrice;
      expect(await ethers.provider.getBalance(key.address)).to.equal(balance - challenge.bond - gas);
      expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Disputed);
    });

    it("needs the previous batch's last leaf at leaf 0", async function () {
      const { challenger, context } = await honestBatch();
      const error = await challenger
        .challengeExecution(finding(0), { ...context, previous: undefined })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(MissingChallengeContextError);
      expect(error).to.include({ kind: "execution", field: "previous" });
    });

    it("decodes DisputeManager's refusal of a claim equal to the leaf, and of a second challenge of one leaf", async function () {
      const { r, challenger, context } = await honestBatch();
      const committed = context.blockLeaves[1]!.stateRoot as Hex;
      const same = await challenger.challengeExecution(finding(1, committed), context).catch((e: unknown) => e);
      expect(same).to.be.instanceOf(ContractRevertError);
      expect(same).to.deep.include({ errorName: "DisputeManagerClaimMatchesLeaf", args: { stateRoot: committed } });
      expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Pending);

      const { id } = await challenger.challengeExecution(finding(1), context);
      const again = await challenger.challengeExecution(finding(1), context).catch((e: unknown) => e);
      expect(again).to.deep.include({ errorName: "DisputeManagerAlreadyChallenged", args: { id, outcome: 0n } });
      expect((await r.l1.disputeManager.executionDispute(id)).challenger).to.equal(
        await challenger.config.signer.getAddress(),
      );
    });
  });

  describe("getDisputeStatus and waitForDispute", function () {
    it("reads the status, the phase's end and the seconds left at a block, from one status read", async function () {
      const { r, challenger, context } = await honestBatch();
      const { id, receipt } = await challenger.challengeExecution(finding(1), context);
      const { openedAt } = await r.l1.disputeManager.executionDispute(id);
      const opened = await getDisputeStatus(r.l1.disputeManager, id, { blockTag: receipt.blockNumber });
      expect(opened).to.deep.equal({
        status: "Committing",
        phaseEndsAt: openedAt + BigInt(VOTE.commitPeriod),
        secondsLeft: BigInt(VOTE.commitPeriod),
        blockNumber: receipt.blockNumber,
        timestamp: openedAt,
      });
      const before = await getDisputeStatus(r.l1.disputeManager, id, { blockTag: receipt.blockNumber - 1 });
      expect(before).to.include({ status: "None", phaseEndsAt: 0n, secondsLeft: 0n });

      await time.increase(VOTE.commitPeriod + VOTE.revealPeriod);
      // No one voted: escalated to governance for the escalation period.
      const escalated = await getDisputeStatus(r.l1.disputeManager, id);
      expect(escalated.status).to.equal("Escalated");
      expect(escalated.secondsLeft).to.equal(escalated.phaseEndsAt - escalated.timestamp);
      expect(escalated.phaseEndsAt).to.equal(
        openedAt + BigInt(VOTE.commitPeriod + VOTE.revealPeriod + VOTE.escalationPeriod),
      );

      // Waiting for the end: it lapses once the escalation is over, and the wait returns the final read.
      const waiting = waitForDispute(r.l1.disputeManager, id, { until: ["Resolvable"], pollIntervalMs: 5 });
      await time.increase(VOTE.escalationPeriod);
      expect(await waiting).to.include({ status: "Resolvable", secondsLeft: 0n });
      await challenger.resolveDispute(id, context.header, 1, "0x");
      expect(await waitForDispute(r.l1.disputeManager, id)).to.include({ status: "Lapsed", phaseEndsAt: 0n });
    });
  });

  describe("Voter.resolve", function () {
    it("refuses to resolve an upheld vote without the batch's signatures, which the slash and the voters' pay need", async function () {
      const { r, verifier, challenger } = await honestBatch();
      const key = await verifierKey(r, 10, parseEther("1000"));
      await transfers(r, 1);
      const forged = await forgeExecution(r, [0, 1, 2]);
      await verifier.sync();
      const last = forged.blocks.length - 1;
      const context = await committedContext(r, verifier.chain, 2);
      const { id } = await challenger.challengeExecution(
        { kind: "execution", batchIndex: 2n, leafIndex: last, blockHash: ZERO_HASH, stateRoot: seededWord("honest") },
        context,
      );
      const voter = voterOf(r, key, {
        judge: () => true,
        resolve: true,
        // A source that knows the header but not the signatures (a batch submitted through a contract).
        batches: () => ({ header: forged.header, signatures: undefined }),
      });
      await voter.poll();
      await time.increase(VOTE.commitPeriod);
      await voter.poll();
      await time.increase(VOTE.revealPeriod);
      const { actions } = await voter.poll();
      const failed = actions.find((action) => action.kind === "failed");
      if (failed?.kind !== "failed") return expect.fail("not refused");
      expect(failed.error).to.be.instanceOf(MissingChallengeContextError);
      expect(failed.error).to.include({ kind: "resolve", field: "signatures" });
      expect((await getDisputeStatus(r.l1.disputeManager, id)).status).to.equal("Resolvable");
      expect(await r.l1.batchChain.batchStatus(2)).to.equal(Status.Disputed);
    });
  });

  describe("challengeFindings", function () {
    /** A Challenger that records what it was asked to send. */
    function recordingChallenger() {
      const sent: string[] = [];
      const challenger = {
        challenge: (f: { kind: string }) => {
          sent.push(f.kind);
          return Promise.resolve({ receipt: undefined, outcome: undefined });
        },
        challengeExecution: (f: { kind: string }) => {
          sent.push(f.kind);
          return Promise.resolve({ receipt: undefined, id: ZERO_HASH });
        },
      };
      return { sent, challenger: challenger as unknown as Challenger };
    }

    const contextFor = (headerHash: Hex) =>
      ({
        batch: { headerHash, signatures: "0x" },
        previous: { batch: { header: {} }, lastLeaf: {} },
        replica: { provider: {} },
      }) as unknown as BatchContext;
    const report = (finding: FindingReport["finding"], headerHash: Hex) =>
      ({ type: "batch", finding, context: contextFor(headerHash) }) as FindingReport;
    const structural = { kind: "stateRoot", batchIndex: 1n, leafIndex: 0 } as const;

    it("passes execution findings on unless asked to dispute them", async function () {
      const { sent, challenger } = recordingChallenger();
      const responses: ChallengeResponse[] = [];
      const handler = challengeFindings(challenger, { onResponse: (response) => void responses.push(response) });
      await handler(report(finding(0), seededWord("header")));
      expect(responses.map((response) => response.action)).to.deep.equal(["passed"]);
      expect(sent).to.deep.equal([]);
    });

    it("disputes an execution finding only for a batch without a structural finding", async function () {
      const { sent, challenger } = recordingChallenger();
      const responses: ChallengeResponse[] = [];
      const handler = challengeFindings(challenger, {
        execution: true,
        onResponse: (response) => void responses.push(response),
      });
      const proven = seededWord("structurally faulty header");
      await handler(report(structural, proven));
      await handler(report(finding(1), proven));
      await handler(report(finding(0), seededWord("another header")));
      expect(responses.map((response) => response.action)).to.deep.equal(["challenged", "passed", "disputed"]);
      expect(sent).to.deep.equal(["stateRoot", "execution"]);
    });
  });

  describe("vote records in the cursor stores", function () {
    const word = (label: string) => seededWord(label).toLowerCase() as Hex;
    const voterCursor: VoterCursor = {
      version: 1,
      chainId: 31337n,
      disputeManager: "0x00000000000000000000000000000000000000d1",
      voter: "0x00000000000000000000000000000000000000a1",
      nextBlock: 42n,
      disputes: [
        {
          id: word("dispute"),
          batchIndex: 2n,
          challenger: "0x00000000000000000000000000000000000000c1",
          headerHash: word("header"),
          leafIndex: 3n,
          l2Block: 17n,
          committedStateRoot: word("committed"),
          claimedStateRoot: word("claimed"),
          previousStateRoot: word("previous"),
          bond: 10n ** 18n,
          l1Block: 40n,
          l1TxHash: word("tx"),
          openedAt: 1_700_000_000n,
          noWeight: false,
        },
      ],
      votes: [{ id: word("dispute"), uphold: true, salt: word("salt"), state: "committed" }],
    };
    const verifierCursor: VerifierCursor = {
      version: 1,
      chainId: 31337n,
      batchChain: "0x00000000000000000000000000000000000000b1",
      nextBlock: 7n,
      batches: [],
    };

    function temporaryFile(): string {
      const directory = mkdtempSync(path.join(tmpdir(), "metis-votes-"));
      directories.push(directory);
      return path.join(directory, "nested", "cursor.json");
    }

    it("round-trips through its JSON text, in memory and in a file", async function () {
      expect(decodeVoterCursor(encodeVoterCursor(voterCursor))).to.deep.equal(voterCursor);
      for (const store of [new MemoryCursorStore(), new FileCursorStore(temporaryFile())]) {
        expect(await store.loadVotes()).to.equal(undefined);
        await store.saveVotes(voterCursor);
        expect(await store.loadVotes()).to.deep.equal(voterCursor);
        expect(await store.load()).to.equal(undefined);
      }
    });

    it("keeps the verifier's cursor and the voter's in one file, each save keeping the other part", async function () {
      const file = temporaryFile();
      const store = new FileCursorStore(file);
      // Sent together, as a verifier and its voter do: both parts land.
      await Promise.all([store.save(verifierCursor), store.saveVotes(voterCursor)]);
      const reopened = new FileCursorStore(file);
      expect(await reopened.load()).to.deep.equal(verifierCursor);
      expect(await reopened.loadVotes()).to.deep.equal(voterCursor);
      await reopened.save({ ...verifierCursor, nextBlock: 8n });
      expect(await new FileCursorStore(file).loadVotes()).to.deep.equal(voterCursor);
      const document = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      expect(document).to.include({ version: 1, nextBlock: "8" });
      expect(document.voter).to.deep.include({ voter: voterCursor.voter, nextBlock: "42" });
    });

    it("refuses text that is not a voter cursor, naming the field", function () {
      const json = JSON.parse(encodeVoterCursor(voterCursor)) as Record<string, unknown> & {
        votes: Record<string, unknown>[];
        disputes: Record<string, unknown>[];
      };
      const variants: [unknown, RegExp][] = [
        [{ ...json, version: 2 }, /voter.version is not 1/],
        [{ ...json, voter: "0x12" }, /voter.voter is not 20 bytes/],
        [{ ...json, votes: [{ ...json.votes[0], state: "sent" }] }, /voter.votes\[0\].state is not one of/],
        [{ ...json, votes: [{ ...json.votes[0], salt: 5 }] }, /voter.votes\[0\].salt is not 32 bytes/],
        [
          { ...json, disputes: [{ ...json.disputes[0], noWeight: "no" }] },
          /voter.disputes\[0\].noWeight is not a boolean/,
        ],
        [{ ...json, disputes: [{ ...json.disputes[0], openedAt: 1 }] }, /openedAt is not a decimal integer/],
      ];
      for (const [variant, message] of variants) {
        expect(() => decodeVoterCursor(JSON.stringify(variant))).to.throw(MalformedCursorError, message);
      }
      expect(() => decodeVoterCursor("{")).to.throw(MalformedCursorError, /not JSON/);
    });
  });
});
