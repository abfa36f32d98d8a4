import { readFileSync } from "node:fs";

import { expect } from "chai";

import { getDeployment, parseDeployment } from "../../sdk/src/deployments";
import { KNOWN_DEPLOYMENTS } from "../../sdk/src/deployments/known";
import { KNOWN_FILE, knownSource, readDeployments } from "../../scripts/lib/deployment-file";

describe("deployments/*.json and sdk/src/deployments/known.ts", function () {
  it("ship the same deployments, in file-name order", function () {
    const files = readDeployments();
    expect(files.length).to.be.greaterThan(0);
    expect(KNOWN_DEPLOYMENTS.map((d) => parseDeployment(d))).to.deep.equal(files);
  });

  it("known.ts is exactly what writeDeployment generates from the files (regenerate with scripts/deploy.ts)", async function () {
    expect(readFileSync(KNOWN_FILE, "utf8")).to.equal(await knownSource(readDeployments()));
  });

  it("the localhost deployment is found by its L1 and its L2 chain id", function () {
    expect(getDeployment(31337).network).to.equal("localhost");
    expect(getDeployment(41088).network).to.equal("localhost");
  });
});
