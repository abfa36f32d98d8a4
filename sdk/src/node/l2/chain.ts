/**
 * A local L2 running in this process: a Hardhat (EDR) chain with the pinned genesis of `genesis.ts`, next to whatever
 * plays L1 (in tests and the demo, the Hardhat network). `npm run devnet:l2` serves the same chain over HTTP.
 */
import {
  BrowserProvider,
  getAddress,
  keccak256,
  parseEther,
  Wallet,
  type Eip1193Provider,
  type JsonRpcApiProvider,
  type Provider,
} from "ethers";

import type { BlockLeafInput } from "../../proof";
import { FeeVault__factory, L2Bridge__factory, type FeeVault, type L1Bridge, type L2Bridge } from "../../contracts";
import { BlockNotFoundError } from "../../errors/chain";
import { DeployedAddressMismatchError, FeeVaultMismatchError, L2BridgeMismatchError } from "../../errors/node";

import {
  L2_BRIDGE_ADDRESS,
  L2_BRIDGE_RESERVE,
  L2_FEE_VAULT_ADDRESS,
  L2_FEE_VAULT_DEPLOYER,
  L2_GENESIS_SUPPLY,
  L2_SYSTEM_ACCOUNT,
  L2_USER_ACCOUNTS,
  l2Key,
  l2NetworkConfig,
} from "./genesis";
import { createHardhatNetwork } from "./hardhat-network";
import { withL2Policy } from "./policy";
import { rpcBlockHeader } from "./rpc-block";

export interface L2Chain {
  /** ethers provider over the chain. */
  readonly provider: BrowserProvider;
  /** The raw EIP-1193 provider (JSON-RPC requests), with the L2's transaction policy applied. */
  readonly eip1193: Eip1193Provider;
  /** Funded user accounts, connected to the chain. */
  readonly users: Wallet[];
  /** The system account: creates the bridge in block 1 (with its reserve) and names the relayers. */
  readonly system: Wallet;
  readonly bridgeAddress: string;
}

/**
 * Creates an L2 chain at its genesis block, in this process. Needs the optional peer dependency `hardhat` (no Hardhat
 * project or runtime). Given a Hardhat runtime, the chain starts from its resolved network settings, so a tool that
 * changes them (solidity-coverage) applies to the L2 too; the genesis settings are the L2's either way.
 */
export async function createL2Chain(hre?: {
  readonly config: { readonly networks: { readonly hardhat: object } };
}): Promise<L2Chain> {
  const network = await createHardhatNetwork(l2NetworkConfig(), hre?.config.networks.hardhat);
  const eip1193: Eip1193Provider = withL2Policy(network);
  // No request cache (ethers keeps answers for 250 ms by default, which hands back stale nonces and block numbers on
  // a chain that mines each transaction at once) and fast polling for receipts.
  const provider = new BrowserProvider(eip1193, undefined, { cacheTimeout: -1, pollingInterval: 50 });
  const connect = (key: { privateKey: string }) => new Wallet(key.privateKey, provider);
  return {
    provider,
    eip1193,
    users: Array.from({ length: L2_USER_ACCOUNTS }, (_, i) => connect(l2Key(2 + i))),
    system: connect(L2_SYSTEM_ACCOUNT),
    bridgeAddress: L2_BRIDGE_ADDRESS,
  };
}

/**
 * What the bootstrap functions need of an L2: a JSON-RPC provider (an in-process chain's, or one over HTTP to
 * `npm run devnet:l2`), the system account connected to it, and the bridge's pinned address.
 */
export type L2Connection = Pick<L2Chain, "system" | "bridgeAddress"> & { readonly provider: JsonRpcApiProvider };

/**
 * Creates the L2 bridge with its reserve in the chain's next block, unless it exists, with the system account as its
 * admin and `relayers` allowed to relay, and checks the code at its address is that bridge's
 * ({@link L2BridgeMismatchError} otherwise). Returns it connected to the system account.
 */
export async function bootstrapL2Bridge(chain: L2Connection, relayers: readonly string[] = []): Promise<L2Bridge> {
  if ((await chain.provider.getCode(chain.bridgeAddress)) === "0x") {
    const bridge = await new L2Bridge__factory(chain.system).deploy(chain.system.address, [...relayers], {
      value: L2_BRIDGE_RESERVE,
    });
    await bridge.waitForDeployment();
    const deployed = await bridge.getAddress();
    if (deployed !== chain.bridgeAddress)
      throw new DeployedAddressMismatchError("L2Bridge", chain.bridgeAddress, deployed);
  }
  // Found or created, the code there must be this bridge's (its immutable admin included): the address is a public
  // key's first contract on the devnet genesis.
  const creation = await new L2Bridge__factory(chain.system).getDeployTransaction(chain.system.address, [...relayers]);
  const expected = keccak256(await chain.provider.call({ data: creation.data }));
  const actual = keccak256(await chain.provider.getCode(chain.bridgeAddress));
  if (actual !== expected) throw new L2BridgeMismatchError(chain.bridgeAddress, expected, actual);
  return L2Bridge__factory.connect(chain.bridgeAddress, chain.system);
}

/**
 * Deploys the fee vault at the coinbase address (`L2_FEE_VAULT_ADDRESS`) unless it exists, sending its withdrawals to
 * `rewardPool` (the L1 RewardPool, known once L1 is deployed): the system account sends the vault deployer `gas` worth
 * of ETH (from the genesis float), and the deployer's first transaction creates the vault. The fees paid before keep
 * their place: CREATE keeps the address's balance. Returns the vault connected to the system account.
 *
 * The vault's address is the deployer key's first contract, and that key is public: anyone could have sent its first
 * transaction and put other code there. So whether it deployed the vault or found one, it checks the code at the
 * address (its runtime code hash equals that of a FeeVault for this bridge and pool), `l1Recipient()` and `bridge()`,
 * and throws {@link FeeVaultMismatchError} otherwise. A production L2 puts the vault in its genesis instead.
 */
