/**
 * An agent's config: a JSON file (paths in it relative to the file's directory) plus the environment. Keys never come
 * from the file: it names the environment variables that hold them (`keyEnv`, `relayerKeyEnv`), and a file that holds
 * a private key itself (a `key`/`privateKey`/`mnemonic` field, or any 32-byte hex string) is refused. S3 credentials
 * come from `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`.
 *
 * Environment overrides (applied over the file's values, then checked like them):
 *   METIS_AGENT_L1         the L1 JSON-RPC URL (`l1`)
 *   METIS_AGENT_L2         the L2 JSON-RPC URL (`l2`)
 *   METIS_AGENT_DATA_DIR   the state directory (`dataDir`; relative to the working directory)
 *   METIS_AGENT_LOG_LEVEL  the log level (`log.level`: debug, info, warn, error)
 *
 * A sequencer:
 * ```json
 * { "role": "sequencer", "name": "sequencer-1", "l1": "http://127.0.0.1:8545", "l2": "http://127.0.0.1:9645",
 *   "deployment": "../deployments/localhost.json", "keyEnv": "METIS_SEQUENCER_1_KEY", "relayerKeyEnv": "...",
 *   "store": { "kind": "s3", "endpoint": "http://127.0.0.1:9000", "bucket": "memo", "prefix": "" },
 *   "dataDir": "./sequencer-1", "peer": { "host": "127.0.0.1", "port": 7101 },
 *   "peers": [{ "address": "0x...", "url": "http://127.0.0.1:7102" }], "health": { "host": "127.0.0.1", "port": 7201 },
 *   "pollMs": 1000, "minBatchIntervalMs": 0, "maxBlocksPerBatch": 100, "l1Finality": "finalized",
 *   "peerTimeoutMs": 10000, "peerRetries": 2, "da": { "answer": true }, "rewards": { "intervalMs": 30000 },
 *   "epochs": { "start": true }, "log": { "level": "info" } }
 * ```
 * A verifier: `role: "verifier"`, `l1`, `l2` (the public L2 RPC), `deployment`, `keyEnv` (its challenger and voter
 * key), `store`, `dataDir`, `health`, `pollMs`, `da: { "request": true, "l1WaitMs": 5000 }`, optional
 * `vote: { "stake": "<wei>" }` (staked up to that at start; without `vote` it does not vote), optional
 * `challenge: { "execution": true }` (open execution disputes, bonding `executionBond`; default true), `log`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { Wallet } from "ethers";

import { parseDeployment } from "../../deployments";
import type { Deployment } from "../../deployments/types";
import { AgentConfigError } from "../../errors/agent";
import type { L1Finality } from "../../sequencer/deposits";

import { LOG_LEVELS, type LogLevel } from "./log";

/** Where batch data objects live: Memo over S3, or a local directory. */
export type AgentStoreConfig =
  | {
      readonly kind: "s3";
      readonly endpoint?: string;
      readonly bucket: string;
      readonly prefix: string;
      readonly region?: string;
      readonly compression?: "gzip";
      /** From AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. */
      readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
    }
  | { readonly kind: "file"; readonly directory: string };

export interface ListenConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

interface CommonAgentConfig {
  readonly name: string;
  /** The config file this was loaded from, when it was. */
  readonly file?: string;
  readonly l1: string;
  readonly l2: string;
  /** The deployment file's absolute path, and its parsed content. */
  readonly deploymentFile: string;
  readonly deployment: Deployment;
  readonly keyEnv: string;
  /** The private key read from `keyEnv`. */
  readonly key: string;
  readonly store: AgentStoreConfig;
  /** Absolute. */
  readonly dataDir: string;
  readonly health?: ListenConfig;
  readonly pollMs: number;
  readonly log: { readonly level: LogLevel };
}

