/**
 * Who acts as governance in tests: every parameter change, role grant and governance slash in a test goes through
 * {@link governanceSigner}, so that the tests follow wherever the deployment puts those roles.
 */
import type { Signer } from "ethers";
import { ethers } from "hardhat";

import type { L1Contracts } from "../../sdk/src/node";

/** A signer that holds every governance role of `l1`'s contracts (today the deployer, which deployL1 leaves them with). */
export async function governanceSigner(l1: Pick<L1Contracts, "batchChain">): Promise<Signer> {
  const runner = l1.batchChain.runner;
  if (runner !== null && "getAddress" in runner) return runner as Signer;
  const [deployer] = await ethers.getSigners();
  return deployer!;
}
