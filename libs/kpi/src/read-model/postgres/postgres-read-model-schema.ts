import type { Migration } from '@customs-pulse/sql';

/** Where the PostgreSQL read model records its applied migrations, in its own schema. */
export const READ_MODEL_MIGRATIONS_TABLE = 'kpi_read_model_migrations';

/**
 * The PostgreSQL KPI read model's schema history. Append only: a shipped migration is never edited. Tables and keys
 * are the SQLite read model's: declarations and cases by subject, buckets by `bucketKey`, the quality counters
 * whole in the checkpoint row.
 *
 * The engine's JSON is stored as `json`, not `jsonb`: nothing ever queries inside it, so `jsonb`'s decomposition
 * on every write of thousands of rows would buy nothing, while `json` is still checked on the way in and keeps the
 * text the engine wrote, key order and all.
 */
export const postgresReadModelMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the KPI read model',
    sql: `
      CREATE TABLE kpi_checkpoint (
        id       integer PRIMARY KEY CHECK (id = 1),
        position bigint  NOT NULL,
        quality  json    NOT NULL
      );
      INSERT INTO kpi_checkpoint (id, position, quality) VALUES (1, 0, '{}');
      CREATE TABLE kpi_declarations (subject text PRIMARY KEY, facts json NOT NULL);
      CREATE TABLE kpi_cases (subject text PRIMARY KEY, facts json NOT NULL);
      CREATE TABLE kpi_buckets (bucket_key text PRIMARY KEY, bucket json NOT NULL);
    `,
  },
  {
    version: 2,
    // As the SQLite read model's migration 3: the hot keys in indexed columns, NULL in the rows written before. The
    // subject is indexed in the "C" collation, the order ColdSubjects.releasedIn pages in, so that a page's subjects
    // come from the indexes alone; byte order is also SQLite's, so both read models page alike. The rows without hot
    // keys have an index of their own: PostgreSQL reads (last_event_at, subject) in subject order for an equality on
    // last_event_at, not for IS NULL, and would sort every such row for each page.
    name: 'keep the hot keys of declarations and cases in indexed columns',
    sql: `
      ALTER TABLE kpi_declarations ADD COLUMN last_event_at bigint, ADD COLUMN open boolean, ADD COLUMN released_at bigint;
      ALTER TABLE kpi_cases ADD COLUMN last_event_at bigint;
      CREATE INDEX kpi_declarations_by_last_event ON kpi_declarations (last_event_at);
      CREATE INDEX kpi_declarations_without_hot_keys ON kpi_declarations (subject COLLATE "C") WHERE last_event_at IS NULL;
      CREATE INDEX kpi_declarations_by_release ON kpi_declarations (released_at, subject COLLATE "C");
      CREATE INDEX kpi_cases_by_last_event ON kpi_cases (last_event_at);
    `,
  },
  {
    version: 3,
    // The bucket horizons (engine-snapshot.ts, BucketHorizonsJson) with the checkpoint, NULL when none. Bucket keys in
    // the "C" collation, so that their index answers ranges in byte order, where a key's start sorts as its time
    // (bucket-key-ranges.ts): a language's collation would weigh the '|' and '-' apart. Only the key's index is
    // rebuilt; equality, and so every upsert, is the same in either collation.
    name: 'keep the bucket horizons with the checkpoint, and bucket keys in byte order',
    sql: `
      ALTER TABLE kpi_checkpoint ADD COLUMN bucket_horizons json;
      ALTER TABLE kpi_buckets ALTER COLUMN bucket_key TYPE text COLLATE "C";
    `,
  },
  {
    version: 4,
    // As the SQLite read model's migration 5: the state at the end of each closed epoch (read-model.port.ts,
    // KpiReadModelHistory). Each row carries the epoch that last wrote it (0 for the rows written before: a constant
    // default, so the columns are added without rewriting the tables); a BEFORE UPDATE trigger, which the upserts'
    // ON CONFLICT DO UPDATE fires, keeps the row written over, when an earlier epoch wrote it, as a version valid from
    // its epoch up to the new one. The WHEN clause is checked before the function is called: rewriting a row of the
    // open epoch costs no call. The functions keep the migration's search_path (this schema), since the read model's
    // sessions name its tables in full and leave theirs as it is. Versions are indexed as their rows are, for the
    // same reads as of an epoch; `kpi_epochs` keeps what the checkpoint row held when each epoch closed, and the
    // newest event time then (a hot load counts back from it).
    name: 'keep the state at the end of each epoch',
    sql: `
      ALTER TABLE kpi_checkpoint ADD COLUMN epoch integer NOT NULL DEFAULT 1;
      CREATE TABLE kpi_epochs (
        epoch            integer PRIMARY KEY,
        position         bigint  NOT NULL,
        last_recorded_at bigint  NOT NULL,
        quality          json    NOT NULL,
        bucket_horizons  json,
        newest_event_at  bigint
      );
      CREATE INDEX kpi_epochs_by_recorded_at ON kpi_epochs (last_recorded_at, epoch);
      ALTER TABLE kpi_declarations ADD COLUMN epoch integer NOT NULL DEFAULT 0;
      ALTER TABLE kpi_cases ADD COLUMN epoch integer NOT NULL DEFAULT 0;
      ALTER TABLE kpi_buckets ADD COLUMN epoch integer NOT NULL DEFAULT 0;
      CREATE TABLE kpi_declaration_versions (
        subject text NOT NULL, epoch integer NOT NULL, until_epoch integer NOT NULL, facts json NOT NULL,
        last_event_at bigint, open boolean, released_at bigint,
        PRIMARY KEY (subject, epoch)
      );
      CREATE INDEX kpi_declaration_versions_by_last_event ON kpi_declaration_versions (last_event_at);
      CREATE INDEX kpi_declaration_versions_without_hot_keys ON kpi_declaration_versions (subject COLLATE "C") WHERE last_event_at IS NULL;
      CREATE INDEX kpi_declaration_versions_by_release ON kpi_declaration_versions (released_at, subject COLLATE "C");
      CREATE TABLE kpi_case_versions (
        subject text NOT NULL, epoch integer NOT NULL, until_epoch integer NOT NULL, facts json NOT NULL,
        last_event_at bigint,
        PRIMARY KEY (subject, epoch)
      );
      CREATE INDEX kpi_case_versions_by_last_event ON kpi_case_versions (last_event_at);
      CREATE TABLE kpi_bucket_versions (
        bucket_key text COLLATE "C" NOT NULL, epoch integer NOT NULL, until_epoch integer NOT NULL, bucket json NOT NULL,
        PRIMARY KEY (bucket_key, epoch)
      );
      CREATE FUNCTION kpi_declarations_keep_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO kpi_declaration_versions (subject, epoch, until_epoch, facts, last_event_at, open, released_at)
        VALUES (OLD.subject, OLD.epoch, NEW.epoch, OLD.facts, OLD.last_event_at, OLD.open, OLD.released_at);
        RETURN NEW;
      END $$;
      CREATE TRIGGER kpi_declarations_keep_version BEFORE UPDATE ON kpi_declarations
        FOR EACH ROW WHEN (OLD.epoch < NEW.epoch) EXECUTE FUNCTION kpi_declarations_keep_version();
      CREATE FUNCTION kpi_cases_keep_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO kpi_case_versions (subject, epoch, until_epoch, facts, last_event_at)
        VALUES (OLD.subject, OLD.epoch, NEW.epoch, OLD.facts, OLD.last_event_at);
        RETURN NEW;
      END $$;
      CREATE TRIGGER kpi_cases_keep_version BEFORE UPDATE ON kpi_cases
        FOR EACH ROW WHEN (OLD.epoch < NEW.epoch) EXECUTE FUNCTION kpi_cases_keep_version();
      CREATE FUNCTION kpi_buckets_keep_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO kpi_bucket_versions (bucket_key, epoch, until_epoch, bucket) VALUES (OLD.bucket_key, OLD.epoch, NEW.epoch, OLD.bucket);
        RETURN NEW;
      END $$;
      CREATE TRIGGER kpi_buckets_keep_version BEFORE UPDATE ON kpi_buckets
        FOR EACH ROW WHEN (OLD.epoch < NEW.epoch) EXECUTE FUNCTION kpi_buckets_keep_version();
    `,
  },
  {
    version: 5,
    // As the SQLite read model's migration 6: a declaration's TRS release in columns of its own, NULL when it has
    // none, and an index that walks them longest first, subject in the "C" collation as the other pages have it. The
    // period, the filters and the epochs are key columns after those two, not INCLUDEd: a B-tree checks a condition
    // on a key column in the index entry, an INCLUDEd one only once the row is read. The versions' function is
    // replaced to copy the new columns (its trigger calls it by name). `written_before` names what a read model that
    // holds anything was written before (written-before.ts): such a read model is rebuilt, not loaded.
    name: 'keep the TRS release of declarations in indexed columns',
    sql: `
      ALTER TABLE kpi_declarations
        ADD COLUMN trs_release_ms bigint, ADD COLUMN trs_office text, ADD COLUMN trs_transport_mode text, ADD COLUMN trs_regime text;
      ALTER TABLE kpi_declaration_versions
        ADD COLUMN trs_release_ms bigint, ADD COLUMN trs_office text, ADD COLUMN trs_transport_mode text, ADD COLUMN trs_regime text;
      CREATE INDEX kpi_declarations_by_trs_release ON kpi_declarations
        (trs_release_ms DESC, subject COLLATE "C", released_at, trs_office, trs_transport_mode, trs_regime, epoch)
        WHERE trs_release_ms IS NOT NULL;
      CREATE INDEX kpi_declaration_versions_by_trs_release ON kpi_declaration_versions
        (trs_release_ms DESC, subject COLLATE "C", released_at, trs_office, trs_transport_mode, trs_regime, epoch, until_epoch)
        WHERE trs_release_ms IS NOT NULL;
      CREATE OR REPLACE FUNCTION kpi_declarations_keep_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO kpi_declaration_versions (
          subject, epoch, until_epoch, facts, last_event_at, open, released_at, trs_release_ms, trs_office, trs_transport_mode, trs_regime
        ) VALUES (
          OLD.subject, OLD.epoch, NEW.epoch, OLD.facts, OLD.last_event_at, OLD.open, OLD.released_at,
          OLD.trs_release_ms, OLD.trs_office, OLD.trs_transport_mode, OLD.trs_regime
        );
        RETURN NEW;
      END $$;
      ALTER TABLE kpi_checkpoint ADD COLUMN written_before text;
      UPDATE kpi_checkpoint SET written_before = 'the TRS day aggregates'
      WHERE position > 0 OR EXISTS (SELECT 1 FROM kpi_declarations) OR EXISTS (SELECT 1 FROM kpi_cases) OR EXISTS (SELECT 1 FROM kpi_buckets);
    `,
  },
  {
    version: 6,
    // The checkpoint of the commit that last wrote each row, so that a gateway mirroring this read model reads only
    // the rows written since the checkpoint it holds (README, "Gateways mirror the projector"): one range of an index
    // per table. NULL in the rows written before, which are older than any checkpoint a mirror holds. The versions
    // need no copy of it: a mirror reads the live rows only.
    name: 'stamp each row with the checkpoint of the commit that wrote it',
    sql: `
      ALTER TABLE kpi_declarations ADD COLUMN written_at bigint;
      ALTER TABLE kpi_cases ADD COLUMN written_at bigint;
      ALTER TABLE kpi_buckets ADD COLUMN written_at bigint;
      CREATE INDEX kpi_declarations_by_written_at ON kpi_declarations (written_at);
      CREATE INDEX kpi_cases_by_written_at ON kpi_cases (written_at);
      CREATE INDEX kpi_buckets_by_written_at ON kpi_buckets (written_at);
    `,
  },
];
