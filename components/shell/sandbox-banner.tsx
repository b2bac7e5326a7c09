export function SandboxBanner() {
  return (
    <div
      role="status"
      aria-label="Sandbox mode"
      className="bg-amber-400 px-4 py-1.5 text-center text-sm font-medium text-amber-950"
    >
      Sandbox mode: Gavel is talking to a simulated Sinch. No real calls are placed.
    </div>
  );
}
