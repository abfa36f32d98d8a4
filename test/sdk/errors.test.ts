import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import {
  AbiCoder,
  concat,
  type BaseContract,
  dataSlice,
  getCreateAddress,
  id,
  parseEther,
  ZeroAddress,
  ZeroHash,
  type ContractTransactionResponse,
  type JsonRpcProvider,
  type Provider,
} from "ethers";
import hre, { ethers } from "hardhat";

import * as sdk from "../../sdk/src";
import { BridgeReader } from "../../sdk/src/bridge/reader";
import { BridgeWriter } from "../../sdk/src/bridge/bridge-writer";
import { depositETH, withdrawETH } from "../../sdk/src/bridge/writer";
import { latestTimestamp } from "../../sdk/src/contracts/connection";
import { transact } from "../../sdk/src/contracts/transact";
import {
  BatchChain__factory,
  DisputeManager__factory,
  FalseReturningToken__factory,
  IERC20Metadata__factory,
  L1Bridge__factory,
  L2Bridge__factory,
  MetisToken__factory,
  OddMetadataToken__factory,
  SequencerRegistry__factory,
} from "../../sdk/src/contracts/typechain";
import { readVerified, type DAStore } from "../../sdk/src/da/store";
import { parseAgentConfig } from "../../sdk/src/node/agents/config";
import { checkAgentChains } from "../../sdk/src/node/agents/connections";
import { createLogger } from "../../sdk/src/node/agents/log";
import {
  bootstrapFeeVault,
  bootstrapL2Bridge,
  createL2Chain,
  createL2Replica,
  FileDAStore,
  FileSigningRecord,
  L2_BRIDGE_ADDRESS,
  L2_FEE_VAULT_ADDRESS,
  L2_FEE_VAULT_DEPLOYER,
  L2_SYSTEM_ACCOUNT,
} from "../../sdk/src/node";
import { MetisArgumentError, MetisDataError, MetisError } from "../../sdk/src/errors/base";
import { ContractRevertError, decodeRevert, UnknownRevertError } from "../../sdk/src/errors/contract";
import {
  batchDataHash,
  checkSidecar,
  blockLeaf,
  computeMerkleRoot,
  decodeBatchData,
  decodeBlockHeader,
  decodeSidecar,
  encodeSidecar,
  headerHash,
  hexToBytes,
  IncrementalMerkleTree,
  MerkleTree,
  rlpDecode,
  rlpEncode,
  toUint,
  withdrawalHash,
  voteCommitment,
  ZERO_HASH,
  type Address,
  type Hex,
} from "../../sdk/src/proof";
import { buildBatch } from "../../sdk/src/sequencer/batch-builder";
import { Challenger, submittedBatch } from "../../sdk/src/verifier/challenger";
import {
  blockEvidence,
  encodeBlockHeader,
  fetchRlpHeader,
  type RpcHeaderFields,
} from "../../sdk/src/verifier/evidence";
import { queuedDepositEvents, relayPendingDeposits } from "../../sdk/src/sequencer/deposits";
import { rawTransactionOf, readRawL2Block } from "../../sdk/src/sequencer/l2-reader";
import { packQuorumSignatures } from "../../sdk/src/sequencer/quorum";
import { submitForgedParent } from "../helpers/forged-parent";
import { closedPort } from "../helpers/s3";
import { decodeCursor, MemoryCursorStore, type BatchRecord } from "../../sdk/src/verifier/cursor";
import type { Replica } from "../../sdk/src/verifier/replica";
import { STAKE } from "../helpers/l1";
import { proposeNext, removeRollupDirectories, rollup, scheduled, type Rollup } from "../helpers/rollup";
import { seededAddress, seededWallet, seededWord } from "../helpers/seeded";
import { transfers, verifierOf } from "../helpers/verifier";
import { deploymentOf } from "../helpers/deployment";
import { VOTE, VOTE_PARAMETERS, verifierKey, voterOf, wrongChallenge } from "../helpers/execution";
import { waitForDispute } from "../../sdk/src/verifier/disputes";
import { replicaJudge } from "../../sdk/src/verifier/voter";
import { governanceSigner } from "../helpers/governance";
import { PeerSigner } from "../../sdk/src/node/peer/client";
import { startPeerServer } from "../../sdk/src/node/peer/server";
import { loadNetworkConfig } from "../../sdk/src/hardhat/config-file";
import { requireEnv } from "../../sdk/src/hardhat/config";
import { checkWiring } from "../../sdk/src/hardhat/deploy";
import { addressArg } from "../../sdk/src/hardhat/tasks/context";
import { FeeVault__factory, MetisGovernor__factory } from "../../sdk/src/contracts";

const ZERO_HASH_BYTES = new Uint8Array(32);
/** Fixed values, for cases whose fields name them (the seeded helpers give a new value at every call). */
const SOME_WORD = id("some word") as Hex;
const SOME_ADDRESS = "0x00000000000000000000000000000000000000a1" as Address;

/** Hardhat account 10, the verifier of the vote cases, as the Voter names it (lower case). */
const VOTER_ADDRESS = "0xbcd4042de499d14e55001ccbb24a551f3b954096";

/** A header of no chain, for errors that need one. */
const SOME_HEADER = {
  batchIndex: 1n,
  parentHash: ZERO_HASH,
  firstBlock: 1n,
  lastBlock: 1n,
  txCount: 0,
  txBatchRoot: ZERO_HASH,
  stateBatchRoot: ZERO_HASH,
  depositCount: 0n,
  depositChainHash: ZERO_HASH,
  dataHash: ZERO_HASH,
} as const;

type ErrorClass = abstract new (...args: never[]) => MetisError;

/** Which of the two abstract kinds an error is: caller's input, or data that should have been well-formed. */
type Kind = "argument" | "data" | "other";

interface ErrorCase {
  readonly kind: Kind;
  /** Triggers the error through the SDK (or, where that needs a whole scenario, builds it) and returns it. */
  readonly trigger: () => Promise<unknown>;
  /** The fields the error must carry. */
  readonly fields: (error: never) => Record<string, unknown>;
  /** What the message must say. */
  readonly message: RegExp;
}

/** A header and a block leaf that belong to no chain, for errors about evidence built from them. */
const SOME_LEAF = {
  number: 1n,
  timestamp: 2n,
  blockHash: seededWord("leaf hash"),
  stateRoot: seededWord("leaf state root"),
  withdrawalRoot: ZERO_HASH,
};

/** The error `run` throws or rejects with; fails the test when it returns. */
async function thrown(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return expect.fail("expected an error");
}

const readerOf = (r: Rollup, l1FromBlock?: number) =>
  new BridgeReader({ ...r.addresses, l1: ethers.provider, l2: r.l2.provider, l1FromBlock });

const relayerBridge = (r: Rollup) => L2Bridge__factory.connect(r.l2.bridgeAddress, r.sequencers[0]!.config.relayer!);

/** A rollup with an ETH withdrawal initiated on L2 and not batched yet. */
async function withdrawnOnL2() {
  const r = await rollup();
  await depositETH(r.l1.bridge.connect(r.deployer), r.l2.users[0]!.address, parseEther("1"));
  await proposeNext(r);
  return { r, initiated: await withdrawETH(r.l2Bridge.connect(r.l2.users[0]!), seededAddress("l1To"), 1n) };
}

/** An L1 bridge of its own on the Hardhat network, with no L2 behind it. */
async function standaloneL1Bridge() {
  const [deployer] = await ethers.getSigners();
  const bridge = await ethers.deployContract("L1Bridge", [parseEther("1000"), ZeroAddress]);
  return L1Bridge__factory.connect(await bridge.getAddress(), deployer);
}

/** Runs `run` in a process where `packageName` cannot be resolved, as in an install without it. */
async function withoutPackage<T>(packageName: string, run: () => Promise<T>): Promise<T> {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    if (request === packageName || request.startsWith(`${packageName}/`)) {
      throw Object.assign(new Error(`Cannot find module '${request}'`), { code: "MODULE_NOT_FOUND" });
    }
    return resolve.call(this, request, ...rest);
  };
  try {
    return await run();
  } finally {
    loader._resolveFilename = resolve;
  }
}

/**
 * A rollup with short votes, a verifier (account 10) staked and committed to `uphold` through a Voter with `store`,
 * and the wrong execution challenge it voted on (against honest batch 1's first leaf), moved to its reveal period.
 */
async function committedVote(store = new MemoryCursorStore()) {
  const r = await rollup({ parameters: VOTE_PARAMETERS });
  const key = await verifierKey(r, 10, parseEther("1000"));
  await transfers(r, 1);
  await proposeNext(r);
  const { verifier, replica } = await verifierOf(r);
  await verifier.sync();
  const challenger = new Challenger({
    signer: (await ethers.getSigners())[16]!,
    disputeManager: r.addresses.disputeManager,
    registry: r.addresses.registry,
  });
  const { id } = await wrongChallenge(r, challenger, verifier.chain, 1, 0);
  await voterOf(r, key, { judge: replicaJudge(replica), store }).poll();
  await time.increase(VOTE.commitPeriod);
  return { r, id, key, store, replica };
}

