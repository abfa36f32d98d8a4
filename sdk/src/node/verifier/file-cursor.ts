import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import { decodeCursor, encodeCursor, type CursorStore, type VerifierCursor } from "../../verifier/cursor";

/** A verifier cursor in a JSON file. Saves are atomic (write, then rename), so a crash leaves the previous one. */
export class FileCursorStore implements CursorStore {
  constructor(readonly file: string) {}

  async load(): Promise<VerifierCursor | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    return decodeCursor(text);
  }

  async save(cursor: VerifierCursor): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, encodeCursor(cursor));
    await rename(temporary, this.file);
  }
}
