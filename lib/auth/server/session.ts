import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";
import type { Actor } from "../actor";

export type { Actor } from "../actor";

/** The signed-in, enabled user of this request, or null. */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  if (!session || session.disabled || !session.user.role || !session.user.id) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name, role: session.user.role };
}
