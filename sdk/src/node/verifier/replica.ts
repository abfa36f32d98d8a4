import { DevNodeReplica } from "../../verifier/replica";
import { createL2Chain } from "../l2/chain";

/**
 * A verifier's replica in this process: a fresh EDR chain with the L2's pinned genesis (see `createL2Chain`, which
 * needs the optional peer `hardhat`), driven as a {@link DevNodeReplica}. It answers `eth_getProof` at every block it
 * replayed, the past ones included. Its requests go straight to the chain's EIP-1193 provider (see `DevNodeReplica`).
 */
export async function createL2Replica(hre?: Parameters<typeof createL2Chain>[0]): Promise<DevNodeReplica> {
  const chain = await createL2Chain(hre);
  return new DevNodeReplica(chain.provider, chain.bridgeAddress, {}, chain.eip1193);
}
