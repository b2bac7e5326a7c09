"use client";
import { ConferenceList } from "./conference-list";
import { OpenConferenceForm } from "./open-conference-form";

/** The console's home: open a conference by id, and the conferences Gavel knows. */
export function ConferencesHome({ pollIntervalMs }: { pollIntervalMs: number }) {
  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 md:flex-row md:items-end md:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Conferences</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Live rooms on Sinch that Gavel has seen. Pin the ones you moderate often.
          </p>
        </div>
        <div className="w-full md:max-w-md">
          <OpenConferenceForm />
        </div>
      </div>
      <ConferenceList pollIntervalMs={pollIntervalMs} />
    </div>
  );
}
