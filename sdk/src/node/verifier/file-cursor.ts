import { readFile } from "node:fs/promises";

import { writeFileDurably } from "../durable-file";

import { MalformedCursorError } from "../../errors/verifier";
import {
  decodeCursor,
  encodeCursor,
  readVoterCursor,
  voterCursorJson,
  type CursorStore,
  type VerifierCursor,
  type VoterCursor,
} from "../../verifier/cursor";

/**
 * A verifier cursor in a JSON file, with its voter's cursor (open disputes, ballots and their salts) under the key
 * `voter` of the same document; a file without a verifier cursor yet holds `{ "voter": ... }` alone. Saves are atomic
 * and durable (write, flush, rename, flush the directory), so a crash or a power loss leaves the previous file or the
 * new one, and one store's saves run one after the other, each keeping the part it does not replace.
 */
export class FileCursorStore implements CursorStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  async load(): Promise<VerifierCursor | undefined> {
    const text = await this.read();
    if (text === undefined) return undefined;
    const document = parse(text);
    // A document with only a voter's part has no verifier cursor yet.
    if (isObject(document) && !("version" in document) && "voter" in document) return undefined;
    return decodeCursor(text);
  }

  save(cursor: VerifierCursor): Promise<void> {
    return this.update((document) => {
      const voter = document.voter;
      const next = JSON.parse(encodeCursor(cursor)) as Record<string, unknown>;
      return voter === undefined ? next : { ...next, voter };
    });
  }

  async loadVotes(): Promise<VoterCursor | undefined> {
    const text = await this.read();
    if (text === undefined) return undefined;
    const document = parse(text);
    if (!isObject(document) || document.voter === undefined || document.voter === null) return undefined;
    return readVoterCursor(document.voter);
  }

  saveVotes(cursor: VoterCursor): Promise<void> {
    return this.update((document) => ({ ...document, voter: voterCursorJson(cursor) }));
  }

  private async read(): Promise<string | undefined> {
    try {
      return await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  /** Reads the document, replaces a part of it and writes it back atomically, after every earlier save. */
  private update(change: (document: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    const run = async () => {
      const text = await this.read();
      const current = text === undefined ? {} : parse(text);
      if (!isObject(current)) throw new MalformedCursorError("cursor is not an object");
      // Durably: the voter's salt is saved before its commitment is sent, and must survive a power loss after it.
      await writeFileDurably(this.file, JSON.stringify(change(current)));
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedCursorError("not JSON", { cause: error });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
