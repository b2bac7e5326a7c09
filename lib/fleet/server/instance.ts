/**
 * This process's instance id: random per process, so two instances on one database
 * (or one restarted) never take each other for themselves. Leases name it as their
 * holder; it is logged once, at first use, so a log line can be matched to a lease.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { log } from "../../log/logger";
import { processSingleton } from "../../util/server/process-singleton";

const holder = processSingleton("fleetInstance", (): { id?: string } => ({}));

export function instanceId(): string {
  if (holder.id === undefined) {
    holder.id = `${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`;
    log("info", "fleet_instance", { instanceId: holder.id });
  }
  return holder.id;
}
