/**
 * README.md's quick starts are the files of examples/ that the packed-package test runs: each between its markers,
 * written by `npm run readme:examples` (scripts/readme-examples.ts).
 */
import { readFileSync } from "node:fs";

import { expect } from "chai";

import {
  README_EXAMPLES,
  README_PATH,
  ReadmeMarkerError,
  exampleSource,
  readmeExample,
  withExamples,
} from "../../scripts/lib/readme-examples";

describe("README quick starts", function () {
  for (const example of README_EXAMPLES) {
    it(`README.md's ${example.name} block is ${example.file}`, function () {
      const readme = readFileSync(README_PATH, "utf8");
      expect(readmeExample(readme, example.name), `run npm run readme:examples`).to.equal(exampleSource(example));
    });
  }

  it("writes each example between its markers and fails on a missing pair", function () {
    const markers = README_EXAMPLES.map((e) => `<!-- example:${e.name} -->\nold\n<!-- /example:${e.name} -->`);
    const written = withExamples(`# Title\n\n${markers.join("\n\n")}\n`);
    for (const example of README_EXAMPLES) {
      expect(readmeExample(written, example.name)).to.equal(exampleSource(example));
    }
    // Idempotent: writing again changes nothing.
    expect(withExamples(written)).to.equal(written);
    const missing = markers.slice(1).join("\n\n");
    expect(() => withExamples(missing)).to.throw(ReadmeMarkerError, "example:dapp");
    expect(() => readmeExample(missing, "dapp")).to.throw(ReadmeMarkerError, "is missing");
  });
});
