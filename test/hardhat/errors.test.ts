import { expect } from "chai";

import { metisTimelockInterface } from "../../sdk/src/contracts/connectors";
import { InvalidTaskArgumentError } from "../../sdk/src/errors/hardhat";
import { printError } from "../../sdk/src/hardhat/errors";

/** What printError writes for `error`. */
function printed(error: unknown): string {
  let text = "";
  printError(error, { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream);
  return text;
}

describe("hardhat tasks: printed errors", function () {
  it("prints a MetisError by its name and message", function () {
    const error = new InvalidTaskArgumentError("--amount", "-1 is not a positive amount");
    expect(printed(error)).to.equal(`InvalidTaskArgumentError: ${error.message}\n`);
  });

  it("decodes a raw revert of any protocol contract (a constructor's, during a deployment) and prints it by name", function () {
    // What ethers throws when MetisTimelock's constructor refuses a 2-day delay: the revert data, undecoded.
    const data = metisTimelockInterface().encodeErrorResult("MetisTimelockDelayOutOfRange", [
      172_800n,
      1_209_600n,
      2_592_000n,
    ]);
    const raw = Object.assign(new Error("execution reverted (unknown custom error)"), { code: "CALL_EXCEPTION", data });
    expect(printed(raw)).to.equal(
      "ContractRevertError: MetisTimelock reverted with MetisTimelockDelayOutOfRange(value=172800, min=1209600, max=2592000)\n",
    );
  });

  it("prints an error that is no revert with its stack", function () {
    const error = new Error("connect ECONNREFUSED 127.0.0.1:1");
    expect(printed(error)).to.equal(`${error.stack}\n`);
  });
});
