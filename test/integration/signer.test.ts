/**
 * Honest signers on real chains: one header per batch index and parent (never equivocation evidence against
 * themselves, across restarts and concurrent requests), a proposer that reuses its first range and adopts the header
 * most stake already signed, no signature on top of a batch the signer could not verify, and the blocks of a
 * rolled-back batch resubmitted, committed and finalized, their withdrawals paid once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther, type Wallet } from "ethers";
import { ethers } from "hardhat";

import { BridgeReader } from "../../sdk/src/bridge/reader";
import { depositETH, finalizeWithdrawal, withdrawETH } from "../../sdk/src/bridge/writer";
import { ContractRevertError } from "../../sdk/src/errors/contract";
import {
  AlreadySignedError,
  DepositDueError,
  QuorumNotReachedError,
  UnverifiedParentError,
} from "../../sdk/src/errors/sequencer";
import { FileSigningRecord } from "../../sdk/src/node";
import { BATCH_HEADER_TYPES, headerHash, type BatchHeader, type Hex } from "../../sdk/src/proof";
import { buildBatch } from "../../sdk/src/sequencer/batch-builder";
import { readL2Blocks } from "../../sdk/src/sequencer/l2-reader";
import { canonicalHeader, MemorySigningRecord } from "../../sdk/src/sequencer/signing-record";
import { Sequencer, type HeaderSigner, type SequencerEvent } from "../../sdk/src/sequencer/sequencer";
import { colludingQuorum, submitForgedParent } from "../helpers/forged-parent";
import {
  expectEthBacked,
  nextInRotation,
  proposeNext,
  removeRollupDirectories,
  rollup,
  scheduled,
  type Rollup,
} from "../helpers/rollup";
import { seededAddress, seededWallet } from "../helpers/seeded";
import { wiredHooks } from "../helpers/governance";

const WEEK = 7 * 24 * 60 * 60;

/** One L2 transfer: one more L2 block. */
async function transfer(r: Rollup, value = 1n): Promise<void> {
  const [alice, bob] = r.l2.users as [Wallet, Wallet];
  await (await alice.sendTransaction({ to: bob.address, value })).wait();
}

/** A peer that is offline. */
const offline = (s: Sequencer): HeaderSigner => ({
  address: s.address,
  sign: () => Promise.reject(new Error("offline")),
});

/** A peer behind a transport that only relays `sign` (no `signedFor`): the proposer learns only from refusals. */
const signOnly = (s: Sequencer): HeaderSigner => ({ address: s.address, sign: (header) => s.sign(header) });

/** `s` with a progress callback, sharing its key's record. */
function watched(s: Sequencer, events: SequencerEvent[]): Sequencer {
  return new Sequencer({ ...s.config, onProgress: (event) => events.push(event) });
}

/** BatchChain as the DA request manager calls it: its rollback role, as deployL1 wired it. */
async function rollbackCaller(r: Rollup) {
  return (await wiredHooks(r.l1)).daCaller;
}

