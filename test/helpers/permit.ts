/**
 * EIP-2612 permits for the protocol token in tests, signed with the token's EIP-712 domain ("Metis", version 1) by
 * hand rather than through the SDK, so the tests stay an outside check of the SDK's permit path.
 */
import { Signature, type Signer } from "ethers";
import { ethers } from "hardhat";

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** `owner`'s permit for `spender` to move `value` of the MetisToken at `token` until `deadline` (nonce 0). */
export async function signMetisPermit(
  owner: Signer,
  token: string,
  spender: string,
  value: bigint,
  deadline: bigint | number,
): Promise<Signature> {
  const domain = {
    name: "Metis",
    version: "1",
    chainId: (await ethers.provider.getNetwork()).chainId,
    verifyingContract: token,
  };
  const message = { owner: await owner.getAddress(), spender, value, nonce: 0, deadline };
  return Signature.from(await owner.signTypedData(domain, PERMIT_TYPES, message));
}
