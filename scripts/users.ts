/**
 * Manage Gavel's users from a shell: `npm run users -- <command> [options]`.
 * Run `npm run users -- help` for the commands.
 *
 * Uses the same configuration as the app (DATABASE_URL, GAVEL_DATA_DIR, read from the
 * environment and from .env files as Next does) and the same repository
 * (lib/db/users.ts), so the rules are the app's: unique emails, passwords of 12 to 72
 * bytes, never fewer than one active admin. The database is the real one whether or
 * not Sinch credentials are set where it runs; --sandbox picks sandbox mode's own.
 *
 * Exit codes: 0 done, 1 refused or failed (unknown user, duplicate email, last admin,
 * database unreachable), 2 the command line is wrong.
 */
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { z } from "zod";
import { ConfigError } from "../lib/config/env";
import type { GavelDb } from "../lib/db";
import { DuplicateEmailError, LastAdminError, NotFoundError } from "../lib/db/errors";
import type { User } from "../lib/db/users";
import { DEMO_EMAILS, isDemoEmail } from "../lib/sandbox/demo-users";
import { emailSchema, passwordSchema, userNameSchema, userRoleSchema, USER_ROLES } from "../lib/users/schemas";

// The database stack (Kysely, drivers, bcrypt) is loaded only once the command line
// is known to be right, so `help` and usage mistakes answer at once.
const repo = () => import("../lib/db/users");

const HELP = `Manage Gavel's users.

Usage: npm run users -- <command> [options]

Commands:
  add --email EMAIL --role ROLE [--name NAME] [--password PASSWORD | --generate | --sso-only]
        Add a user. Without a password option, asks for one (hidden) on a terminal,
        or generates one when input is not a terminal. A generated password is
        printed once. --sso-only: the user can only sign in with single sign-on.
  list [--json]
        Show every user.
  set-role --email EMAIL --role ROLE
  disable --email EMAIL
  enable --email EMAIL
  reset-password --email EMAIL [--password PASSWORD | --generate]
        Set a new password (asks, or generates, as for add).
  remove-demo
        Remove the sandbox's demo accounts (${DEMO_EMAILS.join(", ")}): a real
        start refuses to run while any is in its database. Recorded in the audit trail.
  help
        Show this.

Roles: ${USER_ROLES.join(", ")}.
Passwords: at least 12 characters, at most 72 bytes. Prefer typing it at the prompt
or --generate: a --password given on the command line stays in the shell's history.
The database is the app's: DATABASE_URL, or GAVEL_DATA_DIR/gavel.db (with --sandbox,
any command works on sandbox mode's: DATABASE_URL, or GAVEL_DATA_DIR/sandbox.db).`;

/** The command line is wrong: exit code 2. */
class UsageError extends Error {}
/** The request was understood but cannot be done: exit code 1. */
class Refusal extends Error {}

type OptionSpec = { type: "string" } | { type: "boolean" };
const str: OptionSpec = { type: "string" };
const bool: OptionSpec = { type: "boolean" };

const COMMANDS = {
  add: { email: str, role: str, name: str, password: str, generate: bool, "sso-only": bool },
  list: { json: bool },
  "set-role": { email: str, role: str },
  disable: { email: str },
  enable: { email: str },
  "reset-password": { email: str, password: str, generate: bool },
  "remove-demo": {},
} as const satisfies Record<string, Record<string, OptionSpec>>;
type Command = keyof typeof COMMANDS;

type Values = Record<string, string | boolean | undefined>;

function isCommand(s: string): s is Command {
  return Object.hasOwn(COMMANDS, s);
}

