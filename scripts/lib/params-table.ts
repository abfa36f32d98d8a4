/**
 * The README's parameter table, generated from contracts/libraries/Constants.sol: every `DEFAULT_<KEY>` constant is a
 * parameter, with `MIN_<KEY>` and `MAX_<KEY>` its bounds and the default's NatSpec its reason, grouped by the
 * library's section comments. The SDK's parameter list (sdk/src/governance/parameters.ts) names its contract and
 * setter; a parameter it lacks still appears (under its section), so test/governance/parameters.test.ts fails on it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { PARAMETERS } from "../../sdk/src/governance/parameters";

export const CONSTANTS_PATH = path.join(__dirname, "..", "..", "contracts", "libraries", "Constants.sol");
export const README_PATH = path.join(__dirname, "..", "..", "README.md");
export const BEGIN = "<!-- parameters:begin -->";
export const END = "<!-- parameters:end -->";

/** One constant of the library: its section, NatSpec notice, Solidity expression and value. */
export interface SolidityConstant {
  readonly name: string;
  readonly section: string;
  readonly notice: string;
  readonly expression: string;
  readonly value: bigint;
}

/** One parameter: a DEFAULT_ constant with its bounds. */
export interface ParameterRow {
  readonly key: string;
  readonly section: string;
  readonly reason: string;
  readonly default: bigint;
  readonly min: bigint;
  readonly max: bigint;
}

const UNITS: Readonly<Record<string, bigint>> = {
  seconds: 1n,
  minutes: 60n,
  hours: 3600n,
  days: 86_400n,
  weeks: 604_800n,
  wei: 1n,
  gwei: 10n ** 9n,
  ether: 10n ** 18n,
};

/** Evaluates a Solidity constant expression over numbers, units, names in `scope`, + - * / << and parentheses. */
export function evaluate(expression: string, scope: ReadonlyMap<string, bigint>): bigint {
  const tokens = expression.match(/\d[\d_]*(?:\.\d+)?|[A-Za-z_]\w*|<<|[-+*/()]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const primary = (): bigint => {
    const token = tokens[i++];
    if (token === undefined) throw new Error(`unexpected end of ${expression}`);
    if (token === "(") {
      const value = sum();
      i++; // ")"
      return value;
    }
    if (/^\d/.test(token)) {
      const unit = UNITS[peek() ?? ""];
      if (unit !== undefined) i++;
      const [whole, fraction = ""] = token.replace(/_/g, "").split(".");
      const scale = 10n ** BigInt(fraction.length);
      return (BigInt(whole! + fraction) * (unit ?? 1n)) / scale;
    }
    const value = scope.get(token.replace(/^Constants\./, ""));
    if (value === undefined) throw new Error(`unknown name ${token} in ${expression}`);
    return value;
  };
  const product = (): bigint => {
    let value = primary();
    while (peek() === "*" || peek() === "/") value = tokens[i++] === "*" ? value * primary() : value / primary();
    return value;
  };
  const sum = (): bigint => {
    let value = product();
    while (peek() === "+" || peek() === "-") value = tokens[i++] === "+" ? value + product() : value - product();
    return value;
  };
  const shift = (): bigint => {
    let value = sum();
    while (peek() === "<<") {
      i++;
      value <<= sum();
    }
    return value;
  };
  return shift();
}

/** The constants of Constants.sol (`source`), with the file-level ones (MAX_SEATS) in scope but not listed. */
export function parseConstants(source: string): SolidityConstant[] {
  const scope = new Map<string, bigint>();
  for (const match of source.matchAll(/^uint256 constant (\w+) = ([^;]+);/gm)) {
    scope.set(match[1]!, evaluate(match[2]!, scope));
  }
  const body = source.slice(source.indexOf("library Constants"));
  const constants: SolidityConstant[] = [];
  let section = "";
  let notice: string[] = [];
  let declaration: string | undefined;
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    const heading = /^\/\/ (.+?) -{3,}$/.exec(line);
    if (heading) {
      section = heading[1]!;
      notice = [];
      continue;
    }
    if (declaration === undefined && line.startsWith("///")) {
      const text = line.replace(/^\/\/\/\s*(@notice\s*)?/, "");
      if (line.includes("@notice")) notice = [text];
      else if (!line.includes("@")) notice.push(text);
      continue;
    }
    if (declaration === undefined && /^uint256 internal constant/.test(line)) declaration = "";
    if (declaration !== undefined) {
      declaration += ` ${line}`;
      if (!line.endsWith(";")) continue;
      const match = /constant (\w+)\s*=\s*([^;]+);/.exec(declaration)!;
      const value = evaluate(match[2]!.trim(), scope);
      scope.set(match[1]!, value);
      constants.push({
        name: match[1]!,
        section,
        notice: notice.join(" ").trim(),
        expression: match[2]!.trim(),
        value,
      });
      declaration = undefined;
      notice = [];
    }
  }
  return constants;
}

