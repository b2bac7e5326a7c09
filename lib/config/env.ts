/**
 * Gavel's configuration: every environment variable is read and validated here,
 * and nowhere else. A bad value stops start-up with a message that names the
 * variable and what is wrong with it. `.env.example` documents each one.
 */
import path from "node:path";
import { z } from "zod";
import { REGIONS } from "../vocabulary/regions";
import { parseTrustedProxies, type TrustedProxies } from "./trusted-proxies";

const intIn = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const optionalUrl = optionalString.pipe(
  z
    .string()
    .url("must be an absolute URL such as https://calling.api.sinch.com")
    .refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://")
    .optional(),
);

const onOff = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const s = v.trim().toLowerCase();
      if (["1", "true", "on", "yes"].includes(s)) return true;
      if (["0", "false", "off", "no"].includes(s)) return false;
      ctx.addIssue({ code: "custom", message: `must be on or off, got "${v}"` });
      return z.NEVER;
    });

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).optional(),
    PORT: intIn(1, 65535, 3000),

    // Sinch
    SINCH_APPLICATION_KEY: optionalString,
    SINCH_APPLICATION_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9+/=_-]+$/, "must be the base64 secret exactly as Sinch's dashboard shows it")
        .optional(),
    ),
    SINCH_AUTH: z.enum(["signed", "basic"], { message: 'must be "signed" or "basic"' }).default("signed"),
    SINCH_REGION: z.enum(REGIONS, { message: `must be one of ${REGIONS.join(", ")}` }).default("global"),
    SINCH_BASE_URL: optionalUrl,
    SINCH_TIMEOUT_MS: intIn(100, 120_000, 5000),

    // Sandbox (embedded emulator). GAVEL_SANDBOX is set by the launcher (scripts/gavel.ts), not by people.
    GAVEL_SANDBOX: onOff(false),
    GAVEL_EMULATOR_PORT: intIn(0, 65535, 4010),
    GAVEL_EMULATOR_SCENE: onOff(true),
    GAVEL_EMULATOR_RING_MS: intIn(0, 120_000, 2000),

    // Where Next writes its build (default .next); e2e runs use their own so they can run side by side.
    GAVEL_NEXT_DIST_DIR: z
      .string()
      .regex(/^\.next[A-Za-z0-9_-]*$/, 'must be ".next" or start with ".next" (e.g. .next-e2e)')
      .default(".next"),
    // Also write the browser chunks' source maps (the bench's page profile reads them to
    // name Gavel's functions); off: production builds do not ship them.
    GAVEL_BROWSER_SOURCE_MAPS: onOff(false),

    // Persistence
    GAVEL_DATA_DIR: z.string().default("./data"),
    DATABASE_URL: optionalString,
    // Several instances: the poll cache shared through Redis (optional).
    REDIS_URL: optionalString,

    // Sign-in
    NEXTAUTH_URL: optionalUrl,
    NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_NAME: z.string().default("Single sign-on"),
    GAVEL_ROLE_REFRESH_SECONDS: intIn(1, 60, 5),
    GAVEL_LOGIN_MAX_FAILURES: intIn(1, 100, 5),
    GAVEL_LOGIN_MAX_FAILURES_PER_ADDRESS: intIn(1, 1000, 20),
    GAVEL_LOGIN_WINDOW_SECONDS: intIn(10, 3600, 60),
    // Untrusted failures on one account (all addresses together) before each next try waits longer.
    GAVEL_LOGIN_ACCOUNT_FAILURES: intIn(1, 1000, 10),
    // Password checks running at once (off the main thread); more wait in a short queue, beyond it "busy".
    GAVEL_LOGIN_HASH_CONCURRENCY: intIn(1, 16, 1),
    // Who may say who the client is (X-Forwarded-For): see lib/config/trusted-proxies.ts.
    GAVEL_TRUSTED_PROXIES: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const parsed = parseTrustedProxies(v);
        if (parsed instanceof Error) {
          ctx.addIssue({ code: "custom", message: parsed.message });
          return z.NEVER;
        }
        return parsed;
      }),

    // API rate limits per signed-in user (lib/api/server/rate-limit.ts); 0 turns one off
    GAVEL_RATE_LIMIT_READS_PER_MINUTE: intIn(0, 1_000_000, 3000),
    GAVEL_RATE_LIMIT_COMMANDS_PER_MINUTE: intIn(0, 1_000_000, 600),
    GAVEL_RATE_LIMIT_CALLOUT_REQUESTS_PER_MINUTE: intIn(0, 1_000_000, 120),
    // Callouts placed per user in any 60 s, a dial list counting each line (lib/callouts/server/budget.ts)
    GAVEL_CALLOUT_BUDGET_PER_MINUTE: intIn(0, 1_000_000, 500),

    // Console
    GAVEL_POLL_INTERVAL_MS: intIn(1000, 10_000, 2000),
    GAVEL_BULK_CONCURRENCY: intIn(1, 50, 5),
    GAVEL_DEFAULT_COUNTRY: z
      .string()
      .regex(/^[A-Z]{2}$/, "must be a two-letter ISO country code such as SE or US")
      .default("US"),
    GAVEL_CALLER_IDS: optionalString,
    GAVEL_AUDIT_RETENTION_DAYS: intIn(1, 36500, 365),
    // Room policies' watcher stops after the room has been empty this long (lib/policies/server/watcher.ts)
    GAVEL_POLICY_IDLE_STOP_MINUTES: intIn(1, 1440, 30),

    // Monitoring: the bearer token GET /api/metrics asks for; unset, /api/metrics answers 404
    GAVEL_METRICS_TOKEN: optionalString.pipe(
      z
        .string()
        .min(32, "must be at least 32 characters (generate one with: openssl rand -hex 32)")
        .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces (it is sent in an Authorization header)")
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    const hasKey = env.SINCH_APPLICATION_KEY !== undefined;
    const hasSecret = env.SINCH_APPLICATION_SECRET !== undefined;
    if (hasKey !== hasSecret) {
      ctx.addIssue({
        code: "custom",
        path: [hasKey ? "SINCH_APPLICATION_SECRET" : "SINCH_APPLICATION_KEY"],
        message: "is required when the other Sinch credential is set (set both, or neither for sandbox mode)",
      });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter((v) => v !== undefined);
    if (oidc.length > 0 && oidc.length < 3) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together",
      });
    }
    const sandbox = env.GAVEL_SANDBOX || !hasKey;
    if (!sandbox && env.NODE_ENV === "production" && env.NEXTAUTH_SECRET === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required outside sandbox mode (generate one with: openssl rand -base64 32)",
      });
    }
    if (
      env.DATABASE_URL &&
      /^postgres(ql)?:/.test(env.DATABASE_URL) === false &&
      /^[a-z]+:\/\//.test(env.DATABASE_URL)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "must be a postgres:// URL, or a SQLite file path",
      });
    }
    if (env.REDIS_URL && !/^rediss?:\/\/[^/\s]/.test(env.REDIS_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["REDIS_URL"],
        message: "must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379), or unset",
      });
    }
  });

export type RawEnv = z.infer<typeof envSchema>;
export type { TrustedProxies };

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Gavel's configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export interface GavelConfig extends RawEnv {
  /** True when Gavel talks to its embedded emulator rather than to Sinch. */
  sandbox: boolean;
  dataDir: string;
  callerIds: string[];
  oidcEnabled: boolean;
}

export function parseEnv(source: Record<string, string | undefined>): GavelConfig {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`));
  }
  const env = result.data;
  return {
    ...env,
    sandbox: env.GAVEL_SANDBOX || env.SINCH_APPLICATION_KEY === undefined,
    dataDir: path.resolve(env.GAVEL_DATA_DIR),
    callerIds: (env.GAVEL_CALLER_IDS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    oidcEnabled: env.OIDC_ISSUER !== undefined,
  };
}

let cached: GavelConfig | undefined;

/** The validated configuration of this process (read once). */
export function config(): GavelConfig {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests: forget the cached configuration. */
export function resetConfigForTests(): void {
  cached = undefined;
}
