/**
 * `@metis-l2/protocol/deploy`: the TypeChain factories of the protocol's contracts, with their creation bytecode, for
 * deploy scripts (Hardhat's included), and the library links two of them need. Dapps and wallets import the ABI-only
 * connectors (`connectBatchChain`, ...) from the root entry instead, which carry no bytecode.
 *
 * BatchChain links PauseLib and DisputeManager links DisputeLogic (external libraries, deployed first):
 *
 * ```ts
 * const pauseLib = await new PauseLib__factory(deployer).deploy();
 * const batchChain = await new BatchChain__factory(batchChainLinks(await pauseLib.getAddress()), deployer).deploy(...);
 * ```
 */
export {
  BatchChain__factory,
  DARequestManager__factory,
  DisputeLogic__factory,
  DisputeManager__factory,
  FeeVault__factory,
  L1Bridge__factory,
  L2Bridge__factory,
  L2Token__factory,
  MetisGovernor__factory,
  MetisTimelock__factory,
  MetisToken__factory,
  PauseLib__factory,
  RewardPool__factory,
  SequencerRegistry__factory,
  VerifierRegistry__factory,
} from "../contracts";
export type { BatchChainLibraryAddresses } from "../contracts/typechain/factories/contracts/L1/BatchChain__factory";
export type { DisputeManagerLibraryAddresses } from "../contracts/typechain/factories/contracts/L1/DisputeManager__factory";
export { batchChainLinks, disputeManagerLinks, LIBRARIES } from "./links";