/** Every exported error class of the SDK, with how to trigger it and what it must carry. */
const CASES: Record<string, ErrorCase> = {
  // errors/proof.ts
  InvalidHexError: {
    kind: "argument",
    trigger: () => thrown(() => hexToBytes("0x123", "payload")),
    fields: () => ({ field: "payload", value: "0x123", expectedBytes: undefined }),
    message: /^payload: expected 0x-prefixed hex of whole bytes, got "0x123"$/,
  },
  InvalidAddressError: {
    kind: "argument",
    trigger: () =>
      thrown(() =>
        withdrawalHash({
          index: 0n,
          l2Sender: "0x1234" as Address,
          l1To: seededAddress("l1To"),
          l1Token: ZeroAddress as Address,
          amount: 1n,
        }),
      ),
    fields: () => ({ field: "l2Sender", value: "0x1234" }),
    message: /^l2Sender: not an address/,
  },
  IntegerOutOfRangeError: {
    kind: "argument",
    trigger: () => thrown(() => toUint(256n, 8, "byte")),
    fields: () => ({ field: "byte", value: 256n, max: 255n }),
    message: /^byte: expected an integer in \[0, 255\], got 256n$/,
  },
  InvalidProofLengthError: {
    kind: "argument",
    trigger: () => thrown(() => computeMerkleRoot({ leaf: ZERO_HASH, index: 0, proof: [], height: 2 })),
    fields: () => ({ expected: 2, actual: 0 }),
    message: /has 0 siblings, the tree height is 2/,
  },
  IndexOutOfRangeError: {
    kind: "argument",
    trigger: () => thrown(() => MerkleTree.from([ZERO_HASH]).proof(1)),
    fields: () => ({ index: 1, bound: 1 }),
    message: /leaf index 1 is outside the tree/,
  },
  TreeFullError: {
    kind: "argument",
    trigger: () =>
      thrown(() => {
        const tree = new IncrementalMerkleTree({ depth: 1 });
        for (let i = 0; i < 3; i++) tree.append(ZERO_HASH);
      }),
    fields: () => ({ depth: 1 }),
    message: /depth 1 holds at most 2\^1 leaves/,
  },
  MalformedRlpError: {
    kind: "data",
    trigger: () => thrown(() => rlpDecode(Uint8Array.of(0x81, 0x05))),
    fields: () => ({ reason: "single byte below 0x80 wrapped in a string header", offset: 0 }),
    message: /^malformed RLP at byte 0: /,
  },
  MalformedDataObjectError: {
    kind: "data",
    trigger: () => thrown(() => decodeBatchData(rlpEncode([]))),
    fields: () => ({}),
    message: /^malformed batch data object: the data object is an empty list$/,
  },
  UnsupportedVersionError: {
    kind: "data",
    trigger: () => thrown(() => decodeBatchData(rlpEncode([Uint8Array.of(2), new Uint8Array(), []]))),
    fields: () => ({ version: 2n, supported: [1n] }),
    message: /version 2 is not supported \(supported: 1\)/,
  },

  MalformedBlockHeaderError: {
    kind: "data",
    trigger: () => thrown(() => decodeBlockHeader(rlpEncode([new Uint8Array(32)]))),
    fields: () => ({}),
    message: /^malformed block header: the header has 1 fields$/,
  },
  MalformedSidecarError: {
    kind: "data",
    trigger: () => thrown(() => decodeSidecar(rlpEncode([Uint8Array.of(1), Uint8Array.of(1), ZERO_HASH_BYTES, []]))),
    fields: () => ({}),
    message: /^malformed batch sidecar: it does not start with the tag$/,
  },
  SidecarMismatchError: {
    kind: "data",
    // A sidecar read for another header than the one it names.
    trigger: () => {
      const sidecar = decodeSidecar(encodeSidecar({ headerHash: SOME_WORD, blocks: [] }));
      return thrown(() => checkSidecar(sidecar, SOME_HEADER));
    },
    fields: () => ({ field: "headerHash", expected: headerHash(SOME_HEADER), actual: SOME_WORD }),
    message: /^batch sidecar headerHash is 0x[0-9a-f]{64}, expected 0x[0-9a-f]{64}$/,
  },
  // errors/agent.ts
  AgentConfigError: {
    kind: "argument",
    // An agent's config naming a key variable the environment does not set.
    trigger: () =>
      thrown(() =>
        parseAgentConfig(
          {
            role: "verifier",
            name: "verifier",
            l1: "http://127.0.0.1:8545",
            l2: "http://127.0.0.1:9545",
            deployment: path.join(__dirname, "..", "..", "deployments", "localhost.json"),
            keyEnv: "METIS_UNSET_AGENT_KEY",
          },
          { env: {} },
        ),
      ),
    fields: () => ({ field: "keyEnv", reason: "names METIS_UNSET_AGENT_KEY, which is not set in the environment" }),
    message: /^keyEnv names METIS_UNSET_AGENT_KEY, which is not set in the environment$/,
  },
  AgentChainMismatchError: {
    kind: "other",
    // An agent's L1 URL names a node of another chain than the deployment's L1 (31337): here chain 1.
    trigger: () => {
      const node = { send: () => Promise.resolve("0x1") } as unknown as JsonRpcProvider;
      const deployment = sdk.parseDeployment(
        JSON.parse(readFileSync(path.join(__dirname, "..", "..", "deployments", "localhost.json"), "utf8")),
      );
      const logger = createLogger({ name: "agent", write: () => undefined });
      return thrown(() =>
        checkAgentChains(
          { l1: "http://127.0.0.1:1", l2: "http://127.0.0.1:2", deployment },
          { l1: node, l2: node },
          logger,
        ),
      );
    },
    fields: () => ({ chain: "L1", url: "http://127.0.0.1:1", expected: 31337, actual: 1 }),
    message: /^the L1 node at http:\/\/127\.0\.0\.1:1 serves chain 1, the deployment's L1 is chain 31337$/,
  },
  // errors/bridge.ts
  BridgeArgumentError: {
    kind: "argument",
    trigger: async () => {
      const r = await rollup();
      return thrown(() => new BridgeWriter({ ...r.addresses, l1Signer: r.deployer }).depositETH("0x12", 1n));
    },
    fields: () => ({ argument: "to", value: "0x12" }),
    message: /^to must be an address \(0x and 40 hex digits\) \(got 0x12\)$/,
  },
  SignerRequiredError: {
    kind: "argument",
    trigger: async () => {
      const r = await rollup();
      return thrown(() => new BridgeWriter({ ...r.addresses }).withdrawETH(SOME_ADDRESS, 1n));
    },
    fields: () => ({ chain: "L2", action: "withdrawETH" }),
    message: /^withdrawETH needs an L2 signer \(pass l2Signer\)$/,
  },
  ChainMismatchError: {
    kind: "argument",
    trigger: async () => {
      const r = await rollup();
      const deployment = await deploymentOf(r, { l1ChainId: 5 });
      return thrown(() => new BridgeWriter({ deployment, l1Signer: r.deployer }).depositETH(SOME_ADDRESS, 1n));
    },
    fields: () => ({ chain: "L1", expectedChainId: 5n, actualChainId: 31337n }),
    message: /^the L1 signer is on chain 31337, the deployment's L1 is chain 5$/,
  },
  NoDepositInTransactionError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      const transfer = await (await r.deployer.sendTransaction({ to: SOME_ADDRESS, value: 1n })).wait();
      const error = await thrown(() => readerOf(r).getDepositStatus({ l1TxHash: transfer!.hash as Hex }));
      expect(error).to.have.property("l1TxHash", transfer!.hash);
      return error;
    },
    fields: () => ({}),
    message: /^L1 transaction 0x[0-9a-f]{64} queued no deposit on the bridge$/,
  },
  NoWithdrawalInTransactionError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      const transfer = await (await r.l2.users[0]!.sendTransaction({ to: SOME_ADDRESS, value: 1n })).wait();
      const error = await thrown(() => readerOf(r).getWithdrawalStatus({ l2TxHash: transfer!.hash as Hex }));
      expect(error).to.have.property("l2TxHash", transfer!.hash);
      return error;
    },
    fields: () => ({}),
    message: /^L2 transaction 0x[0-9a-f]{64} initiated no withdrawal on the bridge$/,
  },
  TokenApprovalFailedError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      const token = await (await ethers.deployContract("FalseReturningToken")).getAddress();
      await (await FalseReturningToken__factory.connect(token, r.deployer).setFailApprovals(true)).wait();
      const writer = new BridgeWriter({ ...r.addresses, l1Signer: r.deployer });
      const error = await thrown(() => writer.approve(token, 3n));
      expect(error).to.have.property("token", token);
      return error;
    },
    fields: () => ({ amount: 3n }),
    message: /^token 0x[0-9a-fA-F]{40} returned false from approve\(0x[0-9a-fA-F]{40}, 3\)$/,
  },
  TransactionTimeoutError: {
    kind: "other",
    // Not mined: the L1 stops mining until the wait gave up.
    trigger: async () => {
      const r = await rollup();
      const writer = new BridgeWriter({ ...r.addresses, l1Signer: r.deployer });
      await ethers.provider.send("evm_setAutomine", [false]);
      try {
        const pending = await writer.depositETH(SOME_ADDRESS, 1n);
        return await thrown(() => pending.wait({ timeoutMs: 50 }));
      } finally {
        await ethers.provider.send("evm_setAutomine", [true]);
        await ethers.provider.send("evm_mine", []);
      }
    },
    fields: () => ({ timeoutMs: 50 }),
    message: /^transaction 0x[0-9a-f]{64} was not mined within 50 ms$/,
  },
  TransactionReplacedError: {
    kind: "other",
    // The sender cancels the deposit with a self-transfer at its nonce and a higher fee, mined in its place.
    trigger: async () => {
      const r = await rollup();
      const sender = seededWallet("replaced depositor", ethers.provider);
      await ethers.provider.send("hardhat_setBalance", [sender.address, "0x56BC75E2D63100000"]);
      const writer = new BridgeWriter({ ...r.addresses, l1Signer: sender });
      await ethers.provider.send("evm_setAutomine", [false]);
      try {
        const pending = await writer.depositETH(SOME_ADDRESS, 1n);
        const fee = pending.response.maxFeePerGas! * 2n;
        await sender.sendTransaction({
          to: sender.address,
          value: 0n,
          nonce: pending.response.nonce,
          maxFeePerGas: fee,
          maxPriorityFeePerGas: fee,
        });
        await ethers.provider.send("evm_mine", []);
        return await thrown(() => pending.wait());
      } finally {
        await ethers.provider.send("evm_setAutomine", [true]);
      }
    },
    fields: () => ({ reason: "cancelled" }),
    message: /^transaction 0x[0-9a-f]{64} was cancelled by 0x[0-9a-f]{64}$/,
  },
  WithdrawalNotFoundError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      return thrown(() => readerOf(r).withdrawal(7n));
    },
    fields: () => ({ withdrawal: "7" }),
    message: /^no L2 withdrawal 7$/,
  },
  TransactionNotFoundError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      return thrown(() => readerOf(r).getTransactionInclusion(id("no such transaction") as Hex));
    },
    fields: () => ({ txHash: id("no such transaction"), chain: "L2" }),
    message: /^no mined L2 transaction 0x/,
  },
  NotCommittedError: {
    kind: "other",
    trigger: async () => {
      const { r, initiated } = await withdrawnOnL2();
      const error = await thrown(() => readerOf(r).buildWithdrawalProof(initiated.hash));
      expect((error as { l2BlockNumber: unknown }).l2BlockNumber).to.equal(initiated.l2BlockNumber);
      return error;
    },
    fields: () => ({}),
    message: /^L2 block \d+ is not committed to L1 yet$/,
  },
  ProofBuildError: {
    kind: "data",
    // A reader told to read logs from after the genesis batch's event cannot rebuild its header.
    trigger: async () => {
      const r = await rollup();
      return thrown(async () => readerOf(r, await ethers.provider.getBlockNumber()).batchHeader(0n));
    },
    fields: () => ({}),
    message: /^no BatchSubmitted event for batch 0 with hash 0x/,
  },
  StatusTimeoutError: {
    kind: "other",
    trigger: async () => {
      const { r, initiated } = await withdrawnOnL2();
      return thrown(() => readerOf(r).waitForStatus(initiated.hash, "Finalized", { timeoutMs: 0, pollMs: 1 }));
    },
    fields: () => ({ last: "Initiated", timeoutMs: 0 }),
    message: /^gave up waiting for withdrawal 0x[0-9a-f]+ Finalized after 0 ms \(last seen: Initiated\)$/,
  },

  // errors/chain.ts
  NotConnectedError: {
    kind: "argument",
    trigger: async () => {
      const r = await rollup();
      const unconnected = L1Bridge__factory.connect(r.addresses.l1Bridge);
      return thrown(() => relayPendingDeposits(unconnected, relayerBridge(r)));
    },
    fields: () => ({ subject: "the L1 bridge", needs: "provider" }),
    message: /^the L1 bridge must be connected to a provider$/,
  },
  BlockNotFoundError: {
    kind: "data",
    trigger: () =>
      thrown(() => latestTimestamp({ getBlock: () => Promise.resolve(null) } as unknown as Provider, "L1")),
    fields: () => ({ chain: "L1", block: "latest" }),
    message: /^the L1 node has no block latest$/,
  },
  MissingReceiptError: {
    kind: "data",
    trigger: () =>
      thrown(() =>
        transact(
          () =>
            Promise.resolve({
              hash: id("sent"),
              wait: () => Promise.resolve(null),
            } as unknown as ContractTransactionResponse),
          {},
        ),
      ),
    fields: () => ({ txHash: id("sent") }),
    message: /^transaction 0x[0-9a-f]{64} has no receipt$/,
  },
  EventNotFoundError: {
    kind: "data",
    // A "bridge" at an address without code: the deposit transaction succeeds and emits nothing.
    trigger: async () => {
      const [sender] = await ethers.getSigners();
      const notABridge = L1Bridge__factory.connect(seededAddress("no bridge here"), sender);
      return thrown(() => depositETH(notABridge, seededAddress("recipient"), 1n));
    },
    fields: () => ({ contract: "L1Bridge", eventName: "DepositQueued" }),
    message: /^transaction 0x[0-9a-f]{64} emitted no DepositQueued event from L1Bridge$/,
  },

  // errors/challenge.ts
  BlockHeaderEncodingError: {
    kind: "data",
    // The genesis header with another extra-data field: rebuilt, it no longer hashes to the block.
    trigger: async () => {
      const chain = await createL2Chain(hre);
      const block = (await chain.provider.send("eth_getBlockByNumber", ["0x0", false])) as RpcHeaderFields;
      const error = await thrown(() => encodeBlockHeader({ ...block, extraData: "0x01" }));
      expect(error).to.include({ blockHash: block.hash });
      return error;
    },
    fields: () => ({}),
    message: /^the RLP header rebuilt from the node's fields hashes to 0x[0-9a-f]{64}, not to block 0x[0-9a-f]{64}$/,
  },
  CommittedDataMismatchError: {
    kind: "argument",
    trigger: () => {
      const header = { ...SOME_HEADER, stateBatchRoot: ZERO_HASH };
      return thrown(() => blockEvidence(header, [SOME_LEAF], 0));
    },
    fields: () => ({ root: "stateBatchRoot", expected: ZERO_HASH, actual: blockLeaf(SOME_LEAF) }),
    message: /^the committed leaves given build stateBatchRoot 0x[0-9a-f]{64}, the header holds 0x0{64}$/,
  },
  L2EvidenceError: {
    kind: "data",
    trigger: async () => {
      const chain = await createL2Chain(hre);
      return thrown(() => fetchRlpHeader(chain.provider, seededWord("no such block")));
    },
    fields: () => ({}),
    message: /^no evidence from the L2 node: the L2 node has no block 0x[0-9a-f]{64}$/,
  },
  MissingChallengeContextError: {
    kind: "argument",
    trigger: async () => {
      const [signer] = await ethers.getSigners();
      const challenger = new Challenger({
        signer: signer!,
        disputeManager: seededAddress("dispute manager"),
        registry: seededAddress("registry"),
      });
      return thrown(() => challenger.challenge({ kind: "stateRoot", batchIndex: 1n, leafIndex: 0 }));
    },
    fields: () => ({ kind: "stateRoot", field: "header" }),
    message: /^a stateRoot challenge needs context\.header$/,
  },
  SubmissionNotFoundError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      return thrown(() => submittedBatch(r.l1.batchChain, 5n));
    },
    fields: () => ({ batchIndex: 5n, reason: "no BatchSubmitted log" }),
    message: /^no submitBatch calldata for batch 5: no BatchSubmitted log$/,
  },

  // errors/contract.ts
  ContractRevertError: {
    kind: "other",
    trigger: async () => {
      const bridge = await standaloneL1Bridge();
      return thrown(() => depositETH(bridge, seededAddress("recipient"), 0n));
    },
    fields: () => ({ contract: "L1Bridge", errorName: "L1BridgeZeroAmount", args: {} }),
    message: /^L1Bridge reverted with L1BridgeZeroAmount\(\)$/,
  },
  UnknownRevertError: {
    kind: "other",
    trigger: () => Promise.resolve(decodeRevert({ code: "CALL_EXCEPTION" }, {})),
    fields: () => ({ data: undefined, reason: undefined, panicCode: undefined }),
    message: /^call reverted without data$/,
  },

  // errors/da.ts
  DataHashMismatchError: {
    kind: "data",
    trigger: () => {
      const liar: DAStore = { put: () => Promise.resolve(), get: () => Promise.resolve(Uint8Array.of(1, 2, 3)) };
      return thrown(() => readVerified(liar, seededWord("data hash")));
    },
    fields: () => ({ actual: batchDataHash(Uint8Array.of(1, 2, 3)) }),
    message: /^DA store returned data hashing to 0x[0-9a-f]{64}, expected 0x[0-9a-f]{64}$/,
  },
  DataNotFoundError: {
    kind: "other",
    trigger: async () => {
      const directory = mkdtempSync(path.join(tmpdir(), "metis-da-errors-"));
      try {
        return await thrown(() => new FileDAStore(directory).get(ZERO_HASH));
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
    fields: () => ({ dataHash: ZERO_HASH }),
    message: /^DA store has no object 0x0{64}$/,
  },
  DAStoreUnavailableError: {
    kind: "other",
    trigger: async () => {
      const store = new sdk.S3DAStore({
        bucket: "metis-da",
        endpoint: `http://127.0.0.1:${await closedPort()}`,
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        retries: 1,
        retryDelayMs: 1,
      });
      try {
        return await thrown(() => store.get(ZERO_HASH));
      } finally {
        store.destroy();
      }
    },
    fields: () => ({ key: ZERO_HASH, attempts: 2 }),
    message: /^DA store unreachable for 0x0{64} after 2 attempts$/,
  },
  DASourceTimeoutError: {
    kind: "other",
    trigger: async () => {
      const silent: sdk.DataSource = { name: "silent", read: () => new Promise<never>(() => undefined) };
      const reader = new sdk.FallbackDataReader({ l2: silent, timeouts: { l2: 10 } });
      const error = (await thrown(() => reader.read({ ...SOME_HEADER }))) as sdk.DataUnavailableError;
      return error.failures[0]!.error;
    },
    fields: () => ({ source: "silent", timeoutMs: 10 }),
    message: /^DA source silent did not answer within 10 ms$/,
  },
  DataUnavailableError: {
    kind: "other",
    trigger: () => {
      const store = new sdk.MemoryDAStore();
      return thrown(() => new sdk.FallbackDataReader({ store }).read({ ...SOME_HEADER, dataHash: ZERO_HASH }));
    },
    fields: (error: sdk.DataUnavailableError) => ({
      dataHash: ZERO_HASH,
      failures: [{ source: "store", error: error.failures[0]!.error }],
    }),
    message: /^no source served data object 0x0{64}: store: DataNotFoundError: DA store has no object 0x0{64}$/,
  },
  InvalidDAOptionError: {
    kind: "argument",
    trigger: () => thrown(() => new sdk.FallbackDataReader({ timeouts: { store: 0 } })),
    fields: () => ({ option: "timeouts.store", value: 0, expected: "an integer of at least 1" }),
    message: /^DA option timeouts\.store is 0; it must be an integer of at least 1$/,
  },

  DADecompressionError: {
    kind: "data",
    // Reaching it takes a corrupted compressed object in S3: test/sdk/da/stores.test.ts plants one; here it is built.
    trigger: () => Promise.resolve(new sdk.DADecompressionError(ZERO_HASH)),
    fields: () => ({ key: ZERO_HASH }),
    message: /^DA store object 0x0{64} is compressed but does not decompress$/,
  },
  DAObjectTooLargeError: {
    kind: "data",
    // Reaching it takes an oversized object or a gzip bomb in S3: test/sdk/da/stores.test.ts plants both; here it is built.
    trigger: () => Promise.resolve(new sdk.DAObjectTooLargeError(ZERO_HASH, 1024, "decompressed")),
    fields: () => ({ key: ZERO_HASH, maxBytes: 1024, form: "decompressed" }),
    message: /^DA store object 0x0{64} is over the 1024-byte limit once decompressed$/,
  },
  DANotRequestedError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      const source = new sdk.L1DataSource({ l1: ethers.provider, daRequestManager: r.addresses.daRequestManager });
      return thrown(() => source.read({ ...SOME_HEADER }));
    },
    fields: () => ({ headerHash: headerHash(SOME_HEADER) }),
    message: /^no DA request against header 0x[0-9a-f]{64}, and no requester to raise one$/,
  },
  DARequestClosedError: {
    kind: "other",
    // Reaching it takes an expired or voided request: test/sdk/da/l1-source.test.ts does both; here it is built.
    trigger: () => Promise.resolve(new sdk.DARequestClosedError(SOME_WORD, "Expired")),
    fields: () => ({ headerHash: SOME_WORD, status: "Expired" }),
    message: /^the DA request against header 0x[0-9a-f]{64} ended unanswered: Expired$/,
  },
  DAAnswerMalformedError: {
    kind: "data",
    // Reaching it takes a lying L1 node: test/sdk/da/l1-source.test.ts serves tampered calldata; here it is built.
    trigger: () => Promise.resolve(new sdk.DAAnswerMalformedError(SOME_WORD, "chunk 0 is missing")),
    fields: () => ({ headerHash: SOME_WORD, reason: "chunk 0 is missing" }),
    message: /^DA answer for header 0x[0-9a-f]{64} is malformed: chunk 0 is missing$/,
  },
  DADeadlinePassedError: {
    kind: "other",
    // Reaching it takes a DA window run out: test/sdk/sequencer/da-answerer.test.ts does; here it is built.
    trigger: () => Promise.resolve(new sdk.DADeadlinePassedError(SOME_WORD, 86_400n)),
    fields: () => ({ headerHash: SOME_WORD, deadline: 86_400n }),
    message: /^the DA request against header 0x[0-9a-f]{64} closed at 86400: too late to answer$/,
  },
  DAChunkTooLargeError: {
    kind: "other",
    trigger: () => Promise.resolve(new sdk.DAChunkTooLargeError(3, 900_000n, 500_000n)),
    fields: () => ({ position: 3, gas: 900_000n, budget: 500_000n }),
    message: /^answer item 3 alone needs 900000 gas, over the chunk budget of 500000$/,
  },

  // errors/node.ts
  FeeVaultMismatchError: {
    kind: "other",
    // Someone sent the vault deployer's first transaction and put other code at the coinbase.
    trigger: async () => {
      const chain = await createL2Chain(hre);
      await bootstrapL2Bridge(chain);
      const deployer = new ethers.Wallet(L2_FEE_VAULT_DEPLOYER.privateKey, chain.provider);
      await (await chain.system.sendTransaction({ to: deployer.address, value: parseEther("0.01") })).wait();
      // A vault of the attacker's, with itself as the recipient.
      await (await new FeeVault__factory(deployer).deploy(L2_BRIDGE_ADDRESS, deployer.address)).waitForDeployment();
      return thrown(() => bootstrapFeeVault(chain, "0x00000000000000000000000000000000000000aa"));
    },
    fields: () => ({ address: L2_FEE_VAULT_ADDRESS, field: "code" }),
    message: /^the fee vault at 0x[0-9a-fA-F]{40} has code 0x[0-9a-f]{64}, expected 0x[0-9a-f]{64}$/,
  },
  PeerRequestError: {
    kind: "other",
    // A requester that is no member's signer key asks a peer's signing endpoint.
    trigger: async () => {
      const r = await rollup();
      const batchChain = await r.l1.batchChain.getAddress();
      const peer = r.sequencers[1]!;
      const server = await startPeerServer({ signer: peer, registry: r.l1.registry, batchChain });
      try {
        const auth = new ethers.Wallet(seededWord("peer request stranger"));
        const client = new PeerSigner({ address: peer.address, url: server.url, auth, batchChain, retries: 0 });
        return await thrown(() => client.signedFor({ batchIndex: 1n, parentHash: ZERO_HASH }));
      } finally {
        await server.close();
      }
    },
    fields: (error: sdk.PeerRequestError) => ({ code: 4010, url: error.url }),
    message:
      /^peer http:\/\/127\.0\.0\.1:\d+ refused \(4010\): 0x[0-9a-fA-F]{40} is no signer key of the current epoch$/,
  },
  PeerUnreachableError: {
    kind: "other",
    trigger: async () => {
      const url = `http://127.0.0.1:${await closedPort()}`;
      const auth = new ethers.Wallet(seededWord("peer unreachable"));
      const client = new PeerSigner({ address: SOME_ADDRESS, url, auth, batchChain: SOME_ADDRESS, retries: 0 });
      return thrown(() => client.signedFor({ batchIndex: 1n, parentHash: ZERO_HASH }));
    },
    fields: () => ({ attempts: 1 }),
    message: /^peer http:\/\/127\.0\.0\.1:\d+ did not answer after 1 attempt\(s\)$/,
  },
  L2BridgeMismatchError: {
    kind: "other",
    // Someone sent the system key's first transaction: a contract of theirs at the bridge's pinned address (a fee vault
    // whose recipient is them, standing in for any code).
    trigger: async () => {
      const chain = await createL2Chain(hre);
      await (
        await new FeeVault__factory(chain.system).deploy(chain.users[0]!.address, chain.users[0]!.address)
      ).waitForDeployment();
      return thrown(() => bootstrapL2Bridge(chain));
    },
    fields: () => ({ address: L2_BRIDGE_ADDRESS }),
    message:
      /^the contract at the L2 bridge's address 0x[0-9a-fA-F]{40} has code hash 0x[0-9a-f]{64}, expected 0x[0-9a-f]{64}$/,
  },
  DeployedAddressMismatchError: {
    kind: "other",
    // The system account's first transaction is not the bridge's creation, so the bridge lands past its pinned address.
    trigger: async () => {
      const chain = await createL2Chain(hre);
      await (await chain.system.sendTransaction({ to: chain.users[0]!.address, value: 1n })).wait();
      return thrown(() => bootstrapL2Bridge(chain));
    },
    fields: () => ({
      contract: "L2Bridge",
      expected: L2_BRIDGE_ADDRESS,
      actual: getCreateAddress({ from: L2_SYSTEM_ACCOUNT.address, nonce: 1 }),
    }),
    message: /^L2Bridge deployed at 0x[0-9a-fA-F]{40}, expected 0x[0-9a-fA-F]{40}$/,
  },
  MissingPeerDependencyError: {
    kind: "other",
    trigger: async () => {
      const error = await thrown(() => withoutPackage("hardhat", () => createL2Chain()));
      expect((error as Error).cause).to.include({ code: "MODULE_NOT_FOUND" });
      return error;
    },
    fields: () => ({ feature: "an in-process L2 chain", packageName: "hardhat", range: "^2" }),
    message: /^an in-process L2 chain needs the optional peer dependency hardhat \(npm install hardhat@\^2\)$/,
  },

  // errors/sequencer.ts
  SignerNotMemberError: {
    kind: "argument",
    trigger: () => {
      const stranger = seededWallet("stranger");
      const digest = seededWord("digest");
      return thrown(() => packQuorumSignatures(digest, [stranger.signingKey.sign(digest)], []));
    },
    fields: () => ({}),
    message: /^0x[0-9a-f]{40} is not a member of the current epoch$/,
  },
  DuplicateSignerError: {
    kind: "argument",
    trigger: () => {
      const member = seededWallet("member");
      const digest = seededWord("digest");
      const signature = member.signingKey.sign(digest);
      const error = thrown(() => packQuorumSignatures(digest, [signature, signature], [member.address]));
      return error.then((e) => {
        expect((e as { signer: string }).signer).to.equal(member.address.toLowerCase());
        return e;
      });
    },
    fields: () => ({}),
    message: /^0x[0-9a-f]{40} signed twice$/,
  },
  L2DataError: {
    kind: "data",
    trigger: async () => {
      const r = await rollup();
      return thrown(() => readRawL2Block(r.l2.provider, 1_000_000n));
    },
    fields: () => ({}),
    message: /^L2 block 1000000 does not exist$/,
  },
  EmptyBatchError: {
    kind: "argument",
    trigger: () => thrown(() => buildBatch(3n, ZERO_HASH, [])),
    fields: () => ({ batchIndex: 3n }),
    message: /^batch 3 would hold no L2 block; a batch holds at least one$/,
  },
  DepositEventsMissingError: {
    kind: "data",
    // Searching the logs only up to the block before the deposit finds none of it.
    trigger: async () => {
      const r = await rollup();
      const { receipt } = await depositETH(r.l1.bridge.connect(r.deployer), seededAddress("recipient"), 1n);
      return thrown(() => queuedDepositEvents(r.l1.bridge, 0n, 1n, 0, receipt.blockNumber - 1));
    },
    fields: () => ({ fromIndex: 0n, toIndex: 1n, found: 0 }),
    message: /^found 0 of deposits 0\.\.0 in the L1 logs$/,
  },
  HeaderMismatchError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
      const proposer = await scheduled(r);
      const { header } = await proposer.buildNextBatch();
      const peer = r.sequencers.find((s) => s !== proposer)!;
      return thrown(() => peer.sign({ ...header, txCount: header.txCount + 1 }));
    },
    fields: (error: { expected: unknown; proposed: unknown }) => ({
      field: "txCount",
      proposed: Number(error.expected) + 1,
    }),
    message: /^refusing to sign: txCount is \d+, this node derives \d+$/,
  },
  NothingToBatchError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      const { batch } = await proposeNext(r);
      const error = await thrown(async () => (await scheduled(r)).buildNextBatch());
      expect((error as { lastCommittedBlock: bigint }).lastCommittedBlock).to.equal(batch.header.lastBlock);
      return error;
    },
    fields: () => ({}),
    message: /^no L2 block after \d+ to batch$/,
  },
  NotScheduledError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      const proposer = await scheduled(r);
      const other = r.sequencers.find((s) => s !== proposer)!;
      const error = await thrown(() => other.propose([proposer]));
      expect(error).to.include({ scheduled: proposer.address, self: other.address });
      return error;
    },
    fields: () => ({}),
    message: /^0x[0-9a-fA-F]{40} is scheduled to propose now, not 0x[0-9a-fA-F]{40}$/,
  },
  QuorumNotReachedError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
      return thrown(async () => (await scheduled(r)).propose([]));
    },
    fields: () => ({ signedStake: STAKE, totalStake: 4n * STAKE, refusals: [] }),
    message: /more than two thirds is needed$/,
  },
  InvalidL2BlockError: {
    kind: "other",
    trigger: () => thrown(() => rawTransactionOf({ hash: seededWord("blob tx"), type: "0x3" }, 5n)),
    fields: () => ({ blockNumber: 5n, relayer: undefined }),
    message: /^L2 block 5 is invalid: transaction 0x[0-9a-f]{64} has type 3, which the L2 does not accept$/,
  },
  DepositRelayError: {
    kind: "other",
    // No relay fits a gas budget of one unit, so even the first deposit alone cannot be relayed.
    trigger: async () => {
      const r = await rollup();
      await depositETH(r.l1.bridge.connect(r.deployer), seededAddress("recipient"), 1n);
      return thrown(() => relayPendingDeposits(r.l1.bridge, relayerBridge(r), { gasBudget: 1n }));
    },
    fields: () => ({ index: 0n }),
    message: /^deposit 0 cannot be relayed to L2$/,
  },
  RolledBackHeaderError: {
    kind: "other",
    // Reaching it takes a rollback of a valid batch: the integration tests do that; here it is built.
    trigger: () => Promise.resolve(new sdk.RolledBackHeaderError(seededWord("header"), 4n)),
    fields: () => ({ blockNumber: 4n }),
    message: /^header 0x[0-9a-f]{64} over L2 block 4 was rolled back; waiting for another L2 block$/,
  },
  L2BlockNotFinalError: {
    kind: "other",
    // Reaching it takes two nodes that disagree on L1 finality (test/integration/adversarial.test.ts); here it is built.
    trigger: () => Promise.resolve(new sdk.L2BlockNotFinalError(9n, 3n, 2n)),
    fields: () => ({ blockNumber: 9n, depositCount: 3n, finalDepositCount: 2n }),
    message: /^L2 block 9 relays deposits up to 3; only 2 are final on L1 yet$/,
  },
  AlreadySignedError: {
    kind: "other",
    // A signer asked for a longer range of the same batch after the L2 grew.
    trigger: async () => {
      const r = await rollup();
      await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
      const proposer = await scheduled(r);
      const first = await proposer.buildNextBatch();
      const peer = r.sequencers.find((s) => s !== proposer)!;
      const signature = await peer.sign(first.header);
      await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
      const { header } = await proposer.buildNextBatch();
      const error = await thrown(() => peer.sign(header));
      expect(error).to.deep.include({
        signer: peer.address,
        signedHash: sdk.headerHash(first.header),
        signature,
        proposedHash: sdk.headerHash(header),
      });
      expect((error as sdk.AlreadySignedError).signedHeader).to.deep.equal(sdk.canonicalHeader(first.header));
      return error;
    },
    fields: () => ({}),
    message:
      /^refusing to sign 0x[0-9a-f]{64}: 0x[0-9a-fA-F]{40} already signed 0x[0-9a-f]{64} for batch 1 on parent 0x[0-9a-f]{64}$/,
  },
  UnverifiedParentError: {
    kind: "other",
    // Batch 1 on L1 is forged (its last block's withdrawal root); a signer asked for batch 2 on top of it.
    trigger: async () => {
      const r = await rollup();
      await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
      const { honest, forged } = await submitForgedParent(r);
      await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
      const { header } = await (await scheduled(r)).buildNextBatch();
      const error = await thrown(() => r.sequencers[0]!.sign(header));
      expect(error).to.deep.include({
        l1Hash: sdk.headerHash(forged.header),
        derivedHash: sdk.headerHash(honest.header),
      });
      return error;
    },
    fields: () => ({ batchIndex: 1n }),
    message:
      /^refusing to build on batch 1 \(0x[0-9a-f]{64}\): this node derives 0x[0-9a-f]{64} from L2 blocks 1\.\.\d+$/,
  },
  DepositDueError: {
    kind: "other",
    // A lazy proposer leaves out a deposit that is already overdue.
    trigger: async () => {
      const r = await rollup();
      await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
      const { receipt } = await depositETH(r.l1.bridge.connect(r.deployer), seededAddress("recipient"), 1n);
      const queuedAt = BigInt((await receipt.getBlock()).timestamp);
      const delay = await r.l1.batchChain.forceInclusionDelay();
      await time.increase(delay);
      const proposer = await scheduled(r);
      const lazy = new sdk.Sequencer({ ...proposer.config, relayDeposits: false });
      const { header } = await lazy.buildNextBatch();
      const error = await thrown(() => proposer.sign(header));
      expect(error).to.include({ deadline: queuedAt + delay, margin: 2n * (await r.l1.registry.rotationTimeout()) });
      return error;
    },
    fields: () => ({ depositIndex: 0n }),
    message: /^refusing to sign: deposit 0 is left out and overdue at \d+, within 7200 s$/,
  },
  SigningRecordCorruptError: {
    kind: "data",
    trigger: async () => {
      const directory = mkdtempSync(path.join(tmpdir(), "metis-record-"));
      try {
        const record = new FileSigningRecord(directory);
        await record.putPending({
          batchIndex: 1n,
          parentHash: ZERO_HASH,
          firstBlock: 1n,
          lastBlock: 1n,
          txCount: 0,
          txBatchRoot: ZERO_HASH,
          stateBatchRoot: ZERO_HASH,
          depositCount: 0n,
          depositChainHash: ZERO_HASH,
          dataHash: ZERO_HASH,
        });
        const [file] = readdirSync(path.join(directory, "pending"));
        writeFileSync(path.join(directory, "pending", file!), "{ torn");
        return await thrown(() => record.pending({ batchIndex: 1n, parentHash: ZERO_HASH }));
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
    fields: () => ({ reason: "not JSON" }),
    message: /^signing record .*pending.*\.json is corrupt: not JSON$/,
  },

  // errors/verifier.ts
  InvalidVerifierOptionError: {
    kind: "argument",
    trigger: async () => {
      const r = await rollup();
      return thrown(() => verifierOf(r, { chunkSize: 0 }));
    },
    fields: () => ({ option: "chunkSize", value: 0, expected: "an integer of at least 1" }),
    message: /^verifier option chunkSize is 0; it must be an integer of at least 1$/,
  },
  InvalidHeaderSignatureError: {
    kind: "argument",
    trigger: async () => {
      const { verifier } = await verifierOf(await rollup());
      return thrown(() => verifier.observe(SOME_HEADER, "0x1234"));
    },
    fields: () => ({ signature: "0x1234" }),
    message: /^not a recoverable header signature: 0x1234$/,
  },
  MalformedCursorError: {
    kind: "data",
    trigger: () => thrown(() => decodeCursor(JSON.stringify({ version: 1, chainId: "1", batches: [] }))),
    fields: () => ({}),
    message: /^malformed verifier cursor: cursor.batchChain is not 20 bytes$/,
  },
  CursorMismatchError: {
    kind: "other",
    // A cursor saved by a verifier of another BatchChain.
    trigger: async () => {
      const r = await rollup();
      const cursor = new MemoryCursorStore();
      await cursor.save({
        version: 1,
        chainId: 31337n,
        batchChain: SOME_ADDRESS,
        nextBlock: 5n,
        batches: [],
      });
      const { verifier } = await verifierOf(r, { cursor });
      return thrown(() => verifier.sync());
    },
    fields: () => ({ actual: `31337:${SOME_ADDRESS}` }),
    message: /^the verifier cursor follows 31337:0x[0-9a-f]{40}, this verifier 31337:0x[0-9a-f]{40}$/,
  },
  BatchSequenceError: {
    kind: "data",
    // Starting after BatchChain's deployment: the first log it reads is batch 1, not the genesis anchor.
    trigger: async () => {
      const r = await rollup();
      await transfers(r, 1);
      const { receipt } = await proposeNext(r);
      const { verifier } = await verifierOf(r, { startBlock: receipt.blockNumber });
      const error = await thrown(() => verifier.sync());
      expect(error).to.include({ l1Block: BigInt(receipt.blockNumber) });
      return error;
    },
    fields: () => ({ expectedIndex: 0n, actualIndex: 1n }),
    message: /^L1 block \d+ logs batch 1; the verifier expected batch 0$/,
  },
  ReplicaGenesisMismatchError: {
    kind: "other",
    // A replica whose block 0 is not the pinned genesis.
    trigger: async () => {
      const r = await rollup();
      const real = await createL2Replica(hre);
      const replica: Replica = {
        provider: real.provider,
        head: () => real.head(),
        block: async (number) => ({ ...(await real.block(number)), stateRoot: seededWord("another state") }),
        replay: (blocks) => real.replay(blocks),
        rewind: (toBlock) => real.rewind(toBlock),
      };
      const { verifier } = await verifierOf(r, { replica });
      return thrown(() => verifier.sync());
    },
    fields: () => ({}),
    message: /^the replica's genesis leaf is 0x[0-9a-f]{64}, batch 0 commits 0x[0-9a-f]{64}$/,
  },
  ReplicaDivergedError: {
    kind: "other",
    // A restart with a fresh replica from a cursor whose checked batch names another last block hash.
    trigger: async () => {
      const r = await rollup();
      await transfers(r, 1);
      await proposeNext(r);
      const cursor = new MemoryCursorStore();
      await (await verifierOf(r, { cursor })).verifier.sync();
      const saved = (await cursor.load())!;
      const [genesis, batch] = saved.batches as [BatchRecord, BatchRecord];
      const lastLeaf = { ...batch.lastLeaf!, leaf: { ...batch.lastLeaf!.leaf, blockHash: SOME_WORD } };
      await cursor.save({ ...saved, batches: [genesis, { ...batch, lastLeaf }] });
      return thrown(async () => (await verifierOf(r, { cursor })).verifier.sync());
    },
    fields: () => ({ batchIndex: 1n, expected: SOME_WORD }),
    message: /^replaying checked batch 1 gave block \d+ hash 0x[0-9a-f]{64}, expected 0x[0-9a-f]{64}$/,
  },
  ReplayDataMissingError: {
    kind: "other",
    // A restart with a fresh replica once the store has lost a checked batch's data, and no L2 RPC to rebuild it.
    trigger: async () => {
      const r = await rollup();
      await transfers(r, 1);
      const { batch } = await proposeNext(r);
      const cursor = new MemoryCursorStore();
      await (await verifierOf(r, { cursor })).verifier.sync();
      rmSync(path.join(r.store.directory, `${batch.header.dataHash as string}.rlp`));
      return thrown(async () => (await verifierOf(r, { cursor, l2: undefined })).verifier.sync());
    },
    fields: () => ({ batchIndex: 1n }),
    message: /^batch 1 must be replayed again, but neither the DA store nor the L2 has its data 0x[0-9a-f]{64}$/,
  },
  DisputeNotFoundError: {
    kind: "other",
    trigger: async () => {
      const { l1 } = await rollup();
      return thrown(() => waitForDispute(l1.disputeManager, SOME_WORD, { pollIntervalMs: 1 }));
    },
    fields: () => ({ id: SOME_WORD }),
    message: /^no execution dispute 0x[0-9a-f]{64}$/,
  },
  DisputeWaitTimeoutError: {
    kind: "other",
    trigger: async () => {
      const { r, id } = await committedVote();
      return thrown(() => waitForDispute(r.l1.disputeManager, id, { timeoutMs: 0 }));
    },
    fields: () => ({ status: "Revealing", timeoutMs: 0 }),
    message: /^execution dispute 0x[0-9a-f]{64} is still Revealing after 0 ms$/,
  },
  DisputeWaitAbortedError: {
    kind: "other",
    // Aborted while waiting: after the first read, the wait ends at once with the signal's reason as its cause.
    trigger: async () => {
      const { r, id } = await committedVote();
      const controller = new AbortController();
      return thrown(() =>
        waitForDispute(r.l1.disputeManager, id, {
          pollIntervalMs: 60_000,
          signal: controller.signal,
          onStatus: () => controller.abort("stop"),
        }),
      );
    },
    fields: () => ({ status: "Revealing", cause: "stop" }),
    message: /^waiting for execution dispute 0x[0-9a-f]{64} was aborted while it was Revealing$/,
  },
  VoteSaltMissingError: {
    kind: "other",
    // The voter restarts with an empty store: it committed, but the salt is gone.
    trigger: async () => {
      const { r, id, key, replica } = await committedVote();
      const restarted = voterOf(r, key, { judge: replicaJudge(replica), store: new MemoryCursorStore() });
      return thrown(() => restarted.reveal(id));
    },
    fields: () => ({ voter: VOTER_ADDRESS }),
    message: /^0x[0-9a-f]{40} committed in dispute 0x[0-9a-f]{64}, but its store holds no salt to reveal with$/,
  },
  VoteRecordMismatchError: {
    kind: "data",
    // The store's salt was altered: the ballot no longer hashes to the commitment the registry holds.
    trigger: async () => {
      const { r, id, key, store, replica } = await committedVote();
      const saved = (await store.loadVotes())!;
      await store.saveVotes({ ...saved, votes: saved.votes.map((vote) => ({ ...vote, salt: SOME_WORD })) });
      const restarted = voterOf(r, key, { judge: replicaJudge(replica), store });
      const error = await thrown(() => restarted.reveal(id));
      const [commitment] = await r.l1.verifierRegistry.ballotOf(id, key.address);
      expect(error).to.include({ expected: commitment, actual: voteCommitment(id, false, SOME_WORD, key.address) });
      return error;
    },
    fields: () => ({ voter: VOTER_ADDRESS }),
    message:
      /^the stored vote of 0x[0-9a-f]{40} in dispute 0x[0-9a-f]{64} commits to 0x[0-9a-f]{64}, the registry holds 0x[0-9a-f]{64}$/,
  },
  NoVoteWeightError: {
    kind: "other",
    // A verifier that staked after the dispute opened.
    trigger: async () => {
      const { r, id, replica } = await committedVote();
      const late = await verifierKey(r, 11, parseEther("1000"));
      const { openedAt } = await r.l1.disputeManager.executionDispute(id);
      const error = await thrown(() => voterOf(r, late, { judge: replicaJudge(replica) }).commit(id, true));
      expect(error).to.include({ id, voter: late.address.toLowerCase(), openedAt });
      return error;
    },
    fields: () => ({}),
    message:
      /^0x[0-9a-f]{40} had no verifier stake when dispute 0x[0-9a-f]{64} opened \(at \d+\), so it cannot vote in it$/,
  },
  // errors/governance.ts
  UnknownParameterError: {
    kind: "argument",
    trigger: () => thrown(() => sdk.checkParameter("fraudWindowTypo", 1n)),
    fields: () => ({ parameter: "fraudWindowTypo", contract: undefined }),
    message: /^no governance parameter named fraudWindowTypo$/,
  },
  ParameterOutOfBoundsError: {
    kind: "argument",
    trigger: () => thrown(() => sdk.checkParameter("fraudProofWindow", 60n)),
    fields: () => ({ parameter: "fraudProofWindow", value: 60n, min: 3_600n, max: 604_800n }),
    message: /^fraudProofWindow = 60 is outside its bounds \[3600, 604800\]$/,
  },
  InvalidProposalError: {
    kind: "argument",
    trigger: () => thrown(() => sdk.proposalOf(MetisGovernor__factory.connect(SOME_ADDRESS, ethers.provider), [], "")),
    fields: () => ({}),
    message: /^invalid proposal: no actions$/,
  },
  UnknownProposalError: {
    kind: "other",
    trigger: async () => thrown(async () => sdk.proposalStatus((await rollup()).l1.governor, 42n)),
    fields: () => ({ proposalId: 42n }),
    message: /^no proposal 42$/,
  },
  ProposalNotReadyError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      const governor = r.l1.governor.connect(r.deployer);
      await (await r.l1.token.connect(r.deployer).delegate(await r.deployer.getAddress())).wait();
      await time.increase(1);
      const action = await sdk.parameterChangeAction(r.l1, {
        contract: "batchChain",
        parameter: "fraudProofWindow",
        value: 86_400,
      });
      const { proposal } = await sdk.propose(governor, [action], "a day's fraud window");
      return thrown(() => sdk.queue(governor, proposal));
    },
    fields: () => ({ step: "queue", state: "Pending", expected: "Succeeded", secondsLeft: 86_401n }),
    message: /^cannot queue proposal \d+: it is Pending, not Succeeded \(86401 s left\)$/,
  },
  // errors/pause.ts
  InvalidMaintenanceWindowError: {
    kind: "argument",
    trigger: () =>
      thrown(() =>
        sdk.checkMaintenanceWindow(100n, 3_600n, { now: 0n, notice: 86_400n, maxDuration: 43_200n, known: [] }),
      ),
    fields: () => ({ reason: "MaintenanceTooSoon", start: 100n, duration: 3_600n }),
    message: /^maintenance window at 100 for 3600s: starts before 86400$/,
  },
  InvalidRewardsOptionError: {
    kind: "argument",
    trigger: async () => {
      const r = await rollup();
      return thrown(() => sdk.settleBatches({ pool: r.l1.rewardPool, batchChain: r.l1.batchChain, maxBatches: 0 }));
    },
    fields: () => ({ option: "maxBatches", value: 0, expected: "a positive integer" }),
    message: /^rewards option maxBatches is 0; it must be a positive integer$/,
  },
  RewardPoolNotConfiguredError: {
    kind: "argument",
    trigger: async () => {
      const r = await rollup();
      const config: { rewardPool?: string } & sdk.SequencerConfig = { ...r.sequencers[0]!.config };
      delete config.rewardPool; // rollupAddresses names it
      return thrown(() => new sdk.Sequencer(config).claimRewards());
    },
    fields: () => ({}),
    message: /^no reward pool configured: set `rewardPool` in the sequencer's config$/,
  },
  CreditedSignersUnknownError: {
    kind: "data",
    // A batch settled for one signer, and an L1 node that pruned the pool's logs.
    trigger: async () => {
      const r = await rollup();
      await proposeNext(r);
      await time.increase(Number(await r.l1.batchChain.fraudProofWindow()) + 1);
      await (await r.l1.token.approve(await r.l1.rewardPool.getAddress(), parseEther("10"))).wait();
      await (await r.l1.rewardPool.fund(parseEther("10"))).wait();
      const batch = await submittedBatch(r.l1.batchChain, 1n);
      const [entry] = sdk.signatureEntries(batch.signatures, (await r.l1.batchChain.headerDigest(batch.header)) as Hex);
      await (await r.l1.rewardPool.settle(batch.header, entry!.entry, [], 0, 0)).wait();
      const pruned = new Proxy(r.l1.rewardPool, {
        get: (target, property, receiver) =>
          property === "queryFilter" ? () => Promise.resolve([]) : (Reflect.get(target, property, receiver) as unknown),
      });
      const error = await thrown(() => sdk.settleBatches({ pool: pruned, batchChain: r.l1.batchChain }));
      expect(error).to.include({
        expected: await r.l1.rewardPool.creditedHash(batch.headerHash),
        found: ZeroHash,
      });
      return error;
    },
    fields: () => ({ batchIndex: 1n }),
    message: /^batch 1: the BatchSettled logs give credited keys hashing to 0x0{64}, the pool holds 0x[0-9a-f]{64}$/,
  },

  // errors/deployment.ts
  DeploymentNotFoundError: {
    kind: "other",
    trigger: () => thrown(() => sdk.getDeployment(999_999)),
    fields: () => ({ chainId: 999_999 }),
    message: /^no Metis deployment known for chain 999999; pass one or call registerDeployment$/,
  },
  InvalidDeploymentError: {
    kind: "argument",
    trigger: () => thrown(() => sdk.parseDeployment({ network: "x y" })),
    fields: () => ({ field: "network", reason: "is not a network name (letters, digits, '-' and '_')" }),
    message: /^invalid deployment: network is not a network name/,
  },
  DeploymentConflictError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      const deployment = await deploymentOf(r);
      sdk.registerDeployment(deployment);
      try {
        const other = { ...deployment, contracts: { ...deployment.contracts, batchChain: seededAddress("other") } };
        return await thrown(() => sdk.registerDeployment(other));
      } finally {
        sdk.clearRegisteredDeployments();
      }
    },
    fields: () => ({ l1ChainId: 31337, l2ChainId: 41088, existing: "hardhat" }),
    message: /^a deployment \(hardhat\) is already registered for L1 chain 31337 and L2 chain 41088$/,
  },
  DeploymentChainMismatchError: {
    kind: "other",
    trigger: async () => {
      const deployment = await deploymentOf(await rollup());
      return thrown(() => sdk.checkDeployment({ ...deployment, l1ChainId: 5 }, { l1: ethers.provider }));
    },
    fields: () => ({ network: "hardhat", chain: "L1", expected: 5, actual: 31337 }),
    message: /^deployment hardhat is on L1 chain 5, but the L1 provider serves chain 31337$/,
  },
  DeploymentCodeMissingError: {
    kind: "other",
    trigger: async () => {
      const deployment = await deploymentOf(await rollup());
      const contracts = { ...deployment.contracts, rewardPool: SOME_ADDRESS };
      return thrown(() => sdk.checkDeployment({ ...deployment, contracts }, { l1: ethers.provider }));
    },
    fields: () => ({ network: "hardhat", contract: "rewardPool", chain: "L1", address: SOME_ADDRESS }),
    message: /^deployment hardhat: no code for rewardPool at 0x0{38}a1 on L1$/,
  },
  MissingEnvironmentVariableError: {
    kind: "argument",
    trigger: () => thrown(() => requireEnv("METIS_TEST_NEVER_SET", "a test's purpose")),
    fields: () => ({ variable: "METIS_TEST_NEVER_SET", purpose: "a test's purpose" }),
    message: /^environment variable METIS_TEST_NEVER_SET is not set \(a test's purpose\)$/,
  },
  NetworkConfigNotFoundError: {
    kind: "argument",
    trigger: () => thrown(() => loadNetworkConfig("nowhere", path.join(__dirname, "..", ".."))),
    fields: (error: sdk.NetworkConfigNotFoundError) => ({ network: "nowhere", tried: error.tried }),
    message: /^no deploy config for network nowhere \(tried .*deploy\/networks\/nowhere\.ts, .*nowhere\.js\)/,
  },
  InvalidTaskArgumentError: {
    kind: "argument",
    trigger: () => thrown(() => addressArg("--to", "carol")),
    fields: () => ({ argument: "--to", reason: "carol is not an address" }),
    message: /^invalid --to: carol is not an address$/,
  },
  DeploymentWiringError: {
    kind: "other",
    trigger: async () => {
      // The timelock as the "deployer": it holds DEFAULT_ADMIN_ROLE, which a deployer must not keep.
      const { contracts } = await deploymentOf(await rollup());
      return thrown(() => checkWiring(contracts, contracts.timelock, ethers.provider));
    },
    fields: () => ({ contract: "registry", role: "DEFAULT_ADMIN_ROLE", expected: false }),
    message: /^registry: 0x[0-9a-f]{40} still holds DEFAULT_ADMIN_ROLE$/,
  },
  PartialDeploymentError: {
    kind: "other",
    // Thrown by deployNetwork against real nodes (test/deploy/deploy.test.ts: a stopped run is refused); here its shape.
    trigger: () =>
      thrown(() => {
        throw new sdk.PartialDeploymentError("localhost", "a pending deployment file", "delete it to deploy afresh");
      }),
    fields: () => ({
      network: "localhost",
      found: "a pending deployment file",
      resolution: "delete it to deploy afresh",
    }),
    message:
      /^an earlier deployment to localhost did not finish: a pending deployment file; delete it to deploy afresh$/,
  },
  DeploymentAddressMissingError: {
    kind: "argument",
    trigger: async () => {
      const r = await rollup();
      return thrown(() => new sdk.Verifier({ l1: ethers.provider, store: r.store, replica: {} as Replica }));
    },
    fields: () => ({ client: "Verifier", field: "batchChain" }),
    message: /^Verifier needs a deployment or the batchChain address$/,
  },
  DeploymentAddressMismatchError: {
    kind: "argument",
    trigger: async () => {
      const r = await rollup();
      const deployment = await deploymentOf(r);
      const key = r.sequencers[0]!.config.key;
      return thrown(
        () => new sdk.Sequencer({ deployment, key, l2: r.l2.provider, store: r.store, l1Bridge: r.addresses.registry }),
      );
    },
    fields: (error: sdk.DeploymentAddressMismatchError) => ({
      client: "Sequencer",
      field: "l1Bridge",
      given: error.given,
    }),
    message: /^Sequencer: l1Bridge 0x[0-9a-fA-F]{40} is not the deployment's 0x[0-9a-f]{40}$/,
  },
  DeploymentGenesisMismatchError: {
    kind: "other",
    trigger: async () => {
      const r = await rollup();
      const deployment = await deploymentOf(r);
      const wrong = { ...deployment, genesis: { ...deployment.genesis, stateRoot: seededWord("wrong genesis") } };
      const { verifier } = await verifierOf(r, { deployment: sdk.parseDeployment(wrong) });
      return thrown(() => verifier.sync());
    },
    fields: (error: sdk.DeploymentGenesisMismatchError) => ({ expected: error.expected }),
    message: /^the deployment's genesis leaf is 0x[0-9a-f]{64}, batch 0 commits 0x[0-9a-f]{64}$/,
  },
  InvalidLogScanOptionError: {
    kind: "argument",
    trigger: async () => {
      const r = await rollup();
      return thrown(() => new sdk.Challenger({ signer: r.deployer, ...r.addresses, logChunk: 0 }));
    },
    fields: () => ({ option: "logChunk", value: 0, expected: "a positive integer" }),
    message: /^logChunk 0 is not a positive integer$/,
  },
};

