import type { Migration } from '@customs-pulse/sql';

/**
 * The SQLite KPI read model's schema history. Append only: a shipped migration is never edited. Rows hold the
 * engine's JSON as is (engine-snapshot.ts), keyed as `drainDirty` writes them over: declarations and cases by
 * subject, buckets by `bucketKey`. The checkpoint row also holds the quality counters, which are drained whole, and
 * the bucket horizons.
 * Declarations and cases also keep their hot keys (facts-json.ts) in columns, for the hot selection and cold reads.
 */
export const sqliteReadModelMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the KPI read model',
    sql: `
      CREATE TABLE kpi_checkpoint (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        position   INTEGER NOT NULL,
        quality    TEXT    NOT NULL
      ) STRICT;
      INSERT INTO kpi_checkpoint (id, position, quality) VALUES (1, 0, '{}');
      CREATE TABLE kpi_declarations (subject TEXT PRIMARY KEY, facts TEXT NOT NULL) STRICT, WITHOUT ROWID;
      CREATE TABLE kpi_cases (subject TEXT PRIMARY KEY, facts TEXT NOT NULL) STRICT, WITHOUT ROWID;
      CREATE TABLE kpi_buckets (bucket_key TEXT PRIMARY KEY, bucket TEXT NOT NULL) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    // WITHOUT ROWID keeps each whole row in the key's B-tree, which pays only for rows well under a twentieth of a
    // page (SQLite's own rule of thumb); a bucket's JSON with its sketch runs to kilobytes, and rewriting such rows
    // made commits about a third slower. Rowid tables keep the key in a small unique index instead.
    name: 'keep declarations, cases and buckets in rowid tables',
    sql: `
      CREATE TABLE kpi_declarations_v2 (subject TEXT NOT NULL UNIQUE, facts TEXT NOT NULL) STRICT;
      INSERT INTO kpi_declarations_v2 (subject, facts) SELECT subject, facts FROM kpi_declarations;
      DROP TABLE kpi_declarations;
      ALTER TABLE kpi_declarations_v2 RENAME TO kpi_declarations;
      CREATE TABLE kpi_cases_v2 (subject TEXT NOT NULL UNIQUE, facts TEXT NOT NULL) STRICT;
      INSERT INTO kpi_cases_v2 (subject, facts) SELECT subject, facts FROM kpi_cases;
      DROP TABLE kpi_cases;
      ALTER TABLE kpi_cases_v2 RENAME TO kpi_cases;
      CREATE TABLE kpi_buckets_v2 (bucket_key TEXT NOT NULL UNIQUE, bucket TEXT NOT NULL) STRICT;
      INSERT INTO kpi_buckets_v2 (bucket_key, bucket) SELECT bucket_key, bucket FROM kpi_buckets;
      DROP TABLE kpi_buckets;
      ALTER TABLE kpi_buckets_v2 RENAME TO kpi_buckets;
    `,
  },
  {
    version: 3,
    // The hot keys in columns of their own, so that a start selects the hot rows and the TRS report its population
    // through an index, without parsing every row's facts. NULL in the rows written before: those load as hot.
    // Each index ends with the subject, so that pages in subject order (ColdSubjects.releasedIn) read the index only.
    name: 'keep the hot keys of declarations and cases in indexed columns',
    sql: `
      ALTER TABLE kpi_declarations ADD COLUMN last_event_at INTEGER;
      ALTER TABLE kpi_declarations ADD COLUMN open INTEGER;
      ALTER TABLE kpi_declarations ADD COLUMN released_at INTEGER;
      ALTER TABLE kpi_cases ADD COLUMN last_event_at INTEGER;
      CREATE INDEX kpi_declarations_by_last_event ON kpi_declarations (last_event_at, subject);
      CREATE INDEX kpi_declarations_by_release ON kpi_declarations (released_at, subject);
      CREATE INDEX kpi_cases_by_last_event ON kpi_cases (last_event_at);
    `,
  },
  {
    version: 4,
    // Where a bounded engine holds its buckets from (engine-snapshot.ts, BucketHorizonsJson), as JSON; NULL for an
    // engine that holds every bucket, and in a read model written before.
    name: 'keep the bucket horizons with the checkpoint',
    sql: `ALTER TABLE kpi_checkpoint ADD COLUMN bucket_horizons TEXT;`,
  },
  {
    version: 5,
    // The state at the end of each closed epoch, for questions asOf a past time (read-model.port.ts,
    // KpiReadModelHistory). Each row carries the epoch that last wrote it (0 for the rows written before); a trigger
    // keeps the row an UPDATE writes over, when an earlier epoch wrote it, as a version valid from its epoch up to the
    // new one. Versions are written by the database, so no writer can forget one. `kpi_epochs` keeps what the
    // checkpoint row held when each epoch closed, and the newest event time then (a hot load counts back from it).
    name: 'keep the state at the end of each epoch',
    sql: `
      ALTER TABLE kpi_checkpoint ADD COLUMN epoch INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE kpi_epochs (
        epoch            INTEGER PRIMARY KEY,
        position         INTEGER NOT NULL,
        last_recorded_at INTEGER NOT NULL,
        quality          TEXT    NOT NULL,
        bucket_horizons  TEXT,
        newest_event_at  INTEGER
      ) STRICT;
      CREATE INDEX kpi_epochs_by_recorded_at ON kpi_epochs (last_recorded_at);
      ALTER TABLE kpi_declarations ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE kpi_cases ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE kpi_buckets ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE kpi_declaration_versions (
        subject TEXT NOT NULL, epoch INTEGER NOT NULL, until_epoch INTEGER NOT NULL, facts TEXT NOT NULL,
        last_event_at INTEGER, open INTEGER, released_at INTEGER,
        PRIMARY KEY (subject, epoch)
      ) STRICT;
      CREATE INDEX kpi_declaration_versions_by_last_event ON kpi_declaration_versions (last_event_at, subject);
      CREATE INDEX kpi_declaration_versions_by_release ON kpi_declaration_versions (released_at, subject);
      CREATE TABLE kpi_case_versions (
        subject TEXT NOT NULL, epoch INTEGER NOT NULL, until_epoch INTEGER NOT NULL, facts TEXT NOT NULL,
        last_event_at INTEGER,
        PRIMARY KEY (subject, epoch)
      ) STRICT;
      CREATE INDEX kpi_case_versions_by_last_event ON kpi_case_versions (last_event_at);
      CREATE TABLE kpi_bucket_versions (
        bucket_key TEXT NOT NULL, epoch INTEGER NOT NULL, until_epoch INTEGER NOT NULL, bucket TEXT NOT NULL,
        PRIMARY KEY (bucket_key, epoch)
      ) STRICT;
      CREATE TRIGGER kpi_declarations_keep_version BEFORE UPDATE ON kpi_declarations WHEN OLD.epoch < NEW.epoch BEGIN
        INSERT INTO kpi_declaration_versions (subject, epoch, until_epoch, facts, last_event_at, open, released_at)
        VALUES (OLD.subject, OLD.epoch, NEW.epoch, OLD.facts, OLD.last_event_at, OLD.open, OLD.released_at);
      END;
      CREATE TRIGGER kpi_cases_keep_version BEFORE UPDATE ON kpi_cases WHEN OLD.epoch < NEW.epoch BEGIN
        INSERT INTO kpi_case_versions (subject, epoch, until_epoch, facts, last_event_at)
        VALUES (OLD.subject, OLD.epoch, NEW.epoch, OLD.facts, OLD.last_event_at);
      END;
      CREATE TRIGGER kpi_buckets_keep_version BEFORE UPDATE ON kpi_buckets WHEN OLD.epoch < NEW.epoch BEGIN
        INSERT INTO kpi_bucket_versions (bucket_key, epoch, until_epoch, bucket) VALUES (OLD.bucket_key, OLD.epoch, NEW.epoch, OLD.bucket);
      END;
    `,
  },
  {
    version: 6,
    // A declaration's TRS release (facts-json.ts, `hot.trs`) in columns of its own, NULL when it has none, so that
    // the TRS report's longest releases are read along an index (ColdSubjects.longestReleasedIn): by release time,
    // longest first, then subject, with the period and the filters in the index entry, so that a row is read whole
    // only when it is given. Versions keep them too, with their epochs in the entry, for the same read as of an epoch;
    // the trigger is recreated to copy them. A read model that holds anything was written before them and before the
    // TRS day aggregates of its buckets: `written_before` names that, and such a read model is rebuilt, not loaded.
    name: 'keep the TRS release of declarations in indexed columns',
    sql: `
      ALTER TABLE kpi_declarations ADD COLUMN trs_release_ms INTEGER;
      ALTER TABLE kpi_declarations ADD COLUMN trs_office TEXT;
      ALTER TABLE kpi_declarations ADD COLUMN trs_transport_mode TEXT;
      ALTER TABLE kpi_declarations ADD COLUMN trs_regime TEXT;
      ALTER TABLE kpi_declaration_versions ADD COLUMN trs_release_ms INTEGER;
      ALTER TABLE kpi_declaration_versions ADD COLUMN trs_office TEXT;
      ALTER TABLE kpi_declaration_versions ADD COLUMN trs_transport_mode TEXT;
      ALTER TABLE kpi_declaration_versions ADD COLUMN trs_regime TEXT;
      CREATE INDEX kpi_declarations_by_trs_release ON kpi_declarations
        (trs_release_ms DESC, subject, released_at, trs_office, trs_transport_mode, trs_regime, epoch) WHERE trs_release_ms IS NOT NULL;
      CREATE INDEX kpi_declaration_versions_by_trs_release ON kpi_declaration_versions
        (trs_release_ms DESC, subject, released_at, trs_office, trs_transport_mode, trs_regime, epoch, until_epoch) WHERE trs_release_ms IS NOT NULL;
      DROP TRIGGER kpi_declarations_keep_version;
      CREATE TRIGGER kpi_declarations_keep_version BEFORE UPDATE ON kpi_declarations WHEN OLD.epoch < NEW.epoch BEGIN
        INSERT INTO kpi_declaration_versions (
          subject, epoch, until_epoch, facts, last_event_at, open, released_at, trs_release_ms, trs_office, trs_transport_mode, trs_regime
        ) VALUES (
          OLD.subject, OLD.epoch, NEW.epoch, OLD.facts, OLD.last_event_at, OLD.open, OLD.released_at,
          OLD.trs_release_ms, OLD.trs_office, OLD.trs_transport_mode, OLD.trs_regime
        );
      END;
      ALTER TABLE kpi_checkpoint ADD COLUMN written_before TEXT;
      UPDATE kpi_checkpoint SET written_before = 'the TRS day aggregates'
      WHERE position > 0 OR EXISTS (SELECT 1 FROM kpi_declarations) OR EXISTS (SELECT 1 FROM kpi_cases) OR EXISTS (SELECT 1 FROM kpi_buckets);
    `,
  },
];
