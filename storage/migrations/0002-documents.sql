-- Documents (storage/document-store-postgres.ts): submitted files, consolidation parts, reports
-- and the lists letters attach, by key (`submissions/<cycle>/<unit>/<file>`, `reports/<cycle>/…`,
-- storage/document-keys.ts). The C collation sorts keys byte by byte, so a folder is a range of
-- the primary key's index.
--
-- A document's content is split into chunks (about 1 MB each), so a report of a few MB or an
-- upload of 20 MB is written and read piece by piece, never whole in one message. Each write of a
-- key takes a new generation: its chunks are written beside the old ones, the row then names the
-- new generation and the old chunks are deleted, all in one transaction, so a reader sees the old
-- document or the new, never a mixture.
CREATE SEQUENCE document_generations;

CREATE TABLE documents (
  key text COLLATE "C" PRIMARY KEY,
  generation bigint NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE document_chunks (
  key text COLLATE "C" NOT NULL REFERENCES documents (key) ON DELETE CASCADE,
  generation bigint NOT NULL,
  index integer NOT NULL CHECK (index >= 0),
  bytes bytea NOT NULL,
  PRIMARY KEY (key, generation, index)
);
-- Most documents are compressed already (DOCX, PDF, images): store chunks as they are.
ALTER TABLE document_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
