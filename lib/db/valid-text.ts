/**
 * Every string Gavel hands the database is valid text on both engines: PostgreSQL
 * refuses a NUL in text (the statement fails: issue 11 lost an audit row that way)
 * and SQLite keeps it, so a NUL is dropped, and a lone UTF-16 surrogate (which no
 * UTF-8 text can hold) becomes U+FFFD. The API refuses NUL in its input first, with
 * a message (lib/api/nul.ts); this catches whatever else arrives (Sinch's answers,
 * the users CLI) at the one door all statements pass: the driver's connection.
 */
import type { CompiledQuery, DatabaseConnection, Dialect, Driver } from "kysely";

/** The text as the database may store it. */
export function validText(s: string): string {
  const withoutNul = s.includes("\u0000") ? s.replaceAll("\u0000", "") : s;
  return withoutNul.isWellFormed() ? withoutNul : withoutNul.toWellFormed();
}

function cleanParameters(query: CompiledQuery): CompiledQuery {
  if (!query.parameters.some((p) => typeof p === "string")) return query;
  return { ...query, parameters: query.parameters.map((p) => (typeof p === "string" ? validText(p) : p)) };
}

const patched = new WeakSet<DatabaseConnection>();

/** The connection, its statements' string parameters made valid text (patched once, in place). */
function cleaned(connection: DatabaseConnection): DatabaseConnection {
  if (patched.has(connection)) return connection;
  const execute = connection.executeQuery.bind(connection);
  const stream = connection.streamQuery.bind(connection);
  connection.executeQuery = (query) => execute(cleanParameters(query));
  connection.streamQuery = (query, chunkSize) => stream(cleanParameters(query), chunkSize);
  patched.add(connection);
  return connection;
}

/** The dialect, its connections passing only valid text. */
export function withValidText<D extends Dialect>(dialect: D): D {
  const createDriver = dialect.createDriver.bind(dialect);
  dialect.createDriver = (): Driver => {
    const driver = createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async () => cleaned(await acquire());
    return driver;
  };
  return dialect;
}
