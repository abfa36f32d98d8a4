/**
 * Who acts as governance in tests: every parameter change, role grant and governance slash in a test goes through
 * {@link governanceSigner}, so that the tests follow wherever the deployment puts those roles. deployL1 hands every
 * role to the MetisTimelock, so unit tests impersonate it; the real proposal path (Governor, vote, timelock delay) is
 * tested in test/integration/governance.test.ts.
 */
import { impersonateAccount, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import { parseEther, type Signer } from "ethers";
import { ethers } from "hardhat";

import type { L1Contracts } from "../../sdk/src/node";

/** The timelock of `l1`, impersonated and funded: it holds every governance role of `l1`'s contracts. */
export async function governanceSigner(l1: Pick<L1Contracts, "timelock">): Promise<Signer> {
  const address = await l1.timelock.getAddress();
  await impersonateAccount(address);
  // Gas money, without disturbing a treasury balance a test may be measuring (it only ever grows by 100 ETH once).
  const balance = await ethers.provider.getBalance(address);
  if (balance < parseEther("1")) await setBalance(address, balance + parseEther("100"));
  return ethers.getSigner(address);
}
