/**
 * Who acts as governance in tests: every parameter change, role grant and governance slash in a test goes through
 * {@link governanceSigner}, so that the tests follow wherever the deployment puts those roles. deployL1 hands every
 * role to the MetisTimelock, so unit tests impersonate it; the real proposal path (Governor, vote, timelock delay) is
 * tested in test/integration/governance.test.ts.
 */
import { impersonateAccount, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { parseEther, type Signer } from "ethers";
import { ethers } from "hardhat";

import type { BatchChain } from "../../sdk/src/contracts/typechain";
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

/**
 * The contract at `address`, impersonated and given 10 ETH for gas on top of what it holds. No one can grant a role
 * once deployL1 has handed over (the deployer renounced WIRING_ROLE, the only admin of every role but
 * DEFAULT_ADMIN_ROLE), so a test that needs an operational role acts as the contract deployL1 wired with it: see
 * {@link wiredHooks} and {@link wiredSlasher}.
 */
export async function wiredSigner(address: string): Promise<HardhatEthersSigner> {
  await impersonateAccount(address);
  await setBalance(address, (await ethers.provider.getBalance(address)) + parseEther("10"));
  return ethers.getSigner(address);
}

/**
 * BatchChain as the contracts deployL1 wired with its hook roles call it: `disputer` as the DisputeManager
 * (DISPUTER_ROLE and ROLLBACK_ROLE), `daCaller` as the DARequestManager (DA_ROLE and ROLLBACK_ROLE).
 */
export async function wiredHooks(
  l1: Pick<L1Contracts, "batchChain" | "disputeManager" | "daRequestManager">,
): Promise<{ disputer: BatchChain; daCaller: BatchChain }> {
  return {
    disputer: l1.batchChain.connect(await wiredSigner(await l1.disputeManager.getAddress())),
    daCaller: l1.batchChain.connect(await wiredSigner(await l1.daRequestManager.getAddress())),
  };
}

/**
 * A holder of the registry's SLASHER_ROLE that is neither the treasury nor a sequencer: the DARequestManager deployL1
 * wired with it, impersonated (the timelock holds the role too, for governance slashing, but is the treasury).
 */
export async function wiredSlasher(l1: Pick<L1Contracts, "daRequestManager">): Promise<HardhatEthersSigner> {
  return wiredSigner(await l1.daRequestManager.getAddress());
}
