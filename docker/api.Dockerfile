# syntax=docker/dockerfile:1.7
# Skillbridge API: build with the full workspace, run on a slim Node 24 LTS
# image as a non-root user with only the production dependencies it uses.
#   docker build -f docker/api.Dockerfile -t skillbridge-api .

FROM node:24-bookworm-slim AS build
WORKDIR /workspace
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# main.js, plus a package.json and a lockfile pruned to what the bundle imports.
RUN npx nx run api:prune --output-style=static

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    WEB_ROOT=none
WORKDIR /app
COPY --from=build --chown=node:node /workspace/dist/apps/api/package.json /workspace/dist/apps/api/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build --chown=node:node /workspace/dist/apps/api/ ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM → the API stops taking requests, finishes those in flight, closes the pool.
STOPSIGNAL SIGTERM
CMD ["node", "main.js"]
