/**
 * `npm run bench:merkle [-- --json]`: time to build a Merkle root over 2^10 .. 2^20 leaves with the SDK, with
 * merkletreejs fed the `keccak256` npm package as its README shows, and with @openzeppelin/merkle-tree's
 * SimpleMerkleTree (sorted, commutative: a different tree, listed only as a reference point); the time to verify
 * one proof with the SDK; and the gas of MerkleLib.verify per level on the Hardhat network (osaka).
 *
 * Every builder gets its input in the form its documentation uses and already made: hex strings for the SDK and
 * OpenZeppelin, Buffers for merkletreejs. The SDK's time therefore includes parsing the hex.
 */
import { SimpleMerkleTree } from "@openzeppelin/merkle-tree";
import { hexlify, randomBytes } from "ethers";
import hre from "hardhat";
import keccak256 from "keccak256";
import { MerkleTree as MerkleTreeJs } from "merkletreejs";

import { merkleRoot, MerkleTree, verifyMerkleProof, type Hex } from "../../sdk/src/proof";
import { pairHasher } from "../../sdk/src/proof/keccak/pair-hasher";

import { printTable, wantsJson } from "./table";

const SIZES = [2 ** 10, 2 ** 14, 2 ** 17, 2 ** 20];
const VERIFY_ITERATIONS = 20_000;
const GAS_HEIGHTS = [0, 1, 2, 4, 8, 10, 16, 20, 32];

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

/** Median of `runs` timings of `run`, in milliseconds. */
function medianMs(runs: number, run: () => unknown): number {
  const samples = Array.from({ length: runs }, () => time(run)[1]).sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)]!;
}

interface Row {
  leaves: number;
  sdkMs: number;
  sdkFullTreeMs: number;
  merkletreejsMs: number;
  ozSimpleMs: number;
  speedupVsMerkletreejs: number;
  verifyUs: number;
}

function measure(leafCount: number): Row {
  const leaves = Array.from({ length: leafCount }, () => hexlify(randomBytes(32)) as Hex);
  const buffers = leaves.map((leaf) => Buffer.from(leaf.slice(2), "hex"));

  const sdkMs = medianMs(leafCount >= 2 ** 17 ? 3 : 7, () => merkleRoot(leaves));
  const merkletreejsMs = medianMs(leafCount >= 2 ** 17 ? 1 : 3, () => new MerkleTreeJs(buffers, keccak256).getRoot());
  const ozSimpleMs = time(() => SimpleMerkleTree.of(leaves).root)[1];

  const [tree, sdkFullTreeMs] = time(() => MerkleTree.from(leaves));
  if (tree.root !== merkleRoot(leaves)) throw new Error("merkleRoot and MerkleTree disagree");
  const index = leafCount - 3;
  const parameters = { root: tree.root, leaf: leaves[index]!, index, proof: tree.proof(index), height: tree.height };
  if (!verifyMerkleProof(parameters)) throw new Error("benchmark proof does not verify");
  const verifyMs = medianMs(5, () => {
    for (let i = 0; i < VERIFY_ITERATIONS; i++) verifyMerkleProof(parameters);
  });
  return {
    leaves: leafCount,
    sdkMs: round(sdkMs),
    sdkFullTreeMs: round(sdkFullTreeMs),
    merkletreejsMs: round(merkletreejsMs),
    ozSimpleMs: round(ozSimpleMs),
    speedupVsMerkletreejs: round(merkletreejsMs / sdkMs),
    verifyUs: round((verifyMs * 1000) / VERIFY_ITERATIONS),
  };
}

const round = (value: number): number => Math.round(value * 100) / 100;

async function measureGas(): Promise<(string | number)[][]> {
  await hre.run("compile", { quiet: true });
  const harness = await hre.ethers.deployContract("MerkleLibHarness");
  const rows: (string | number)[][] = [];
  let base = 0;
  for (const height of GAS_HEIGHTS) {
    const leaves = Array.from({ length: 2 ** Math.min(height, 12) }, () => hexlify(randomBytes(32)) as Hex);
    const tree = MerkleTree.from(leaves, { depth: height });
    const proof = tree.proof(1 % leaves.length);
    const [valid, gasUsed] = await harness.verifyGas(
      proof,
      tree.root,
      leaves[1 % leaves.length]!,
      1 % leaves.length,
      height,
    );
    if (!valid) throw new Error(`gas benchmark proof of height ${height} does not verify`);
    const transaction = await harness.verify.estimateGas(
      proof,
      tree.root,
      leaves[1 % leaves.length]!,
      1 % leaves.length,
      height,
    );
    if (height === 0) base = Number(gasUsed);
    const perLevel = height === 0 ? "-" : round((Number(gasUsed) - base) / height);
    rows.push([height, Number(gasUsed), perLevel, Number(transaction)]);
  }
  return rows;
}

async function main(): Promise<void> {
  measure(2 ** 12); // warm-up: JIT and the WebAssembly tier-up, for every library alike
  const rows = SIZES.map(measure);
  printTable(
    `Merkle root build (keccak engine: ${pairHasher().engine}; root: median of runs; full tree: one run with every ` +
      "level kept for proofs; verify: one proof of the tree's height)",
    [
      "leaves",
      "SDK root ms",
      "SDK full tree ms",
      "merkletreejs ms",
      "OZ SimpleMerkleTree ms",
      "merkletreejs / SDK",
      "OZ / SDK",
      "SDK verify us",
    ],
    rows.map((r) => [
      r.leaves,
      r.sdkMs,
      r.sdkFullTreeMs,
      r.merkletreejsMs,
      r.ozSimpleMs,
      r.speedupVsMerkletreejs,
      round(r.ozSimpleMs / r.sdkMs),
      r.verifyUs,
    ]),
  );
  printTable(
    "MerkleLib.verify gas (hardfork osaka; execution measured with gasleft around the library call; transaction = eth_estimateGas of a call)",
    ["height", "execution gas", "gas per level", "transaction gas"],
    await measureGas(),
  );
  if (wantsJson()) {
    const { leaves, sdkMs, merkletreejsMs, ozSimpleMs, speedupVsMerkletreejs, verifyUs } = rows[rows.length - 1]!;
    console.log(JSON.stringify({ leaves, sdkMs, merkletreejsMs, ozSimpleMs, speedupVsMerkletreejs, verifyUs }));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
