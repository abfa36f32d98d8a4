/** A provider that records its log reads, and the first block with a contract's code. */
import type { Provider } from "ethers";

/** The first block at which `address` has code (binary search over the node's history). */
export async function firstBlockWithCode(provider: Provider, address: string): Promise<number> {
  let low = 0;
  let high = await provider.getBlockNumber();
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((await provider.getCode(address, middle)) === "0x") low = middle + 1;
    else high = middle;
  }
  return low;
}

/** One `eth_getLogs` as a provider was asked it. */
export interface LogRead {
  readonly fromBlock: number;
  readonly toBlock: number;
}

/** `provider` with every `getLogs` call recorded in `reads` (everything else passed through). */
export function recordingProvider<P extends Provider>(provider: P, reads: LogRead[]): P {
  return new Proxy(provider, {
    get(target, property, receiver) {
      if (property === "getLogs") {
        return (filter: { fromBlock: number; toBlock: number }) => {
          reads.push({ fromBlock: Number(filter.fromBlock), toBlock: Number(filter.toBlock) });
          return target.getLogs(filter);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
