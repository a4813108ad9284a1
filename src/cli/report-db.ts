/**
 * The report database as the `safestep reports` commands use it: reports, deliveries, each
 * report's append-only history and the audit trail, from the database in the config. No
 * database file yet means no reports (nothing is created by reading).
 */
import fs from 'node:fs';
import os from 'node:os';
import { loadConfig } from '../config';
import type { AuditStore, CaseStore } from '../core/case/model';
import type { DeliveryStore } from '../core/delivery';
import type { ReportStore } from '../core/ports';
import { MemoryAuditStore, MemoryCaseStore, MemoryRetentionStore } from '../store/memory-cases';
import type { RetentionStore } from '../core/case/retention';
import { MemoryReportStore } from '../store/memory';
import { MemoryDeliveryStore } from '../store/memory-channel';
import { openStores } from '../store/open-stores';
import type { CliIO } from './io';

/** What a reports command reads (and audits) through. */
export interface ReportDb {
  reports: ReportStore;
  deliveries: DeliveryStore;
  cases: CaseStore;
  audit: AuditStore;
  retention: RetentionStore;
  /** Who is running the command, as the audit trail names them ("cli:<login>"). */
  who: string;
}

/** The login of the person at the terminal (never a secret; "unknown" when the OS cannot say). */
export function cliUser(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/** Runs `use` against the configured database (closed afterwards). */
export function withReportDb<T>(io: CliIO, use: (db: ReportDb) => T): T {
  const config = loadConfig(io.env, io.root);
  const who = cliUser();
  if (!config.databaseUrl && !fs.existsSync(config.dbPath)) {
    return use({ reports: new MemoryReportStore(), deliveries: new MemoryDeliveryStore(), cases: new MemoryCaseStore(), audit: new MemoryAuditStore(), retention: new MemoryRetentionStore(), who });
  }
  const stores = openStores(config.databaseUrl ?? config.dbPath, { mustExist: true, key: config.key });
  try {
    return use({ reports: stores.reports, deliveries: stores.deliveries, cases: stores.cases, audit: stores.audit, retention: stores.retention, who });
  } finally {
    stores.close();
  }
}
