/** Writes the golden vectors of `build-vectors.ts` to `test/vectors/`. Run with `npm run vectors`. */
import { writeFileSync } from "node:fs";
import path from "node:path";

import { buildEncodingVectors, buildMerkleVectors } from "./build-vectors";

const directory = path.join(__dirname, "..", "..", "test", "vectors");
for (const [file, vectors] of [
  ["merkle.json", buildMerkleVectors()],
  ["encodings.json", buildEncodingVectors()],
] as const) {
  writeFileSync(path.join(directory, file), `${JSON.stringify(vectors, null, 2)}\n`);
  console.log(`wrote test/vectors/${file}`);
}
