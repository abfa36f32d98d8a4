import {
  Interface,
  Signature,
  type ContractTransaction,
  type JsonRpcApiProvider,
  type Provider,
  type Signer,
  type TransactionReceipt,
  type TransactionRequest,
  type TransactionResponse,
} from "ethers";

import { latestTimestamp } from "../contracts/connection";
import { type L1Bridge, type L2Bridge } from "../contracts";
import type { BridgeAddresses, Deployment } from "../deployments/types";
import {
  ChainMismatchError,
  SignerRequiredError,
  TokenApprovalFailedError,
  TransactionReplacedError,
  TransactionTimeoutError,
} from "../errors/bridge";
import { MissingReceiptError, NotConnectedError } from "../errors/chain";
import { decodeRevert, UnknownRevertError } from "../errors/contract";
import type { Address, Hex, WithdrawalProof } from "../proof";

import { addressArgument, amountArgument, BRIDGE_ERC20_ERRORS } from "./arguments";
import { resolveBridgeConfig, type ResolvedBridgeConfig } from "./config";
import type { BridgeReader } from "./reader";
import type { InitiatedWithdrawal } from "./types";
import {
  finalizeCallArguments,
  initiatedWithdrawal,
  PERMIT_TYPES,
  PERMIT_VALIDITY,
  queuedDeposit,
  type QueuedDeposit,
} from "./writer";
import {
  connectIERC20,
  connectIERC20Permit,
  connectIERC5267,
  connectL1Bridge,
  connectL2Bridge,
} from "../contracts/connectors";

/** Signers and providers a BridgeWriter sends with (each optional: an action needs only its chain's signer). */
export interface BridgeWriterOptions {
  /** Signs and sends the L1 actions: deposits, approvals, finalizations. */
  readonly l1Signer?: Signer;
  /** Signs and sends the L2 actions: withdrawals. */
  readonly l2Signer?: Signer;
  /** Providers for `populate` without a signer (the chain id; without them and a deployment it is left out). */
  readonly l1?: Provider;
  readonly l2?: JsonRpcApiProvider | Provider;
  /** The reader of the same bridge, for callers that want both from one place (the writer does not need it). */
  readonly reader?: BridgeReader;
}

/** A BridgeWriter on a deployment (its chain ids are checked against the signers'), or on loose addresses. */
export type BridgeWriterConfig = ({ readonly deployment: Deployment } | BridgeAddresses) & BridgeWriterOptions;

/** How long {@link PendingTransaction.wait} waits, and for how many confirmations. */
export interface WaitForReceiptOptions {
  /** Blocks on top of the transaction's, itself included (default 1). */
  readonly confirmations?: number;
  /** Gives up with {@link TransactionTimeoutError} after this long (default: waits as long as it takes). */
  readonly timeoutMs?: number;
}

/**
 * A sent transaction: its hash and the ethers response at once, and `wait()` for its typed result. `wait()` throws a
 * {@link ContractRevertError} / {@link UnknownRevertError} when it reverted on chain (the revert replayed at its block
 * for the data), {@link TransactionReplacedError} when another transaction took its nonce, and
 * {@link TransactionTimeoutError} when it is not mined in time.
 */
export interface PendingTransaction<Result> {
  readonly hash: Hex;
  readonly response: TransactionResponse;
  wait(options?: WaitForReceiptOptions): Promise<Result>;
}

/** Options of {@link BridgeWriter.depositERC20}. */
export interface DepositERC20Options {
  /**
   * Sign an EIP-2612 permit (the token must support it and ERC-5267's `eip712Domain`) instead of relying on an
   * allowance: one signature, no approve transaction.
   */
  readonly permit?: boolean;
  /** The permit's deadline (default: an hour past the L1's latest block time). */
  readonly deadline?: bigint;
}

/** Every BridgeWriter action's parameters. */
export interface BridgeActions<Returns> {
  depositETH(to: string, amount: bigint): Promise<Returns>;
  depositERC20(token: string, to: string, amount: bigint, options?: DepositERC20Options): Promise<Returns>;
  approve(token: string, amount: bigint): Promise<Returns>;
  withdrawETH(l1To: string, amount: bigint): Promise<Returns>;
  withdrawERC20(l2Token: string, l1To: string, amount: bigint): Promise<Returns>;
  finalizeWithdrawal(proof: WithdrawalProof): Promise<Returns>;
}

