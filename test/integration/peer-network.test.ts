/**
 * The Peer Network's signing protocol over real HTTP on loopback: each peer sequencer's signing endpoint
 * (startPeerServer) and the proposer's PeerSigner clients in place of in-process peers.
 */
import { expect } from "chai";
import { getBytes, Wallet } from "ethers";
import { ethers } from "hardhat";

import { PeerRequestError, PeerUnreachableError } from "../../sdk/src/errors/peer";
import { AlreadySignedError } from "../../sdk/src/errors/sequencer";
import { PeerSigner } from "../../sdk/src/node/peer/client";
import { PEER_ERROR_CODES, peerRequestDigest } from "../../sdk/src/node/peer/protocol";
import { startPeerServer, type PeerServer } from "../../sdk/src/node/peer/server";
import type { Sequencer } from "../../sdk/src/sequencer/sequencer";
import { closedPort } from "../helpers/s3";
import { removeRollupDirectories, rollup, scheduled, type Rollup } from "../helpers/rollup";
import { seededWallet, seededWord } from "../helpers/seeded";

describe("integration: the Peer Network's signing endpoints over HTTP", function () {
  const servers: PeerServer[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    removeRollupDirectories();
  });

  /** Endpoints for every sequencer but `proposer`, and PeerSigners for them authenticated by `proposer`'s key. */
  async function network(r: Rollup, proposer: Sequencer, auth = proposer.config.key) {
    const batchChain = await r.l1.batchChain.getAddress();
    const registry = r.l1.registry.connect(ethers.provider);
    const peers: PeerSigner[] = [];
    for (const sequencer of r.sequencers.filter((s) => s !== proposer)) {
      const server = await startPeerServer({ signer: sequencer, registry, batchChain });
      servers.push(server);
      peers.push(new PeerSigner({ address: sequencer.address, url: server.url, auth, batchChain, retries: 0 }));
    }
    return peers;
  }

  it("commits a batch whose quorum was signed by peers over their endpoints", async function () {
    const r = await rollup();
    const proposer = await scheduled(r);
    const peers = await network(r, proposer);
    await (await r.l2.users[0]!.sendTransaction({ to: seededWallet("peer recipient").address, value: 1n })).wait();
    const result = await proposer.propose(peers);
    expect(result.signers.length).to.be.greaterThan(1);
    expect(await r.l1.batchChain.headerHash(result.batch.header.batchIndex)).to.not.equal(`0x${"0".repeat(64)}`);
  });

  it("refuses a requester that is no member's signer key, and a stale or forged request", async function () {
    const r = await rollup();
    const proposer = await scheduled(r);
    const stranger = new Wallet(seededWord("peer stranger"));
    const [peer] = await network(r, proposer, stranger);
    const { header } = await proposer.buildNextBatch();
    const refused = await peer!.sign(header).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(PeerRequestError);
    expect(refused).to.include({ code: PEER_ERROR_CODES.unauthorized });

    const batchChain = await r.l1.batchChain.getAddress();
    const stale = new PeerSigner({
      ...peer!.config,
      auth: proposer.config.key,
      now: () => Math.floor(Date.now() / 1000) - 600,
    });
    expect(await stale.sign(header).catch((e: unknown) => e)).to.include({ code: PEER_ERROR_CODES.stale });
    // A request signed for another rollup's BatchChain does not verify as this one's.
    const elsewhere = new PeerSigner({
      ...peer!.config,
      auth: proposer.config.key,
      batchChain: seededWallet("other").address,
    });
    expect(await elsewhere.sign(header).catch((e: unknown) => e)).to.include({ code: PEER_ERROR_CODES.unauthorized });
    // A raw request whose auth names a member but is signed by another key.
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = await stranger.signMessage(
      getBytes(peerRequestDigest("metis_signedFor", batchChain, {}, timestamp)),
    );
    const forged = await fetch(peer!.config.url, {
      method: "POST",
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "metis_signedFor",
        params: [{}, { signer: proposer.address, timestamp, signature }],
      }),
    });
    expect(((await forged.json()) as { error: { code: number } }).error.code).to.equal(PEER_ERROR_CODES.unauthorized);
  });

  it("carries a peer's AlreadySignedError back with the header it signed instead", async function () {
    const r = await rollup();
    const proposer = await scheduled(r);
    const [peer, second] = await network(r, proposer);
    const { header } = await proposer.buildNextBatch();
    // A header the peer cannot derive from L1 and L2 itself: refused, with the peer's own typed error by name.
    const forged = await second!
      .sign({ ...header, stateBatchRoot: seededWord("forged state root") })
      .catch((e: unknown) => e);
    expect(forged).to.be.instanceOf(PeerRequestError);
    expect(forged).to.include({ code: PEER_ERROR_CODES.refused });
    expect((forged as PeerRequestError).peerError).to.match(/Error$/);
    const first = await peer!.sign(header);
    expect(
      await peer!.signedFor({ batchIndex: BigInt(header.batchIndex), parentHash: header.parentHash as `0x${string}` }),
    ).to.deep.include({
      signature: first,
    });
    // Another header for the same slot: the peer refuses and says which one it signed.
    const other = { ...header, dataHash: seededWord("another data hash") };
    const error = await peer!.sign(other).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(AlreadySignedError);
    expect(error).to.include({ signature: first, signer: peer!.address });
  });

  it("reports a peer it cannot reach as PeerUnreachableError after its retries", async function () {
    const r = await rollup();
    const proposer = await scheduled(r);
    const peer = new PeerSigner({
      address: r.sequencers[1]!.address,
      url: `http://127.0.0.1:${await closedPort()}`,
      auth: proposer.config.key,
      batchChain: await r.l1.batchChain.getAddress(),
      retries: 1,
      timeoutMs: 2_000,
    });
    const { header } = await proposer.buildNextBatch();
    const error = await peer.sign(header).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PeerUnreachableError);
    expect(error).to.include({ attempts: 2 });
  });
});
