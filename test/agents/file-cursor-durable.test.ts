/**
 * The verifier agent's cursor file also keeps its voter's ballots and salts, saved before each commitment is sent: a
 * save must reach the disk (the temporary file flushed before it is renamed over the cursor, then the directory), or
 * a power loss after the commitment loses the salt and the vote can never be revealed (a strike).
 */
import { mkdtempSync, rmSync } from "node:fs";
import fsPromises from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { FileCursorStore } from "../../sdk/src/node/verifier/file-cursor";
import type { VoterCursor } from "../../sdk/src/verifier/cursor";

describe("agents: the verifier's cursor and salts are saved durably", function () {
  it("flushes the temporary file before renaming it over the cursor, and the directory after", async function () {
    const dir = mkdtempSync(path.join(tmpdir(), "cursor-durable-"));
    const fs = fsPromises as unknown as Record<string, unknown>;
    const { open, rename } = fsPromises;
    const synced = new Set<string>();
    const steps: string[] = [];
    fs.open = async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        await sync();
        synced.add(String(args[0]));
        steps.push(`sync ${path.basename(String(args[0]))}`);
      };
      return handle;
    };
    fs.rename = async (from: string, to: string) => {
      steps.push(`rename ${synced.has(from) ? "synced" : "unsynced"}`);
      await rename(from, to);
    };
    try {
      const store = new FileCursorStore(path.join(dir, "cursor.json"));
      const cursor: VoterCursor = {
        version: 1,
        chainId: 31337n,
        disputeManager: `0x${"11".repeat(20)}`,
        voter: `0x${"22".repeat(20)}`,
        nextBlock: 5n,
        disputes: [],
        votes: [],
      };
      await store.saveVotes(cursor);
      expect(await store.loadVotes()).to.deep.equal(cursor);
    } finally {
      fs.open = open;
      fs.rename = rename;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(steps).to.have.length(3);
    expect(steps[0]).to.match(/^sync cursor\.json\..*\.tmp$/);
    expect(steps.slice(1)).to.deep.equal(["rename synced", `sync ${path.basename(dir)}`]);
  });
});
