/**
 * ABI-only bindings of the protocol's contracts: `connectX(address, runner?)` returns the TypeChain type `X` over an
 * ethers `Contract` built from the ABI alone, and `xInterface()` the contract's `Interface`, parsed once and cached.
 * Nothing here carries creation bytecode: the factories that deploy (`X__factory`) are in the `./deploy` entry.
 *
 * The ABIs come from `./generated` (written from the artifacts by every `hardhat compile`, not committed), the types
 * from `./typechain`.
 */
import { Contract, Interface, type ContractRunner, type InterfaceAbi } from "ethers";

import {
  batchChainAbi,
  sequencerRegistryAbi,
  l1BridgeAbi,
  disputeManagerAbi,
  verifierRegistryAbi,
  daRequestManagerAbi,
  rewardPoolAbi,
  l2BridgeAbi,
  l2TokenAbi,
  feeVaultAbi,
  metisTokenAbi,
  metisGovernorAbi,
  metisTimelockAbi,
  ierc20Abi,
  ierc20PermitAbi,
  ierc5267Abi,
} from "./generated";
import type { BatchChain, BatchChainInterface } from "./typechain/contracts/L1/BatchChain";
import type { SequencerRegistry, SequencerRegistryInterface } from "./typechain/contracts/L1/SequencerRegistry";
import type { L1Bridge, L1BridgeInterface } from "./typechain/contracts/L1/L1Bridge";
import type { DisputeManager, DisputeManagerInterface } from "./typechain/contracts/L1/DisputeManager";
import type { VerifierRegistry, VerifierRegistryInterface } from "./typechain/contracts/L1/VerifierRegistry";
import type { DARequestManager, DARequestManagerInterface } from "./typechain/contracts/L1/DARequestManager";
import type { RewardPool, RewardPoolInterface } from "./typechain/contracts/L1/RewardPool";
import type { L2Bridge, L2BridgeInterface } from "./typechain/contracts/L2/L2Bridge";
import type { L2Token, L2TokenInterface } from "./typechain/contracts/L2/L2Token";
import type { FeeVault, FeeVaultInterface } from "./typechain/contracts/L2/FeeVault";
import type { MetisToken, MetisTokenInterface } from "./typechain/contracts/governance/MetisToken";
import type { MetisGovernor, MetisGovernorInterface } from "./typechain/contracts/governance/MetisGovernor";
import type { MetisTimelock, MetisTimelockInterface } from "./typechain/contracts/governance/MetisTimelock";
import type { IERC20, IERC20Interface } from "./typechain/@openzeppelin/contracts/token/ERC20/IERC20";
import type {
  IERC20Permit,
  IERC20PermitInterface,
} from "./typechain/@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit";
import type { IERC5267, IERC5267Interface } from "./typechain/@openzeppelin/contracts/interfaces/IERC5267";

/**
 * A function returning the `Interface` of `abi`, parsed on its first call and the same object afterwards; `T` is the
 * TypeChain interface type the caller names (TypeChain's factories cast the same way).
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
function cachedInterface<T extends Interface>(abi: InterfaceAbi): () => T {
  let parsed: T | undefined;
  return () => (parsed ??= new Interface(abi) as T);
}

/** The `Interface` of BatchChain (parsed once). */
export const batchChainInterface = /* @__PURE__ */ cachedInterface<BatchChainInterface>(batchChainAbi);

/** BatchChain at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectBatchChain(address: string, runner?: ContractRunner | null): BatchChain {
  return new Contract(address, batchChainInterface(), runner) as unknown as BatchChain;
}

/** The `Interface` of SequencerRegistry (parsed once). */
export const sequencerRegistryInterface: () => SequencerRegistryInterface =
  /* @__PURE__ */ cachedInterface(sequencerRegistryAbi);

/** SequencerRegistry at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectSequencerRegistry(address: string, runner?: ContractRunner | null): SequencerRegistry {
  return new Contract(address, sequencerRegistryInterface(), runner) as unknown as SequencerRegistry;
}

/** The `Interface` of L1Bridge (parsed once). */
export const l1BridgeInterface = /* @__PURE__ */ cachedInterface<L1BridgeInterface>(l1BridgeAbi);

/** L1Bridge at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectL1Bridge(address: string, runner?: ContractRunner | null): L1Bridge {
  return new Contract(address, l1BridgeInterface(), runner) as unknown as L1Bridge;
}

/** The `Interface` of DisputeManager (parsed once). */
export const disputeManagerInterface: () => DisputeManagerInterface =
  /* @__PURE__ */ cachedInterface(disputeManagerAbi);

