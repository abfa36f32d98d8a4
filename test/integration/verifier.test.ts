import { mkdtempSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { getBytes, parseEther, type Wallet } from "ethers";
import { ethers } from "hardhat";

import { FileCursorStore } from "../../sdk/src/node";
import { readSidecar } from "../../sdk/src/da/sidecar";
import type { DAStore } from "../../sdk/src/da/store";
import {
  blockLeaf,
  encodeBatchData,
  headerDigest,
  headerHash,
  merkleRoot,
  sidecarKey,
  ZERO_HASH,
  type Hex,
} from "../../sdk/src/proof";
import { toHeaderValue } from "../../sdk/src/verifier/types";
import { domainOf, forgeNext, signHeader, withHeaderField } from "../helpers/forgery";
import { proposeNext, removeRollupDirectories, rollup } from "../helpers/rollup";
import { located, resigned, rollbacker, transfers, transfersInOneBlock, verifierOf } from "../helpers/verifier";

const directories: string[] = [];

function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(tmpdir(), "metis-verifier-"));
  directories.push(directory);
  return directory;
}

describe("integration: the verifier", function () {
  after(() => {
    removeRollupDirectories();
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  describe("honest batches", function () {
    it("checks several batches with no finding, and reports its progress", async function () {
      const r = await rollup();
      await transfers(r, 2);
      await (await r.l1.bridge.depositETH(r.l2.users[3]!.address, { value: parseEther("1") })).wait();
      await proposeNext(r);
      await transfersInOneBlock(r, 5);
      await proposeNext(r);
      await transfers(r, 1);
      await proposeNext(r);
      const { verifier, reports, events } = await verifierOf(r);
      const { progress } = await verifier.sync();
      expect(reports).to.deep.equal([]);
      expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "checked", "checked", "checked"]);
      const lastBlock = (await r.l1.batchChain.tip())[0];
      expect(progress).to.include({ batches: 4, batchesChecked: 4, findings: 0, blocksReplayed: Number(lastBlock) });
      expect(progress.l1Block).to.equal(BigInt(await ethers.provider.getBlockNumber()));
      const checked = events.filter((event) => event.kind === "checked");
      expect(checked.map((event) => event.batchIndex)).to.deep.equal([0n, 1n, 2n, 3n]);
      expect(checked[2]).to.include({ transactions: 5, blocks: 1, findings: 0, state: "checked" });
      // Every committed batch carries the signatures it was submitted with, read from its calldata.
      for (const batch of verifier.chain.slice(1)) expect(batch.signatures).to.match(/^0x([0-9a-f]{130}){3,4}$/);
    });

    it("finds the sidecar the proposer stored: the batch's leaves and the RLP header of each block", async function () {
      const r = await rollup();
      await transfers(r, 2);
      const { batch } = await proposeNext(r);
      const sidecar = await readSidecar(r.store, batch.header);
      expect(sidecar.blocks.map((block) => blockLeaf(block.leaf))).to.deep.equal(batch.blockLeaves);
      for (const block of sidecar.blocks) {
        expect((await r.l2.provider.getBlock(Number(block.leaf.number)))!.hash).to.equal(block.leaf.blockHash);
      }
    });

    it("reads the logs in chunks as small as one block, with the same outcome", async function () {
      const r = await rollup();
      await transfers(r, 1);
      await proposeNext(r);
      await transfers(r, 1);
      await proposeNext(r);
      const { verifier, reports, events } = await verifierOf(r, { chunkSize: 1 });
      await verifier.sync();
      expect(reports).to.deep.equal([]);
      expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "checked", "checked"]);
      const ranges = events.filter((event) => event.kind === "logs");
      const head = BigInt(await ethers.provider.getBlockNumber());
      expect(ranges).to.have.length(Number(head) + 1);
      for (const range of ranges) expect(range.toBlock).to.equal(range.fromBlock);
    });

    it("follows an L1 rollback: rewinds its replica and checks the resubmitted blocks", async function () {
      const r = await rollup();
      const caller = await rollbacker(r);
      await transfers(r, 2);
      await proposeNext(r);
      await transfers(r, 2);
      await proposeNext(r);
      const { verifier, reports, replica } = await verifierOf(r);
      await verifier.sync();
      expect(await replica.head()).to.equal((await r.l1.batchChain.tip())[0]);
      await (await caller.rollback(2)).wait();
      await verifier.sync();
      expect(verifier.chain).to.have.length(2);
      expect(await replica.head()).to.equal(verifier.chain[1]!.header.lastBlock);
      // The same blocks come back in another header (the rolled-back one is banned) and check out.
      await transfers(r, 1);
      await proposeNext(r);
      await verifier.sync();
      expect(reports).to.deep.equal([]);
      expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "checked", "checked"]);
      expect(await replica.head()).to.equal((await r.l1.batchChain.tip())[0]);
    });

    it("restarts from its persisted cursor with a fresh replica, checking only what is new", async function () {
      const r = await rollup();
      const file = path.join(temporaryDirectory(), "cursor.json");
      await transfers(r, 2);
      await proposeNext(r);
      const first = await verifierOf(r, { cursor: new FileCursorStore(file) });
      await first.verifier.sync();
      await transfers(r, 1);
      await proposeNext(r);

      const second = await verifierOf(r, { cursor: new FileCursorStore(file) });
      await second.verifier.sync();
      expect(second.reports).to.deep.equal([]);
      const checked = second.events.filter((event) => event.kind === "checked");
      expect(checked.map((event) => event.batchIndex)).to.deep.equal([2n]);
      expect(second.verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "checked", "checked"]);
      // The fresh replica was brought up to the cursor by replaying batch 1, then batch 2 was checked on it.
      expect(await second.replica.head()).to.equal((await r.l1.batchChain.tip())[0]);
      const logs = second.events.filter((event) => event.kind === "logs");
      expect(logs[0]!.fromBlock).to.be.greaterThan(first.verifier.progress.l1Block);
    });

    it("checks a batch without a sidecar on its own leaves, and rebuilds a missing data object from the L2", async function () {
      const r = await rollup();
      await transfers(r, 2);
      const { batch } = await proposeNext(r);
      unlinkSync(path.join(r.store.directory, `${sidecarKey(headerHash(batch.header))}.rlp`));
      unlinkSync(path.join(r.store.directory, `${batch.header.dataHash as string}.rlp`));
      const { verifier, reports } = await verifierOf(r);
      await verifier.sync();
      expect(reports).to.deep.equal([]);
      expect(verifier.chain.map((b) => b.state)).to.deep.equal(["checked", "checked"]);
    });
  });

  describe("forged batches, each located", function () {
    it("a leaf's state root", async function () {
      const r = await rollup();
      await transfers(r, 3);
      const forged = await forgeNext(r, {
        blocks: (blocks) => {
          blocks[1]!.stateRoot = ethers.keccak256("0x01") as Hex;
        },
      });
      const { verifier, reports } = await verifierOf(r);
      await verifier.sync();
      expect(located(reports)).to.deep.equal([{ kind: "stateRoot", batchIndex: 1n, leafIndex: 1 }]);
      expect(verifier.chain[1]!.state).to.equal("faulty");
      // The context holds what the challenge needs.
      const [report] = reports;
      expect(report!.type).to.equal("batch");
      if (report!.type !== "batch") return;
      const { context } = report!;
      expect(context.batch.headerHash).to.equal(forged.headerHash);
      expect(context.batch.signatures).to.equal(forged.signatures);
      expect(context.blockLeaves[1]!.stateRoot).to.equal(ethers.keccak256("0x01"));
      expect(context.rlpHeaders).to.deep.equal(forged.blocks.map((block) => block.rlpHeader));
      expect(context.transactions).to.deep.equal(forged.blocks.map((block) => block.transactions));
      expect(merkleRoot(context.txLeaves)).to.equal(forged.header.txBatchRoot);
      expect(context.previous.batch.header.batchIndex).to.equal(0n);
      expect(context.previous.lastLeaf.proof).to.deep.equal([]);
      // The replica answers eth_getProof at the batch's blocks.
      const proof = (await context.replica.provider.send("eth_getProof", [
        r.l2.bridgeAddress,
        [`0x${"2".padStart(64, "0")}`],
        `0x${context.blockLeaves[1]!.number.toString(16)}`,
      ])) as { accountProof: string[] };
      expect(ethers.keccak256(proof.accountProof[0]!)).to.equal(context.replicaBlocks[1]!.stateRoot);
    });

    it("a leaf's timestamp and a leaf's number", async function () {
      const r = await rollup();
      await transfers(r, 3);
      await forgeNext(r, {
        blocks: (blocks) => {
          blocks[0]!.timestamp += 1n;
          blocks[2]!.number += 5n;
        },
      });
      const { verifier, reports } = await verifierOf(r);
      await verifier.sync();
      expect(located(reports)).to.deep.equal([
        { kind: "blockTimestamp", batchIndex: 1n, leafIndex: 0 },
        { kind: "blockNumber", batchIndex: 1n, leafIndex: 2 },
      ]);
    });

    it("a parent link across the batch boundary, and one inside a batch", async function () {
      const r = await rollup();
      await proposeNext(r);
      await transfers(r, 1);
      await forgeNext(r, {
        blocks: (blocks) => {
          blocks[0]!.rlpHeader = withHeaderField(blocks[0]!.rlpHeader, 0, getBytes(ethers.keccak256("0x02")));
        },
      });
      const across = await verifierOf(r);
      await across.verifier.sync();
      expect(located(across.reports)).to.deep.equal([{ kind: "parentLink", batchIndex: 2n, leafIndex: 0 }]);

      const s = await rollup();
      await proposeNext(s);
      await transfers(s, 2);
      await forgeNext(s, {
        blocks: (blocks) => {
          blocks[1]!.rlpHeader = withHeaderField(blocks[1]!.rlpHeader, 0, getBytes(ethers.keccak256("0x03")));
        },
      });
      const inside = await verifierOf(s);
      await inside.verifier.sync();
      expect(located(inside.reports)).to.deep.equal([{ kind: "parentLink", batchIndex: 2n, leafIndex: 1 }]);
    });

    it("a withdrawal root", async function () {
      const r = await rollup();
      await transfers(r, 2);
      await forgeNext(r, {
        blocks: (blocks) => {
          blocks[1]!.withdrawalRoot = ethers.keccak256("0x04") as Hex;
        },
      });
      const { verifier, reports } = await verifierOf(r);
      await verifier.sync();
      expect(located(reports)).to.deep.equal([{ kind: "withdrawalRoot", batchIndex: 1n, leafIndex: 1 }]);
    });

    it("a deposit count and chain the L2 bridge never reached", async function () {
      const r = await rollup();
      await transfers(r, 1);
      // L1 queues a deposit; the forged batch claims it while no relay happened on L2.
      await (await r.l1.bridge.depositETH(r.l2.users[4]!.address, { value: parseEther("1") })).wait();
      const chain = (await r.l1.bridge.depositChainAt(1)) as Hex;
      await forgeNext(r, { header: (header) => ({ ...header, depositCount: 1n, depositChainHash: chain }) });
      const { verifier, reports } = await verifierOf(r);
      await verifier.sync();
      expect(located(reports)).to.deep.equal([
        { kind: "depositCount", batchIndex: 1n },
        { kind: "depositChainHash", batchIndex: 1n },
      ]);
    });

    it("a swapped, an invented and an omitted transaction", async function () {
      const r = await rollup();
      await transfersInOneBlock(r, 3);
      const [alice, bob] = r.l2.users as [Wallet, Wallet];
      const swap = await forgeNext(r, {
        blocks: (blocks) => {
          const block = blocks.at(-1)!;
          block.transactions[1] = resigned(block.transactions[1]!, alice, 999n);
        },
      });
      const swapped = await verifierOf(r);
      await swapped.verifier.sync();
      // The swapped one is the second of the last block's three.
      const swappedAt = swap.header.txCount - 2;
      expect(located(swapped.reports)).to.deep.equal([
        { kind: "transactionHash", batchIndex: 1n, position: swappedAt },
      ]);
      // The committed block's own transactions came from the L2 RPC, checked against its transactionsRoot.
      const [report] = swapped.reports;
      if (report?.type !== "batch") return expect.fail("expected a batch finding");
      const lastBlock = swap.header.lastBlock;
      expect(report.context.l2Transactions.get(lastBlock)).to.have.length(3);

      const s = await rollup();
      await transfersInOneBlock(s, 2);
      const nonce = await s.l2.provider.getTransactionCount(bob.address);
      const extra = await bob.signTransaction({
        to: alice.address,
        value: 1n,
        nonce,
        chainId: (await s.l2.provider.getNetwork()).chainId,
        gasLimit: 21_000n,
        maxFeePerGas: parseEther("0.00001"),
        maxPriorityFeePerGas: 1n,
      });
      const invent = await forgeNext(s, {
        blocks: (blocks) => {
          blocks.at(-1)!.transactions.push(extra as Hex);
        },
      });
      const invented = await verifierOf(s);
      await invented.verifier.sync();
      // The last leaf names index 2 of a block of two transactions.
      expect(located(invented.reports)).to.deep.equal([
        { kind: "transactionInvented", batchIndex: 1n, position: invent.header.txCount - 1 },
      ]);

      const t = await rollup();
      await transfersInOneBlock(t, 2);
      const omit = await forgeNext(t, {
        blocks: (blocks) => {
          blocks.at(-1)!.transactions.pop();
        },
      });
      const omitted = await verifierOf(t);
      await omitted.verifier.sync();
      expect(located(omitted.reports)).to.deep.equal([
        { kind: "transactionOmitted", batchIndex: 1n, block: omit.header.lastBlock, index: 1 },
      ]);
    });

    it("a block its data object does not produce, with nothing structural: execution", async function () {
      const r = await rollup();
      await transfers(r, 2);
      await forgeNext(r, {
        blocks: (blocks) => {
          blocks[1]!.dataTimestamp += 1n; // leaves and headers are the L2's; replaying the data gives another block
        },
      });
      const { verifier, reports } = await verifierOf(r);
      await verifier.sync();
      expect(located(reports)).to.deep.equal([{ kind: "execution", batchIndex: 1n, leafIndex: 1 }]);
      const [report] = reports;
      if (report?.finding.kind !== "execution") return expect.fail("expected an execution finding");
      expect(report.finding.blockHash).not.to.equal(verifier.chain[1]!.lastLeaf!.leaf.blockHash);
    });

    it("holds the later batches until the forged one is rolled back, then checks the resubmitted blocks", async function () {
      const r = await rollup();
      const caller = await rollbacker(r);
      await transfers(r, 2);
      await forgeNext(r, {
        blocks: (blocks) => {
          blocks[0]!.withdrawalRoot = ethers.keccak256("0x05") as Hex;
        },
      });
      await transfers(r, 1);
      await forgeNext(r); // honest contents, on top of the forged batch
      const { verifier, reports, events, replica } = await verifierOf(r);
      await verifier.sync();
      expect(located(reports)).to.deep.equal([{ kind: "withdrawalRoot", batchIndex: 1n, leafIndex: 0 }]);
      expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "faulty", "pending"]);
      expect(events.filter((event) => event.kind === "held").at(-1)).to.deep.include({ batchIndex: 2n });

      await (await caller.rollback(1)).wait();
      await proposeNext(r);
      await verifier.sync();
      expect(reports).to.have.length(1);
      expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "checked"]);
      expect(await replica.head()).to.equal((await r.l1.batchChain.tip())[0]);
    });
  });

  describe("data the verifier cannot get", function () {
    it("reports an object that neither the store nor the L2 has, holds later batches, and retries", async function () {
      const r = await rollup();
      await transfers(r, 2);
      const forged = await forgeNext(r, { storeData: false });
      await transfers(r, 1);
      await proposeNext(r);
      const { verifier, reports } = await verifierOf(r, { l2: undefined });
      await verifier.sync();
      expect(located(reports)).to.deep.equal([{ kind: "dataUnavailable", batchIndex: 1n, reason: "dataObject" }]);
      expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "unavailable", "pending"]);
      await verifier.sync();
      expect(reports).to.have.length(1); // reported once, tried again

      // The data turns up (a DA request was answered): the batch and the ones after it are checked.
      await r.store.put(forged.header.dataHash, forged.data);
      await verifier.sync();
      expect(reports).to.have.length(1);
      expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "checked", "checked"]);
    });

    it("reports a withheld sidecar over leaves the replica does not produce", async function () {
      const r = await rollup();
      await transfers(r, 2);
      await forgeNext(r, {
        storeSidecar: false,
        blocks: (blocks) => {
          blocks[0]!.stateRoot = ethers.keccak256("0x06") as Hex;
        },
      });
      const { verifier, reports, replica } = await verifierOf(r);
      await verifier.sync();
      expect(located(reports)).to.deep.equal([{ kind: "dataUnavailable", batchIndex: 1n, reason: "blockLeaves" }]);
      expect(await replica.head()).to.equal(0n); // rewound: the batch is tried again from its start
    });

    it("reports a transaction root that is not over the data object's transactions", async function () {
      const r = await rollup();
      await transfers(r, 2);
      await forgeNext(r, { header: (header) => ({ ...header, txBatchRoot: ethers.keccak256("0x07") as Hex }) });
      const { verifier, reports } = await verifierOf(r);
      await verifier.sync();
      expect(located(reports)).to.deep.equal([
        { kind: "dataUnavailable", batchIndex: 1n, reason: "transactionLeaves" },
      ]);
    });

    it("reports block transactions it cannot see when no L2 RPC has the committed block", async function () {
      const r = await rollup();
      await transfersInOneBlock(r, 2);
      const [alice] = r.l2.users as [Wallet];
      await forgeNext(r, {
        blocks: (blocks) => {
          const block = blocks.at(-1)!;
          block.transactions[0] = resigned(block.transactions[0]!, alice, 7n);
        },
      });
      const { verifier, reports } = await verifierOf(r, { l2: undefined });
      await verifier.sync();
      expect(located(reports)).to.deep.equal([
        { kind: "dataUnavailable", batchIndex: 1n, reason: "blockTransactions" },
      ]);
    });
  });

  describe("hostile sources", function () {
    it("does not believe a DA store that answers with other bytes: rebuilds from the L2, or reports", async function () {
      const r = await rollup();
      await transfers(r, 2);
      const { batch } = await proposeNext(r);
      const liar: DAStore = {
        put: (key, data) => r.store.put(key, data),
        get: async (key) =>
          key === batch.header.dataHash
            ? encodeBatchData({ batchIndex: 1, blocks: [{ number: 1, timestamp: 1, transactions: [] }] })
            : r.store.get(key),
      };
      const rebuilt = await verifierOf(r, { store: liar });
      await rebuilt.verifier.sync();
      expect(rebuilt.reports).to.deep.equal([]);
      expect(rebuilt.verifier.chain.map((b) => b.state)).to.deep.equal(["checked", "checked"]);
      const alone = await verifierOf(r, { store: liar, l2: undefined });
      await alone.verifier.sync();
      expect(located(alone.reports)).to.deep.equal([{ kind: "dataUnavailable", batchIndex: 1n, reason: "dataObject" }]);
    });

    it("does not believe an L2 RPC whose transactions for a committed block miss its transactionsRoot", async function () {
      const r = await rollup();
      await transfersInOneBlock(r, 3);
      const [alice] = r.l2.users as [Wallet];
      await forgeNext(r, {
        blocks: (blocks) => {
          const block = blocks.at(-1)!;
          block.transactions[0] = resigned(block.transactions[0]!, alice, 3n);
        },
      });
      // It serves every committed block with its last transaction left out, which would make a false "omitted".
      const honest = r.l2.provider;
      const lying = new Proxy(honest, {
        get(target, property, receiver) {
          if (property !== "send") return Reflect.get(target, property, receiver) as unknown;
          return async (method: string, params: unknown[]) => {
            const result = (await target.send(method, params)) as { transactions?: unknown[] } | null;
            if (method === "eth_getBlockByHash" && result?.transactions) result.transactions.pop();
            return result;
          };
        },
      });
      const { verifier, reports } = await verifierOf(r, { l2: lying });
      await verifier.sync();
      expect(located(reports)).to.deep.equal([
        { kind: "dataUnavailable", batchIndex: 1n, reason: "blockTransactions" },
      ]);
    });

    it("reports a data object whose block the replica cannot even mine as execution at that block", async function () {
      const r = await rollup();
      await transfers(r, 2);
      await forgeNext(r, {
        blocks: (blocks) => {
          blocks[1]!.dataTimestamp = blocks[0]!.dataTimestamp - 10n; // before its parent
        },
      });
      const { verifier, reports } = await verifierOf(r);
      await verifier.sync();
      expect(located(reports)).to.deep.equal([{ kind: "execution", batchIndex: 1n, leafIndex: 1 }]);
      expect(reports[0]!.finding).to.deep.include({ blockHash: ZERO_HASH, stateRoot: ZERO_HASH });
    });
  });

  describe("equivocation", function () {
    it("reports a signer that signed another header for a committed batch's index and parent", async function () {
      const r = await rollup();
      await transfers(r, 2);
      const { batch } = await proposeNext(r);
      const { verifier, reports } = await verifierOf(r);
      await verifier.sync();
      const signer = r.sequencers[2]!.config.key;
      const other = { ...verifier.chain[1]!.header, lastBlock: verifier.chain[1]!.header.lastBlock - 1n };
      const signature = await signHeader(r, signer, other);
      const findings = await verifier.observe(other, signature);
      expect(findings).to.have.length(1);
      expect(findings[0]).to.deep.include({ kind: "equivocation", batchIndex: 1n, signer: signer.address });
      expect(headerHash(findings[0]!.headers[0])).to.equal(headerHash(batch.header));
      expect(findings[0]!.signatures[1]).to.equal(signature);
      expect(reports.map((report) => report.type)).to.deep.equal(["equivocation"]);
      const [report] = reports;
      if (report?.type !== "equivocation") return expect.fail("expected an equivocation");
      expect(report.context.committed?.headerHash).to.equal(headerHash(batch.header));
      // The committed signature is the one in the submitBatch calldata: it recovers to the same signer.
      const digest = headerDigest(findings[0]!.headers[0], await domainOf(r));
      expect(ethers.recoverAddress(digest, findings[0]!.signatures[0])).to.equal(signer.address);
      // Once is enough: the same pair again reports nothing.
      expect(await verifier.observe(other, signature)).to.deep.equal([]);
    });

    it("reports two headers signed off chain, but not one signed again after a rollback", async function () {
      const r = await rollup();
      const caller = await rollbacker(r);
      await transfers(r, 2);
      const { verifier, reports } = await verifierOf(r);
      await verifier.sync();
      const key = r.sequencers[1]!.config.key;
      const parentHash = verifier.chain[0]!.headerHash;
      const base = { ...verifier.chain[0]!.header, batchIndex: 1n, parentHash, firstBlock: 1n, txCount: 0 };
      const a = { ...base, lastBlock: 1n };
      const b = { ...base, lastBlock: 2n };
      expect(await verifier.observe(a, await signHeader(r, key, a))).to.deep.equal([]);
      expect(await verifier.observe(b, await signHeader(r, key, b))).to.have.length(1);
      expect(reports).to.have.length(1);

      // An honest signer signs a new header for index 1 once the first was rolled back: no equivocation.
      const honest = await verifierOf(r);
      const { batch } = await proposeNext(r);
      await honest.verifier.sync();
      await (await caller.rollback(1)).wait();
      await honest.verifier.sync();
      const again = { ...toHeaderValue(batch.header), lastBlock: batch.header.lastBlock - 1n };
      const proposerKey = r.sequencers[0]!.config.key;
      expect(await honest.verifier.observe(again, await signHeader(r, proposerKey, again))).to.deep.equal([]);
      expect(honest.reports).to.deep.equal([]);
    });
  });
});
