import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";
import type { Role } from "../permissions";

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The signed-in, enabled user of this request, or null. */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  if (!session || session.disabled || !session.user.role || !session.user.id) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name, role: session.user.role };
}
