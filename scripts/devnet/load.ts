/**
 * The devnet's load generator (`load`): at a gentle rate (one action every `intervalMs`) it sends L2 transfers
 * between the L2 genesis users, L1 -> L2 deposits (ETH, and every fourth one METIS) from the L1 load users to the L2
 * users, L2 -> L1 withdrawals (ETH, and METIS once a user holds some) back to the L1 users, and finalizes each
 * withdrawal on L1 once it is ready (proof built and checked by the SDK's BridgeReader). It reads and writes the L2
 * through the public L2 RPC and tolerates it being down (an action that fails is logged and skipped).
 *
 * Every deposit and withdrawal it made, and what happened to it, goes to the ledger (JSONL, one object per line):
 *   {"type":"deposit","index":"3","symbol":"ETH","l1Token":"0x0…","from":…,"to":…,"amount":"…","l1TxHash":…}
 *   {"type":"deposit-credited","index":"3","l2TxHash":…,"l2Block":"…"}
 *   {"type":"withdrawal","index":"2","hash":…,"symbol":"ETH","l1Token":…,"from":…,"l1To":…,"amount":…,"l2TxHash":…}
 *   {"type":"withdrawal-finalized","index":"2","hash":…,"l1TxHash":…,"amount":…}  (no l1TxHash: seen paid, its
 *                                                                                  receipt never came back)
 *   {"type":"transfer","from":…,"to":…,"amount":…,"l2TxHash":…}
 * and `{"type":"error","action":…,"message":…}` for actions that failed. Amounts are decimal strings of wei.
 *
 * `node -r ts-node/register/transpile-only scripts/devnet/load.ts --l1 <url> --l2 <url> --deployment <file>
 *  --ledger <file> [--options '{"intervalMs":2000}']`
 */
import { appendFileSync, readFileSync } from "node:fs";

import { formatEther, JsonRpcProvider, parseEther, Wallet, ZeroAddress } from "ethers";

import { BridgeReader } from "../../sdk/src/bridge/reader";
import { depositERC20, depositETH, finalizeWithdrawal, withdrawERC20, withdrawETH } from "../../sdk/src/bridge/writer";
import { L1Bridge__factory, L2Bridge__factory, L2Token__factory, MetisToken__factory } from "../../sdk/src/contracts";
import { parseDeployment } from "../../sdk/src/deployments";
import type { Hex } from "../../sdk/src/proof";

import { devnetAccounts } from "./accounts";
import type { LoadOptions } from "./load-options";
import { flag, watchParent } from "./process-args";

interface PendingWithdrawal {
  readonly index: bigint;
  readonly hash: Hex;
  readonly l1To: string;
  readonly amount: bigint;
}