describe("integration: honest signers", function () {
  const directories: string[] = [];
  after(removeRollupDirectories);
  after(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  describe("one header per batch index and parent", function () {
    it("gives the same signature for the same header again, and refuses another one, carrying what it signed", async function () {
      const r = await rollup();
      await transfer(r);
      const proposer = await scheduled(r);
      const first = await proposer.buildNextBatch();
      const peer = r.sequencers.find((s) => s !== proposer)!;
      const signature = await peer.sign(first.header);

      // The L2 grows; asked again (say, by a proposer retrying), it answers with the same signature, whatever form
      // the header arrives in, and even though the header is no longer what it would build now.
      await transfer(r);
      const asNumbers = {
        ...first.header,
        batchIndex: Number(first.header.batchIndex),
        lastBlock: Number(first.header.lastBlock),
        parentHash: first.header.parentHash.toString().toUpperCase().replace("0X", "0x") as Hex,
      };
      expect(await peer.sign(asNumbers)).to.equal(signature);

      // A longer range for the same slot is another header: refused, and the refusal carries the signed one.
      const longer = await proposer.buildNextBatch();
      expect(longer.header.lastBlock).to.equal(BigInt(first.header.lastBlock) + 1n);
      const error = await peer.sign(longer.header).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(AlreadySignedError);
      const refusal = error as AlreadySignedError;
      expect(refusal.signer).to.equal(peer.address);
      expect(refusal.signedHeader).to.deep.equal(canonicalHeader(first.header));
      expect(refusal.signedHash).to.equal(headerHash(first.header));
      expect(refusal.signature).to.equal(signature);
      expect(refusal.proposedHash).to.equal(headerHash(longer.header));
      const slot = { batchIndex: 1n, parentHash: first.header.parentHash as Hex };
      expect((await peer.record.signed(slot))?.header).to.deep.equal(canonicalHeader(first.header));
      // Its signedFor answers what it signed, for a proposer to adopt.
      expect(await peer.signedFor(slot)).to.deep.equal({ header: canonicalHeader(first.header), signature });
    });

    it("signs only one of two different headers asked for at the same moment", async function () {
      const r = await rollup();
      await transfer(r);
      const proposer = await scheduled(r);
      const short = await proposer.buildNextBatch();
      await transfer(r);
      const long = await proposer.buildNextBatch();
      const peer = r.sequencers.find((s) => s !== proposer)!;
      const results = await Promise.allSettled([peer.sign(short.header), peer.sign(long.header)]);
      expect(results.map((result) => result.status)).to.deep.equal(["fulfilled", "rejected"]);
      expect((results[1] as PromiseRejectedResult).reason).to.be.instanceOf(AlreadySignedError);
    });

    it("remembers across a restart: a client reopened on the same record directory refuses the other header", async function () {
      const r = await rollup();
      await transfer(r);
      const proposer = await scheduled(r);
      const first = await proposer.buildNextBatch();
      const peer = r.sequencers.find((s) => s !== proposer)!;
      const directory = mkdtempSync(path.join(tmpdir(), "metis-signing-"));
      directories.push(directory);
      const before = new Sequencer({ ...peer.config, record: new FileSigningRecord(directory) });
      const signature = await before.sign(first.header);

      await transfer(r);
      const longer = await proposer.buildNextBatch();
      const restarted = new Sequencer({ ...peer.config, record: new FileSigningRecord(directory) });
      await expect(restarted.sign(longer.header)).to.be.rejectedWith(AlreadySignedError);
      expect(await restarted.sign(first.header)).to.equal(signature);
    });
  });

  describe("a proposer", function () {
    it("that missed its quorum offers its first range again after the L2 grew, and it lands", async function () {
      const r = await rollup();
      await transfer(r);
      const events: SequencerEvent[] = [];
      const proposer = watched(await scheduled(r), events);
      const others = r.sequencers.filter((s) => s.address !== proposer.address);
      await expect(proposer.propose(others.map(offline))).to.be.rejectedWith(QuorumNotReachedError);
      const first = events.find((event) => event.kind === "header-chosen");
      expect(first).to.include({ source: "built" });

      await transfer(r);
      await transfer(r);
      const { batch } = await proposer.propose(others);
      const chosen = events.filter((event) => event.kind === "header-chosen");
      expect(chosen[1]).to.include({ source: "pending" });
      expect(headerHash(batch.header)).to.equal(first?.kind === "header-chosen" && first.headerHash);
      // The blocks the L2 grew by go into the next batch.
      const { batch: next } = await proposeNext(r);
      expect(next.header.firstBlock).to.equal(batch.header.lastBlock + 1n);
      expect(next.header.lastBlock).to.equal(batch.header.lastBlock + 2n);
    });

    for (const probe of [true, false]) {
      it(`next in the rotation after a missed quorum, adopts the header most stake signed (${probe ? "asking peers first" : "from their refusals"})`, async function () {
        const r = await rollup();
        await transfer(r);
        const first = await scheduled(r);
        const next = await nextInRotation(r);
        const [b, d] = r.sequencers.filter((s) => s !== first && s !== next) as [Sequencer, Sequencer];
        // The first proposer got two signatures for its range, then fell silent before submitting.
        const missed = await first.buildNextBatch();
        await b.sign(missed.header);
        await d.sign(missed.header);

        await time.increase(Number(await r.l1.registry.rotationTimeout()));
        expect(await next.isScheduled()).to.equal(true);
        await transfer(r); // the L2 grew: a new build would take more blocks
        const events: SequencerEvent[] = [];
        const peers = [first, b, d].map((s) => (probe ? s : signOnly(s)));
        const { batch, signers } = await watched(next, events).propose(peers);

        expect(headerHash(batch.header)).to.equal(headerHash(missed.header));
        const sources = events.flatMap((event) => (event.kind === "header-chosen" ? [event.source] : []));
        expect(sources).to.deep.equal(probe ? ["peers"] : ["built", "adopted"]);
        expect(signers).to.include.members([b, d, next].map((s) => s.address.toLowerCase()));
        // Nobody holds a second header for the slot but the first proposer, asked before the adoption in the
        // refusals case; it signed that header alone, which never landed and binds nobody else.
        const slot = { batchIndex: 1n, parentHash: missed.header.parentHash as Hex };
        for (const s of [b, d, next]) {
          expect(headerHash((await s.record.signed(slot))!.header)).to.equal(headerHash(missed.header));
        }
        if (probe) expect(headerHash((await first.record.signed(slot))!.header)).to.equal(headerHash(missed.header));
        expect(await r.l1.batchChain.headerHash(1)).to.equal(headerHash(missed.header));
      });
    }

    it("never adopts a header it cannot re-derive, whatever stake signed it, nor counts a signature by a non-member", async function () {
      const r = await rollup();
      await transfer(r);
      const proposer = await scheduled(r);
      const [b, c, d] = r.sequencers.filter((s) => s !== proposer) as [Sequencer, Sequencer, Sequencer];
      const honest = await proposer.buildNextBatch();
      const forged = { ...canonicalHeader(honest.header), stateBatchRoot: ethers.keccak256("0x01") as Hex };
      const domain = await proposer.domain();
      const types = { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] };
      // Two colluding members claim to have signed the forged header, and show real signatures of it.
      const colluding = (s: Sequencer): HeaderSigner => ({
        address: s.address,
        sign: async (header: BatchHeader) => {
          const signature = await s.config.key.signTypedData(domain, types, forged);
          throw new AlreadySignedError(s.address, forged, headerHash(forged), signature, headerHash(header));
        },
      });
      // An outsider claims a signature of the honest header by a key that is no member.
      const outsider = seededWallet("outsider key");
      const pretender: HeaderSigner = {
        address: c.address,
        sign: async (header: BatchHeader) => outsider.signTypedData(domain, types, canonicalHeader(header)),
      };
      const error = await proposer.propose([colluding(b), colluding(d), pretender]).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(QuorumNotReachedError);
      const { signedStake, totalStake, refusals } = error as QuorumNotReachedError;
      expect(signedStake * 4n).to.equal(totalStake); // its own stake only
      expect(refusals.map((refusal) => refusal.name)).to.deep.equal([
        "AlreadySignedError",
        "AlreadySignedError",
        "SignerNotMemberError",
      ]);
      expect(await r.l1.batchChain.batchCount()).to.equal(1n);
      // It signed nothing for the slot, so honest peers can still commit its header.
      expect(await proposer.record.signed({ batchIndex: 1n, parentHash: honest.header.parentHash as Hex })).to.equal(
        undefined,
      );
      const { batch } = await proposer.propose([b, c, d]);
      expect(headerHash(batch.header)).to.equal(headerHash(honest.header));
    });
  });

  describe("a deposit left out", function () {
    it("is signed over while its deadline is more than the margin away, and refused within it", async function () {
      const r = await rollup();
      await transfer(r);
      await depositETH(r.l1.bridge.connect(r.deployer), seededAddress("depositor"), 1n);
      const proposer = await scheduled(r);
      const lazy = new Sequencer({ ...proposer.config, relayDeposits: false });
      const { header } = await lazy.buildNextBatch();
      expect(header.depositCount).to.equal(0n);
      const [delay, timeout] = await Promise.all([
        r.l1.batchChain.forceInclusionDelay(),
        r.l1.registry.rotationTimeout(),
      ]);
      const [a, b, c] = r.sequencers.filter((s) => s !== proposer) as [Sequencer, Sequencer, Sequencer];
      // The default margin is two rotation timeouts: the withholding proposer's turn and the next one's.
      await time.increase(delay - 2n * timeout - 60n);
      expect(await a.sign(header)).to.match(/^0x[0-9a-f]{130}$/);
      await time.increase(120);
      const error = await b.sign(header).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(DepositDueError);
      expect(error).to.include({ depositIndex: 0n, margin: 2n * timeout });
      // A sequencer configured with a smaller margin still signs.
      const bold = new Sequencer({ ...c.config, depositDueMargin: 60 });
      expect(await bold.sign(header)).to.match(/^0x[0-9a-f]{130}$/);
    });
  });

  describe("a forged batch on L1", function () {
    it("is never built on: signers and the proposer refuse, naming it; after its rollback the blocks are re-batched, finalize, and pay once", async function () {
      const r = await rollup();
      const caller = await rollbackCaller(r);
      const reader = new BridgeReader({ ...r.addresses, l1: ethers.provider, l2: r.l2.provider });
      const user = r.l2.users[3]!;
      const l1To = seededAddress("signer test l1To");
      const initiated = await withdrawETH(r.l2Bridge.connect(user), l1To, parseEther("1"));
      const { honest, forged } = await submitForgedParent(r);
      expect(await r.l1.batchChain.headerHash(1)).to.equal(headerHash(forged.header));

      // Batch 2 on top of it: every honest sequencer refuses to sign it, and the scheduled one to propose.
      await transfer(r);
      const proposer = await scheduled(r);
      const onTop = await proposer.buildNextBatch();
      for (const s of r.sequencers) {
        const error = await s.sign(onTop.header).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(UnverifiedParentError);
        expect(error).to.deep.include({
          batchIndex: 1n,
          l1Hash: headerHash(forged.header),
          derivedHash: headerHash(honest.header),
        });
      }
      await expect(proposer.propose(r.sequencers.filter((s) => s !== proposer))).to.be.rejectedWith(
        UnverifiedParentError,
      );
      expect(await r.l1.batchChain.batchCount()).to.equal(2n);

      // A proof rolls it back (the DisputeManager's part); the next batch starts right after L1's tip again and
      // carries the forged batch's blocks under their true roots, with the block after them.
      await caller.rollback(1);
      const { batch: again } = await proposeNext(r);
      expect(again.header.batchIndex).to.equal(1n);
      expect(again.header.firstBlock).to.equal(forged.header.firstBlock);
      expect(again.header.lastBlock).to.equal(BigInt(forged.header.lastBlock) + 1n);
      expect(again.blockLeaves.slice(0, honest.blockLeaves.length)).to.deep.equal(honest.blockLeaves);
      const inclusion = await reader.getTransactionInclusion(initiated.l2TxHash as Hex);
      expect(inclusion).to.include({ committed: true, batchIndex: 1n });

      // The next batches build on it: it is verified.
      await transfer(r);
      await proposeNext(r);
      await time.increase(WEEK);
      const proof = await reader.buildWithdrawalProof(initiated.hash);
      await finalizeWithdrawal(r.l1.bridge.connect(r.deployer), proof);
      expect(await ethers.provider.getBalance(l1To)).to.equal(parseEther("1"));
      const twice = await finalizeWithdrawal(r.l1.bridge.connect(r.deployer), proof).catch((e: unknown) => e);
      expect(twice).to.be.instanceOf(ContractRevertError);
      expect((twice as ContractRevertError).errorName).to.equal("L1BridgeWithdrawalAlreadyFinalized");
      expect(await ethers.provider.getBalance(l1To)).to.equal(parseEther("1"));
      await expectEthBacked(r);
    });

    it("is found below a verified tip too: a signer that never saw it walks down to the last batch it verified", async function () {
      const r = await rollup();
      await transfer(r);
      await submitForgedParent(r); // batch 1, forged
      await transfer(r);
      // A colluding quorum puts an honest-looking batch 2 on top of it.
      const proposer = await scheduled(r);
      const two = await proposer.buildNextBatch();
      await proposer.submit(two, await colludingQuorum(r, two.header));
      await transfer(r);
      const three = await (await scheduled(r)).buildNextBatch();
      const error = await r.sequencers[0]!.sign(three.header).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(UnverifiedParentError);
      expect((error as UnverifiedParentError).batchIndex).to.equal(1n);
    });
  });

  describe("verifying the chain below", function () {
    /** A fresh record that logs the hashes it is told are verified. */
    function spyRecord(verified: Hex[]): MemorySigningRecord {
      const record = new MemorySigningRecord();
      const put = record.putVerified.bind(record);
      record.putVerified = (hash: Hex) => {
        verified.push(hash);
        return put(hash);
      };
      return record;
    }

    for (const final of [false, true]) {
      it(`re-derives every batch down to ${final ? "the parent when those below are final" : "genesis with a fresh record"}`, async function () {
        const r = await rollup();
        const hashes: Hex[] = [];
        for (let i = 0; i < 3; i++) {
          await transfer(r);
          hashes.push(headerHash((await proposeNext(r)).batch.header));
        }
        if (final) await time.increase(WEEK);
        await transfer(r);
        const { header } = await (await scheduled(r)).buildNextBatch();
        const verified: Hex[] = [];
        const fresh = new Sequencer({ ...r.sequencers[0]!.config, record: spyRecord(verified) });
        await fresh.sign(header);
        // The batches below, oldest first, then the header it signed.
        expect(verified).to.deep.equal([...(final ? hashes.slice(2) : hashes), headerHash(header)]);
      });
    }
  });

  describe("a rollback of an honest batch", function () {
    it("re-batches its blocks over another range, says so, and its signers sign the new header; its withdrawal pays once", async function () {
      const r = await rollup();
      const caller = await rollbackCaller(r);
      const reader = new BridgeReader({ ...r.addresses, l1: ethers.provider, l2: r.l2.provider });
      const l1To = seededAddress("signer test l1To");
      await transfer(r);
      const initiated = await withdrawETH(r.l2Bridge.connect(r.l2.users[4]!), l1To, parseEther("2"));
      const { batch: first } = await proposeNext(r);
      await caller.rollback(1); // say, a DA request nobody answered in time, though the blocks were fine

      // The same blocks give the same header, which L1 refuses for good: the proposer takes one block fewer, and
      // reports it. Every signer had signed the rolled-back header for this slot, and signs the new one.
      const events: SequencerEvent[] = [];
      const proposer = await scheduled(r);
      const { batch: again, signers } = await watched(proposer, events).propose(
        r.sequencers.filter((s) => s !== proposer),
      );
      expect(again.header.lastBlock).to.equal(BigInt(first.header.lastBlock) - 1n);
      expect(events.find((event) => event.kind === "range-changed")).to.deep.include({
        batchIndex: 1n,
        rolledBackHash: headerHash(first.header),
        firstBlock: 1n,
        bannedLastBlock: BigInt(first.header.lastBlock),
        lastBlock: again.header.lastBlock,
      });
      expect(signers).to.have.length(4);
      const slot = { batchIndex: 1n, parentHash: first.header.parentHash as Hex };
      for (const s of r.sequencers) {
        expect(headerHash((await s.record.signed(slot))!.header)).to.equal(headerHash(again.header));
      }
      // The header now recorded binds them again: another one for the slot is refused.
      await expect(r.sequencers[0]!.sign({ ...again.header, txCount: 0 })).to.be.rejectedWith(AlreadySignedError);

      // The block left out goes into the next batch; both finalize, and the withdrawal pays once.
      const { batch: next } = await proposeNext(r);
      expect(next.header.firstBlock).to.equal(first.header.lastBlock);
      await time.increase(WEEK);
      expect((await reader.getWithdrawalStatus(initiated.hash)).status).to.equal("ReadyToFinalize");
      const proof = await reader.buildWithdrawalProof(initiated.hash);
      await finalizeWithdrawal(r.l1.bridge.connect(r.deployer), proof);
      const twice = await finalizeWithdrawal(r.l1.bridge.connect(r.deployer), proof).catch((e: unknown) => e);
      expect((twice as ContractRevertError).errorName).to.equal("L1BridgeWithdrawalAlreadyFinalized");
      expect(await ethers.provider.getBalance(l1To)).to.equal(parseEther("2"));
      await expectEthBacked(r);
    });

    it("is replaced in the record only once L1 rolled it back: before, a signer refuses the other range", async function () {
      const r = await rollup();
      await transfer(r);
      await transfer(r);
      const { batch: first } = await proposeNext(r);
      const peer = r.sequencers[0]!;
      const blocks = await readL2Blocks(r.l2.provider, r.l2.bridgeAddress, 1n, BigInt(first.header.lastBlock) - 1n);
      const fewer = buildBatch(1n, first.header.parentHash as Hex, blocks);
      await r.store.put(fewer.header.dataHash as Hex, fewer.data);
      await expect(peer.sign(fewer.header)).to.be.rejectedWith(AlreadySignedError);
      await (await rollbackCaller(r)).rollback(1);
      const signature = await peer.sign(fewer.header);
      expect(signature).to.match(/^0x[0-9a-f]{130}$/);
      const slot = { batchIndex: 1n, parentHash: first.header.parentHash as Hex };
      expect(await peer.record.signed(slot)).to.deep.equal({ header: canonicalHeader(fewer.header), signature });
      // The rolled-back header no longer binds it, and no longer counts as what it signed for the slot.
      await expect(peer.sign(first.header)).to.be.rejectedWith(AlreadySignedError);
    });
  });
});
