import { BridgeArgumentError } from "../errors/bridge";
import type { Address, Hex } from "../proof";

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;

const shown = (value: unknown): string => (typeof value === "bigint" ? `${value}n` : String(value));

/** `value` as an address; {@link BridgeArgumentError} naming `argument` when it is not 20 bytes of hex. */
export function addressArgument(argument: string, value: unknown): Address {
  if (typeof value !== "string" || !ADDRESS.test(value))
    throw new BridgeArgumentError(argument, shown(value), "an address (0x and 40 hex digits)");
  return value as Address;
}

/** `value` as a 32-byte hash; {@link BridgeArgumentError} naming `argument` otherwise. */
export function hashArgument(argument: string, value: unknown): Hex {
  if (typeof value !== "string" || !HASH.test(value))
    throw new BridgeArgumentError(argument, shown(value), "a 32-byte hash (0x and 64 hex digits)");
  return value.toLowerCase() as Hex;
}

/** `value` as an amount to move; {@link BridgeArgumentError} unless it is a bigint above 0. */
export function amountArgument(argument: string, value: unknown): bigint {
  if (typeof value !== "bigint" || value <= 0n || value >= 1n << 256n)
    throw new BridgeArgumentError(
      argument,
      shown(value),
      "a bigint above 0 and below 2^256 (in the token's smallest unit)",
    );
  return value;
}

/** `value` as an index (a deposit's or a withdrawal's); {@link BridgeArgumentError} unless a bigint at least 0. */
export function indexArgument(argument: string, value: unknown): bigint {
  if (typeof value !== "bigint" || value < 0n) throw new BridgeArgumentError(argument, shown(value), "a bigint >= 0");
  return value;
}

/**
 * The errors of OpenZeppelin's ERC20 (ERC-6093) and SafeERC20, for reverts raised by a token during an approval or a
 * deposit: they decode as `ContractRevertError("ERC20", ...)`.
 */
export const BRIDGE_ERC20_ERRORS = [
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InvalidSender(address sender)",
  "error ERC20InvalidReceiver(address receiver)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
  "error ERC20InvalidApprover(address approver)",
  "error ERC20InvalidSpender(address spender)",
  "error ERC2612ExpiredSignature(uint256 deadline)",
  "error ERC2612InvalidSigner(address signer, address owner)",
  "error SafeERC20FailedOperation(address token)",
] as const;