/** A transaction built but not sent, with what its result and errors are. */
interface Prepared<Result> {
  readonly chain: "L1" | "L2";
  readonly tx: ContractTransaction;
  readonly errors: Readonly<Record<string, Interface>>;
  /** Checks before sending that a static call does not fail silently (approve returning false). */
  readonly simulate?: (signer: Signer) => Promise<void>;
  readonly result: (receipt: TransactionReceipt) => Result;
}

const ERC20_ERRORS = /* @__PURE__ */ new Interface(BRIDGE_ERC20_ERRORS);

/**
 * Sends the bridge's actions: each returns at once a {@link PendingTransaction} (after a gas estimate that throws a
 * revert typed, before anything is sent), and the same actions are under `estimateGas` (gas, in units) and `populate`
 * (an unsigned transaction a wallet can sign elsewhere; nothing is sent). Bad input throws a
 * {@link BridgeArgumentError} and a missing signer {@link SignerRequiredError}, before any RPC.
 */
export class BridgeWriter implements BridgeActions<PendingTransaction<unknown>> {
  readonly l1Bridge: L1Bridge;
  readonly l2Bridge: L2Bridge;
  readonly addresses: BridgeAddresses;
  readonly reader?: BridgeReader;
  readonly estimateGas: BridgeActions<bigint>;
  readonly populate: BridgeActions<TransactionRequest>;
  private readonly resolved: ResolvedBridgeConfig;
  /** The last permit signed, reused while valid (an estimate then a deposit asks for one signature). */
  private permitCache: { readonly key: string; readonly deadline: bigint; readonly signature: Signature } | undefined;

  constructor(readonly config: BridgeWriterConfig) {
    this.resolved = resolveBridgeConfig(config);
    this.addresses = this.resolved.addresses;
    if (config.reader) this.reader = config.reader;
    this.l1Bridge = connectL1Bridge(this.addresses.l1Bridge, config.l1Signer ?? config.l1 ?? null);
    this.l2Bridge = connectL2Bridge(this.addresses.l2Bridge, config.l2Signer ?? config.l2 ?? null);
    const each = <R>(run: (prepared: Prepared<unknown>, signer: Signer | undefined) => Promise<R>, signed: boolean) => {
      const via =
        (action: keyof BridgeActions<unknown>) =>
        async (...args: unknown[]): Promise<R> => {
          const chain = CHAIN_OF[action];
          const signer = this.signer(chain, action, signed);
          return run(await this.prepare(action, args, signer), signer);
        };
      return {
        depositETH: via("depositETH"),
        depositERC20: via("depositERC20"),
        approve: via("approve"),
        withdrawETH: via("withdrawETH"),
        withdrawERC20: via("withdrawERC20"),
        finalizeWithdrawal: via("finalizeWithdrawal"),
      } as unknown as BridgeActions<R>;
    };
    this.estimateGas = each((prepared, signer) => {
      if (!signer) throw new SignerRequiredError(prepared.chain, "estimateGas");
      return this.estimate(prepared, signer);
    }, true);
    this.populate = each((prepared, signer) => this.populated(prepared, signer), false);
  }

  /** Deposits `amount` wei for `to` on L2; `wait()` gives the {@link QueuedDeposit}. */
  async depositETH(to: string, amount: bigint): Promise<PendingTransaction<QueuedDeposit>> {
    return this.send("depositETH", [to, amount]);
  }

  /**
   * Deposits `amount` of `token` for `to` on L2: with an allowance of at least `amount` for the L1 bridge (see
   * {@link approve}; a short one reverts at the estimate, ERC20InsufficientAllowance), or with `permit`.
   */
  async depositERC20(
    token: string,
    to: string,
    amount: bigint,
    options: DepositERC20Options = {},
  ): Promise<PendingTransaction<QueuedDeposit>> {
    return this.send("depositERC20", [token, to, amount, options]);
  }

  /**
   * Lets the L1 bridge take `amount` of `token` (0 revokes); `wait()` gives the receipt. A token whose `approve`
   * returns false (before sending, by a static call) or emits no Approval throws {@link TokenApprovalFailedError}.
   */
  async approve(token: string, amount: bigint): Promise<PendingTransaction<TransactionReceipt>> {
    return this.send("approve", [token, amount]);
  }

