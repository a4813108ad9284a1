/**
 * The database schema as an ordered list of migrations. The schema version lives in
 * `PRAGMA user_version`; each pending migration runs in its own transaction together with
 * the version bump, so a database is always exactly at one version. Append only: never edit
 * or reorder a migration that has shipped.
 */
import type { Database } from 'better-sqlite3';
import { StoreError } from '../core/errors';

/** One schema step: `version` is the user_version the database has once `sql` has run. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** SafeStep's migrations, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'conversations, so they survive a restart',
    sql: `
      CREATE TABLE sessions (
        conversation_id TEXT PRIMARY KEY,
        data            TEXT NOT NULL CHECK (json_valid(data)),
        updated_at      TEXT NOT NULL
      );`,
  },
  {
    version: 2,
    description: 'filed DSL reports, numbered SS-<year>-<seq>',
    sql: `
      CREATE TABLE reports (
        reference       TEXT PRIMARY KEY,
        seq             INTEGER NOT NULL CHECK (seq > 0),
        year            INTEGER NOT NULL,
        setting_id      TEXT NOT NULL,
        flow_id         TEXT NOT NULL,
        urgency         TEXT NOT NULL CHECK (urgency IN ('immediate', 'urgent', 'routine')),
        created_at      TEXT NOT NULL,
        reporter_id     TEXT NOT NULL,
        data            TEXT NOT NULL CHECK (json_valid(data)),
        acknowledged_by TEXT,
        acknowledged_at TEXT,
        UNIQUE (year, seq)
      );
      CREATE INDEX reports_setting_id ON reports (setting_id);
      CREATE INDEX reports_created_at ON reports (created_at);`,
  },
  {
    version: 3,
    description: 'deliveries: every attempt to tell a DSL (or a reporter) about a report, with retries',
    sql: `
      CREATE TABLE deliveries (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        reference       TEXT NOT NULL REFERENCES reports (reference),
        channel         TEXT NOT NULL,
        target          TEXT NOT NULL,
        purpose         TEXT NOT NULL CHECK (purpose IN ('report-filed', 'reminder', 'reporter-ack')),
        status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT,
        next_attempt_at TEXT,
        created_at      TEXT NOT NULL,
        sent_at         TEXT
      );
      CREATE INDEX deliveries_reference ON deliveries (reference);
      CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);`,
  },
  {
    version: 4,
    description: 'channel references (e.g. Teams conversation references for proactive messages)',
    sql: `
      CREATE TABLE channel_refs (
        channel    TEXT NOT NULL,
        key        TEXT NOT NULL,
        data       TEXT NOT NULL CHECK (json_valid(data)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (channel, key)
      );`,
  },
  {
    version: 5,
    description: 'the induction quiz: attempts (state JSON), every answer, attestations with the policy versions',
    sql: `
      CREATE TABLE quiz_attempts (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        attempt_id      TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL,
        setting_id      TEXT NOT NULL,
        user_id         TEXT NOT NULL,
        phase           TEXT NOT NULL CHECK (phase IN ('question', 'retake-offer', 'attest', 'done')),
        score           INTEGER NOT NULL CHECK (score >= 0),
        total           INTEGER NOT NULL CHECK (total >= 0),
        passed          INTEGER NOT NULL CHECK (passed IN (0, 1)),
        policy_version  TEXT NOT NULL,
        started_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        passed_at       TEXT,
        state           TEXT NOT NULL CHECK (json_valid(state))
      );
      CREATE INDEX quiz_attempts_conversation ON quiz_attempts (conversation_id, seq);
      CREATE INDEX quiz_attempts_person ON quiz_attempts (setting_id, user_id, seq);
      CREATE TABLE quiz_answers (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        attempt_id  TEXT NOT NULL REFERENCES quiz_attempts (attempt_id),
        setting_id  TEXT NOT NULL,
        user_id     TEXT NOT NULL,
        question_id TEXT NOT NULL,
        area        TEXT NOT NULL,
        round       INTEGER NOT NULL CHECK (round >= 1),
        chosen      TEXT NOT NULL,
        correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
        answered_at TEXT NOT NULL,
        UNIQUE (attempt_id, round, question_id)
      );
      CREATE INDEX quiz_answers_setting_question ON quiz_answers (setting_id, question_id);
      CREATE TABLE quiz_attestations (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        attempt_id     TEXT NOT NULL UNIQUE REFERENCES quiz_attempts (attempt_id),
        setting_id     TEXT NOT NULL,
        user_id        TEXT NOT NULL,
        user_name      TEXT,
        statement      TEXT NOT NULL,
        policy_version TEXT NOT NULL,
        attested_at    TEXT NOT NULL
      );
      CREATE INDEX quiz_attestations_person ON quiz_attestations (setting_id, user_id);`,
  },
  {
    version: 6,
    description: "the DSL's desk: append-only case entries, audit trail and legal holds; reports are never edited, and deleted only by retention off hold; deliveries for closing and overdue actions",
    sql: `
      CREATE TABLE case_entries (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        reference TEXT NOT NULL REFERENCES reports (reference),
        kind      TEXT NOT NULL CHECK (kind IN ('acknowledged', 'note', 'action', 'outcome', 'correction')),
        by_who    TEXT NOT NULL,
        at        TEXT NOT NULL,
        data      TEXT NOT NULL CHECK (json_valid(data))
      );
      CREATE INDEX case_entries_reference ON case_entries (reference, id);
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        who       TEXT NOT NULL,
        place     TEXT NOT NULL,
        what      TEXT NOT NULL,
        reference TEXT,
        result    TEXT NOT NULL CHECK (result IN ('ok', 'refused', 'unknown'))
      );
      CREATE INDEX audit_log_reference ON audit_log (reference, id);
      -- Append-only. Only the sealed data column may be rewritten (by key rotation).
      -- Legal holds: an append-only log of hold and release (the reason sealed in data).
      CREATE TABLE report_holds (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        reference TEXT NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN ('hold', 'release')),
        by_who    TEXT NOT NULL,
        at        TEXT NOT NULL,
        data      TEXT NOT NULL CHECK (json_valid(data))
      );
      CREATE INDEX report_holds_reference ON report_holds (reference, id);
      CREATE TRIGGER report_holds_no_delete BEFORE DELETE ON report_holds
        BEGIN SELECT RAISE(ABORT, 'legal holds are append-only'); END;
      CREATE TRIGGER report_holds_no_update BEFORE UPDATE OF id, reference, kind, by_who, at ON report_holds
        BEGIN SELECT RAISE(ABORT, 'legal holds are append-only'); END;
      -- A report leaves only through retention: a permit row lives inside that one transaction.
      CREATE TABLE retention_permits (reference TEXT PRIMARY KEY);
      CREATE TRIGGER case_entries_no_delete BEFORE DELETE ON case_entries
        WHEN NOT EXISTS (SELECT 1 FROM retention_permits WHERE reference = OLD.reference)
        BEGIN SELECT RAISE(ABORT, 'case entries are append-only'); END;
      CREATE TRIGGER case_entries_no_update BEFORE UPDATE OF id, reference, kind, by_who, at ON case_entries
        BEGIN SELECT RAISE(ABORT, 'case entries are append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER reports_no_update BEFORE UPDATE OF reference, seq, year, setting_id, flow_id, urgency, created_at, reporter_id ON reports
        BEGIN SELECT RAISE(ABORT, 'a filed report is never edited'); END;
      CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
        WHEN NOT EXISTS (SELECT 1 FROM retention_permits WHERE reference = OLD.reference)
        BEGIN SELECT RAISE(ABORT, 'a filed report is never deleted'); END;
      CREATE TRIGGER reports_on_hold BEFORE DELETE ON reports
        WHEN (SELECT kind FROM report_holds WHERE reference = OLD.reference ORDER BY id DESC LIMIT 1) = 'hold'
        BEGIN SELECT RAISE(ABORT, 'a report on legal hold is never deleted'); END;
      CREATE TRIGGER reports_ack_once BEFORE UPDATE OF acknowledged_by, acknowledged_at ON reports WHEN OLD.acknowledged_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'an acknowledgement is never changed'); END;
      CREATE TABLE deliveries_v6 (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        reference       TEXT NOT NULL REFERENCES reports (reference),
        channel         TEXT NOT NULL,
        target          TEXT NOT NULL,
        purpose         TEXT NOT NULL CHECK (purpose IN ('report-filed', 'reminder', 'reporter-ack', 'reporter-closed', 'action-overdue')),
        status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT,
        next_attempt_at TEXT,
        created_at      TEXT NOT NULL,
        sent_at         TEXT
      );
      INSERT INTO deliveries_v6 SELECT id, reference, channel, target, purpose, status, attempts, last_error, next_attempt_at, created_at, sent_at FROM deliveries;
      DROP TABLE deliveries;
      ALTER TABLE deliveries_v6 RENAME TO deliveries;
      CREATE INDEX deliveries_reference ON deliveries (reference);
      CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);`,
  },
  {
    version: 7,
    description: 'shared work: a lease on each delivery being sent, Slack events already handled, claims of periodic work',
    sql: `
      ALTER TABLE deliveries ADD COLUMN claimed_until TEXT;
      CREATE TABLE events_seen (
        id      TEXT PRIMARY KEY,
        seen_at TEXT NOT NULL
      );
      CREATE INDEX events_seen_at ON events_seen (seen_at);
      CREATE TABLE tick_claims (
        name       TEXT NOT NULL,
        slot       TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        PRIMARY KEY (name, slot)
      );`,
  },
  {
    version: 8,
    description: 'deliveries count their leases: a re-leased delivery may already have reached the platform, so it is looked for before it is sent again',
    sql: `ALTER TABLE deliveries ADD COLUMN leases INTEGER NOT NULL DEFAULT 0;`,
  },
];

/** The schema version this build of SafeStep writes. */
export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/** The database's schema version (0 for a new, empty file). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the latest version; does nothing if it is already there.
 * Throws store_open_error if the file was written by a newer SafeStep (never downgrades).
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1, 2, 3 …; found ${m.version} at ${i + 1}`);
  });
  const current = schemaVersion(db);
  const latest = latestVersion(ordered);
  if (current > latest) {
    throw new StoreError(
      'store_open_error',
      `The database is at schema version ${current}, newer than this SafeStep understands (${latest})`,
    );
  }
  for (const m of ordered.filter((x) => x.version > current)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
