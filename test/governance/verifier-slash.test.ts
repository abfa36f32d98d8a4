/**
 * Governance slashing of a verifier: VerifierRegistry.slash(verifier, bps, reason), GOVERNOR_ROLE (the timelock)
 * only. It takes the stake to the treasury through the strike-out path (credited, pulled), removes the verifier and
 * names the reason; bad input and strangers revert with exact errors and change nothing.
 */
import { expect } from "chai";
import { id } from "ethers";

import { BPS } from "../../sdk/src/proof/constants";
import { VERIFIER_STAKES, VerifierStatus, execution } from "../helpers/execution-fixture";
import { governanceSigner } from "../helpers/governance";
import { removeRollupDirectories } from "../helpers/rollup";

const REASON = id("voted from a leaked key");

describe("VerifierRegistry.slash: governance slashing", function () {
  after(removeRollupDirectories);

  it("slashes to the treasury, removes the verifier from later votes, and names the reason", async function () {
    const x = await execution();
    const v = x.verifiers[1]!;
    const governance = x.vr.connect(await governanceSigner(x.r.l1));
    const stake = VERIFIER_STAKES[1]!;
    const amount = (stake * 2_500n) / BPS;
    const [, owedBefore] = await x.vr.claimable(x.treasury);
    const tx = governance.slash(v.address, 2_500, REASON);
    await expect(tx).to.emit(x.vr, "VerifierSlashedByGovernance").withArgs(v.address, 2_500, REASON);
    await expect(tx).to.emit(x.vr, "VerifierSlashed");
    const record = await x.vr.verifierInfo(v.address);
    expect(record.stake).to.equal(stake - amount);
    expect(record.status).to.equal(VerifierStatus.Removed);
    const [, owedAfter] = await x.vr.claimable(x.treasury);
    expect(owedAfter - owedBefore).to.equal(amount);
  });

  it("refuses 0 bps, more than 10,000 bps, an account with no stake and a stranger; nothing changes", async function () {
    const x = await execution();
    const v = x.verifiers[0]!;
    const governance = x.vr.connect(await governanceSigner(x.r.l1));
    const before = await x.vr.verifierInfo(v.address);
    for (const bps of [0n, BPS + 1n]) {
      await expect(governance.slash(v.address, bps, REASON))
        .to.be.revertedWithCustomError(x.vr, "VerifierRegistryInvalidBps")
        .withArgs(bps);
    }
    await expect(governance.slash(x.outsider.address, 1_000, REASON))
      .to.be.revertedWithCustomError(x.vr, "VerifierRegistryNotStaked")
      .withArgs(x.outsider.address);
    await expect(x.vr.connect(x.outsider).slash(v.address, 1_000, REASON))
      .to.be.revertedWithCustomError(x.vr, "AccessControlUnauthorizedAccount")
      .withArgs(x.outsider.address, await x.vr.GOVERNOR_ROLE());
    expect(await x.vr.verifierInfo(v.address)).to.deep.equal(before);
  });
});