  /** Withdraws `amount` wei on L2 to `l1To` on L1; `wait()` gives the {@link InitiatedWithdrawal}. */
  async withdrawETH(l1To: string, amount: bigint): Promise<PendingTransaction<InitiatedWithdrawal>> {
    return this.send("withdrawETH", [l1To, amount]);
  }

  /** Withdraws `amount` of the bridge-created `l2Token` to `l1To` on L1, as its L1 token. */
  async withdrawERC20(l2Token: string, l1To: string, amount: bigint): Promise<PendingTransaction<InitiatedWithdrawal>> {
    return this.send("withdrawERC20", [l2Token, l1To, amount]);
  }

  /** Pays out a withdrawal on L1 with a proof from BridgeReader.buildWithdrawalProof; `wait()` gives the receipt. */
  async finalizeWithdrawal(proof: WithdrawalProof): Promise<PendingTransaction<TransactionReceipt>> {
    return this.send("finalizeWithdrawal", [proof]);
  }

  private signer(chain: "L1" | "L2", action: string, required: true): Signer;
  private signer(chain: "L1" | "L2", action: string, required: boolean): Signer | undefined;
  private signer(chain: "L1" | "L2", action: string, required: boolean): Signer | undefined {
    const signer = chain === "L1" ? this.config.l1Signer : this.config.l2Signer;
    if (signer === undefined && required) throw new SignerRequiredError(chain, action);
    return signer;
  }

  /**
   * Throws {@link ChainMismatchError} when `signer` is not on the deployment's `chain`. Asked before every action, not
   * remembered: a wallet's signer moves when its user switches networks.
   */
  private async checkChain(chain: "L1" | "L2", signer: Signer): Promise<void> {
    const expected = this.chainIdOf(chain);
    if (expected === undefined) return;
    const provider = signer.provider;
    if (!provider) throw new NotConnectedError(`the ${chain} signer`, "provider");
    const { chainId } = await provider.getNetwork();
    if (chainId !== expected) throw new ChainMismatchError(chain, expected, chainId);
  }

  /** The deployment's chain id of `chain` (undefined with loose addresses). */
  private chainIdOf(chain: "L1" | "L2"): bigint | undefined {
    return chain === "L1" ? this.resolved.l1ChainId : this.resolved.l2ChainId;
  }

  private async send<Result>(
    action: keyof BridgeActions<unknown>,
    args: unknown[],
  ): Promise<PendingTransaction<Result>> {
    const chain = CHAIN_OF[action];
    const signer = this.signer(chain, action, true);
    // The chain first: a permit is signed while preparing, and must not be asked for on another chain.
    await this.checkChain(chain, signer);
    const prepared = (await this.prepare(action, args, signer)) as Prepared<Result>;
    const gasLimit = await this.estimate(prepared, signer);
    let response: TransactionResponse;
    try {
      // The chain id goes with the transaction too, so that a wallet that switched networks in between refuses it.
      const chainId = this.chainIdOf(chain);
      response = await signer.sendTransaction({
        ...prepared.tx,
        gasLimit,
        ...(chainId === undefined ? {} : { chainId }),
      });
    } catch (error) {
      throw decodeRevert(error, prepared.errors);
    }
    return {
      hash: response.hash as Hex,
      response,
      wait: (options) => this.receiptOf(prepared, response, options),
    };
  }

  private async estimate(prepared: Prepared<unknown>, signer: Signer): Promise<bigint> {
    await this.checkChain(prepared.chain, signer);
    await prepared.simulate?.(signer);
    try {
      return await signer.estimateGas(prepared.tx);
    } catch (error) {
      throw decodeRevert(error, prepared.errors);
    }
  }

  private async populated(prepared: Prepared<unknown>, signer: Signer | undefined): Promise<TransactionRequest> {
    const { to, data, value } = prepared.tx;
    const request: TransactionRequest = { to, data, value: value ?? 0n };
    if (signer) {
      await this.checkChain(prepared.chain, signer);
      request.from = await signer.getAddress();
    }
    const known = this.chainIdOf(prepared.chain);
    const provider = signer?.provider ?? (prepared.chain === "L1" ? this.config.l1 : this.config.l2);
    const chainId = known ?? (provider ? (await provider.getNetwork()).chainId : undefined);
    if (chainId !== undefined) request.chainId = chainId;
    return request;
  }