export interface SequencerAgentConfig extends CommonAgentConfig {
  readonly role: "sequencer";
  readonly relayerKeyEnv?: string;
  /** The private key read from `relayerKeyEnv`, when one is named. */
  readonly relayerKey?: string;
  readonly peer: ListenConfig;
  readonly peers: readonly { readonly address: string; readonly url: string }[];
  readonly minBatchIntervalMs: number;
  readonly maxBlocksPerBatch?: number;
  readonly l1Finality?: L1Finality;
  readonly peerTimeoutMs: number;
  readonly peerRetries: number;
  readonly da: { readonly answer: boolean };
  /** Settle and claim rewards every `intervalMs`; absent: never. */
  readonly rewards?: { readonly intervalMs: number };
  /** Start the next epoch when the current one is over (default true). */
  readonly epochs: { readonly start: boolean };
}

export interface VerifierAgentConfig extends CommonAgentConfig {
  readonly role: "verifier";
  readonly da: { readonly request: boolean; readonly l1WaitMs: number };
  /** Vote in execution disputes; `stake` is topped up to at start. Absent: the verifier does not vote. */
  readonly vote?: { readonly stake: bigint };
  readonly challenge: { readonly execution: boolean };
}

export type AgentConfig = SequencerAgentConfig | VerifierAgentConfig;

/** Field names that hold a secret: refused in the file. */
const SECRET_FIELDS = new Set(["key", "privatekey", "relayerkey", "mnemonic", "secretaccesskey", "password"]);
const PRIVATE_KEY = /^(0x)?[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

type Json = Record<string, unknown>;

/** Reads and checks the agent config in `file`, with `env`'s overrides and keys (default `process.env`). */
export function loadAgentConfig(file: string, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new AgentConfigError("file", `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`, file);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AgentConfigError("file", "is not JSON", file);
  }
  return parseAgentConfig(json, { file, baseDir: path.dirname(path.resolve(file)), env });
}

/**
 * Checks a parsed config (`json`) with `env`'s overrides and keys; paths are relative to `baseDir` (default the
 * working directory). Throws an {@link AgentConfigError} naming the first bad field.
 */
