# The HSS image: the control plane (default command) and the console (`next start web`, see
# docker-compose.yml). Build: docker build -t hss .   (docker-compose.yml builds it too)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY schema/package.json schema/
COPY server/package.json server/
COPY agent/package.json agent/
COPY web/package.json web/
COPY test/package.json test/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY schema schema
COPY server server
COPY agent agent
COPY web web
COPY bench bench
# The agent package (agent/dist/package) is what /agent/hss-agent.tar.gz serves.
RUN npx tsc -b && npm run -s bundle -w @hss/agent && NEXT_TELEMETRY_DISABLED=1 npm run -s build -w web && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
# Local state: the agent channel's private CA (tls/), which every replica must share.
ENV HSS_DATA_DIR=/var/lib/hss
RUN mkdir -p /var/lib/hss && chown node:node /var/lib/hss
USER node
ENV NEXT_TELEMETRY_DISABLED=1
EXPOSE 4000 10180 3000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:4000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server/dist/main.js"]
