/** Who is signed in, as the server resolved it and the shell shows it. Client-safe. */
import type { Role } from "./permissions";

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
}
