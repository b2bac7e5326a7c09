/**
 * The fleet's nginx (Debian's package): its configuration and its access logs.
 *
 * - The front door on FLEET.front: round robin over the three Gavel instances (each
 *   viewer's polls then reach every instance, which is what the test needs to show),
 *   with the proxy headers Gavel reads (X-Forwarded-For appended, Host and
 *   X-Forwarded-Proto kept; GAVEL_TRUSTED_PROXIES trusts 127.0.0.1, where nginx
 *   connects from). An instance that refuses connections is marked down for
 *   fail_timeout and an idempotent request moves on to the next (non-idempotent ones
 *   are never sent twice: nginx's default). `X-Fleet-Upstream` says which instance
 *   answered, for the tests only.
 * - Three Sinch-side taps (FLEET.taps): each instance reaches the emulator through its
 *   own port, so the taps' log says which instance sent each Sinch request (the
 *   emulator's own log cannot tell its clients apart). Paths pass through as sent, so
 *   request signatures still hold.
 *
 * Runs in the foreground with `master_process off`: one process, so a SIGKILL from
 * the clean-up leaves no worker holding the port. Everything it writes stays in the
 * run's temp dir.
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface FleetPorts {
  front: number;
  instances: readonly number[];
  taps: readonly number[];
  emulator: number;
}

/** One access-log line: both logs use the same format. */
export interface AccessEntry {
  /** Epoch milliseconds when nginx finished the request. */
  t: number;
  /** Epoch milliseconds when nginx started reading it. */
  start: number;
  /** The port the request came in on: the front door, or an instance's tap. */
  port: number;
  method: string;
  uri: string;
  status: number;
  /** Which upstream(s) answered ("127.0.0.1:3331", or a list when nginx moved on). */
  upstream: string;
}

function hasIpv6Loopback(): boolean {
  return Object.values(os.networkInterfaces()).some((list) =>
    (list ?? []).some((i) => i.internal && i.family === "IPv6" && i.address === "::1"),
  );
}

export function nginxConfig(dir: string, ports: FleetPorts): string {
  const listen = (port: number) =>
    [`listen 127.0.0.1:${port};`, ...(hasIpv6Loopback() ? [`listen [::1]:${port};`] : [])].join(" ");
  const taps = ports.taps
    .map(
      (tap) => `
  server {
    listen 127.0.0.1:${tap};
    access_log ${dir}/sinch-access.log fleet;
    location / {
      proxy_pass http://127.0.0.1:${ports.emulator};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_read_timeout 120s;
    }
  }`,
    )
    .join("\n");
  return `# Written by e2e/fleet/nginx.ts for one fleet test run.
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path ${dir}/nginx-tmp/body;
  proxy_temp_path ${dir}/nginx-tmp/proxy;
  fastcgi_temp_path ${dir}/nginx-tmp/fastcgi;
  uwsgi_temp_path ${dir}/nginx-tmp/uwsgi;
  scgi_temp_path ${dir}/nginx-tmp/scgi;
  log_format fleet escape=json '{"t":$msec,"port":$server_port,"method":"$request_method","uri":"$request_uri","status":$status,"upstream":"$upstream_addr","rt":$request_time}';
  client_max_body_size 2m;

  upstream gavel {
${ports.instances.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join("\n")}
    keepalive 32;
  }

  server {
    ${listen(ports.front)}
    access_log ${dir}/front-access.log fleet;
    location / {
      proxy_pass http://gavel;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      add_header X-Fleet-Upstream $upstream_addr always;
    }
  }
${taps}
}
`;
}

/** The entries of one of the run's access logs (front-access.log or sinch-access.log). */
export function readAccessLog(dir: string, file: "front-access.log" | "sinch-access.log"): AccessEntry[] {
  const full = path.join(dir, file);
  if (!existsSync(full)) return [];
  // Only whole lines: the last one may be half written while nginx serves.
  const text = readFileSync(full, "utf8");
  return text
    .slice(0, text.lastIndexOf("\n") + 1)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const { rt, ...raw } = JSON.parse(line) as AccessEntry & { rt: number };
      return { ...raw, t: Math.round(raw.t * 1000), start: Math.round((raw.t - rt) * 1000) };
    });
}
