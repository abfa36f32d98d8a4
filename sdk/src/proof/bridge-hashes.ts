import { StaticAbiEncoder, type UintLike } from "./abi";
import { bytes32, bytesToHex, writeBytes32, ZERO_HASH, type Address, type Bytes32Like, type Hex } from "./hex";
import { keccak256 } from "./keccak/keccak256";

/** An L1 deposit as the L1 bridge queues it and the L2 bridge relays it. */
export interface DepositInput {
  /** Position in the L1 deposit queue (`uint64`). */
  readonly index: UintLike;
  readonly from: Address;
  readonly to: Address;
  /** The L1 token, or the zero address for ETH. */
  readonly l1Token: Address;
  /** Amount in the token's base unit (`uint256`). */
  readonly amount: UintLike;
  /** L1 block timestamp when the deposit was queued (`uint64`). */
  readonly l1Timestamp: UintLike;
}

/** An L2 withdrawal as the L2 bridge appends it to the withdrawal tree. */
export interface WithdrawalInput {
  /** Leaf index in the withdrawal tree (`uint64`). */
  readonly index: UintLike;
  readonly l2Sender: Address;
  readonly l1To: Address;
  /** The L1 token paid out, or the zero address for ETH. */
  readonly l1Token: Address;
  readonly amount: UintLike;
}

/** Start of the deposit chain: `chain[0] = bytes32(0)`. */
export const EMPTY_DEPOSIT_CHAIN: Hex = ZERO_HASH;

/** `keccak256(abi.encode(uint64 index, address from, address to, address l1Token, uint256 amount, uint64 l1Timestamp))`. */
export function depositHash(deposit: DepositInput): Hex {
  const encoded = new StaticAbiEncoder(6)
    .uint(deposit.index, 64, "index")
    .address(deposit.from, "from")
    .address(deposit.to, "to")
    .address(deposit.l1Token, "l1Token")
    .uint(deposit.amount, 256, "amount")
    .uint(deposit.l1Timestamp, 64, "l1Timestamp")
    .bytes();
  return bytesToHex(keccak256(encoded));
}

/** One step of the deposit chain: `keccak256(abi.encodePacked(chain, depositHash))`. */
export function nextDepositChainHash(chain: Bytes32Like, hash: Bytes32Like): Hex {
  const packed = new Uint8Array(64);
  writeBytes32(chain, packed, 0, "chain");
  writeBytes32(hash, packed, 32, "depositHash");
  return bytesToHex(keccak256(packed));
}

/** The deposit chain after `deposits`, in queue order, starting from `from` (the empty chain by default). */
export function depositChainHash(deposits: readonly DepositInput[], from: Bytes32Like = EMPTY_DEPOSIT_CHAIN): Hex {
  let chain = bytesToHex(bytes32(from, "from"));
  for (const deposit of deposits) chain = nextDepositChainHash(chain, depositHash(deposit));
  return chain;
}

/** `keccak256(abi.encode(uint64 index, address l2Sender, address l1To, address l1Token, uint256 amount))`. */
export function withdrawalHash(withdrawal: WithdrawalInput): Hex {
  const encoded = new StaticAbiEncoder(5)
    .uint(withdrawal.index, 64, "index")
    .address(withdrawal.l2Sender, "l2Sender")
    .address(withdrawal.l1To, "l1To")
    .address(withdrawal.l1Token, "l1Token")
    .uint(withdrawal.amount, 256, "amount")
    .bytes();
  return bytesToHex(keccak256(encoded));
}
