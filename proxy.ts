// Sends anyone without a session to sign in, and back to where they were afterwards.
// The API routes check the session (and role) themselves and answer 401/403 in the envelope.
import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/((?!api/|login|_next/|favicon.svg|.*\\.(?:png|svg|ico|txt)$).*)"],
};
