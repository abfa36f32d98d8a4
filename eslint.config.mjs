import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Node built-ins the browser-safe entries (the package root and ./proof) must never reach. */
const NODE_BUILTINS = [
  "assert",
  "buffer",
  "child_process",
  "crypto",
  "fs",
  "http",
  "https",
  "net",
  "os",
  "path",
  "process",
  "stream",
  "url",
  "util",
  "worker_threads",
  "zlib",
];

const BROWSER_SAFE_MESSAGE =
  "sdk/src outside sdk/src/node must stay browser-safe: no Node built-ins (move Node-only code to sdk/src/node).";

const BROWSER_SAFE = [
  { group: ["node:*"], message: BROWSER_SAFE_MESSAGE },
  ...NODE_BUILTINS.map((name) => ({ group: [name, `${name}/*`], message: BROWSER_SAFE_MESSAGE })),
];

/** sdk/src/index.ts re-exports every layer, so importing it from inside the SDK makes a cycle. */
const ROOT_IMPORT = {
  regex: "^\\.\\.(/\\.\\.)*(/index)?$",
  message: "Nothing inside the SDK imports its package root.",
};

/** The SDK's layers: errors <- proof <- roles (bridge, sequencer, contracts, node) <- index. */
const BELOW_ROLES = [
  {
    group: [
      "../bridge",
      "../bridge/*",
      "../sequencer",
      "../sequencer/*",
      "../da",
      "../da/*",
      "../contracts",
      "../contracts/*",
      "../node",
      "../node/*",
    ],
    message: "sdk/src/proof and sdk/src/errors sit below the role folders (errors <- proof <- roles <- index).",
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "artifacts/",
      "cache/",
      "sdk/src/contracts/typechain/",
      "sdk/src/contracts/generated/",
      "coverage/",
      "dist/",
      "build/",
      ".scratch/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: "error",
    },
  },
  {
    // The SDK is linted with type information: floating promises, unsafe `any` flows, needless conditions and
    // assertions are caught where they would reach users of the package.
    files: ["sdk/src/**/*.ts"],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers and bigints print exactly in a template (block numbers, indices, wei); objects and nullish do not.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "no-restricted-imports": ["error", { patterns: [ROOT_IMPORT] }],
      // Every throw is a typed SDK error (sdk/src/errors), never a bare Error.
      "no-restricted-syntax": [
        "error",
        {
          selector: "ThrowStatement > NewExpression[callee.name=/^(Error|RangeError|TypeError)$/]",
          message: "Throw a typed error from sdk/src/errors (a MetisError subclass), not a bare Error.",
        },
        {
          selector: "ThrowStatement > CallExpression[callee.name=/^(Error|RangeError|TypeError)$/]",
          message: "Throw a typed error from sdk/src/errors (a MetisError subclass), not a bare Error.",
        },
      ],
    },
  },
  {
    // The proof core is byte arithmetic over typed arrays: with `noUncheckedIndexedAccess` every `bytes[i]` is
    // `number | undefined`, and `!` states the bound the loop has just checked. Elsewhere a `!` would hide a real
    // null (a missing receipt, block or provider), so the rule stays on.
    files: ["sdk/src/proof/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // chai assertions such as `expect(x).to.be.true` are expressions.
      "@typescript-eslint/no-unused-expressions": "off",
    },
  },
  {
    // Everything but sdk/src/node is reached from the package's root or ./proof entries, which dapps bundle for the
    // browser: no Node built-ins, no Buffer, no process. Node-only code goes under sdk/src/node (the ./node entry) or
    // sdk/src/hardhat (the ./hardhat entry: Hardhat tasks, loaded by a project's Hardhat config).
    files: ["sdk/src/**/*.ts"],
    ignores: ["sdk/src/node/**", "sdk/src/hardhat/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [ROOT_IMPORT, ...BROWSER_SAFE] }],
      "no-restricted-globals": ["error", "Buffer", "process", "require", "__dirname", "global"],
    },
  },
  {
    // Proof sits on the errors alone: the role folders build on it, never the reverse.
    files: ["sdk/src/proof/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [ROOT_IMPORT, ...BROWSER_SAFE, ...BELOW_ROLES] }] },
  },
  {
    // Errors are the bottom layer: proof throws them, so they import nothing of the SDK but each other.
    files: ["sdk/src/errors/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ROOT_IMPORT,
            ...BROWSER_SAFE,
            ...BELOW_ROLES,
            { group: ["../proof", "../proof/*"], message: "sdk/src/errors is below sdk/src/proof: errors <- proof." },
          ],
        },
      ],
    },
  },
  {
    // ./proof and the errors it throws run in wallets and extension pages: only the language and what it needs.
    files: ["sdk/src/proof/**/*.ts", "sdk/src/errors/**/*.ts"],
    languageOptions: { globals: { ...globals.es2022, TextEncoder: "readonly", WebAssembly: "readonly" } },
  },
);
