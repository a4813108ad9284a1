/**
 * Behavioural checks for the whole set of stores `openStores` builds, written once and run
 * against SQLite and PostgreSQL (and, where a twin exists, memory): deliveries and their leases,
 * channel references, case entries, the audit trail, legal holds and retention, the quiz, shared
 * event and tick records, one transaction across stores, and ping.
 */
import type { Stores } from '../../src/store/open-stores';
import type { QuizState } from '../../src/quiz/state';
import { describeReportStore, describeSessionStore, type StoreHarness } from './contracts';
import { makeDraft, makeSession } from './fixtures';

const T0 = '2026-01-01T10:00:00.000Z';
const T1 = '2026-01-01T10:01:00.000Z';
const T2 = '2026-01-01T10:05:00.000Z';

function attempt(overrides: Partial<QuizState> = {}): QuizState {
  return {
    attemptId: 'att-1', conversationId: 'dm-1', channel: 'test', user: { id: 'u1', name: 'Ana' }, settingId: 'upton-junior', seed: 1,
    passMark: 80, policyVersion: 'v1', questions: ['q1', 'q2'], round: 1,
    items: [{ id: 'q1', options: ['a', 'b'] }, { id: 'q2', options: ['b', 'a'] }], position: 0, results: {}, phase: 'question',
    paused: false, passed: false, startedAt: T0, updatedAt: T0, ...overrides,
  };
}

