import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "bench/fixtures/bare-next/.next/**",
      "node_modules/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // useSteadyMutation's deps are checked as useMemo's are (lib/query/use-steady-mutation.ts).
    plugins: { "react-hooks": next.find((c) => c.plugins?.["react-hooks"]).plugins["react-hooks"] },
    rules: { "react-hooks/exhaustive-deps": ["warn", { additionalHooks: "^useSteadyMutation$" }] },
  },
  {
    // Type-aware rules, only those that catch real bugs here: a promise nobody awaits
    // loses its rejection (an audit write, a bookkeeping step), and a promise passed
    // where a void callback is expected (an onClick, a setInterval) does too.
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    // No timed assertions: a test asserts what happened, never how long the machine
    // took (goals for speed live in `npm run bench`). Waits and clocks are injected or
    // faked instead (vi.useFakeTimers, the Sinch client's `clock` option).
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.name='expect'] > BinaryExpression[operator='-'] > CallExpression.left[callee.property.name='now']",
          message: "No timed assertions: assert the behaviour (fake timers, an injected clock), not elapsed time.",
        },
        {
          selector: "MemberExpression[object.name='performance'][property.name='now']",
          message: "No timed assertions: tests do not read the high-resolution clock; measure in `npm run bench`.",
        },
      ],
    },
  },
];
export default config;