function parse(argv: string[]): { command: Command | "help"; values: Values } {
  const [first, ...rest] = argv;
  if (first === undefined || first === "help" || first === "--help" || first === "-h") {
    return { command: "help", values: {} };
  }
  if (!isCommand(first)) {
    throw new UsageError(
      first.startsWith("-")
        ? `expected a command before ${first}`
        : `unknown command "${first}" (commands: ${Object.keys(COMMANDS).join(", ")}, help)`,
    );
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...COMMANDS[first], sandbox: bool },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`${first}: unexpected argument "${positionals[0]}"`);
    return { command: first, values: values as Values };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // parseArgs' own messages ("Unknown option '--x'", "Option '--email <value>' argument missing").
    throw new UsageError(`${first}: ${e instanceof Error ? e.message.replace(/\. To specify.*$/s, "") : String(e)}`);
  }
}

/** Validates one option with a shared schema, naming the option in the message. */
function option<T>(values: Values, name: string, schema: z.ZodType<T>, command: string): T {
  const raw = values[name];
  if (raw === undefined) throw new UsageError(`${command}: --${name} is required`);
  const r = schema.safeParse(raw);
  if (!r.success) throw new UsageError(`--${name} ${r.error.issues[0]?.message ?? "is invalid"}`);
  return r.data;
}

function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

async function findUser(db: GavelDb, values: Values, command: string): Promise<User> {
  const email = option(values, "email", emailSchema, command);
  const user = await (await repo()).getUserByEmail(db, email);
  if (!user) throw new Refusal(`no user with the email ${email}`);
  return user;
}

// Passwords ----------------------------------------------------------------------

/** Reads a line from the terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u0003" || (ch === "\u0004" && value === "")) {
          finish();
          reject(new Refusal("cancelled"));
          return;
        }
        if (ch === "\u007f" || ch === "\b") {
          value = Array.from(value).slice(0, -1).join("");
        } else if (ch === "\u001b") {
          // An escape sequence (arrow keys and the like): drop the rest of it.
          break;
        } else if (ch >= " ") {
          value += ch;
        }
      }
    };
    process.stderr.write(prompt);
    stdin.setEncoding("utf8");
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

async function askPassword(email: string): Promise<string> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const first = await readHidden(`New password for ${email}: `);
    const valid = passwordSchema.safeParse(first);
    if (!valid.success) {
      console.error(`The password ${valid.error.issues[0]?.message ?? "is not acceptable"}. Try again.`);
      continue;
    }
    const again = await readHidden("Type it again: ");
    if (again === first) return first;
    console.error("The two passwords differ. Try again.");
  }
  throw new Refusal("no password set after three tries");
}

/** The password to store: given, generated, or asked for; "generate" asks the repository for one. */
async function choosePassword(values: Values, email: string, command: string): Promise<string> {
  const given = values.password;
  if (typeof given === "string") {
    if (flag(values, "generate")) throw new UsageError(`${command}: give --password or --generate, not both`);
    return option(values, "password", passwordSchema, command);
  }
  if (flag(values, "generate") || !process.stdin.isTTY) return "generate";
  return askPassword(email);
}

function printGenerated(email: string, password: string | null): void {
  if (password === null) return;
  console.log(`Generated password for ${email} (shown once, store it now): ${password}`);
}

// Commands -------------------------------------------------------------------------

async function add(db: GavelDb, v: Values): Promise<void> {
  const { createUser, getUserByEmail } = await repo();
  const email = option(v, "email", emailSchema, "add");
  if (isDemoEmail(email) && !flag(v, "sandbox")) {
    throw new Refusal(`${email} is a sandbox demo account; those exist only in the sandbox's database (--sandbox)`);
  }
  const role = option(v, "role", userRoleSchema, "add");
  const name = v.name === undefined ? email.split("@")[0]!.slice(0, 100) : option(v, "name", userNameSchema, "add");
  let password: string | undefined;
  if (flag(v, "sso-only")) {
    if (v.password !== undefined || flag(v, "generate")) {
      throw new UsageError("add: --sso-only users have no password; drop --password/--generate");
    }
  } else {
    if ((await getUserByEmail(db, email)) !== undefined) throw new DuplicateEmailError(email);
    password = await choosePassword(v, email, "add");
  }
  const { user, generatedPassword } = await createUser(db, { email, name, role, password });
  console.log(`Added ${user.role} ${user.email} (${user.name})${user.hasPassword ? "" : ", single sign-on only"}.`);
  printGenerated(user.email, generatedPassword);
}

