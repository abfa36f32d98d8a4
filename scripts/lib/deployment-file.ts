/**
 * Writes a deployment file (`deployments/<network>.json`) and regenerates the address book the package ships,
 * `sdk/src/deployments/known.ts`, from every `deployments/*.json`: sorted by file name, prettier-formatted, so the same
 * files always give the same module (a test checks that the two agree).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import * as prettier from "prettier";

import { parseDeployment, type Deployment } from "../../sdk/src/deployments";
import { writeDeploymentJson } from "../../sdk/src/hardhat/deploy";

const ROOT = path.join(__dirname, "..", "..");
export const DEPLOYMENTS_DIR = path.join(ROOT, "deployments");
export const KNOWN_FILE = path.join(ROOT, "sdk", "src", "deployments", "known.ts");

const HEADER = `/**
 * The deployments shipped with the package: every \`deployments/<network>.json\`, written here by \`scripts/deploy.ts\`
 * (\`writeDeployment\`) so that the browser-safe root entry carries them without reading files. A test checks that
 * this list and the JSON files agree. Do not edit by hand.
 */
import type { Deployment } from "./types";
`;

/** Every `<directory>/*.json` deployment, parsed, sorted by file name. */
export function readDeployments(directory = DEPLOYMENTS_DIR): Deployment[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith(".json") && !name.endsWith(".pending.json"))
    .sort()
    .map((name) => parseDeployment(JSON.parse(readFileSync(path.join(directory, name), "utf8"))));
}

/** The source of `known.ts` for `deployments`, formatted as prettier formats the repository. */
export async function knownSource(deployments: readonly Deployment[]): Promise<string> {
  const body = `${HEADER}\nexport const KNOWN_DEPLOYMENTS: readonly Deployment[] = ${JSON.stringify(deployments, null, 2)};\n`;
  const options = (await prettier.resolveConfig(KNOWN_FILE)) ?? {};
  return prettier.format(body, { ...options, filepath: KNOWN_FILE });
}

/**
 * Writes `deployment` to `<directory>/<network>.json` and regenerates `knownFile` from every deployment in
 * `directory`. Returns the two paths.
 */
export async function writeDeployment(
  deployment: Deployment,
  options: { readonly directory?: string; readonly knownFile?: string } = {},
): Promise<{ readonly file: string; readonly knownFile: string }> {
  const directory = options.directory ?? DEPLOYMENTS_DIR;
  const knownFile = options.knownFile ?? KNOWN_FILE;
  const file = writeDeploymentJson(directory, deployment);
  writeFileSync(knownFile, await knownSource(readDeployments(directory)));
  return { file, knownFile };
}
