/**
 * The deployment recipe (README "Deploying"), checked by what runs without a container
 * engine: the Dockerfile by dockerfile-utils' validator and its key properties, the
 * compose file by dclint (which validates against the compose-spec schema) and its
 * wiring, the proxy's config by `nginx -t`, the systemd unit by `systemd-analyze
 * verify` and its hardening. nginx and systemd-analyze come from Debian packages
 * (.ci/run installs nginx); a check whose tool is missing is skipped, saying so.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validate } from "dockerfile-utils";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** A Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [op = "", ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(" ") };
    });
}

/** Which of the given programs is installed (absolute path), or undefined. */
function which(...candidates: string[]): string | undefined {
  return candidates.find((p) => existsSync(p));
}

describe("Dockerfile", () => {
  const text = read("Dockerfile");
  const all = instructions(text);
  const lastFrom = all.map((i) => i.op).lastIndexOf("FROM");
  const runtime = all.slice(lastFrom);

  it("passes dockerfile-utils' validator", () => {
    expect(validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("builds in stages from node:20-bookworm-slim: deps, build, runtime", () => {
    const froms = all.filter((i) => i.op === "FROM").map((i) => i.args);
    expect(froms).toEqual([
      "node:20-bookworm-slim AS deps",
      "node:20-bookworm-slim AS build",
      "node:20-bookworm-slim AS runtime",
    ]);
  });

  it("runs as a user that is not root, with a health check, a port and the standalone launcher", () => {
    const user = runtime.filter((i) => i.op === "USER").at(-1)?.args ?? "root";
    expect(user.split(":")[0]).not.toMatch(/^(root|0)$/);
    expect(runtime.find((i) => i.op === "HEALTHCHECK")?.args).toMatch(/\/api\/health/);
    expect(runtime.find((i) => i.op === "EXPOSE")?.args).toBe("3000");
    expect(runtime.find((i) => i.op === "CMD")?.args).toBe('["node", "gavel.mjs", "standalone"]');
  });

  it("ships only the standalone tree, and bakes in no secret", () => {
    const copies = runtime.filter((i) => i.op === "COPY" || i.op === "ADD");
    expect(copies.map((i) => i.args)).toEqual(["--from=build /src/.next/standalone ./"]);
    expect(all.filter((i) => i.op === "ADD")).toEqual([]);
    const settings = all.filter((i) => i.op === "ENV" || i.op === "ARG").map((i) => i.args);
    expect(settings.join(" ")).not.toMatch(/SECRET|PASSWORD|TOKEN|DATABASE_URL|SINCH_APPLICATION/);
  });

  it("keeps local secrets, databases and builds out of the build context", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const entry of [".env", ".env.*", "data", "node_modules", ".next", ".next-*", ".git"]) {
      expect(ignored).toContain(entry);
    }
  });
});

describe("compose.yaml", () => {
  const compose = parse(read("compose.yaml"), { merge: true }) as {
    services: Record<string, Record<string, unknown>>;
  };
  const services = compose.services;

  it("passes dclint (the compose-spec schema and its rules), warnings included", () => {
    const lint = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/dclint/bin/dclint.cjs"), "--max-warnings", "0", "compose.yaml"],
      { cwd: root, encoding: "utf8" },
    );
    expect(lint.stdout + lint.stderr).not.toMatch(/error|warning/);
    expect(lint.status).toBe(0);
  });

  it("runs PostgreSQL 15, Redis, two Gavel instances and the proxy, each with a health check", () => {
    expect(services.postgres?.image).toMatch(/^postgres:15/);
    expect(Object.keys(services).sort()).toEqual(["gavel-1", "gavel-2", "postgres", "proxy", "redis"]);
    for (const name of ["postgres", "redis", "proxy"]) expect(services[name]?.healthcheck).toBeDefined();
  });

  it("configures both instances from .env, on PostgreSQL and Redis, trusting only the proxy", () => {
    const proxyAddress = (services.proxy?.networks as { backend: { ipv4_address: string } }).backend.ipv4_address;
    for (const name of ["gavel-1", "gavel-2"]) {
      const gavel = services[name] as { env_file: string; environment: Record<string, string>; image: string };
      expect(gavel.image).toBe("gavel:local");
      expect(gavel.env_file).toBe(".env");
      expect(gavel.environment.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      expect(gavel.environment.REDIS_URL).toBe("redis://redis:6379");
      expect(gavel.environment.GAVEL_TRUSTED_PROXIES).toBe(proxyAddress);
    }
  });

  it("starts each service once what it needs is healthy", () => {
    const healthy = { condition: "service_healthy" };
    expect(services["gavel-1"]?.depends_on).toEqual({ postgres: healthy, redis: healthy });
    expect(services["gavel-2"]?.depends_on).toEqual({ "gavel-1": healthy });
    expect(services.proxy?.depends_on).toEqual({ "gavel-1": healthy, "gavel-2": healthy });
    expect(services.proxy?.volumes).toContain("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro");
  });
});

describe("deploy/nginx.conf", () => {
  const conf = read("deploy/nginx.conf");

  it("spreads requests over both instances and says who the client is", () => {
    expect(conf).toMatch(/server gavel-1:3000/);
    expect(conf).toMatch(/server gavel-2:3000/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(conf).toMatch(/listen 443 ssl/);
  });

  const nginx = which("/usr/sbin/nginx", "/usr/bin/nginx");
  const openssl = which("/usr/bin/openssl");
  it.skipIf(!nginx || !openssl)(
    `passes nginx -t${nginx && openssl ? "" : " (SKIPPED: nginx or openssl is not installed; apt-get install nginx)"}`,
    () => {
      // The instances' names resolve only inside compose, and the certificates are the
      // operator's: test the same file with loopback upstreams and a throwaway certificate.
      const dir = mkdtempSync(path.join(tmpdir(), "gavel-nginx-"));
      try {
        execFileSync(openssl!, [
          ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1"],
          ...["-keyout", path.join(dir, "privkey.pem"), "-out", path.join(dir, "fullchain.pem")],
        ]);
        const local = conf
          .replaceAll("/etc/nginx/tls", dir)
          .replace(/server gavel-(\d):3000/g, "server 127.0.0.1:300$1");
        writeFileSync(path.join(dir, "nginx.conf"), local);
        const check = spawnSync(nginx!, ["-t", "-c", path.join(dir, "nginx.conf"), "-p", dir], { encoding: "utf8" });
        expect(check.stderr).toMatch(/test is successful/);
        expect(check.stderr).not.toMatch(/\[(warn|emerg|error)\]/);
        expect(check.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe("deploy/gavel.service", () => {
  const unit = read("deploy/gavel.service");
  const settings = unit
    .split("\n")
    .filter((line) => /^[A-Za-z]+=/.test(line))
    .map((line) => line.split("=", 1)[0] + "=" + line.slice(line.indexOf("=") + 1));

  it("runs the standalone launcher unprivileged, with the system read-only but for the data dir", () => {
    for (const setting of [
      "ExecStart=/usr/bin/node /opt/gavel/gavel.mjs standalone",
      "EnvironmentFile=/etc/gavel/gavel.env",
      "Environment=GAVEL_DATA_DIR=/var/lib/gavel",
      "DynamicUser=yes",
      "StateDirectory=gavel",
      "NoNewPrivileges=yes",
      "ProtectSystem=strict",
      "ReadWritePaths=/var/lib/gavel",
      "CapabilityBoundingSet=",
    ]) {
      expect(settings).toContain(setting);
    }
  });

  const analyze = which("/usr/bin/systemd-analyze", "/bin/systemd-analyze");
  it.skipIf(!analyze)(
    `passes systemd-analyze verify${analyze ? "" : " (SKIPPED: systemd-analyze is not installed)"}`,
    () => {
      const check = spawnSync(analyze!, ["verify", path.join(root, "deploy/gavel.service")], { encoding: "utf8" });
      // It reports settings it ignores (a typo, a bad value) on stderr and still exits 0.
      expect(check.stderr).toBe("");
      expect(check.status).toBe(0);
    },
  );
});