/** The parameters among `constants`: each DEFAULT_ with its MIN_ and MAX_ (throws when a bound is missing). */
export function parameterRows(constants: readonly SolidityConstant[]): ParameterRow[] {
  const byName = new Map(constants.map((c) => [c.name, c]));
  return constants
    .filter((c) => c.name.startsWith("DEFAULT_"))
    .map((c) => {
      const key = c.name.slice("DEFAULT_".length);
      const min = byName.get(`MIN_${key}`);
      const max = byName.get(`MAX_${key}`);
      if (min === undefined || max === undefined) throw new Error(`parameter ${key} lacks MIN_${key} or MAX_${key}`);
      return { key, section: c.section, reason: c.notice, default: c.value, min: min.value, max: max.value };
    });
}

const CONTRACT_NAMES: Readonly<Record<string, string>> = {
  batchChain: "BatchChain",
  registry: "SequencerRegistry",
  disputeManager: "DisputeManager",
  verifierRegistry: "VerifierRegistry",
  daRequestManager: "DARequestManager",
  rewardPool: "RewardPool",
  governor: "MetisGovernor",
  timelock: "MetisTimelock",
};

const group = (value: bigint): string => value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");

function duration(seconds: bigint): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ["day", 86_400n],
    ["hour", 3_600n],
    ["minute", 60n],
    ["second", 1n],
  ] as const) {
    const count = rest / size;
    rest %= size;
    if (count > 0n) parts.push(`${group(count)} ${unit}${count === 1n ? "" : "s"}`);
  }
  return parts.length === 0 ? "0" : parts.join(" ");
}

function amount(value: bigint, unit: string): string {
  const whole = value / 10n ** 18n;
  const fraction = (value % 10n ** 18n).toString().padStart(18, "0").replace(/0+$/, "");
  if (fraction.length <= 6) return `${group(whole)}${fraction ? `.${fraction}` : ""} ${unit}`;
  return `${group(value / 10n ** 9n)} gwei`;
}

/** `value` of parameter `key` in the unit its name implies (durations, token or ETH amounts, basis points). */
export function formatValue(key: string, value: bigint): string {
  if (/(DELAY|WINDOW|PERIOD|TIMEOUT|DURATION|TIME)$/.test(key)) return duration(value);
  if (/STAKE|THRESHOLD/.test(key)) return amount(value, "METIS");
  if (/BOND|REFUND/.test(key)) return amount(value, "ETH");
  if (/BPS$/.test(key)) return `${group(value)} bps`;
  if (/NUMERATOR$/.test(key)) return `${value}%`;
  return group(value);
}

const cell = (text: string): string => text.replace(/\{(?:[\w]+-)?(\w+)\}/g, "`$1`").replace(/\|/g, "\\|");

/** The table (Markdown) for `source`, the text of Constants.sol. */
export function renderTable(source: string): string {
  const rows = parameterRows(parseConstants(source));
  const lines = ["| Contract | Parameter (setter) | Default | Bounds | Reason |", "| --- | --- | --- | --- | --- |"];
  for (const row of rows) {
    const spec = PARAMETERS.find((p) => p.constant === row.key);
    const contract = spec ? CONTRACT_NAMES[spec.contract]! : row.section;
    const name = spec ? `\`${spec.name}\` (\`${spec.setter}\`)` : `\`${row.key}\` (no setter)`;
    const bounds = `${formatValue(row.key, row.min)} to ${formatValue(row.key, row.max)}`;
    lines.push(`| ${contract} | ${name} | ${formatValue(row.key, row.default)} | ${bounds} | ${cell(row.reason)} |`);
  }
  return lines.join("\n");
}

/** `readme` with the text between the markers replaced by `table`; throws when the markers are missing. */
export function withTable(readme: string, table: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md lacks ${BEGIN} ... ${END}`);
  return `${readme.slice(0, begin + BEGIN.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

/**
 * `table` with each row's cells trimmed and separator cells shortened, so that a table Prettier has aligned compares
 * equal to the generated one.
 */
export function normalizeTable(table: string): string {
  return table
    .trim()
    .split("\n")
    .map((line) =>
      line
        .trim()
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/^-{3,}$/, "---"))
        .join("|"),
    )
    .join("\n");
}

/** The table between the README's markers, as written. */
export function readmeTable(readme: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md lacks ${BEGIN} ... ${END}`);
  return readme.slice(begin + BEGIN.length, end).trim();
}

/** The table generated from the Constants.sol on disk. */
export const generatedTable = (): string => renderTable(readFileSync(CONSTANTS_PATH, "utf8"));
