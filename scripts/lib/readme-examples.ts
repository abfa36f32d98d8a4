/**
 * The quick starts README.md embeds, each a file of examples/ run by the packed-package test
 * (test/package/package.test.ts), each between `<!-- example:<name> -->` and `<!-- /example:<name> -->` in the README
 * as one fenced code block. `npm run readme:examples` writes them; test/package/readme-examples.test.ts checks that
 * every pair of markers is there and holds its file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.join(__dirname, "..", "..");
export const README_PATH = path.join(ROOT, "README.md");

/** Each example's marker name, its file (from the repository root) and the code block's language. */
export const README_EXAMPLES = [
  { name: "dapp", file: "examples/dapp/dapp.ts", language: "ts" },
  { name: "wallet", file: "examples/wallet/verify-withdrawal.ts", language: "ts" },
  { name: "hardhat-config", file: "examples/hardhat/hardhat.config.ts", language: "ts" },
  { name: "hardhat-deploy-config", file: "examples/hardhat/deploy/networks/localhost.ts", language: "ts" },
  { name: "hardhat-commands", file: "examples/hardhat/commands.sh", language: "sh" },
] as const;

export type ExampleName = (typeof README_EXAMPLES)[number]["name"];

export const beginMarker = (name: string) => `<!-- example:${name} -->`;
export const endMarker = (name: string) => `<!-- /example:${name} -->`;

/** A marker pair the README lacks, or has out of order or more than once. */
export class ReadmeMarkerError extends Error {
  override readonly name = "ReadmeMarkerError";
  constructor(
    readonly example: string,
    reason: string,
  ) {
    super(`README.md: ${beginMarker(example)} ... ${endMarker(example)} ${reason}`);
  }
}

/** Where example `name`'s markers are in `readme`: the offsets right after its begin marker and of its end marker. */
function span(readme: string, name: string): { readonly from: number; readonly to: number } {
  const begin = beginMarker(name);
  const end = endMarker(name);
  const at = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (at === -1 || to === -1) throw new ReadmeMarkerError(name, "is missing");
  if (readme.indexOf(begin, at + 1) !== -1 || readme.indexOf(end, to + 1) !== -1)
    throw new ReadmeMarkerError(name, "appears more than once");
  if (to < at) throw new ReadmeMarkerError(name, "is out of order");
  return { from: at + begin.length, to };
}

/** The file's text, as the README shows it (no trailing newline). */
export function exampleSource(example: (typeof README_EXAMPLES)[number]): string {
  return readFileSync(path.join(ROOT, example.file), "utf8").replace(/\n+$/, "");
}

/** `readme` with every example's block replaced by its file, in a fenced block; throws {@link ReadmeMarkerError}. */
export function withExamples(readme: string): string {
  let next = readme;
  for (const example of README_EXAMPLES) {
    const { from, to } = span(next, example.name);
    const block = `\n\n\`\`\`${example.language}\n${exampleSource(example)}\n\`\`\`\n\n`;
    next = next.slice(0, from) + block + next.slice(to);
  }
  return next;
}

/** The code inside example `name`'s block in `readme` (its fenced block's body), or undefined when there is none. */
export function readmeExample(readme: string, name: string): string | undefined {
  const { from, to } = span(readme, name);
  const match = /^\s*```[a-z]*\n([\s\S]*?)\n```\s*$/.exec(readme.slice(from, to));
  return match?.[1];
}
