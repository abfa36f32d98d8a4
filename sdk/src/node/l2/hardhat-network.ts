/**
 * The one place the SDK reaches into Hardhat's internals: an in-process Hardhat network (an EDR chain) built from a
 * network config of our own, next to whatever network the Hardhat runtime already runs.
 *
 * Hardhat 2's public API has no such call (only `hre.network.provider`, the configured network). EDR's own package,
 * `@nomicfoundation/edr`, can build the chain itself: its `EdrContext.createProvider` takes the genesis accounts, the
 * chain id, the date and the hardfork `osaka`, and gives the same genesis block hash. But EDR allows one `EdrContext`
 * per process, and Hardhat's is not exported: a second one, in a process that also runs Hardhat as L1 (every test and
 * the demo), prints "Please only initialize EdrContext once per process". Going through EDR would also mean redoing
 * what Hardhat's provider adds on top (`hardhat_reset`, errors carrying revert data, Solidity stack traces). So the
 * L2 is built by Hardhat's `createProvider`, from this file only; `hardhat` is an optional peer dependency of the
 * package's `./node` entry for this reason, loaded when the first L2 chain is created.
 */
import type { HardhatConfig, HardhatNetworkConfig } from "hardhat/types";

import { MissingPeerDependencyError } from "../../errors/node";

import type { L2NetworkConfig } from "./genesis";
import type { RequestProvider } from "./policy";

/**
 * Hardhat's own defaults for its network, as it resolves them (Hardhat 2.29): what `hardhat node` uses for the
 * devnet L2, so the in-process chain has the same genesis block. `gas` is the osaka per-transaction cap (2^24).
 */
const HARDHAT_NETWORK_DEFAULTS = {
  gas: 16_777_216,
  gasPrice: "auto",
  gasMultiplier: 1,
  minGasPrice: 0n,
  throwOnTransactionFailures: true,
  throwOnCallFailures: true,
  allowUnlimitedContractSize: false,
  loggingEnabled: false,
  chains: new Map(),
} as const;

/**
 * A new in-process Hardhat network running `network`. `base` is a resolved Hardhat network config to start from
 * (`hre.config.networks.hardhat`, so that a tool that changes it, such as solidity-coverage, applies to the L2 too);
 * without it, Hardhat's defaults.
 */
export async function createHardhatNetwork(network: L2NetworkConfig, base?: object): Promise<RequestProvider> {
  const { createProvider } = await import("hardhat/internal/core/providers/construction.js").catch((error: unknown) => {
    throw new MissingPeerDependencyError("an in-process L2 chain", "hardhat", "^2", { cause: error });
  });
  const resolved = {
    ...HARDHAT_NETWORK_DEFAULTS,
    ...(base as Partial<HardhatNetworkConfig> | undefined),
    chainId: network.chainId,
    hardfork: network.hardfork,
    initialDate: network.initialDate,
    // Never the base's: its genesis block depends on them, and `hardhat coverage` sets the L1's gas limit, base fee
    // and gas price for instrumented code.
    blockGasLimit: network.blockGasLimit,
    initialBaseFeePerGas: network.initialBaseFeePerGas,
    coinbase: network.coinbase,
    gas: Math.min(HARDHAT_NETWORK_DEFAULTS.gas, network.blockGasLimit),
    gasPrice: "auto",
    accounts: network.accounts.map((account) => ({ ...account })),
    mining: { ...network.mining, mempool: { ...network.mining.mempool } },
  } as HardhatNetworkConfig;
  // createProvider reads only the network's entry (and `paths`, for the fork cache; this chain never forks).
  const config = { networks: { hardhat: resolved } } as unknown as HardhatConfig;
  return createProvider(config, "hardhat");
}