export function parseAgentConfig(
  json: unknown,
  options: { readonly file?: string; readonly baseDir?: string; readonly env?: NodeJS.ProcessEnv } = {},
): AgentConfig {
  const { file } = options;
  const env = options.env ?? process.env;
  const baseDir = options.baseDir ?? process.cwd();
  const fail = (field: string, reason: string): never => {
    throw new AgentConfigError(field, reason, file);
  };
  if (typeof json !== "object" || json === null || Array.isArray(json)) return fail("file", "is not a JSON object");
  refuseSecrets(json, "", fail);
  const root = json as Json;

  const string = (object: Json, field: string, where = field): string => {
    const value = object[field];
    if (value === undefined) return fail(where, "is missing");
    if (typeof value !== "string" || value.length === 0) return fail(where, "is not a non-empty string");
    return value;
  };
  const optionalString = (object: Json, field: string, where = field): string | undefined =>
    object[field] === undefined ? undefined : string(object, field, where);
  const integer = (object: Json, field: string, fallback: number | undefined, min: number, where = field) => {
    const value = object[field];
    if (value === undefined) {
      if (fallback === undefined) return fail(where, "is missing");
      return fallback;
    }
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min)
      return fail(where, `is not an integer of at least ${min}`);
    return value;
  };
  const boolean = (object: Json, field: string, fallback: boolean, where = field): boolean => {
    const value = object[field];
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") return fail(where, "is not true or false");
    return value;
  };
  const object = (value: unknown, where: string): Json => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return fail(where, "is not an object");
    return value as Json;
  };
  const url = (value: string, where: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return fail(where, `is not a URL: ${value}`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      return fail(where, `is not an http(s) URL: ${value}`);
    return value;
  };
  const listen = (value: unknown, where: string): ListenConfig => {
    const entry = object(value, where);
    const host = entry.host === undefined ? "127.0.0.1" : string(entry, "host", `${where}.host`);
    const port = entry.port;
    if (typeof port !== "number" || !Number.isSafeInteger(port) || port < 0 || port > 65_535)
      return fail(`${where}.port`, "is not a port (an integer from 0 to 65535)");
    return { host, port };
  };
  const keyFrom = (field: string): { name: string; key: string } => {
    const name = string(root, field);
    const key = env[name];
    if (key === undefined || key.length === 0) return fail(field, `names ${name}, which is not set in the environment`);
    try {
      return { name, key: new Wallet(key).privateKey };
    } catch {
      return fail(field, `names ${name}, which does not hold a private key`);
    }
  };

  const role = root.role;
  if (role !== "sequencer" && role !== "verifier") return fail("role", `is not "sequencer" or "verifier"`);
  const name = string(root, "name");
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) fail("name", "is not a name (letters, digits, '.', '-' and '_')");
  const l1 = url(env.METIS_AGENT_L1 || string(root, "l1"), env.METIS_AGENT_L1 ? "METIS_AGENT_L1" : "l1");
  const l2 = url(env.METIS_AGENT_L2 || string(root, "l2"), env.METIS_AGENT_L2 ? "METIS_AGENT_L2" : "l2");
  const deploymentFile = path.resolve(baseDir, string(root, "deployment"));
  let deploymentJson: unknown;
  try {
    deploymentJson = JSON.parse(readFileSync(deploymentFile, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail("deployment", `${deploymentFile} ${code === undefined ? "is not JSON" : `cannot be read (${code})`}`);
  }
  let deployment: Deployment;
  try {
    deployment = parseDeployment(deploymentJson);
  } catch (error) {
    return fail("deployment", `${deploymentFile} is not a deployment: ${(error as Error).message}`);
  }
  const { name: keyEnv, key } = keyFrom("keyEnv");
  const store = storeConfig(root.store, baseDir, env, { fail, object, string, optionalString, url });
  const dataDirGiven = env.METIS_AGENT_DATA_DIR || string(root, "dataDir");
  const dataDir = env.METIS_AGENT_DATA_DIR ? path.resolve(dataDirGiven) : path.resolve(baseDir, dataDirGiven);
  const health = root.health === undefined ? undefined : listen(root.health, "health");
  const pollMs = integer(root, "pollMs", 1_000, 10);
  const logJson = root.log === undefined ? {} : object(root.log, "log");
  const level = env.METIS_AGENT_LOG_LEVEL || (logJson.level === undefined ? "info" : logJson.level);
  if (!LOG_LEVELS.includes(level as LogLevel))
    fail(env.METIS_AGENT_LOG_LEVEL ? "METIS_AGENT_LOG_LEVEL" : "log.level", `is not one of ${LOG_LEVELS.join(", ")}`);
  const common = {
    name,
    ...(file === undefined ? {} : { file: path.resolve(file) }),
    l1,
    l2,
    deploymentFile,
    deployment,
    keyEnv,
    key,
    store,
    dataDir,
    ...(health === undefined ? {} : { health }),
    pollMs,
    log: { level: level as LogLevel },
  };

  if (role === "sequencer") {
    const relayer = root.relayerKeyEnv === undefined ? undefined : keyFrom("relayerKeyEnv");
    const peer = listen(root.peer, "peer");
    const peersJson = root.peers === undefined ? [] : root.peers;
    if (!Array.isArray(peersJson)) return fail("peers", "is not a list");
    const peers = peersJson.map((value: unknown, i) => {
      const entry = object(value, `peers[${i}]`);
      const address = string(entry, "address", `peers[${i}].address`);
      if (!ADDRESS.test(address)) fail(`peers[${i}].address`, "is not an address");
      return { address, url: url(string(entry, "url", `peers[${i}].url`), `peers[${i}].url`) };
    });
    const da = root.da === undefined ? {} : object(root.da, "da");
    const rewards = root.rewards === undefined ? undefined : object(root.rewards, "rewards");
    const epochs = root.epochs === undefined ? {} : object(root.epochs, "epochs");
    const finality = root.l1Finality;
    let l1Finality: L1Finality | undefined;
    if (finality === "finalized" || finality === "safe") l1Finality = finality;
    else if (typeof finality === "number" && Number.isSafeInteger(finality) && finality >= 0)
      l1Finality = { confirmations: finality };
    else if (finality !== undefined) fail("l1Finality", `is not "finalized", "safe" or a number of confirmations`);
    const maxBlocksPerBatch =
      root.maxBlocksPerBatch === undefined ? undefined : integer(root, "maxBlocksPerBatch", undefined, 1);
    return {
      role,
      ...common,
      ...(relayer === undefined ? {} : { relayerKeyEnv: relayer.name, relayerKey: relayer.key }),
      peer,
      peers,
      minBatchIntervalMs: integer(root, "minBatchIntervalMs", 0, 0),
      ...(maxBlocksPerBatch === undefined ? {} : { maxBlocksPerBatch }),
      ...(l1Finality === undefined ? {} : { l1Finality }),
      peerTimeoutMs: integer(root, "peerTimeoutMs", 10_000, 1),
      peerRetries: integer(root, "peerRetries", 2, 0),
      da: { answer: boolean(da, "answer", true, "da.answer") },
      ...(rewards === undefined
        ? {}
        : { rewards: { intervalMs: integer(rewards, "intervalMs", undefined, 1, "rewards.intervalMs") } }),
      epochs: { start: boolean(epochs, "start", true, "epochs.start") },
    };
  }
  const da = root.da === undefined ? {} : object(root.da, "da");
  const challenge = root.challenge === undefined ? {} : object(root.challenge, "challenge");
  let vote: { stake: bigint } | undefined;
  if (root.vote !== undefined) {
    const voteJson = object(root.vote, "vote");
    const stake = voteJson.stake === undefined ? "0" : voteJson.stake;
    if (typeof stake !== "string" || !/^[0-9]+$/.test(stake)) fail("vote.stake", "is not a decimal string of wei");
    vote = { stake: BigInt(stake as string) };
  }
  return {
    role,
    ...common,
    da: {
      request: boolean(da, "request", false, "da.request"),
      l1WaitMs: integer(da, "l1WaitMs", 5_000, 1, "da.l1WaitMs"),
    },
    ...(vote === undefined ? {} : { vote }),
    challenge: { execution: boolean(challenge, "execution", true, "challenge.execution") },
  };
}

/** Throws for a secret anywhere in the file: a field named like one, or a string that is a private key. */
function refuseSecrets(value: unknown, where: string, fail: (field: string, reason: string) => never): void {
  if (typeof value === "string") {
    if (PRIVATE_KEY.test(value)) fail(where, "holds a private key: keys come only from the environment (keyEnv)");
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      refuseSecrets(item, `${where}[${i}]`, fail);
    });
    return;
  }
  for (const [field, item] of Object.entries(value)) {
    const at = where === "" ? field : `${where}.${field}`;
    if (SECRET_FIELDS.has(field.toLowerCase()))
      fail(at, "is not allowed: keys come only from the environment (keyEnv, relayerKeyEnv)");
    refuseSecrets(item, at, fail);
  }
}

