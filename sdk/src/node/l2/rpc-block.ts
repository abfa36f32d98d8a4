import type { JsonRpcApiProvider } from "ethers";

import { BlockNotFoundError } from "../../errors/chain";
import type { Hex } from "../../proof";

/** The fields of an `eth_getBlockByNumber` result (without full transactions) that the devnet L2 code reads. */
export interface RpcBlockHeader {
  /** Hex quantity. */
  readonly number: Hex;
  readonly hash: Hex;
  readonly stateRoot: Hex;
  /** Hex quantity, in seconds. */
  readonly timestamp: Hex;
}

/** L2 block `block` (a number or `latest`) as the node returns it; {@link BlockNotFoundError} when it has none. */
export async function rpcBlockHeader(provider: JsonRpcApiProvider, block: bigint | "latest"): Promise<RpcBlockHeader> {
  const tag = block === "latest" ? block : `0x${block.toString(16)}`;
  const rpc = (await provider.send("eth_getBlockByNumber", [tag, false])) as RpcBlockHeader | null;
  if (rpc === null) throw new BlockNotFoundError("L2", block);
  return rpc;
}