  private async receiptOf<Result>(
    prepared: Prepared<Result>,
    response: TransactionResponse,
    options: WaitForReceiptOptions = {},
  ): Promise<Result> {
    let receipt: TransactionReceipt | null;
    try {
      receipt = await response.wait(options.confirmations ?? 1, options.timeoutMs);
    } catch (error) {
      const e = error as {
        code?: string;
        reason?: string;
        receipt?: TransactionReceipt;
        replacement?: { hash?: string };
      };
      if (e.code === "TRANSACTION_REPLACED") {
        // Repriced: the same call under another hash, so its outcome is this action's.
        if (e.reason === "repriced" && e.receipt) return this.resultOf(prepared, e.receipt, response);
        throw new TransactionReplacedError(response.hash, e.reason ?? "replaced", e.replacement?.hash, {
          cause: error,
        });
      }
      if (e.code === "TIMEOUT")
        throw new TransactionTimeoutError(response.hash, options.timeoutMs ?? 0, { cause: error });
      if (e.code === "CALL_EXCEPTION" && e.receipt) throw await this.replayRevert(prepared, response, e.receipt, error);
      throw decodeRevert(error, prepared.errors);
    }
    if (receipt === null) throw new MissingReceiptError(response.hash);
    return this.resultOf(prepared, receipt, response);
  }

  private async resultOf<Result>(
    prepared: Prepared<Result>,
    receipt: TransactionReceipt,
    response: TransactionResponse,
  ): Promise<Result> {
    if (receipt.status === 0) throw await this.replayRevert(prepared, response, receipt, undefined);
    return prepared.result(receipt);
  }

  /**
   * The typed error of a transaction that reverted on chain: its call replayed on the state after its block (what
   * changed between the estimate and the inclusion is usually an earlier transaction of that block).
   */
  private async replayRevert(
    prepared: Prepared<unknown>,
    response: TransactionResponse,
    receipt: TransactionReceipt,
    cause: unknown,
  ): Promise<unknown> {
    const provider = response.provider;
    try {
      await provider.call({
        to: response.to,
        from: response.from,
        data: response.data,
        value: response.value,
        blockTag: receipt.blockNumber,
      });
    } catch (error) {
      const decoded = decodeRevert(error, prepared.errors);
      if (decoded instanceof Error) return decoded;
    }
    return new UnknownRevertError(undefined, { cause: cause ?? new Error(`transaction ${receipt.hash} reverted`) });
  }

