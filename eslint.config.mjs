import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const BROWSER_SAFE =
  "sdk/src outside sdk/src/node must stay browser-safe: no Node built-ins (move Node-only code to sdk/src/node).";

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

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "artifacts/",
      "cache/",
      "sdk/src/contracts/typechain/",
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
    files: ["test/**/*.ts"],
    rules: {
      // chai assertions such as `expect(x).to.be.true` are expressions.
      "@typescript-eslint/no-unused-expressions": "off",
    },
  },
  {
    // Everything but sdk/src/node is reached from the package's root or ./proof entries, which dapps bundle for the
    // browser: no Node built-ins, no Buffer, no process. Node-only code goes under sdk/src/node (the ./node entry).
    files: ["sdk/src/**/*.ts"],
    ignores: ["sdk/src/node/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: BROWSER_SAFE },
            ...NODE_BUILTINS.map((name) => ({ group: [name, `${name}/*`], message: BROWSER_SAFE })),
          ],
        },
      ],
      "no-restricted-globals": ["error", "Buffer", "process", "require", "__dirname", "global"],
    },
  },
  {
    // ./proof and the errors it throws run in wallets and extension pages: only the language and what it needs.
    files: ["sdk/src/proof/**/*.ts", "sdk/src/errors/**/*.ts"],
    languageOptions: { globals: { ...globals.es2022, TextEncoder: "readonly", WebAssembly: "readonly" } },
  },
);
