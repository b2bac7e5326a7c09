/** Who is signed in, as the server resolved it and the shell shows it. Client-safe. */
import type { Role } from "./permissions";

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  /**
   * Set when the request authenticated with an API token (`Authorization: Bearer`)
   * rather than a session cookie: the token's public id and name, noted in audit entries.
   */
  token?: { id: string; name: string };
}
