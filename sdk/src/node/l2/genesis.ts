/**
 * The pinned genesis of the local L2 ("Metis chain"): chain id, initial date, block gas limit, base fee and funded
 * accounts. Everything that
 * makes one replica's blocks equal another's is here; the L2 bridge is not in the genesis but deployed by the system
 * account in block 1, so a replica replaying the batches' raw transactions rebuilds it too.
 *
 * Every native L2 ETH outside the bridge's reserve is the genesis float (`L2_GENESIS_FLOAT`): the system account's
 * gas money and the test users' balances. The L1 bridge is deployed holding the same amount, so that ETH can be
 * withdrawn without touching what depositors escrowed (native ETH outside the reserve never exceeds the L1 bridge's
 * balance).
 *
 * The blocks' coinbase is the fee vault (`L2_FEE_VAULT_ADDRESS`): the priority fees (the base fee is burned) collect
 * there, and the vault withdraws them through the bridge to the L1 reward pool. The coinbase is a network setting, part
 * of every block header, so it is named here, before any contract exists: the vault is deployed at that address later
 * (`bootstrapFeeVault`, once the L1 pool exists), and CREATE keeps the balance that collected there. Fees at the vault
 * are native ETH outside the reserve like any user's, so the value invariant is unchanged; withdrawn, they return to
 * the reserve on L2 and leave the L1 escrow for the pool.
 *
 * The keys come from Hardhat's public test mnemonic: this is a devnet.
 */
import { getCreateAddress, HDNodeWallet, Mnemonic, parseEther } from "ethers";

export const L2_CHAIN_ID = 41088;
export const L2_GENESIS_DATE = "2026-01-01T00:00:00Z";
export const L2_MNEMONIC = "test test test test test test test test test test test junk";
/** Derivation path of the L2 keys; distinct from the L1 accounts' path so the two sets never collide. */
export const L2_PATH = "m/44'/60'/1'/0";
/** ETH the L2 bridge holds to credit deposits; the system account sends it when creating the bridge. */
export const L2_BRIDGE_RESERVE = parseEther("1000000");
/** The system account's ETH beyond the reserve: gas for creating the bridge, and for the relayers it funds. */
export const L2_SYSTEM_FLOAT = parseEther("100");
export const L2_USER_BALANCE = parseEther("100");
export const L2_USER_ACCOUNTS = 10;
/** Gas limit of every L2 block (the genesis block's header carries it): Hardhat's default, named so it stays fixed. */
export const L2_BLOCK_GAS_LIMIT = 60_000_000;
/** Base fee of the genesis block, in wei (1 gwei, Hardhat's default), named for the same reason. */
export const L2_INITIAL_BASE_FEE = 1_000_000_000;
/** Native L2 ETH the genesis gives outside the bridge's reserve; the L1 bridge is deployed backing exactly this. */
export const L2_GENESIS_FLOAT = L2_SYSTEM_FLOAT + L2_USER_BALANCE * BigInt(L2_USER_ACCOUNTS);
/** Every native L2 ETH at genesis: the reserve the system account moves into the bridge, and the float. */
export const L2_GENESIS_SUPPLY = L2_BRIDGE_RESERVE + L2_GENESIS_FLOAT;

/**
 * Key `index` of the L2 key set: 0 is the system account (deploys the bridge, names relayers), 1 deploys the fee vault
 * (its only contract), 2.. are users.
 */
export function l2Key(index: number): HDNodeWallet {
  return HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(L2_MNEMONIC), `${L2_PATH}/${index}`);
}

export const L2_SYSTEM_ACCOUNT = l2Key(0);
/** The L2 bridge: the system account's first contract. */
export const L2_BRIDGE_ADDRESS = getCreateAddress({ from: L2_SYSTEM_ACCOUNT.address, nonce: 0 });
/**
 * Deploys the fee vault and nothing else, so the vault's address is fixed whatever the system account did before.
 * Unfunded at genesis (the genesis allocation stays as it was): the system account sends it the deployment's gas.
 */
export const L2_FEE_VAULT_DEPLOYER = l2Key(1);
/** The fee vault: the L2 blocks' coinbase, the fee vault deployer's first contract. */
export const L2_FEE_VAULT_ADDRESS = getCreateAddress({ from: L2_FEE_VAULT_DEPLOYER.address, nonce: 0 });

/**
 * The L2's settings in the shape of Hardhat's network config (a `HardhatNetworkUserConfig`), so that
 * `hardhat.config.ts` can make `hardhat node` serve the same chain as the in-process L2.
 */
export interface L2NetworkConfig {
  readonly chainId: number;
  readonly hardfork: "osaka";
  readonly initialDate: string;
  readonly blockGasLimit: number;
  readonly initialBaseFeePerGas: number;
  /** The blocks' beneficiary: the fee vault. */
  readonly coinbase: string;
  readonly accounts: { privateKey: string; balance: string }[];
  readonly mining: { auto: true; interval: 0; mempool: { order: "fifo" } };
}

/** The Hardhat network settings of the L2 (used in-process and by `hardhat node` for the devnet). */
export function l2NetworkConfig(): L2NetworkConfig {
  const users = Array.from({ length: L2_USER_ACCOUNTS }, (_, i) => l2Key(2 + i));
  return {
    chainId: L2_CHAIN_ID,
    hardfork: "osaka",
    initialDate: L2_GENESIS_DATE,
    blockGasLimit: L2_BLOCK_GAS_LIMIT,
    initialBaseFeePerGas: L2_INITIAL_BASE_FEE,
    coinbase: L2_FEE_VAULT_ADDRESS,
    accounts: [
      { privateKey: L2_SYSTEM_ACCOUNT.privateKey, balance: (L2_BRIDGE_RESERVE + L2_SYSTEM_FLOAT).toString() },
      ...users.map((user) => ({ privateKey: user.privateKey, balance: L2_USER_BALANCE.toString() })),
    ],
    mining: { auto: true, interval: 0, mempool: { order: "fifo" } },
  };
}
