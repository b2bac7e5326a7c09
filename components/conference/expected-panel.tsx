"use client";
/**
 * "Expected" (issue 13, item 5): the conference's invite list against the room, in
 * three groups: not yet joined, left (seen in the room, not now) and present. Every
 * role reads it; support and admins edit it (a dialog, loaded when opened) and "Dial
 * everyone missing" after confirming the count, whose dial list's rows then show in
 * the panel. Compact: a one-line summary always, the groups below it, collapsed at
 * first when the list is longer than INVITES_OPEN_MAX.
 */
import { ChevronDown, PhoneOutgoing, UserPlus, X } from "lucide-react";
import dynamic from "next/dynamic";
import { memo, useEffect, useId, useMemo, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { toastError } from "@/components/ui/error-toast";
import { Panel } from "@/components/ui/panel";
import { can, type Role } from "@/lib/auth/permissions";
import { formatNumber } from "@/lib/conferences/format";
import { inviteKeys, useInvites, useRemoveInvite } from "@/lib/invites/client/queries";
import { groupInvites, inviteName } from "@/lib/invites/status";
import type { InviteStatus, InviteView } from "@/lib/invites/types";
import { cn } from "@/lib/ui/cn";
import { INVITES_OPEN_MAX } from "@/lib/vocabulary/invites";

const InvitesDialog = dynamic(() => import("./invites-dialog").then((m) => m.InvitesDialog), { ssr: false });
const DialMissing = dynamic(() => import("./expected-dial").then((m) => m.DialMissing), { ssr: false });

const GROUPS: { status: InviteStatus; title: string; dot: string }[] = [
  { status: "missing", title: "Not yet joined", dot: "bg-amber-500" },
  { status: "left", title: "Left", dot: "bg-slate-400 dark:bg-slate-500" },
  { status: "present", title: "Present", dot: "bg-emerald-500" },
];

function InviteItem({
  invite,
  status,
  dot,
  canManage,
  conferenceId,
}: {
  invite: InviteView;
  status: InviteStatus;
  dot: string;
  canManage: boolean;
  conferenceId: string;
}) {
  const remove = useRemoveInvite(conferenceId);
  const number = formatNumber(invite.number);
  const name = inviteName(invite);
  return (
    <li
      data-testid="expected-item"
      data-number={invite.number}
      data-status={status}
      className="flex min-w-0 items-center gap-2 py-0.5 text-sm"
    >
      <span aria-hidden className={cn("size-2 shrink-0 rounded-full", dot)} />
      <span className="min-w-0 truncate">
        {name ? <span className="font-medium text-slate-900 dark:text-slate-50">{name}</span> : null}
        <span className={cn("tabular-nums", name ? "ml-1.5 text-xs text-slate-500 dark:text-slate-400" : "")}>
          {number}
        </span>
      </span>
      {canManage ? (
        <button
          type="button"
          aria-label={`Remove ${name ?? number} from the expected list`}
          title="Remove from the list"
          disabled={remove.isPending}
          onClick={() => remove.mutate(invite.number, { onError: (e) => toastError("Could not remove", e) })}
          className="ml-auto shrink-0 rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-50 dark:hover:bg-slate-800 dark:hover:text-slate-200"
        >
          <X aria-hidden className="size-3.5" />
        </button>
      ) : null}
    </li>
  );
}

export const ExpectedPanel = memo(function ExpectedPanel({
  conferenceId,
  role,
  presentNumbers,
}: {
  conferenceId: string;
  role: Role;
  /** Numbers connected now (one string, NUL-separated, so it compares by value). */
  presentNumbers: string;
}) {
  const headingId = useId();
  const bodyId = useId();
  const canRead = can(role, "invites:read");
  const canManage = can(role, "invites:manage");
  const canDial = can(role, "invites:dial");
  const invites = useInvites(conferenceId, canRead);
  const qc = useQueryClient();
  const [openChoice, setOpenChoice] = useState<boolean | null>(null);
  const [editing, setEditing] = useState(false);
  const [dialing, setDialing] = useState(false);

  // Someone joined or left: whether attendance saw them is worth asking again.
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: inviteKeys.conference(conferenceId) });
  }, [presentNumbers, qc, conferenceId]);

  const list = useMemo(() => invites.data?.invites ?? [], [invites.data]);
  const groups = useMemo(
    () => groupInvites(list, new Set(presentNumbers ? presentNumbers.split("\u0000") : [])),
    [list, presentNumbers],
  );

  if (!canRead) return null;
  // Nobody is expected: nothing to show to those who cannot make a list.
  if (list.length === 0 && !canManage) return null;

  const open = openChoice ?? list.length <= INVITES_OPEN_MAX;
  const missing = groups.missing.length;
  const left = groups.left.length;
  const summary =
    list.length === 0
      ? "Nobody on the list yet"
      : [
          `${groups.present.length} of ${list.length} present`,
          missing ? `${missing} not yet joined` : null,
          left ? `${left} left` : null,
        ]
          .filter(Boolean)
          .join(" · ");

  return (
    <Panel labelledBy={headingId} testId="expected-panel">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2">
        <h2 id={headingId} className="text-sm font-semibold">
          {list.length > 0 ? (
            <button
              type="button"
              aria-expanded={open}
              aria-controls={bodyId}
              title={open ? "Hide the list" : "Show the list"}
              onClick={() => setOpenChoice(!open)}
              className="-ml-1 inline-flex items-center gap-1 rounded px-1 hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              <ChevronDown aria-hidden className={cn("size-4 transition-transform", !open && "-rotate-90")} />
              Expected
            </button>
          ) : (
            "Expected"
          )}
        </h2>
        <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="expected-summary">
          {summary}
        </span>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {canDial && missing + left > 0 ? (
            <Button size="sm" variant="secondary" onClick={() => setDialing(true)}>
              <PhoneOutgoing aria-hidden className="size-3.5" />
              Dial everyone missing
            </Button>
          ) : null}
          {canManage ? (
            <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
              <UserPlus aria-hidden className="size-3.5" />
              {list.length ? "Edit list" : "Add people"}
            </Button>
          ) : null}
        </div>
      </div>
      {invites.error && !invites.data ? (
        <p className="border-t border-slate-200 px-3 py-2 text-xs text-red-700 dark:border-slate-800 dark:text-red-300">
          Could not read who is expected: {invites.error.message}
        </p>
      ) : null}
      {open && list.length > 0 ? (
        <div id={bodyId} className="space-y-2 border-t border-slate-200 px-3 py-2 dark:border-slate-800">
          {GROUPS.map(({ status, title, dot }) =>
            groups[status].length > 0 ? (
              <div key={status}>
                <h3 className="text-xs font-medium text-slate-600 dark:text-slate-400">
                  {title} ({groups[status].length})
                </h3>
                <ul
                  aria-label={title}
                  className="grid grid-cols-1 gap-x-6 sm:grid-cols-[repeat(auto-fill,minmax(17rem,1fr))]"
                  data-testid={`expected-${status}`}
                >
                  {groups[status].map((i) => (
                    <InviteItem
                      key={i.number}
                      invite={i}
                      status={status}
                      dot={dot}
                      canManage={canManage}
                      conferenceId={conferenceId}
                    />
                  ))}
                </ul>
              </div>
            ) : null,
          )}
        </div>
      ) : null}
      {canDial ? (
        <DialMissing
          conferenceId={conferenceId}
          missing={groups.missing}
          left={groups.left}
          confirming={dialing}
          onConfirmingChange={setDialing}
        />
      ) : null}
      {editing ? <InvitesDialog conferenceId={conferenceId} invites={list} onClose={() => setEditing(false)} /> : null}
    </Panel>
  );
});