  /** Checks `action`'s arguments and builds its transaction. */
  private async prepare(
    action: keyof BridgeActions<unknown>,
    args: unknown[],
    signer: Signer | undefined,
  ): Promise<Prepared<unknown>> {
    const l1Errors = { L1Bridge: this.l1Bridge.interface, ERC20: ERC20_ERRORS };
    const l2Errors = { L2Bridge: this.l2Bridge.interface, ERC20: ERC20_ERRORS };
    const deposit = (receipt: TransactionReceipt) => queuedDeposit(this.addresses.l1Bridge, this.l1Bridge, receipt);
    const withdrawal = (receipt: TransactionReceipt) =>
      initiatedWithdrawal(this.addresses.l2Bridge, this.l2Bridge, receipt);
    switch (action) {
      case "depositETH": {
        const to = addressArgument("to", args[0]);
        const amount = amountArgument("amount", args[1]);
        const tx = await this.l1Bridge.depositETH.populateTransaction(to, { value: amount });
        return { chain: "L1", tx, errors: l1Errors, result: deposit };
      }
      case "depositERC20": {
        const token = addressArgument("token", args[0]);
        const to = addressArgument("to", args[1]);
        const amount = amountArgument("amount", args[2]);
        const options = (args[3] ?? {}) as DepositERC20Options;
        if (options.permit !== true) {
          const tx = await this.l1Bridge.depositERC20.populateTransaction(token, to, amount);
          return { chain: "L1", tx, errors: l1Errors, result: deposit };
        }
        if (!signer) throw new SignerRequiredError("L1", "depositERC20 with a permit");
        const { deadline, signature } = await this.permit(signer, token, amount, options.deadline);
        const tx = await this.l1Bridge.depositERC20WithPermit.populateTransaction(
          token,
          to,
          amount,
          deadline,
          signature.v,
          signature.r,
          signature.s,
        );
        return { chain: "L1", tx, errors: l1Errors, result: deposit };
      }
      case "approve": {
        const token = addressArgument("token", args[0]);
        const amount = args[1];
        if (amount !== 0n) amountArgument("amount", amount);
        const value = amount as bigint;
        const spender = this.addresses.l1Bridge;
        const erc20 = connectIERC20(token, signer ?? this.config.l1 ?? null);
        const tx = await erc20.approve.populateTransaction(spender, value);
        const owner = signer ? (await signer.getAddress()).toLowerCase() : undefined;
        return {
          chain: "L1",
          tx,
          errors: { ERC20: ERC20_ERRORS },
          simulate: async (s) => {
            let ok: boolean;
            try {
              ok = await connectIERC20(token, s).approve.staticCall(spender, value);
            } catch (error) {
              throw decodeRevert(error, { ERC20: ERC20_ERRORS });
            }
            if (!ok) throw new TokenApprovalFailedError(token, spender, value);
          },
          result: (receipt) => {
            const approved = receipt.logs.some((log) => {
              if (log.address.toLowerCase() !== token.toLowerCase()) return false;
              const parsed = erc20.interface.parseLog(log);
              return (
                parsed?.name === "Approval" &&
                (owner === undefined || (parsed.args[0] as string).toLowerCase() === owner) &&
                (parsed.args[1] as string).toLowerCase() === spender.toLowerCase() &&
                parsed.args[2] === value
              );
            });
            if (!approved) throw new TokenApprovalFailedError(token, spender, value);
            return receipt;
          },
        };
      }
      case "withdrawETH": {
        const l1To = addressArgument("l1To", args[0]);
        const amount = amountArgument("amount", args[1]);
        const tx = await this.l2Bridge.withdraw.populateTransaction(l1To, { value: amount });
        return { chain: "L2", tx, errors: l2Errors, result: withdrawal };
      }
      case "withdrawERC20": {
        const l2Token = addressArgument("l2Token", args[0]);
        const l1To = addressArgument("l1To", args[1]);
        const amount = amountArgument("amount", args[2]);
        const tx = await this.l2Bridge.withdrawERC20.populateTransaction(l2Token, l1To, amount);
        return { chain: "L2", tx, errors: l2Errors, result: withdrawal };
      }
      case "finalizeWithdrawal": {
        const tx = await this.l1Bridge.finalizeWithdrawal.populateTransaction(
          ...finalizeCallArguments(args[0] as WithdrawalProof),
        );
        return { chain: "L1", tx, errors: l1Errors, result: (receipt) => receipt };
      }
    }
  }

  /** A permit for the L1 bridge to take `amount` of `token` from `signer`, signed once and reused while valid. */
  private async permit(
    signer: Signer,
    token: Address,
    amount: bigint,
    deadlineOption: bigint | undefined,
  ): Promise<{ readonly deadline: bigint; readonly signature: Signature }> {
    const provider = signer.provider;
    if (!provider) throw new NotConnectedError("the L1 signer", "provider");
    const owner = await signer.getAddress();
    const spender = this.addresses.l1Bridge;
    const [[, name, version, chainId, verifyingContract], nonce, now] = await Promise.all([
      connectIERC5267(token, provider).eip712Domain(),
      connectIERC20Permit(token, provider).nonces(owner),
      latestTimestamp(provider, "L1"),
    ]);
    const key = [token, owner, spender, amount, nonce, chainId, deadlineOption ?? ""].join(":").toLowerCase();
    const cached = this.permitCache;
    if (cached?.key === key && cached.deadline > now + 60n) return cached;
    // The chain's clock, not this machine's, decides whether the permit is still valid.
    const deadline = deadlineOption ?? now + PERMIT_VALIDITY;
    const signature = Signature.from(
      await signer.signTypedData({ name, version, chainId, verifyingContract }, PERMIT_TYPES, {
        owner,
        spender,
        value: amount,
        nonce,
        deadline,
      }),
    );
    this.permitCache = { key, deadline, signature };
    return this.permitCache;
  }
}

/** The chain each action is sent on. */
const CHAIN_OF: Readonly<Record<keyof BridgeActions<unknown>, "L1" | "L2">> = {
  depositETH: "L1",
  depositERC20: "L1",
  approve: "L1",
  withdrawETH: "L2",
  withdrawERC20: "L2",
  finalizeWithdrawal: "L1",
};