/** DisputeManager at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectDisputeManager(address: string, runner?: ContractRunner | null): DisputeManager {
  return new Contract(address, disputeManagerInterface(), runner) as unknown as DisputeManager;
}

/** The `Interface` of VerifierRegistry (parsed once). */
export const verifierRegistryInterface: () => VerifierRegistryInterface =
  /* @__PURE__ */ cachedInterface(verifierRegistryAbi);

/** VerifierRegistry at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectVerifierRegistry(address: string, runner?: ContractRunner | null): VerifierRegistry {
  return new Contract(address, verifierRegistryInterface(), runner) as unknown as VerifierRegistry;
}

/** The `Interface` of DARequestManager (parsed once). */
export const daRequestManagerInterface: () => DARequestManagerInterface =
  /* @__PURE__ */ cachedInterface(daRequestManagerAbi);

/** DARequestManager at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectDARequestManager(address: string, runner?: ContractRunner | null): DARequestManager {
  return new Contract(address, daRequestManagerInterface(), runner) as unknown as DARequestManager;
}

/** The `Interface` of RewardPool (parsed once). */
export const rewardPoolInterface = /* @__PURE__ */ cachedInterface<RewardPoolInterface>(rewardPoolAbi);

/** RewardPool at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectRewardPool(address: string, runner?: ContractRunner | null): RewardPool {
  return new Contract(address, rewardPoolInterface(), runner) as unknown as RewardPool;
}

/** The `Interface` of L2Bridge (parsed once). */
export const l2BridgeInterface = /* @__PURE__ */ cachedInterface<L2BridgeInterface>(l2BridgeAbi);

/** L2Bridge at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectL2Bridge(address: string, runner?: ContractRunner | null): L2Bridge {
  return new Contract(address, l2BridgeInterface(), runner) as unknown as L2Bridge;
}

/** The `Interface` of L2Token (parsed once). */
export const l2TokenInterface = /* @__PURE__ */ cachedInterface<L2TokenInterface>(l2TokenAbi);

/** L2Token at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectL2Token(address: string, runner?: ContractRunner | null): L2Token {
  return new Contract(address, l2TokenInterface(), runner) as unknown as L2Token;
}

/** The `Interface` of FeeVault (parsed once). */
export const feeVaultInterface = /* @__PURE__ */ cachedInterface<FeeVaultInterface>(feeVaultAbi);

/** FeeVault at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectFeeVault(address: string, runner?: ContractRunner | null): FeeVault {
  return new Contract(address, feeVaultInterface(), runner) as unknown as FeeVault;
}

/** The `Interface` of MetisToken (parsed once). */
export const metisTokenInterface = /* @__PURE__ */ cachedInterface<MetisTokenInterface>(metisTokenAbi);

/** MetisToken at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectMetisToken(address: string, runner?: ContractRunner | null): MetisToken {
  return new Contract(address, metisTokenInterface(), runner) as unknown as MetisToken;
}

/** The `Interface` of MetisGovernor (parsed once). */
export const metisGovernorInterface = /* @__PURE__ */ cachedInterface<MetisGovernorInterface>(metisGovernorAbi);

/** MetisGovernor at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectMetisGovernor(address: string, runner?: ContractRunner | null): MetisGovernor {
  return new Contract(address, metisGovernorInterface(), runner) as unknown as MetisGovernor;
}

/** The `Interface` of MetisTimelock (parsed once). */
export const metisTimelockInterface = /* @__PURE__ */ cachedInterface<MetisTimelockInterface>(metisTimelockAbi);

/** MetisTimelock at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectMetisTimelock(address: string, runner?: ContractRunner | null): MetisTimelock {
  return new Contract(address, metisTimelockInterface(), runner) as unknown as MetisTimelock;
}

/** The `Interface` of IERC20 (parsed once). */
export const ierc20Interface = /* @__PURE__ */ cachedInterface<IERC20Interface>(ierc20Abi);

/** IERC20 at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectIERC20(address: string, runner?: ContractRunner | null): IERC20 {
  return new Contract(address, ierc20Interface(), runner) as unknown as IERC20;
}

/** The `Interface` of IERC20Permit (parsed once). */
export const ierc20PermitInterface = /* @__PURE__ */ cachedInterface<IERC20PermitInterface>(ierc20PermitAbi);

/** IERC20Permit at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectIERC20Permit(address: string, runner?: ContractRunner | null): IERC20Permit {
  return new Contract(address, ierc20PermitInterface(), runner) as unknown as IERC20Permit;
}

/** The `Interface` of IERC5267 (parsed once). */
export const ierc5267Interface = /* @__PURE__ */ cachedInterface<IERC5267Interface>(ierc5267Abi);

/** IERC5267 at `address`, connected to `runner` (a provider for reads, a signer to send). */
export function connectIERC5267(address: string, runner?: ContractRunner | null): IERC5267 {
  return new Contract(address, ierc5267Interface(), runner) as unknown as IERC5267;
}
