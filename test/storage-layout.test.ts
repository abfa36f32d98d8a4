import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import hre from "hardhat";

/**
 * The storage layout of every deployed contract, compared with the committed snapshot in test/layout. Assembly reads
 * SequencerRegistry's member words directly (in QuorumLib and the rotation), and the L2 bridge's first slots are part
 * of the protocol, so a layout change must be deliberate: after one, run `npm run layout:update` and review the
 * snapshot's diff.
 */
const CONTRACTS = [
  "contracts/L1/BatchChain.sol:BatchChain",
  "contracts/L1/SequencerRegistry.sol:SequencerRegistry",
  "contracts/L1/L1Bridge.sol:L1Bridge",
  "contracts/L1/DisputeManager.sol:DisputeManager",
  "contracts/L1/VerifierRegistry.sol:VerifierRegistry",
  "contracts/L1/DARequestManager.sol:DARequestManager",
  "contracts/L1/RewardPool.sol:RewardPool",
  "contracts/L2/L2Bridge.sol:L2Bridge",
  "contracts/L2/L2Token.sol:L2Token",
  "contracts/L2/FeeVault.sol:FeeVault",
  "contracts/governance/MetisToken.sol:MetisToken",
] as const;

const SNAPSHOT = path.join(__dirname, "layout", "storage-layout.json");

interface StorageEntry {
  readonly label: string;
  readonly offset: number;
  readonly slot: string;
  readonly type: string;
}

interface StorageType {
  readonly label: string;
  readonly numberOfBytes: string;
  readonly members?: readonly StorageEntry[];
  readonly value?: string;
  readonly base?: string;
}

interface StorageLayout {
  readonly storage: readonly StorageEntry[];
  readonly types: Record<string, StorageType> | null;
}

/** A layout without compiler AST ids: each variable and, for structs, each member as "slot:offset label type". */
function describeLayout(layout: StorageLayout): string[] {
  const types = layout.types ?? {};
  const label = (id: string): string => types[id]?.label ?? id;
  const lines: string[] = [];
  const seen = new Set<string>();
  const describeType = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    const type = types[id];
    if (type === undefined) return;
    for (const member of type.members ?? []) {
      lines.push(`  ${type.label}.${member.label} @ ${member.slot}:${member.offset} ${label(member.type)}`);
      describeType(member.type);
    }
    if (type.value !== undefined) describeType(type.value);
    if (type.base !== undefined) describeType(type.base);
  };
  for (const entry of layout.storage) {
    lines.push(`${entry.label} @ ${entry.slot}:${entry.offset} ${label(entry.type)}`);
    describeType(entry.type);
  }
  return lines;
}

async function compiledLayouts(): Promise<Record<string, string[]>> {
  const layouts: Record<string, string[]> = {};
  for (const name of CONTRACTS) {
    const buildInfo = await hre.artifacts.getBuildInfo(name);
    const [source, contract] = name.split(":") as [string, string];
    const output = buildInfo?.output.contracts[source]?.[contract] as { storageLayout?: StorageLayout } | undefined;
    if (output?.storageLayout === undefined) throw new Error(`no storage layout compiled for ${name}`);
    layouts[name] = describeLayout(output.storageLayout);
  }
  return layouts;
}

describe("storage layout", function () {
  let layouts: Record<string, string[]>;

  before(async function () {
    await hre.run("compile", { quiet: true });
    layouts = await compiledLayouts();
  });

  it("matches the committed snapshot (npm run layout:update after a deliberate change)", function () {
    if (process.env.UPDATE_STORAGE_LAYOUT === "1") writeFileSync(SNAPSHOT, `${JSON.stringify(layouts, null, 2)}\n`);
    const snapshot = JSON.parse(readFileSync(SNAPSHOT, "utf8")) as Record<string, string[]>;
    for (const name of CONTRACTS) expect(layouts[name], name).to.deep.equal(snapshot[name]);
  });

  it("keeps the words that assembly reads where the code expects them", function () {
    const registry = layouts["contracts/L1/SequencerRegistry.sol:SequencerRegistry"]!;
    // QuorumLib and the rotation read a member as one word: signer in bits 0-159, stake 160-247, missedTurns 248-255.
    expect(registry).to.include("  struct ISequencerRegistry.Member.signer @ 0:0 address");
    expect(registry).to.include("  struct ISequencerRegistry.Member.stake @ 0:20 uint88");
    expect(registry).to.include("  struct ISequencerRegistry.Member.missedTurns @ 0:31 uint8");
    expect(registry.some((line) => /^_members @ \d+:0 struct ISequencerRegistry\.Member\[64\]$/.test(line))).to.equal(
      true,
    );
    const l2Bridge = layouts["contracts/L2/L2Bridge.sol:L2Bridge"]!;
    expect(l2Bridge.slice(0, 3)).to.deep.equal([
      "_depositCount @ 0:0 uint256",
      "_depositChainHash @ 1:0 bytes32",
      "_withdrawalRoot @ 2:0 bytes32",
    ]);
  });
});
