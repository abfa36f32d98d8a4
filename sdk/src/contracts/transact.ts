import type { ContractTransactionReceipt, ContractTransactionResponse, Interface } from "ethers";

import { MissingReceiptError } from "../errors/chain";
import { decodeRevert } from "../errors/contract";

/**
 * Sends a contract transaction with `send`, waits for it to be mined, and returns its receipt. A revert, at the
 * estimate or on chain, comes back as a ContractRevertError when it is a custom error of one of `contracts` (named
 * interfaces), and as an UnknownRevertError otherwise.
 */
export async function transact(
  send: () => Promise<ContractTransactionResponse>,
  contracts: Readonly<Record<string, Interface>>,
): Promise<ContractTransactionReceipt> {
  try {
    const response = await send();
    const receipt = await response.wait();
    if (receipt === null) throw new MissingReceiptError(response.hash);
    return receipt;
  } catch (error) {
    throw decodeRevert(error, contracts);
  }
}
