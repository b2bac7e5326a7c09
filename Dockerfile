# syntax=docker/dockerfile:1
# Gavel's container image (README "Deploying"): `next build` in standalone mode,
# completed by scripts/build-standalone.ts into a tree that serves behind Gavel's
# own /api front door (lib/api/server/front-server.ts), run as a non-root user.
# No secret is baked in: configuration comes from the environment at run time.

# --- deps: the full dependency set, with the native SQLite binding built for this image
FROM node:20-bookworm-slim AS deps
WORKDIR /src
# better-sqlite3 compiles its binding when no prebuilt one can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: next build (output: "standalone") and the standalone tree
FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npm run build

# --- runtime: only the standalone tree (traced node_modules, static files, public/)
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    GAVEL_DATA_DIR=/var/lib/gavel
RUN groupadd --system --gid 10001 gavel \
 && useradd --system --uid 10001 --gid gavel --home-dir /var/lib/gavel --shell /usr/sbin/nologin gavel \
 && mkdir -p /var/lib/gavel \
 && chown gavel:gavel /var/lib/gavel \
 && chmod 700 /var/lib/gavel
WORKDIR /app
# The code belongs to root and is read-only for Gavel; only Next's cache and the data dir are its own.
COPY --from=build /src/.next/standalone ./
RUN mkdir -p .next/cache && chown gavel:gavel .next/cache
USER gavel:gavel
EXPOSE 3000
# SQLite (when DATABASE_URL is empty) and the sandbox's generated secrets live here.
VOLUME ["/var/lib/gavel"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The launcher migrates the database, checks it suits the mode, then serves (scripts/gavel.ts).
CMD ["node", "gavel.mjs", "standalone"]
