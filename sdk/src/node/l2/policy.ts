/**
 * What the local L2 accepts beyond plain EDR: the transaction types of the Metis L2. Blob transactions (type 3) are
 * refused, as OP Stack L2s refuse them: an L2 has no blob data layer, and a batch data object carries each
 * transaction's raw bytes, which for a blob transaction would lack its blobs. Every other type EDR's osaka hardfork
 * takes is accepted: legacy (with and without EIP-155), EIP-2930, EIP-1559 and EIP-7702.
 */
import { L2_TRANSACTION_TYPES } from "../../sequencer/l2-reader";

/** An EIP-1193 request, as Hardhat's and ethers' providers take it. */
export interface RequestArguments {
  readonly method: string;
  readonly params?: readonly unknown[] | object;
}

/** What the policy needs of a provider: EIP-1193's `request`. */
export interface RequestProvider {
  request(args: RequestArguments): Promise<unknown>;
}

/** JSON-RPC error code for a transaction the node refuses (EIP-1474: transaction rejected). */
export const TRANSACTION_REJECTED = -32003;

/** An RPC error as EIP-1193 providers raise them. */
export class L2TransactionRejectedError extends Error {
  override readonly name = "L2TransactionRejectedError";
  readonly code = TRANSACTION_REJECTED;

  constructor(readonly transactionType: number) {
    super(
      `the Metis L2 does not accept transactions of type ${transactionType} (blob transactions have no L2 data layer)`,
    );
  }
}

/** The EIP-2718 type of a raw signed transaction (0 for legacy, whose first byte is an RLP list prefix). */
export function rawTransactionType(raw: string): number {
  const first = Number.parseInt(raw.slice(2, 4), 16);
  return first >= 0xc0 ? 0 : first;
}

/** Refuses a raw transaction of a type the L2 does not accept. */
export function checkL2Transaction(raw: string): void {
  const type = rawTransactionType(raw);
  if (!L2_TRANSACTION_TYPES.includes(type)) throw new L2TransactionRejectedError(type);
}

/** `provider` with the L2's transaction policy applied to `eth_sendRawTransaction`. */
export function withL2Policy<P extends RequestProvider>(provider: P): P {
  const request = async (args: RequestArguments) => {
    if (args.method === "eth_sendRawTransaction" && Array.isArray(args.params) && typeof args.params[0] === "string") {
      checkL2Transaction(args.params[0]);
    }
    return provider.request(args);
  };
  return new Proxy(provider, {
    get: (target, property) => {
      if (property === "request") return request;
      const value = Reflect.get(target, property) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
