/**
 * Behavioural checks every ReportStore and SessionStore must pass, written once and run
 * against both the SQLite stores and their in-memory twins.
 */
import type { ReportStore, SessionStore } from '../../src/core/ports';
import { makeDraft, makeSession } from './fixtures';

/** Builds a fresh, empty store for one test, and releases it afterwards. */
export interface StoreHarness<S> {
  create(): S;
  release(): void;
}

/** The ReportStore contract. */
export function describeReportStore(name: string, harness: StoreHarness<ReportStore>): void {
  describe(`${name} (ReportStore contract)`, () => {
    let store: ReportStore;
    beforeEach(() => {
      store = harness.create();
    });
    afterEach(() => harness.release());

    it('files a draft under SS-<year>-0001 and gets back exactly what was filed', () => {
      const draft = makeDraft();
      const filed = store.file(draft);
      expect(filed).toEqual({ ...draft, reference: 'SS-2025-0001' });
      expect(store.get('SS-2025-0001')).toEqual(filed);
    });

    it('numbers references sequentially within a year and restarts at 0001 in a new year', () => {
      const refs = [
        store.file(makeDraft({ createdAt: '2025-12-31T23:59:58.000Z' })).reference,
        store.file(makeDraft({ createdAt: '2025-12-31T23:59:59.000Z' })).reference,
        store.file(makeDraft({ createdAt: '2026-01-01T00:00:00.000Z' })).reference,
        store.file(makeDraft({ createdAt: '2026-01-02T09:00:00.000Z' })).reference,
      ];
      expect(refs).toEqual(['SS-2025-0001', 'SS-2025-0002', 'SS-2026-0001', 'SS-2026-0002']);
    });

    it('returns undefined for an unknown reference', () => {
      expect(store.get('SS-2025-0099')).toBeUndefined();
      expect(store.acknowledge('SS-2025-0099', 'dsl', '2025-03-05T09:00:00.000Z')).toBeUndefined();
    });

    it('lists newest first, filters by setting and honours the limit', () => {
      store.file(makeDraft({ createdAt: '2025-03-01T09:00:00.000Z', settingId: 'oak-primary' }));
      store.file(makeDraft({ createdAt: '2025-03-03T09:00:00.000Z', settingId: 'elm-nursery' }));
      store.file(makeDraft({ createdAt: '2025-03-02T09:00:00.000Z', settingId: 'oak-primary' }));
      const refs = (f?: { settingId?: string; limit?: number }) => store.list(f).map((r) => r.reference);
      expect(refs()).toEqual(['SS-2025-0002', 'SS-2025-0003', 'SS-2025-0001']);
      expect(refs({ settingId: 'oak-primary' })).toEqual(['SS-2025-0003', 'SS-2025-0001']);
      expect(refs({ limit: 2 })).toEqual(['SS-2025-0002', 'SS-2025-0003']);
      expect(refs({ settingId: 'oak-primary', limit: 1 })).toEqual(['SS-2025-0003']);
      expect(refs({ settingId: 'no-such-setting' })).toEqual([]);
      expect(refs({ limit: 0 })).toEqual([]);
    });

    it('breaks a createdAt tie by the higher reference', () => {
      store.file(makeDraft());
      store.file(makeDraft());
      expect(store.list().map((r) => r.reference)).toEqual(['SS-2025-0002', 'SS-2025-0001']);
    });

    it('records the first acknowledgement only, and returns the report either way', () => {
      const { reference } = store.file(makeDraft());
      const first = store.acknowledge(reference, 'Dana DSL', '2025-03-04T11:00:00.000Z');
      expect(first).toMatchObject({ reference, acknowledgedBy: 'Dana DSL', acknowledgedAt: '2025-03-04T11:00:00.000Z' });
      const second = store.acknowledge(reference, 'Deputy', '2025-03-04T12:00:00.000Z');
      expect(second).toEqual(first);
      expect(store.get(reference)).toEqual(first);
    });

    it('refuses a draft without a valid creation time, as store_write_error', () => {
      expect(() => store.file(makeDraft({ createdAt: 'yesterday' }))).toThrow(
        expect.objectContaining({ code: 'store_write_error' }),
      );
      expect(store.list()).toEqual([]);
    });

    it('is not changed by mutating a draft or a returned report', () => {
      const draft = makeDraft();
      const filed = store.file(draft);
      draft.answers.push({ question: 'late', answer: 'edit' });
      filed.firstMessage = 'tampered';
      const got = store.get(filed.reference);
      if (!got) throw new Error('filed report is missing');
      got.account.length = 0;
      expect(store.get(filed.reference)).toEqual({ ...makeDraft(), reference: filed.reference });
    });
  });
}

/** The SessionStore contract. */
export function describeSessionStore(name: string, harness: StoreHarness<SessionStore>): void {
  describe(`${name} (SessionStore contract)`, () => {
    let store: SessionStore;
    beforeEach(() => {
      store = harness.create();
    });
    afterEach(() => harness.release());

    it('saves, loads, replaces and deletes a session', () => {
      expect(store.load('conv-1')).toBeUndefined();
      const session = makeSession('conv-1');
      store.save(session);
      expect(store.load('conv-1')).toEqual(session);

      const later = { ...session, mode: 'filing' as const, updatedAt: '2025-03-04T10:05:00.000Z' };
      store.save(later);
      expect(store.load('conv-1')).toEqual(later);

      store.delete('conv-1');
      expect(store.load('conv-1')).toBeUndefined();
      expect(() => store.delete('conv-1')).not.toThrow();
    });

    it('keeps conversations apart', () => {
      store.save(makeSession('conv-a'));
      store.save(makeSession('conv-b'));
      store.delete('conv-a');
      expect(store.load('conv-a')).toBeUndefined();
      expect(store.load('conv-b')?.conversationId).toBe('conv-b');
    });

    it('is not changed by mutating a saved or loaded session', () => {
      const session = makeSession('conv-1');
      store.save(session);
      session.answers.length = 0;
      const loaded = store.load('conv-1');
      if (!loaded) throw new Error('saved session is missing');
      loaded.mode = 'idle';
      expect(store.load('conv-1')).toEqual(makeSession('conv-1'));
    });
  });
}
