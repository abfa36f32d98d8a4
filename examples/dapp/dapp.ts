/**
 * A dapp's bridge round trip through the package's root entry and ethers, in the browser: deposit ETH on L1, follow
 * the deposit until it is relayed on L2, withdraw on L2, follow the withdrawal through its batch and fraud window,
 * build and check its proof, and finalize it on L1.
 */
import {
  BridgeReader,
  BridgeWriter,
  getDeployment,
  verifyWithdrawalProof,
  type DepositStatusName,
  type Hex,
  type WithdrawalStatusName,
} from "@metis-l2/protocol";
import { JsonRpcProvider, Wallet } from "ethers";

/** What the page shows as the round trip goes. */
export type DappEvent =
  | { readonly step: "deposit"; readonly status: DepositStatusName | "sent"; readonly detail: string }
  | { readonly step: "withdrawal"; readonly status: WithdrawalStatusName | "sent" | "proven"; readonly detail: string };

export interface RoundTripOptions {
  /** JSON-RPC URLs of the L1 and the L2. */
  readonly l1Url: string;
  readonly l2Url: string;
  /** The user's key (a wallet extension's signer would do the same). */
  readonly privateKey: string;
  /** Wei to deposit, and wei to withdraw back. */
  readonly deposit: bigint;
  readonly withdraw: bigint;
  readonly onEvent?: (event: DappEvent) => void;
}

export interface RoundTripResult {
  readonly l1Before: bigint;
  readonly l1After: bigint;
  readonly l2AfterDeposit: bigint;
  readonly l2After: bigint;
  readonly depositIndex: bigint;
  readonly withdrawalHash: string;
  readonly finalStatus: WithdrawalStatusName;
}

export async function bridgeRoundTrip(options: RoundTripOptions): Promise<RoundTripResult> {
  // Polling every 250 ms (ethers' default is 4 s) for the local chains' instant blocks.
  const l1 = new JsonRpcProvider(options.l1Url, undefined, { pollingInterval: 250 });
  const l2 = new JsonRpcProvider(options.l2Url, undefined, { pollingInterval: 250 });
  // The address book: the deployment for the wallet's chain (shipped with the package, or registered by the app).
  const deployment = getDeployment((await l1.getNetwork()).chainId);
  const l1Signer = new Wallet(options.privateKey, l1);
  const l2Signer = new Wallet(options.privateKey, l2);
  const reader = new BridgeReader({ deployment, l1, l2 });
  const writer = new BridgeWriter({ deployment, l1Signer, l2Signer, reader });
  const me = l1Signer.address;
  let last = "";
  const emit = (event: DappEvent) => {
    const key = `${event.step}:${event.status}`;
    if (key !== last) options.onEvent?.(event);
    last = key;
  };
  const l1Before = await l1.getBalance(me);

  // 1. Deposit on L1: the transaction comes back at once; waiting gives the queued deposit.
  const gas = await writer.estimateGas.depositETH(me, options.deposit);
  const deposit = await writer.depositETH(me, options.deposit);
  emit({ step: "deposit", status: "sent", detail: `${deposit.hash} (estimated ${gas} gas)` });
  const queued = await deposit.wait();

  // 2. Follow it until a sequencer relays it on L2 (a page reloaded meanwhile finds it again from its L1 tx hash).
  const [{ deposit: found }] = await reader.getDepositStatus({ l1TxHash: deposit.hash });
  await reader.waitForDepositRelay(found.index, {
    pollMs: 250,
    onUpdate: (lifecycle) =>
      emit({
        step: "deposit",
        status: lifecycle.status,
        detail: lifecycle.status === "Relayed" ? `L2 transaction ${lifecycle.l2TxHash}` : `deposit #${lifecycle.index}`,
      }),
  });
  const l2AfterDeposit = await l2.getBalance(me);

  // 3. Withdraw on L2 and follow the withdrawal: in a batch, then final once the fraud window has passed.
  const withdrawal = await writer.withdrawETH(me, options.withdraw);
  emit({ step: "withdrawal", status: "sent", detail: withdrawal.hash });
  const initiated = await withdrawal.wait();
  await reader.waitForStatus(initiated.hash, "ReadyToFinalize", {
    pollMs: 250,
    onUpdate: (lifecycle) =>
      emit({ step: "withdrawal", status: lifecycle.status, detail: JSON.stringify(lifecycle, big) }),
  });

  // 4. Build the proof, check it against the header hash L1 stores (as a wallet would), and finalize on L1.
  const proof = await reader.buildWithdrawalProof(initiated.hash);
  const headerHash = (await reader.batchChain.headerHash(proof.batchIndex)) as Hex;
  const verdict = verifyWithdrawalProof(proof, { headerHash });
  if (!verdict.valid) throw new Error(`the withdrawal proof does not verify: ${verdict.step}: ${verdict.reason}`);
  emit({ step: "withdrawal", status: "proven", detail: `leaf ${verdict.leaf} in batch ${proof.batchIndex}` });
  await (await writer.finalizeWithdrawal(proof)).wait();
  const [{ lifecycle: final }] = await reader.getWithdrawalStatus({ l2TxHash: withdrawal.hash });
  emit({ step: "withdrawal", status: final.status, detail: "paid on L1" });

  return {
    l1Before,
    l1After: await l1.getBalance(me),
    l2AfterDeposit,
    l2After: await l2.getBalance(me),
    depositIndex: queued.deposit.index,
    withdrawalHash: initiated.hash,
    finalStatus: final.status,
  };
}

/** JSON.stringify replacer for bigints. */
const big = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);