/** Every store contract, on stores opened by `harness`. */
export function describeStoreSet(name: string, harness: StoreHarness<Stores>): void {
  describeReportStore(name, { create: () => harness.create().reports, release: () => harness.release() });
  describeSessionStore(name, { create: () => harness.create().sessions, release: () => harness.release() });

  describe(`${name} (store set contract)`, () => {
    let s: Stores;
    beforeEach(() => {
      s = harness.create();
    });
    afterEach(() => harness.release());

    it('records delivery attempts: sent, failed with a retry time, given up', () => {
      const ref = s.reports.file(makeDraft()).reference;
      const a = s.deliveries.add({ reference: ref, channel: 'slack', target: 'C1', purpose: 'report-filed', at: T0 });
      const b = s.deliveries.add({ reference: ref, channel: 'slack', target: 'U1', purpose: 'report-filed', at: T0 });
      expect(s.deliveries.due(T0).map((d) => d.id)).toEqual([a.id, b.id]);
      s.deliveries.markSent(a.id, T1);
      s.deliveries.markFailed(b.id, 'ratelimited', T2);
      expect(s.deliveries.due(T1)).toEqual([]);
      expect(s.deliveries.due(T2).map((d) => [d.id, d.attempts, d.lastError])).toEqual([[b.id, 1, 'ratelimited']]);
      s.deliveries.markFailed(b.id, 'ratelimited', undefined);
      expect(s.deliveries.forReport(ref).map((d) => [d.status, d.attempts, d.nextAttemptAt])).toEqual([
        ['sent', 1, undefined],
        ['failed', 2, undefined],
      ]);
    });

    it('leases a delivery to one claimant until the lease ends or the delivery is settled', () => {
      const ref = s.reports.file(makeDraft()).reference;
      const a = s.deliveries.add({ reference: ref, channel: 'slack', target: 'C1', purpose: 'report-filed', at: T0 });
      const b = s.deliveries.add({ reference: ref, channel: 'slack', target: 'U1', purpose: 'report-filed', at: T0 });
      expect(s.deliveries.claim(a.id, T0, T1)).toBe(true);
      expect(s.deliveries.claim(a.id, T0, T1)).toBe(false);
      expect(s.deliveries.claimDue(T0, T1).map((d) => d.id)).toEqual([b.id]);
      expect(s.deliveries.claimDue(T0, T1)).toEqual([]);
      // The lease ran out (its server died): someone else may take it.
      // Each row counts its leases: a second one means its first sender may have posted before dying.
      expect(s.deliveries.claimDue(T1, T2).map((d) => [d.id, d.leases])).toEqual([
        [a.id, 2],
        [b.id, 2],
      ]);
      s.deliveries.markSent(a.id, T1);
      expect(s.deliveries.claim(a.id, '2027-01-01T00:00:00.000Z', '2027-01-01T00:01:00.000Z')).toBe(false);
      s.deliveries.markFailed(b.id, 'timeout', T2);
      expect(s.deliveries.claimDue(T1, T2)).toEqual([]);
      expect(s.deliveries.claimDue(T2, '2026-01-01T10:06:00.000Z').map((d) => d.id)).toEqual([b.id]);
    });

    it('keeps channel references per channel, replacing on put', () => {
      s.channelRefs.put('teams', 'aad-1', { conversation: { id: 'a:1' } }, T0);
      s.channelRefs.put('teams', 'aad-1', { conversation: { id: 'a:2' } }, T1);
      s.channelRefs.put('teams', 'aad-0', { n: 0 }, T1);
      expect(s.channelRefs.get('teams', 'aad-1')).toEqual({ conversation: { id: 'a:2' } });
      expect(s.channelRefs.get('slack', 'aad-1')).toBeUndefined();
      expect(s.channelRefs.list('teams')).toEqual([
        { key: 'aad-0', data: { n: 0 } },
        { key: 'aad-1', data: { conversation: { id: 'a:2' } } },
      ]);
    });

    it('keeps case entries and audit lines in order, per report', () => {
      const ref = s.reports.file(makeDraft()).reference;
      const e1 = s.cases.add({ reference: ref, kind: 'note', by: 'slack:U1', byName: 'Dana', at: T0, text: 'called parent' });
      const e2 = s.cases.add({ reference: ref, kind: 'action', by: 'slack:U1', at: T1, text: 'refer', assignee: 'Dana', due: '2026-01-03' });
      expect(e2.id).toBeGreaterThan(e1.id);
      expect(s.cases.forReport(ref)).toEqual([e1, e2]);
      s.audit.record({ at: T0, who: 'slack:U1', where: 'slack', what: 'view', reference: ref, result: 'ok' });
      s.audit.record({ at: T1, who: 'cli:x', where: 'cli', what: 'export-csv', result: 'refused' });
      expect(s.audit.forReport(ref).map((a) => [a.who, a.what, a.result])).toEqual([['slack:U1', 'view', 'ok']]);
    });

    it('refuses to delete a report on hold, deletes it with its history once released, and purges old conversations', () => {
      const ref = s.reports.file(makeDraft()).reference;
      s.deliveries.add({ reference: ref, channel: 'slack', target: 'C1', purpose: 'report-filed', at: T0 });
      s.cases.add({ reference: ref, kind: 'note', by: 'cli:x', at: T0, text: 'n' });
      s.retention.addHold({ reference: ref, kind: 'hold', by: 'cli:x', at: T0, reason: 'police inquiry' });
      expect(() => s.retention.deleteReport(ref)).toThrow(expect.objectContaining({ code: 'store_write_error' }));
      expect(s.reports.get(ref)).toBeDefined();
      s.retention.addHold({ reference: ref, kind: 'release', by: 'cli:x', at: T1, reason: 'closed' });
      expect(s.retention.holds(ref).map((h) => [h.kind, h.reason])).toEqual([['hold', 'police inquiry'], ['release', 'closed']]);
      s.retention.deleteReport(ref);
      expect(s.reports.get(ref)).toBeUndefined();
      expect(s.cases.forReport(ref)).toEqual([]);
      s.sessions.save({ ...makeSession('old'), updatedAt: '2025-01-01T00:00:00.000Z' });
      s.sessions.save({ ...makeSession('new'), updatedAt: '2026-01-01T00:00:00.000Z' });
      expect(s.retention.purgeSessions('2025-06-01T00:00:00.000Z')).toBe(1);
      expect(s.sessions.load('old')).toBeUndefined();
      expect(s.sessions.load('new')).toBeDefined();
    });

    it('commits a quiz step all or nothing and finds the latest attempt', () => {
      const answer = { type: 'record-answer' as const, answer: { attemptId: 'att-1', settingId: 'upton-junior', userId: 'u1', questionId: 'q1', area: 'x', round: 1, chosen: 'a', correct: true, answeredAt: T1 } };
      s.quiz.commit(attempt(), []);
      s.quiz.commit(attempt({ position: 1, results: { q1: true } }), [answer]);
      expect(() => s.quiz.commit(attempt({ position: 2 }), [answer])).toThrow(expect.objectContaining({ code: 'store_write_error' }));
      expect(s.quiz.load('dm-1')).toMatchObject({ position: 1 });
      expect(s.quiz.answers().map((a) => [a.questionId, a.correct])).toEqual([['q1', true]]);
      s.quiz.commit(attempt({ attemptId: 'att-2', conversationId: 'dm-2', phase: 'done', passed: true }), [
        { type: 'record-attestation', attestation: { attemptId: 'att-2', settingId: 'upton-junior', user: { id: 'u1', name: 'Ana' }, statement: 'I have read it', policyVersion: 'v1', attestedAt: T2 } },
      ]);
      expect(s.quiz.latestFor('upton-junior', 'u1')?.attemptId).toBe('att-2');
      expect(s.quiz.attestations({ settingId: 'upton-junior' }).map((a) => a.user)).toEqual([{ id: 'u1', name: 'Ana' }]);
      expect(s.quiz.attempts({ settingId: 'other' })).toEqual([]);
    });

    it('runs one transaction across stores: a throw undoes every write in it', () => {
      expect(() =>
        s.transaction(() => {
          const r = s.reports.file(makeDraft());
          s.deliveries.add({ reference: r.reference, channel: 'slack', target: 'C1', purpose: 'report-filed', at: T0 });
          s.sessions.save(makeSession('in-tx'));
          throw new Error('crash');
        }),
      ).toThrow('crash');
      expect(s.reports.list()).toEqual([]);
      expect(s.sessions.load('in-tx')).toBeUndefined();
      expect(s.reports.file(makeDraft()).reference).toBe('SS-2025-0001');
    });

    it('remembers an event id and a tick claim: the first caller wins, a repeat is refused', () => {
      expect(s.events.first('Ev1', T0)).toBe(true);
      expect(s.events.first('Ev1', T1)).toBe(false);
      expect(s.events.first('Ev2', T1)).toBe(true);
      expect(s.ticks.claim('digest', '2026-01-01', T0)).toBe(true);
      expect(s.ticks.claim('digest', '2026-01-01', T1)).toBe(false);
      expect(s.ticks.claim('digest', '2026-01-02', T1)).toBe(true);
      expect(s.ticks.claim('quiz-reminders', '2026-01-01', T1)).toBe(true);
    });

    it('answers ping while the database is reachable', () => {
      expect(() => s.ping()).not.toThrow();
    });
  });
}