/** Abstract classes: never thrown themselves, checked through every concrete error's `instanceof` chain. */
const ABSTRACT = new Set(["MetisError", "MetisArgumentError", "MetisDataError"]);

/** Every error class exported by a module of sdk/src/errors, by name. */
async function exportedErrorClasses(): Promise<Map<string, ErrorClass>> {
  const directory = path.join(__dirname, "../../sdk/src/errors");
  const classes = new Map<string, ErrorClass>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith(".ts"))) {
    const module = (await import(path.join(directory, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === "function" && value.prototype instanceof Error) classes.set(name, value as ErrorClass);
    }
  }
  return classes;
}

describe("SDK errors", function () {
  after(removeRollupDirectories);

  describe("every exported error class", function () {
    it("has a case in this file, and is exported from the package root", async function () {
      const classes = await exportedErrorClasses();
      const concrete = [...classes.keys()].filter((name) => !ABSTRACT.has(name)).sort();
      expect(concrete, "an error class without a case in test/sdk/errors.test.ts").to.deep.equal(
        Object.keys(CASES).sort(),
      );
      for (const name of classes.keys()) expect(sdk, `${name} missing from sdk/src/index.ts`).to.have.property(name);
      for (const name of ABSTRACT) expect(classes.has(name), name).to.equal(true);
    });
  });

  for (const [name, { kind, trigger, fields, message }] of Object.entries(CASES)) {
    it(`${name}: thrown by the SDK with its name, kind, message and fields`, async function () {
      const error = await trigger();
      const ErrorClass = (sdk as unknown as Record<string, ErrorClass>)[name]!;
      expect(error).to.be.instanceOf(ErrorClass);
      expect(error).to.be.instanceOf(MetisError);
      expect(error).to.be.instanceOf(Error);
      expect(error instanceof MetisArgumentError, "an argument error").to.equal(kind === "argument");
      expect(error instanceof MetisDataError, "a data error").to.equal(kind === "data");
      const typed = error as MetisError;
      expect(typed.name).to.equal(name);
      expect(typed.message).to.match(message);
      for (const [field, value] of Object.entries(fields(error as never))) {
        expect((typed as unknown as Record<string, unknown>)[field], field).to.deep.equal(value);
      }
    });
  }

  describe("decodeRevert", function () {
    const INTERFACES = {
      BatchChain: BatchChain__factory.createInterface(),
      SequencerRegistry: SequencerRegistry__factory.createInterface(),
      L1Bridge: L1Bridge__factory.createInterface(),
      L2Bridge: L2Bridge__factory.createInterface(),
      MetisToken: MetisToken__factory.createInterface(),
      DisputeManager: DisputeManager__factory.createInterface(),
    };

    const deployer = async () => (await ethers.getSigners())[0]!;
    /** The token's metadata getters, which OddMetadataToken answers from its fallback. */
    const metadataOf = (token: BaseContract) =>
      IERC20Metadata__factory.connect(token.target as string, ethers.provider);

    /** What decodeRevert makes of the error `run` rejects with, checking it keeps the original as `cause`. */
    async function decoded(run: () => Promise<unknown>): Promise<unknown> {
      const error = await thrown(run);
      const result = decodeRevert(error, INTERFACES);
      expect((result as Error).cause).to.equal(error);
      return result;
    }

    it("names the contract, error and values of a custom error of each contract", async function () {
      const r = await rollup();
      const [, stranger] = await ethers.getSigners();
      const cases: [string, string, () => Promise<unknown>, Record<string, unknown>][] = [
        ["BatchChain", "BatchChainUnknownBatch", () => r.l1.batchChain.headerHash(99n), { batchIndex: 99n }],
        [
          "SequencerRegistry",
          "SequencerRegistryNothingToClaim",
          () => r.l1.registry.connect(stranger).claim(),
          { account: stranger!.address },
        ],
        ["L1Bridge", "L1BridgeZeroRecipient", () => r.l1.bridge.depositETH(ZeroAddress, { value: 1n }), {}],
        [
          "DisputeManager",
          "DisputeManagerParameterOutOfRange",
          async () => r.l1.disputeManager.connect(await governanceSigner(r.l1)).setFraudSlashBps(1n),
          { value: 1n, min: 500n, max: 10_000n },
        ],
        ["L2Bridge", "L2BridgeZeroAmount", () => r.l2Bridge.connect(r.l2.users[0]!).withdraw(ZeroAddress), {}],
        [
          "MetisToken",
          "ERC20InsufficientBalance",
          () => r.l1.token.connect(stranger).transfer(r.addresses.l1Bridge, 5n),
          { sender: stranger!.address, balance: 0n, needed: 5n },
        ],
      ];
      for (const [contract, errorName, run, args] of cases) {
        const error = await decoded(run);
        expect(error, errorName).to.be.instanceOf(ContractRevertError);
        expect(error).to.deep.include({ contract, errorName, args });
      }
    });

    it("leaves a custom error of a contract it was not given unknown, with its data", async function () {
      const token = await new OddMetadataToken__factory(await deployer()).deploy(0);
      const error = await decoded(() => token.transferFrom(seededAddress("owner"), seededAddress("to"), 1n));
      expect(error).to.be.instanceOf(UnknownRevertError);
      const selector = token.interface.getError("OddMetadataTokenInsufficient")!.selector;
      expect((error as UnknownRevertError).data).to.equal(selector);
      expect((error as UnknownRevertError).message).to.equal(`call reverted with unrecognised data ${selector}`);
    });

    it("reads a string revert's reason without blaming any contract given", async function () {
      const token = await new OddMetadataToken__factory(await deployer()).deploy(2); // Reverting
      const error = await decoded(() => metadataOf(token).name());
      expect(error).to.be.instanceOf(UnknownRevertError);
      expect(error).to.include({ reason: "no metadata here", panicCode: undefined });
      expect((error as Error).message).to.equal('call reverted with Error("no metadata here")');
    });

    it("reads a panic's code without blaming any contract given", function () {
      const data = concat([
        dataSlice(id("Panic(uint256)"), 0, 4),
        AbiCoder.defaultAbiCoder().encode(["uint256"], [0x11]),
      ]);
      const error = decodeRevert({ code: "CALL_EXCEPTION", data }, INTERFACES);
      expect(error).to.be.instanceOf(UnknownRevertError);
      expect(error).to.include({ panicCode: 0x11n, reason: undefined, data });
      expect((error as Error).message).to.equal("call reverted with Panic(0x11)");
    });

    it("turns a revert without data into an UnknownRevertError without data", async function () {
      const token = await new OddMetadataToken__factory(await deployer()).deploy(0); // Missing
      const error = await decoded(() => metadataOf(token).name());
      expect(error).to.be.instanceOf(UnknownRevertError);
      expect(error).to.include({ data: undefined, reason: undefined, panicCode: undefined });
    });

    it("returns an error that is no revert unchanged", function () {
      const network = Object.assign(new Error("connection refused"), { code: "NETWORK_ERROR" });
      expect(decodeRevert(network, INTERFACES)).to.equal(network);
    });
  });
});
