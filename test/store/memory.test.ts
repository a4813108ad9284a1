/**
 * The in-memory twins pass the same contract as the SQLite stores; FailingReportStore never
 * claims a report was filed.
 */
import { StoreError } from '../../src/core/errors';
import { FailingReportStore, MemoryReportStore, MemorySessionStore } from '../../src/store/memory';
import { describeReportStore, describeSessionStore } from './contracts';
import { makeDraft } from './fixtures';

describeReportStore('MemoryReportStore', { create: () => new MemoryReportStore(), release: () => undefined });
describeSessionStore('MemorySessionStore', { create: () => new MemorySessionStore(), release: () => undefined });

describe('FailingReportStore', () => {
  it('throws store_write_error on every file and never returns a reference', () => {
    const store = new FailingReportStore();
    for (let i = 0; i < 2; i++) {
      let thrown: unknown;
      try {
        store.file(makeDraft());
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(StoreError);
      expect(thrown).toMatchObject({ code: 'store_write_error' });
    }
  });

  it('has nothing to get, list or acknowledge', () => {
    const store = new FailingReportStore();
    expect(store.get('SS-2025-0001')).toBeUndefined();
    expect(store.list()).toEqual([]);
    expect(store.acknowledge('SS-2025-0001', 'dsl', '2025-03-04T11:00:00.000Z')).toBeUndefined();
  });
});
