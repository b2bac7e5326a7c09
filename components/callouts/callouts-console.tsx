"use client";
import { Tabs } from "radix-ui";
import { useState } from "react";
import { Gated } from "@/components/ui/gated";
import { can, whyNot, type Role } from "@/lib/auth/permissions";
import type { CalloutSettings } from "@/lib/callouts/types";
import { CalloutList } from "./callout-list";
import { ConferenceCalloutForm } from "./conference-callout-form";
import { CustomCalloutForm } from "./custom-callout-form";
import { DialListForm } from "./dial-list-form";
import { TtsCalloutForm } from "./tts-callout-form";

type Tab = "conference" | "tts" | "custom" | "list";

const trigger =
  "rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 disabled:cursor-not-allowed disabled:opacity-50 data-[state=active]:bg-white data-[state=active]:text-slate-900 data-[state=active]:shadow-sm dark:text-slate-400 dark:hover:text-slate-100 dark:data-[state=active]:bg-slate-800 dark:data-[state=active]:text-white";

const INTRO: Record<Tab, string> = {
  conference: "Call someone into a conference. They join as soon as they answer.",
  tts: "Call someone and read them a message; the call ends after it.",
  custom: "Run your own SVAML: for what the other forms cannot do.",
  list: "Call a list of people into one conference, a few at a time.",
};

/** The callouts page: the three callout forms and "Dial a list" in tabs, beside the placed callouts. */
export function CalloutsConsole({ role, settings }: { role: Role; settings: CalloutSettings }) {
  const [tab, setTab] = useState<Tab>("conference");
  const customDenied = can(role, "callout:custom") ? null : whyNot("callout:custom");

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">Callouts</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Gavel follows each call until it ends: Sinch&apos;s call info is read every second while it rings.
        </p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,30rem)_minmax(0,1fr)]">
        <Tabs.Root
          value={tab}
          onValueChange={(v) => setTab(v as Tab)}
          className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <Tabs.List
            aria-label="Kind of callout"
            className="flex flex-wrap gap-1 rounded-t-lg border-b border-slate-200 bg-slate-100 p-1 dark:border-slate-800 dark:bg-slate-950"
          >
            <Tabs.Trigger value="conference" className={trigger}>
              Conference
            </Tabs.Trigger>
            <Tabs.Trigger value="tts" className={trigger}>
              Text-to-speech
            </Tabs.Trigger>
            <Gated reason={customDenied}>
              <Tabs.Trigger value="custom" className={trigger} disabled={customDenied !== null}>
                Custom
              </Tabs.Trigger>
            </Gated>
            <Tabs.Trigger value="list" className={trigger}>
              Dial a list
            </Tabs.Trigger>
          </Tabs.List>
          <div className="p-4">
            <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{INTRO[tab]}</p>
            <Tabs.Content value="conference">
              <ConferenceCalloutForm settings={settings} />
            </Tabs.Content>
            <Tabs.Content value="tts">
              <TtsCalloutForm settings={settings} />
            </Tabs.Content>
            <Tabs.Content value="custom">
              {customDenied ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">{customDenied}.</p>
              ) : (
                <CustomCalloutForm settings={settings} />
              )}
            </Tabs.Content>
            <Tabs.Content value="list">
              <DialListForm settings={settings} />
            </Tabs.Content>
          </div>
        </Tabs.Root>
        <CalloutList role={role} />
      </div>
    </div>
  );
}
