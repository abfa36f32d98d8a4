import { expect } from "chai";

import { buildEncodingVectors, buildMerkleVectors } from "../../../scripts/vectors/build-vectors";
import encodingVectors from "../../vectors/encodings.json";
import merkleVectors from "../../vectors/merkle.json";

describe("golden vectors", function () {
  it("test/vectors/merkle.json is what the SDK computes (run `npm run vectors` after a deliberate change)", function () {
    expect(JSON.parse(JSON.stringify(buildMerkleVectors()))).to.deep.equal(merkleVectors);
  });

  it("test/vectors/encodings.json is what the SDK computes", function () {
    expect(JSON.parse(JSON.stringify(buildEncodingVectors()))).to.deep.equal(encodingVectors);
  });

  it("cover tree sizes 0, 1, 2, 3, 5, 8, 9 and 1000", function () {
    expect(merkleVectors.trees.map((tree) => tree.size)).to.deep.equal([0, 1, 2, 3, 5, 8, 9, 1000]);
  });
});
