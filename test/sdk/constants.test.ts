import { expect } from "chai";
import { ethers } from "hardhat";

import {
  BATCH_STATUSES,
  DA_WINDOW_CAP,
  EPOCH_SEED_DELAY,
  FRAUD_WINDOW_CAP,
  L2_BRIDGE_SLOTS,
  MAX_SEATS,
  TOKEN_NAME_MAX_BYTES,
  TOKEN_SYMBOL_MAX_BYTES,
  WITHDRAWAL_STATUSES,
  WITHDRAWAL_TREE_DEPTH,
} from "../../sdk/src/proof";
import { removeRollupDirectories, rollup } from "../helpers/rollup";

// MAX_BATCH_BLOCKS is checked against BatchLib in test/L1/BatchChain.test.ts, QUORUM_ENTRY_BYTES by every packed
// quorum SequencerRegistry accepts.
describe("sdk/proof/constants: the protocol constants agree with the deployed contracts", function () {
  after(removeRollupDirectories);

  it("matches SequencerRegistry's seats, window caps and seed delay", async function () {
    const { l1 } = await rollup();
    expect(await l1.registry.MAX_SEATS()).to.equal(BigInt(MAX_SEATS));
    expect(await l1.registry.DA_WINDOW_CAP()).to.equal(DA_WINDOW_CAP);
    expect(await l1.registry.FRAUD_WINDOW_CAP()).to.equal(FRAUD_WINDOW_CAP);
    expect(await l1.registry.EPOCH_SEED_DELAY()).to.equal(EPOCH_SEED_DELAY);
  });

  it("matches the L2 bridge's tree depth, storage slots and metadata bounds", async function () {
    const { l2Bridge } = await rollup();
    expect(await l2Bridge.WITHDRAWAL_TREE_DEPTH()).to.equal(BigInt(WITHDRAWAL_TREE_DEPTH));
    expect([
      await l2Bridge.DEPOSIT_COUNT_SLOT(),
      await l2Bridge.DEPOSIT_CHAIN_SLOT(),
      await l2Bridge.WITHDRAWAL_ROOT_SLOT(),
    ]).to.deep.equal([L2_BRIDGE_SLOTS.depositCount, L2_BRIDGE_SLOTS.depositChainHash, L2_BRIDGE_SLOTS.withdrawalRoot]);
    expect(await l2Bridge.MAX_NAME_BYTES()).to.equal(BigInt(TOKEN_NAME_MAX_BYTES));
    expect(await l2Bridge.MAX_SYMBOL_BYTES()).to.equal(BigInt(TOKEN_SYMBOL_MAX_BYTES));
  });

  it("names the status values BatchChain and L1Bridge return", async function () {
    const { l1 } = await rollup();
    // The genesis batch is final from the start; no withdrawal has been paid.
    expect(BATCH_STATUSES[Number(await l1.batchChain.batchStatus(0))]).to.equal("Finalized");
    expect(BATCH_STATUSES[Number(await l1.batchChain.batchStatus(1))]).to.equal("None");
    expect(WITHDRAWAL_STATUSES[Number(await l1.bridge.withdrawalStatus(ethers.ZeroHash))]).to.equal("Unfinalized");
  });
});
