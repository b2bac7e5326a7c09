"use client";
/**
 * "Room policies" on the conference page (issue 13, item 6): mute on entry and the
 * lobby (with its music), each with who set it and when; the speakers (edited in a
 * dialog loaded on demand); "Mute all except speakers"; and the lobby's Waiting list
 * with Admit (resume) and Turn away (the ordinary kick, with its confirmation).
 * Moderators and admins change policies; everyone sees them.
 */
import { DoorOpen, MicOff, UserCheck, UserX, Users } from "lucide-react";
import dynamic from "next/dynamic";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { toastError } from "@/components/ui/error-toast";
import { Panel } from "@/components/ui/panel";
import { NativeSelect, Options } from "@/components/ui/select";
import { can, whyNot, type Role } from "@/lib/auth/permissions";
import { MOH_LABELS } from "@/lib/conferences/client/hold-music";
import { formatNumber } from "@/lib/conferences/format";
import type { LiveParticipant } from "@/lib/conferences/types";
import { useAdmit, useMuteExceptSpeakers, useRoomPolicies, useUpdatePolicies } from "@/lib/policies/client/queries";
import { MOH_CLASSES } from "@/lib/sinch/constants";
import type { MohClass, PolicySettingView, RoomPoliciesView, WaitingView } from "@/lib/policies/types";

const SpeakersDialog = dynamic(() => import("./speakers-dialog").then((m) => m.SpeakersDialog), { ssr: false });

function setByText(s: PolicySettingView): string {
  if (!s.setBy || !s.setAt) return "never set";
  const at = new Date(s.setAt).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
  return `${s.on ? "on" : "off"} · set by ${s.setBy}, ${at}`;
}

function Toggle({
  label,
  setting,
  disabledReason,
  busy,
  onChange,
  detail,
  children,
}: {
  label: string;
  setting: PolicySettingView;
  /** Why this person may not change it (null: they may); they see the state as text. */
  disabledReason: string | null;
  busy: boolean;
  onChange: (on: boolean) => void;
  /** What the read-only state adds when on, e.g. the lobby's music. */
  detail?: string;
  children?: React.ReactNode;
}) {
  const id = useId();
  if (disabledReason !== null) {
    // Someone who may not change it reads the state: no control to try and be refused.
    return (
      <div className="flex min-w-0 flex-col gap-0.5" title={disabledReason} data-testid="policy-state">
        <span className="text-sm">
          <span className="font-medium">{label}</span>: {setting.on ? "on" : "off"}
          {setting.on && detail ? `, ${detail}` : null}
        </span>
        <span className="text-xs text-slate-500 dark:text-slate-400">{setByText(setting)}</span>
      </div>
    );
  }
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <div className="flex items-center gap-2">
        <Checkbox id={id} checked={setting.on} disabled={busy} onCheckedChange={(v) => onChange(v === true)} />
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {children}
      </div>
      <span className="pl-6 text-xs text-slate-500 dark:text-slate-400">{setByText(setting)}</span>
    </div>
  );
}

