/**
 * How every Playwright run here launches Chromium: Debian's (this machine cannot
 * download Playwright's own browsers), headless, with the flags that keep it from
 * reaching the network or a GPU. Used by both Playwright configs and the bench.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};
