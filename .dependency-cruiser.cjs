/**
 * The house's layering, checked by `npm run deps:check` (part of `npm test`).
 * Each rule says which direction of the layering it protects, and why.
 */

// Server-only code: the database, configuration (secrets), logging, the sandbox,
// the emulator and every lib/<feature>/server folder.
const SERVER_ONLY = [
  "^lib/[^/]+/server/",
  "^lib/db/",
  "^lib/config/",
  "^lib/log/",
  "^lib/sandbox/",
  "^lib/sinch/emulator/",
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import the checker cannot resolve is a hole in every other rule: fix the path or the tsconfig.",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-circular",
      severity: "error",
      comment:
        "An import circle makes the order modules load in matter and hides which layer depends on which: " +
        "pass a function in, or move the shared piece down.",
      from: {},
      to: { circular: true },
    },
    {
      name: "db-at-the-bottom",
      severity: "error",
      comment:
        "lib/db is persistence: it may use configuration, logging, utilities and the shared vocabulary, " +
        "never a feature folder (features call the database, not the other way round).",
      from: { path: "^lib/db/", pathNot: "\\.test\\.ts$" },
      to: {
        dependencyTypesNot: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "core"],
        pathNot: ["^lib/db/", "^lib/config/", "^lib/log/", "^lib/util/", "^lib/vocabulary/"],
      },
    },
    {
      name: "db-tests-at-the-bottom",
      severity: "error",
      comment: "lib/db's tests may use the test harness (lib/testing) as well, and still no feature folder.",
      from: { path: "^lib/db/.*\\.test\\.ts$" },
      to: {
        dependencyTypesNot: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "core"],
        pathNot: ["^lib/db/", "^lib/config/", "^lib/log/", "^lib/util/", "^lib/vocabulary/", "^lib/testing/"],
      },
    },
    {
      name: "sinch-not-config",
      severity: "error",
      comment:
        "lib/sinch is the wire (shared with the emulator, which has its own settings): it is given its " +
        "settings, it does not read Gavel's. The process's client is built in lib/platform.",
      from: { path: "^lib/sinch/" },
      to: { path: "^lib/config/" },
    },
    {
      name: "config-not-sinch",
      severity: "error",
      comment: "Configuration validates values from lib/vocabulary, not from a feature's wire schemas.",
      from: { path: "^lib/config/" },
      to: { path: "^lib/sinch/" },
    },
    {
      name: "vocabulary-is-a-leaf",
      severity: "error",
      comment: "lib/vocabulary holds value lists both persistence and features use: it may only use lib/util.",
      from: { path: "^lib/vocabulary/" },
      to: { path: "^lib/", pathNot: ["^lib/vocabulary/", "^lib/util/"] },
    },
    {
      name: "browser-code-not-server",
      severity: "error",
      comment:
        "Components and lib/**/client run in the browser: importing server-only code would ship secrets " +
        "or fail the build. Type-only imports too: a type the browser needs belongs in a client-safe module.",
      from: { path: ["^components/", "^lib/[^/]+/client/"] },
      to: { path: SERVER_ONLY },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^node_modules/", "^\\.next", "^data/", "^test-results/", "^playwright-report/", "/\\.next/"] },
    // Count `import type` too: a type-only circle still ties two modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    moduleSystems: ["es6", "cjs"],
  },
};