function formatTime(ms: number | null): string {
  return ms === null ? "never" : new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

async function list(db: GavelDb, v: Values): Promise<void> {
  const users = await (await repo()).listUsers(db);
  if (flag(v, "json")) {
    console.log(JSON.stringify(users, null, 2));
    return;
  }
  if (users.length === 0) {
    console.log("No users yet. Add the first admin with: npm run users -- add --email you@example.com --role admin");
    return;
  }
  const rows = [
    ["EMAIL", "NAME", "ROLE", "STATUS", "SIGN-IN", "LAST LOGIN"],
    ...users.map((u) => [
      u.email,
      u.name,
      u.role,
      u.disabled ? "disabled" : "active",
      u.hasPassword ? "password" : "sso only",
      formatTime(u.lastLoginAt),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
}

async function changeRole(db: GavelDb, v: Values): Promise<void> {
  const user = await findUser(db, v, "set-role");
  const role = option(v, "role", userRoleSchema, "set-role");
  if (user.role === role) {
    console.log(`${user.email} is already ${role}.`);
    return;
  }
  await (await repo()).setRole(db, user.id, role);
  console.log(`${user.email}: ${user.role} → ${role}.`);
}

async function changeDisabled(db: GavelDb, v: Values, disabled: boolean): Promise<void> {
  const command = disabled ? "disable" : "enable";
  const user = await findUser(db, v, command);
  if (user.disabled === disabled) {
    console.log(`${user.email} is already ${disabled ? "disabled" : "enabled"}.`);
    return;
  }
  await (await repo()).setDisabled(db, user.id, disabled);
  console.log(`${disabled ? "Disabled" : "Enabled"} ${user.email}.`);
}

async function reset(db: GavelDb, v: Values): Promise<void> {
  const user = await findUser(db, v, "reset-password");
  const password = await choosePassword(v, user.email, "reset-password");
  const { generatedPassword } = await (await repo()).resetPassword(db, user.id, password);
  console.log(`New password set for ${user.email}.`);
  printGenerated(user.email, generatedPassword);
}

// Main -------------------------------------------------------------------------------

async function run(argv: string[]): Promise<number> {
  const { command, values } = parse(argv);
  if (command === "help") {
    console.log(HELP);
    return 0;
  }
  // Same .env files as `npm start` (production mode); variables already set win.
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  const { createDb } = await import("../lib/db");
  const db = await createDb({ sandbox: flag(values, "sandbox") });
  try {
    switch (command) {
      case "add":
        await add(db, values);
        break;
      case "list":
        await list(db, values);
        break;
      case "set-role":
        await changeRole(db, values);
        break;
      case "disable":
        await changeDisabled(db, values, true);
        break;
      case "enable":
        await changeDisabled(db, values, false);
        break;
      case "reset-password":
        await reset(db, values);
        break;
      case "remove-demo":
        for (const line of await (await import("../lib/sandbox/remove-demo")).removeDemoReport(db)) console.log(line);
        break;
    }
  } finally {
    await db.close();
  }
  return 0;
}

async function main(): Promise<void> {
  let code: number;
  try {
    code = await run(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`users: ${e.message}\nRun "npm run users -- help" for the commands.`);
      code = 2;
    } else if (
      e instanceof Refusal ||
      e instanceof ConfigError ||
      e instanceof DuplicateEmailError ||
      e instanceof LastAdminError ||
      e instanceof NotFoundError
    ) {
      console.error(`users: ${e.message}`);
      code = 1;
    } else {
      console.error(`users: ${e instanceof Error ? e.message : String(e)}`);
      code = 1;
    }
  }
  process.exitCode = code;
}

await main();