function storeConfig(
  value: unknown,
  baseDir: string,
  env: NodeJS.ProcessEnv,
  read: {
    readonly fail: (field: string, reason: string) => never;
    readonly object: (value: unknown, where: string) => Json;
    readonly string: (object: Json, field: string, where?: string) => string;
    readonly optionalString: (object: Json, field: string, where?: string) => string | undefined;
    readonly url: (value: string, where: string) => string;
  },
): AgentStoreConfig {
  const { fail, object, string, optionalString, url } = read;
  if (value === undefined) return fail("store", "is missing");
  const store = object(value, "store");
  if (store.kind === "file")
    return { kind: "file", directory: path.resolve(baseDir, string(store, "directory", "store.directory")) };
  if (store.kind !== "s3") return fail("store.kind", `is not "s3" or "file"`);
  const endpoint = optionalString(store, "endpoint", "store.endpoint");
  const prefix = store.prefix === undefined || store.prefix === "" ? "" : string(store, "prefix", "store.prefix");
  const region = optionalString(store, "region", "store.region");
  const compression = store.compression;
  if (compression !== undefined && compression !== "gzip") fail("store.compression", `is not "gzip"`);
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey)
    fail("store", "is S3, which needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set in the environment");
  return {
    kind: "s3",
    ...(endpoint === undefined ? {} : { endpoint: url(endpoint, "store.endpoint") }),
    bucket: string(store, "bucket", "store.bucket"),
    prefix,
    ...(region === undefined ? {} : { region }),
    ...(compression === undefined ? {} : { compression: "gzip" as const }),
    credentials: { accessKeyId: accessKeyId as string, secretAccessKey: secretAccessKey as string },
  };
}
