-- The sent ledger (activities/email/sent-ledger-postgres.ts): one row per message handed to SMTP.
-- While a worker sends, holder/claimed_until say who and until when; once the server accepted
-- it, sent_at is set and the claim cleared. The primary key is what makes two workers unable to
-- both claim one message.
CREATE TABLE sent_messages (
  message_id text PRIMARY KEY,
  holder text,
  claimed_until timestamptz,
  sent_at timestamptz,
  CHECK (sent_at IS NOT NULL OR (holder IS NOT NULL AND claimed_until IS NOT NULL))
);

-- Web sessions (web/auth/store-postgres.ts), keyed by the SHA-256 of the session id: the id
-- itself, the cookie's value, is never stored.
CREATE TABLE web_sessions (
  id_sha256 text PRIMARY KEY,
  record jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX web_sessions_expires_at ON web_sessions (expires_at);

-- One-time tokens already used (sign-in links), keyed by the SHA-256 of the token id; a row may
-- be forgotten after expires_at, when the token no longer verifies anyway.
CREATE TABLE used_tokens (
  id_sha256 text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX used_tokens_expires_at ON used_tokens (expires_at);

-- The server secret that signs unit links and sign-in tokens (auth/secret.ts), when
-- KYHAN_SECRET is not set: the first process to start writes it, every other one reads it.
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL CHECK (length(value) >= 32),
  created_at timestamptz NOT NULL DEFAULT now()
);