function WaitingList({
  waiting,
  participants,
  canControl,
  onAdmit,
  admitting,
  onTurnAway,
}: {
  waiting: WaitingView[];
  participants: readonly LiveParticipant[];
  canControl: boolean;
  onAdmit: (callId: string) => void;
  admitting: string | null;
  onTurnAway: (p: LiveParticipant) => void;
}) {
  const byId = new Map(participants.map((p) => [p.callId, p]));
  return (
    <div className="border-t border-slate-200 dark:border-slate-800" data-testid="waiting-list">
      <h3 className="px-3 pt-2 text-sm font-semibold">Waiting ({waiting.length})</h3>
      {waiting.length === 0 ? (
        <p className="px-3 pb-2 text-xs text-slate-500 dark:text-slate-400">Nobody is waiting in the lobby.</p>
      ) : (
        <ul aria-label="Waiting" className="divide-y divide-slate-100 dark:divide-slate-800">
          {waiting.map((w) => {
            const p: LiveParticipant = byId.get(w.callId) ?? {
              callId: w.callId,
              cli: w.cli,
              duration: 0,
              muted: false,
              onhold: true,
              label: null,
            };
            const who = p.name ?? p.label ?? formatNumber(w.cli);
            const reason = canControl ? undefined : whyNot("participant:control");
            return (
              <li key={w.callId} className="flex flex-wrap items-center gap-2 px-3 py-2" data-testid="waiting-row">
                <span className="min-w-[10rem] flex-1 truncate text-sm">
                  <span className="font-medium">{who}</span>
                  {who !== formatNumber(w.cli) ? (
                    <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{formatNumber(w.cli)}</span>
                  ) : null}
                </span>
                <Badge tone="hold">Waiting</Badge>
                <Button
                  size="sm"
                  variant="primary"
                  aria-label={`Admit ${who}`}
                  disabled={!canControl || admitting === w.callId}
                  title={reason}
                  onClick={() => onAdmit(w.callId)}
                >
                  <UserCheck aria-hidden className="size-4" /> Admit
                </Button>
                <Button
                  size="sm"
                  variant="danger-outline"
                  aria-label={`Turn away ${who}`}
                  disabled={!canControl}
                  title={reason}
                  onClick={() => onTurnAway(p)}
                >
                  <UserX aria-hidden className="size-4" /> Turn away
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function RoomPolicies({
  conferenceId,
  role,
  participants,
  pollIntervalMs,
  onTurnAway,
}: {
  conferenceId: string;
  role: Role;
  participants: readonly LiveParticipant[];
  pollIntervalMs: number;
  onTurnAway: (p: LiveParticipant) => void;
}) {
  const headingId = useId();
  const policies = useRoomPolicies(conferenceId, pollIntervalMs);
  const update = useUpdatePolicies(conferenceId);
  const admit = useAdmit(conferenceId);
  const muteAll = useMuteExceptSpeakers(conferenceId);
  const [speakersOpen, setSpeakersOpen] = useState(false);
  const canManage = can(role, "policy:manage");
  const canControl = can(role, "participant:control");
  const manageReason = canManage ? null : whyNot("policy:manage");
  const view: RoomPoliciesView | undefined = policies.data;

  const change = (body: Parameters<typeof update.mutate>[0]) =>
    update.mutate(body, { onError: (e) => toastError("Could not change the room policy", e) });
  const lobbyMoh: MohClass = view?.lobby.moh ?? "music1";

  return (
    <Panel labelledBy={headingId} testId="room-policies">
      <div className="flex flex-wrap items-start gap-x-6 gap-y-3 px-3 py-2">
        <h2 id={headingId} className="flex items-center gap-1.5 pt-0.5 text-sm font-semibold">
          <DoorOpen aria-hidden className="size-4" /> Room policies
        </h2>
        {view ? (
          <>
            <Toggle
              label="Mute on entry"
              setting={view.muteOnEntry}
              disabledReason={manageReason}
              busy={update.isPending}
              onChange={(on) => change({ muteOnEntry: on })}
            />
            <Toggle
              label="Lobby"
              setting={view.lobby}
              disabledReason={manageReason}
              busy={update.isPending}
              onChange={(on) => change({ lobby: { on, moh: lobbyMoh } })}
              detail={MOH_LABELS[lobbyMoh]}
            >
              <NativeSelect
                aria-label="Lobby music"
                className="h-7 w-auto py-0 text-xs"
                value={lobbyMoh}
                disabled={manageReason !== null || update.isPending}
                onChange={(e) => change({ lobby: { on: view.lobby.on, moh: e.target.value as MohClass } })}
              >
                <Options values={MOH_CLASSES} label={MOH_LABELS} />
              </NativeSelect>
            </Toggle>
            <div className="ml-auto flex flex-wrap gap-2">
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setSpeakersOpen(true)}
                aria-label={`Speakers: ${view.speakers.length}`}
              >
                <Users aria-hidden className="size-4" /> Speakers ({view.speakers.length})
              </Button>
              <Button
                size="sm"
                disabled={!canControl || muteAll.isPending}
                title={canControl ? undefined : whyNot("participant:control")}
                onClick={() =>
                  muteAll.mutate(undefined, {
                    onSuccess: (r) =>
                      r.failed + r.unknown === 0
                        ? toast.success(`Muted ${r.succeeded} (speakers left as they were)`)
                        : toast.error(`Muted ${r.succeeded}; ${r.failed} failed, ${r.unknown} not confirmed`),
                    onError: (e) => toastError("Could not mute all except speakers", e),
                  })
                }
              >
                <MicOff aria-hidden className="size-4" /> Mute all except speakers
              </Button>
            </div>
          </>
        ) : policies.error ? (
          <span className="text-xs text-red-700 dark:text-red-300">
            Could not read the room policies: {policies.error.message}
          </span>
        ) : (
          <span className="text-xs text-slate-500 dark:text-slate-400">Loading…</span>
        )}
      </div>
      {view && (view.lobby.on || view.waiting.length > 0) ? (
        <WaitingList
          waiting={view.waiting}
          participants={participants}
          canControl={canControl}
          admitting={admit.isPending ? (admit.variables ?? null) : null}
          onAdmit={(callId) => admit.mutate(callId, { onError: (e) => toastError("Could not admit", e) })}
          onTurnAway={onTurnAway}
        />
      ) : null}
      {speakersOpen && view ? (
        <SpeakersDialog
          conferenceId={conferenceId}
          speakers={view.speakers}
          canManage={canManage}
          onClose={() => setSpeakersOpen(false)}
        />
      ) : null}
    </Panel>
  );
}