async function main(): Promise<void> {
  const options = JSON.parse(flag("--options", "{}")) as LoadOptions;
  const intervalMs = options.intervalMs ?? 2_000;
  const ledger = flag("--ledger");
  const deployment = parseDeployment(JSON.parse(readFileSync(flag("--deployment"), "utf8")));
  const l1 = new JsonRpcProvider(flag("--l1"), undefined, {
    staticNetwork: true,
    cacheTimeout: -1,
    pollingInterval: 500,
  });
  const l2 = new JsonRpcProvider(flag("--l2"), undefined, {
    staticNetwork: true,
    cacheTimeout: -1,
    pollingInterval: 250,
  });
  const accounts = devnetAccounts();
  const l1Users = accounts.l1Users.map((key) => new Wallet(key.privateKey, l1));
  const l2Users = accounts.l2Users.map((key) => new Wallet(key.privateKey, l2));
  const { contracts } = deployment;
  const l1Bridge = L1Bridge__factory.connect(contracts.l1Bridge, l1);
  const l2Bridge = L2Bridge__factory.connect(contracts.l2Bridge, l2);
  const token = MetisToken__factory.connect(contracts.token, l1);
  const reader = new BridgeReader({ deployment, l1, l2 });

  const write = (entry: Record<string, unknown>) => {
    const line = JSON.stringify({ time: new Date().toISOString(), ...entry }, (_, v: unknown) =>
      typeof v === "bigint" ? v.toString() : v,
    );
    appendFileSync(ledger, `${line}\n`);
  };
  const say = (line: string) => console.log(line);

  const uncredited = new Set<bigint>();
  const pending = new Map<bigint, PendingWithdrawal>();
  let step = 0;
  let stopping = false;
  let sleeping: (() => void) | undefined;
  const stop = () => {
    stopping = true;
    sleeping?.();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  watchParent();

  const actions: { readonly name: string; readonly enabled: boolean; run(): Promise<void> }[] = [
    {
      name: "transfer",
      enabled: options.transfers !== false,
      async run() {
        const from = l2Users[step % l2Users.length]!;
        const to = l2Users[(step + 1) % l2Users.length]!;
        const amount = parseEther("0.01");
        const receipt = await (await from.sendTransaction({ to: to.address, value: amount })).wait();
        write({ type: "transfer", from: from.address, to: to.address, amount, l2TxHash: receipt!.hash });
        say(`transfer ${formatEther(amount)} ETH ${from.address} -> ${to.address} (L2 block ${receipt!.blockNumber})`);
      },
    },
    {
      name: "deposit",
      enabled: options.deposits !== false,
      async run() {
        const from = l1Users[step % l1Users.length]!;
        const to = l2Users[(step + 3) % l2Users.length]!;
        const metis = step % 4 === 1;
        const amount = metis ? parseEther("25") : parseEther("0.2");
        const bridge = l1Bridge.connect(from);
        const queued = metis
          ? await depositERC20(bridge, contracts.token, to.address, amount)
          : await depositETH(bridge, to.address, amount);
        const { deposit } = queued;
        uncredited.add(deposit.index);
        write({
          type: "deposit",
          index: deposit.index,
          symbol: metis ? "METIS" : "ETH",
          l1Token: deposit.l1Token,
          from: from.address,
          to: to.address,
          amount,
          l1TxHash: queued.receipt.hash,
        });
        say(`deposit #${deposit.index}: ${formatEther(amount)} ${metis ? "METIS" : "ETH"} for ${to.address}`);
      },
    },
    {
      name: "withdrawal",
      enabled: options.withdrawals !== false,
      async run() {
        const from = l2Users[(step + 5) % l2Users.length]!;
        const l1To = l1Users[(step + 2) % l1Users.length]!.address;
        const bridge = l2Bridge.connect(from);
        const l2Token = await l2Bridge.l2TokenOf(contracts.token);
        let metisBalance = 0n;
        if (l2Token !== ZeroAddress) metisBalance = await L2Token__factory.connect(l2Token, l2).balanceOf(from);
        const metis = step % 3 === 0 && metisBalance >= parseEther("5");
        const amount = metis ? parseEther("5") : parseEther("0.05");
        const initiated = metis
          ? await withdrawERC20(bridge, l2Token, l1To, amount)
          : await withdrawETH(bridge, l1To, amount);
        const { withdrawal } = initiated;
        pending.set(withdrawal.index, { index: withdrawal.index, hash: initiated.hash, l1To, amount });
        write({
          type: "withdrawal",
          index: withdrawal.index,
          hash: initiated.hash,
          symbol: metis ? "METIS" : "ETH",
          l1Token: withdrawal.l1Token,
          from: from.address,
          l1To,
          amount,
          l2TxHash: initiated.l2TxHash,
        });
        say(`withdrawal #${withdrawal.index}: ${formatEther(amount)} ${metis ? "METIS" : "ETH"} to ${l1To}`);
      },
    },
  ].filter((action) => action.enabled);

  /** Records relayed deposits and finalizes ready withdrawals. */
  const follow = async () => {
    for (const index of [...uncredited]) {
      const relay = await reader.depositRelay(index);
      if (!relay.relayed) continue;
      uncredited.delete(index);
      write({ type: "deposit-credited", index, l2TxHash: relay.l2TxHash, l2Block: relay.l2BlockNumber });
      say(`deposit #${index} credited on L2 (L2 block ${relay.l2BlockNumber})`);
    }
    if (options.finalize === false) return;
    for (const withdrawal of [...pending.values()]) {
      // A stop lets the finalization in flight finish and its line be written, and sends no more.
      if (stopping) return;
      const lifecycle = await reader.getWithdrawalStatus(withdrawal.hash);
      if (lifecycle.status === "Finalized") {
        // Paid, but not by a finalization this loop saw through (its receipt wait failed): the ledger still says so.
        pending.delete(withdrawal.index);
        write({
          type: "withdrawal-finalized",
          index: withdrawal.index,
          hash: withdrawal.hash,
          amount: withdrawal.amount,
        });
        continue;
      }
      if (lifecycle.status !== "ReadyToFinalize") continue;
      const proof = await reader.buildWithdrawalProof(withdrawal.hash);
      const payer = l1Users.find((user) => user.address === withdrawal.l1To) ?? l1Users[0]!;
      const receipt = await finalizeWithdrawal(l1Bridge.connect(payer), proof);
      pending.delete(withdrawal.index);
      write({
        type: "withdrawal-finalized",
        index: withdrawal.index,
        hash: withdrawal.hash,
        l1TxHash: receipt.hash,
        amount: withdrawal.amount,
      });
      say(`withdrawal #${withdrawal.index} finalized on L1 (L1 block ${receipt.blockNumber})`);
    }
  };

  say(`load: one action every ${intervalMs} ms (${actions.map((a) => a.name).join(", ")}); ledger ${ledger}`);
  // Allowances for METIS deposits, once (depositERC20 would approve before each one otherwise).
  const bridgeAddress = await l1Bridge.getAddress();
  for (const user of l1Users) {
    if ((await token.allowance(user.address, bridgeAddress)) < parseEther("1000000")) {
      await (await token.connect(user).approve(bridgeAddress, parseEther("1000000000"))).wait();
    }
  }
  while (!stopping) {
    if (actions.length > 0) {
      const action = actions[step % actions.length]!;
      try {
        await action.run();
      } catch (error) {
        write({ type: "error", action: action.name, message: (error as Error).message.slice(0, 300) });
        say(`${action.name} failed: ${(error as Error).message.split("\n")[0]!.slice(0, 200)}`);
      }
    }
    try {
      await follow();
    } catch (error) {
      say(`follow-up reads failed: ${(error as Error).message.split("\n")[0]!.slice(0, 200)}`);
    }
    step++;
    await new Promise<void>((resolve) => {
      sleeping = resolve;
      setTimeout(resolve, intervalMs);
    });
  }
  say("load: stopped");
  l1.destroy();
  l2.destroy();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
