# The kyhan image: the worker (the default command) and the web app (`node --import tsx
# web/main.ts`, as the compose file's `web` service runs it). TypeScript runs through tsx (a
# runtime dependency), so there is no compile step; the workflow bundle is built here, once, so
# workers start without webpack. The web app needs nothing more: its stylesheet is in web/static/
# and htmx comes from node_modules.
FROM node:24-slim

WORKDIR /app
ENV NODE_ENV=production

# Dependencies first: this layer is rebuilt only when the lock file changes.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .
RUN npm run build:workflows \
  && mkdir -p /var/lib/kyhan \
  && chown node:node /var/lib/kyhan

# The state directory. With KYHAN_DATABASE_URL (as the compose file sets it) every shared thing
# (sent ledger, documents, sessions, the link secret) is in PostgreSQL and this directory is
# scratch, one per container: nothing needs to share it. Without KYHAN_DATABASE_URL it holds all
# of that, and must be one volume the workers and the web app of one host share.
ENV KYHAN_VAR_DIR=/var/lib/kyhan \
    KYHAN_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    LOG_FORMAT=json
VOLUME ["/var/lib/kyhan"]
# The web app's port (KYHAN_WEB_PORT; give it KYHAN_WEB_HOST=0.0.0.0 in a container).
EXPOSE 3000
USER node

# Node runs as PID 1, with no npm or shell in between, so SIGTERM from `docker stop` reaches the
# worker, which stops polling and lets in-flight activities finish (KYHAN_SHUTDOWN_GRACE_SECONDS),
# or the web app, which finishes its requests and closes.
CMD ["node", "--import", "tsx", "workers/main.ts"]
