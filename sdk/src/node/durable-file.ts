/**
 * Writing a state file so that a crash or a power loss leaves either the old content or the new, never a mix or
 * nothing: the new content goes to a temporary file next to it, which is flushed to disk, renamed over the file, and
 * the directory (the rename) flushed too. The signing record and the verifier's cursor (with its vote salts) are
 * written this way: each is saved before what it records is acted on.
 */
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";

let temporaries = 0;

/** Replaces `file`'s content with `text` atomically and durably (creating its directory if needed). */
export async function writeFileDurably(file: string, text: string): Promise<void> {
  const directory = path.dirname(file);
  await mkdir(directory, { recursive: true });
  const temporary = `${file}.${process.pid}.${temporaries++}.tmp`;
  try {
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/** Flushes a directory's entries (a rename) to disk, where the platform can (not on Windows). */
async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, "r");
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") throw error;
  } finally {
    await handle?.close();
  }
}
