# syntax=docker/dockerfile:1
# One image for every app of Customs Pulse; the command picks the app:
#   node apps/standalone/dist/main.js     the default: the demo on SQLite in /app/data (mount a volume there)
#   node apps/ingest/dist/main.js         node apps/projector/dist/main.js         node apps/gateway/dist/main.js
#   node apps/simulator/dist/main.js --help
# docker-compose.yml runs the distributed apps from it; test/deploy/dockerfile.spec.ts checks this file.

# Node 24, the current LTS (Node 20 reached its end of life in April 2026; the code still runs on it). It ships npm 11.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source where no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install --yes --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# The workspaces' manifests first (package.json "workspaces", all of them), so that the dependency layer is only
# rebuilt when a manifest changes.
COPY package.json package-lock.json ./
COPY libs/domain/package.json libs/domain/
COPY libs/event-store/package.json libs/event-store/
COPY libs/sql/package.json libs/sql/
COPY libs/backoff/package.json libs/backoff/
COPY libs/config/package.json libs/config/
COPY libs/auth/package.json libs/auth/
COPY libs/http/package.json libs/http/
COPY libs/ingest/package.json libs/ingest/
COPY libs/kpi/package.json libs/kpi/
COPY libs/realtime/package.json libs/realtime/
COPY libs/alerts/package.json libs/alerts/
COPY libs/audit/package.json libs/audit/
COPY libs/testing/package.json libs/testing/
COPY libs/simulation/package.json libs/simulation/
COPY apps/standalone/package.json apps/standalone/
COPY apps/gateway/package.json apps/gateway/
COPY apps/projector/package.json apps/projector/
COPY apps/ingest/package.json apps/ingest/
COPY apps/dashboard/package.json apps/dashboard/
COPY apps/simulator/package.json apps/simulator/
# Exactly the lockfile's versions, or a clear failure where package.json and the lockfile disagree.
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

COPY . .
# Every workspace into its own dist/, the dashboard into apps/dashboard/dist/; then only what runs is kept: the
# production dependencies (workspace links included) and each workspace's manifest, dist/ and own node_modules/.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && mkdir /out \
 && cp -a package.json node_modules /out/ \
 && for dir in libs/* apps/*; do \
      mkdir -p "/out/$dir" && cp -a "$dir/package.json" "/out/$dir/"; \
      for part in dist node_modules; do \
        if [ -d "$dir/$part" ]; then cp -a "$dir/$part" "/out/$dir/"; fi; \
      done; \
    done

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /out ./
# The standalone app's DATA_DIR (./data): the only place an app writes, and the unprivileged user's.
RUN mkdir data && chown node:node data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=1m \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/standalone/dist/main.js"]
