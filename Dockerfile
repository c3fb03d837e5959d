# The kyhan worker image. TypeScript runs through tsx (a runtime dependency), so there is no
# compile step; the workflow bundle is built here, once, so workers start without webpack.
FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production

# Dependencies first: this layer is rebuilt only when the lock file changes.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .
RUN npm run build:workflows \
  && mkdir -p /var/lib/kyhan \
  && chown node:node /var/lib/kyhan

# The state directory (consolidation documents, stored files) is a volume shared by all workers.
ENV KYHAN_VAR_DIR=/var/lib/kyhan \
    KYHAN_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    LOG_FORMAT=json
VOLUME ["/var/lib/kyhan"]
USER node

# Node runs as PID 1, with no npm or shell in between, so SIGTERM from `docker stop` reaches the
# worker, which stops polling and lets in-flight activities finish (KYHAN_SHUTDOWN_GRACE_SECONDS).
CMD ["node", "--import", "tsx", "workers/main.ts"]
