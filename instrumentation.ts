/**
 * Next's start-up hook: register() runs once per server process, before it serves.
 *
 * First the peer stamp, so route handlers learn each request's socket address
 * (lib/auth/server/peer-stamp.ts). Then the database: it must suit the mode
 * (lib/sandbox/guard.ts). A real start whose database holds the sandbox's demo
 * accounts (published passwords) stops here with the command that removes them, even
 * when Next was started without the launcher, which checks the same. Then the audit
 * trail: entries a crashed process left "pending" become "interrupted"
 * (lib/audit/server/recovery.ts), so none stays pending forever. Then the reconciler
 * starts, which decides unknown and interrupted entries from what Sinch shows
 * (lib/conferences/server/reconcile.ts) — with several instances on PostgreSQL, by
 * one of them, and again when one dies (lib/fleet/server/takeover.ts) — and the room
 * policies' watcher for every room with a policy on (lib/policies/server/watch.ts;
 * several instances: run by whichever holds the room's lease). Only in the Node.js runtime: the edge
 * runtime has no database driver. The imports are dynamic so the edge bundle never
 * pulls them in.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerStamp } = await import("./lib/auth/server/peer-stamp");
  installPeerStamp();
  const { log } = await import("./lib/log/logger");
  // Stops the process (with the reason) when the database does not suit the mode.
  await (await import("./lib/sandbox/guard")).refuseToServeOnMismatch();
  try {
    // Recovery and reconciliation: on PostgreSQL by one instance of the fleet, then
    // again every few seconds, so a dead instance's work is taken over.
    const { startFleetDuties } = await import("./lib/fleet/server/takeover");
    await startFleetDuties();
  } catch (e) {
    // Serving matters more than the recovery: the next start tries again, and the log says why.
    log("error", "fleet_duties_start_failed", { error: String(e) });
  }
  try {
    // Rooms with a room policy on are watched again, whether or not anyone opens them.
    const [{ db }, { listPolicyRooms }, { startPolicyWatchers }] = await Promise.all([
      import("./lib/db"),
      import("./lib/db/room-policies"),
      import("./lib/policies/server/watch"),
    ]);
    void startPolicyWatchers(await listPolicyRooms(await db()));
  } catch (e) {
    log("error", "policy_watchers_start_failed", { error: String(e) });
  }
}