export async function bootstrapFeeVault(
  chain: L2Connection,
  rewardPool: string,
  gas = parseEther("0.01"),
): Promise<FeeVault> {
  const deployer = new Wallet(L2_FEE_VAULT_DEPLOYER.privateKey, chain.provider);
  const factory = new FeeVault__factory(deployer);
  if ((await chain.provider.getCode(L2_FEE_VAULT_ADDRESS)) === "0x") {
    await (await chain.system.sendTransaction({ to: deployer.address, value: gas })).wait();
    const vault = await factory.deploy(chain.bridgeAddress, rewardPool);
    await vault.waitForDeployment();
    const deployed = await vault.getAddress();
    if (deployed !== L2_FEE_VAULT_ADDRESS)
      throw new DeployedAddressMismatchError("FeeVault", L2_FEE_VAULT_ADDRESS, deployed);
  }
  await checkFeeVault(chain, factory, rewardPool);
  return FeeVault__factory.connect(L2_FEE_VAULT_ADDRESS, chain.system);
}

/** Throws {@link FeeVaultMismatchError} unless the code at the coinbase is a FeeVault for the bridge and `rewardPool`. */
async function checkFeeVault(chain: L2Connection, factory: FeeVault__factory, rewardPool: string): Promise<void> {
  const mismatch = (field: "code" | "l1Recipient" | "bridge", expected: string, actual: string) =>
    new FeeVaultMismatchError(L2_FEE_VAULT_ADDRESS, field, expected, actual);
  // The runtime code a FeeVault for this bridge and pool has (its immutables are the two addresses): what its
  // creation returns, simulated.
  const creation = await factory.getDeployTransaction(chain.bridgeAddress, rewardPool);
  const expectedCode = keccak256(await chain.provider.call({ data: creation.data }));
  const actualCode = keccak256(await chain.provider.getCode(L2_FEE_VAULT_ADDRESS));
  if (actualCode !== expectedCode) throw mismatch("code", expectedCode, actualCode);
  // With the code right these follow from the immutables; checked anyway, and named when they differ.
  const vault = FeeVault__factory.connect(L2_FEE_VAULT_ADDRESS, chain.provider);
  const [recipient, bridge] = await Promise.all([vault.l1Recipient(), vault.bridge()]);
  if (recipient !== getAddress(rewardPool)) throw mismatch("l1Recipient", getAddress(rewardPool), recipient);
  if (bridge !== getAddress(chain.bridgeAddress)) throw mismatch("bridge", getAddress(chain.bridgeAddress), bridge);
}

/**
 * Makes `key` (a sequencer's signer key) an L2 relayer: the system account allows it on the bridge and sends it
 * `gas` worth of ETH (from the genesis float) to pay for its relays. Returns the key connected to the L2.
 */
export async function addL2Relayer(chain: L2Chain, key: Wallet, gas = parseEther("1")): Promise<Wallet> {
  const bridge = L2Bridge__factory.connect(chain.bridgeAddress, chain.system);
  if (!(await bridge.isRelayer(key.address))) await (await bridge.setRelayer(key.address, true)).wait();
  await (await chain.system.sendTransaction({ to: key.address, value: gas })).wait();
  return new Wallet(key.privateKey, chain.provider);
}

/** The genesis block as batch 0's block leaf (no withdrawals exist at genesis). */
export async function genesisLeaf(chain: Pick<L2Connection, "provider">): Promise<BlockLeafInput> {
  const block = await rpcBlockHeader(chain.provider, 0n);
  return {
    number: 0n,
    timestamp: BigInt(block.timestamp),
    blockHash: block.hash,
    stateRoot: block.stateRoot,
    withdrawalRoot: `0x${"0".repeat(64)}`,
  };
}

/**
 * Native ETH on the L2 now: the genesis supply less the base fees burned in every block since (EIP-1559; priority
 * fees stay on the L2 with the block's coinbase).
 */
export async function l2NativeSupply(chain: L2Chain): Promise<bigint> {
  const head = await chain.provider.getBlockNumber();
  let burned = 0n;
  for (let number = 1; number <= head; number++) {
    const block = await chain.provider.getBlock(number);
    if (block === null) throw new BlockNotFoundError("L2", BigInt(number));
    burned += (block.baseFeePerGas ?? 0n) * block.gasUsed;
  }
  return L2_GENESIS_SUPPLY - burned;
}

/**
 * Both sides of the bridge's value invariant: native L2 ETH outside the L2 bridge's reserve (everything users hold,
 * ETH owed to deferred credits included), which must never exceed the ETH the L1 bridge holds, so that every L2 ETH
 * can be withdrawn.
 */
export async function ethBacking(
  chain: L2Chain,
  l1Bridge: L1Bridge,
  l1: Provider,
): Promise<{ readonly outside: bigint; readonly escrow: bigint }> {
  const l2Bridge = L2Bridge__factory.connect(chain.bridgeAddress, chain.provider);
  const reserve = (await chain.provider.getBalance(chain.bridgeAddress)) - (await l2Bridge.deferredETH());
  const outside = (await l2NativeSupply(chain)) - reserve;
  const escrow = await l1.getBalance(await l1Bridge.getAddress());
  return { outside, escrow };
}
