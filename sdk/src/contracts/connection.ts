import type { BaseContract, Provider, Signer } from "ethers";

import { BlockNotFoundError, NotConnectedError } from "../errors/chain";

/** The provider `contract` is connected to (directly or through its signer); `subject` names it in the error. */
export function providerOf(contract: BaseContract, subject: string): Provider {
  const provider = contract.runner?.provider;
  if (!provider) throw new NotConnectedError(subject, "provider");
  return provider;
}

/** The signer `contract` is connected to, with a provider; `subject` names it in the error. */
export function signerOf(contract: BaseContract, subject: string): Signer & { readonly provider: Provider } {
  const runner = contract.runner as Partial<Signer> | null;
  if (typeof runner?.signTypedData !== "function" || typeof runner.getAddress !== "function") {
    throw new NotConnectedError(subject, "signer");
  }
  if (!runner.provider) throw new NotConnectedError(subject, "provider");
  return runner as Signer & { readonly provider: Provider };
}

/** The timestamp of `provider`'s latest block. */
export async function latestTimestamp(provider: Provider, chain: "L1" | "L2"): Promise<bigint> {
  const block = await provider.getBlock("latest");
  if (!block) throw new BlockNotFoundError(chain, "latest");
  return BigInt(block.timestamp);
}

/**
 * `provider`'s latest block number, read from the node now. ethers answers `getBlockNumber()` from a request cache for
 * 250 ms by default, so a read right after `wait()` may still name the block before the transaction's; a JSON-RPC
 * provider is asked with `eth_blockNumber` directly.
 */
export async function freshBlockNumber(provider: Provider): Promise<number> {
  const send = (provider as Partial<{ send(method: string, params: unknown[]): Promise<unknown> }>).send;
  if (typeof send !== "function") return provider.getBlockNumber();
  return Number(BigInt((await send.call(provider, "eth_blockNumber", [])) as string));
}
