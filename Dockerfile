# tiss serve in a container (README, "tiss serve"). Stateless: run as many copies as needed behind the
# operadora's own load balancer or ingress; readiness and liveness on /healthz; SIGTERM finishes what is
# in flight and refuses new work.
#
# The official XSDs are not in this repository: put the ANS package (the ZIP or its folder) in
# ./tiss-schemas before building, and the image installs them (sha256-checked) into its store.
#
#   docker build -t tiss .
#   docker run -p 8080:8080 -e TISS_TOKEN=$(openssl rand -hex 24) tiss

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production TISS_HOME=/var/lib/tiss
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/schemas ./schemas
COPY --from=build /app/tables ./tables
COPY --from=build /app/node_modules ./node_modules
COPY tiss-schemas /tmp/tiss-schemas
RUN node bin/tiss.js schemas install --from /tmp/tiss-schemas && rm -rf /tmp/tiss-schemas && chown -R node:node /var/lib/tiss
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Off loopback, a token is required (TISS_TOKEN); terminate TLS here (--tls-cert/--tls-key) or at the ingress.
CMD ["node", "bin/tiss.js", "serve", "--host", "0.0.0.0", "--port", "8080"]
