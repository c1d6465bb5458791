# syntax=docker/dockerfile:1
# The console as one image: Next's standalone server, run as a non-root user, data in the /data volume.
#   docker build -t novita-console .          (add --build-arg ALLOWED_ORIGINS=console.example.com behind a proxy that rewrites Host)
#   docker run -p 3000:3000 -v console-data:/data novita-console
# compose.yaml runs it with PostgreSQL. See docs/self-hosting.md.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm ci` can reject a lock written on another platform (an optional native binary); install then keeps the versions.
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Server-action origins are part of the built server (next.config.ts): pass them at build time. PUBLIC_URL's host
# counts as one; the running container needs PUBLIC_URL in its environment as well (secure cookies).
ARG ALLOWED_ORIGINS=""
ENV ALLOWED_ORIGINS=${ALLOWED_ORIGINS}
ARG PUBLIC_URL=""
ENV PUBLIC_URL=${PUBLIC_URL}
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node node_modules/next/dist/bin/next build

FROM ${NODE_IMAGE} AS run
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/data
RUN groupadd --system --gid 1001 console \
 && useradd --system --uid 1001 --gid console --home-dir /app --no-create-home console \
 && mkdir -p /data && chown console:console /data
# Exactly what scripts/standalone-check.mjs lays out and starts in CI.
COPY --from=build --chown=console:console /app/.next/standalone ./
COPY --from=build --chown=console:console /app/.next/static ./.next/static
COPY --from=build --chown=console:console /app/public ./public
USER console
# The PGlite database (without DATABASE_URL), archived outputs, the generated CONSOLE_SECRET and sandbox key.
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations run at start (instrumentation.ts), before the first request is served.
CMD ["node", "server.js"]
