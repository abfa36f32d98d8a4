/** Signed L2 transactions of the kinds the tests send by hand. */
import { Transaction, type Wallet } from "ethers";

import { L2_CHAIN_ID } from "../../sdk/src/node";

/**
 * A blob transaction (type 3) from `sender` to itself, signed in its canonical form (without blobs): what the L2
 * must refuse. `nonce` defaults to 0.
 */
export function signedBlobTransaction(sender: Wallet, nonce = 0): Transaction {
  const blob = Transaction.from({
    type: 3,
    chainId: L2_CHAIN_ID,
    to: sender.address,
    nonce,
    gasLimit: 21_000n,
    maxFeePerGas: 10n ** 10n,
    maxPriorityFeePerGas: 1n,
    maxFeePerBlobGas: 10n ** 10n,
    blobVersionedHashes: [`0x01${"00".repeat(31)}`],
  });
  blob.signature = sender.signingKey.sign(blob.unsignedHash);
  return blob;
}
