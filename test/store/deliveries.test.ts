import type { DeliveryStore } from '../../src/core/delivery';
import type { ReportStore } from '../../src/core/ports';
import { MemoryReportStore } from '../../src/store/memory';
import { MemoryChannelRefStore, MemoryDeliveryStore } from '../../src/store/memory-channel';
import { openStores } from '../../src/store/open-stores';
import { makeDraft, makeTempDir } from './fixtures';

type Make = () => { deliveries: DeliveryStore; reports: ReportStore; done: () => void };

const sqlite: Make = () => {
  const temp = makeTempDir();
  const stores = openStores(`${temp.dir}/db.sqlite`);
  return { deliveries: stores.deliveries, reports: stores.reports, done: () => (stores.close(), temp.cleanup()) };
};
const memory: Make = () => ({ deliveries: new MemoryDeliveryStore(), reports: new MemoryReportStore(), done: () => undefined });

describe.each([
  ['sqlite', sqlite],
  ['memory', memory],
] as const)('%s delivery store', (_name, make) => {
  test('records attempts: sent, failed with a retry time, and given up', () => {
    const { deliveries, reports, done } = make();
    try {
      const ref = reports.file(makeDraft()).reference;
      const a = deliveries.add({ reference: ref, channel: 'slack', target: 'C1', purpose: 'report-filed', at: '2026-01-01T10:00:00.000Z' });
      const b = deliveries.add({ reference: ref, channel: 'slack', target: 'U1', purpose: 'report-filed', at: '2026-01-01T10:00:00.000Z' });
      expect(deliveries.due('2026-01-01T10:00:00.000Z').map((d) => d.id)).toEqual([a.id, b.id]);
      deliveries.markSent(a.id, '2026-01-01T10:00:01.000Z');
      deliveries.markFailed(b.id, 'ratelimited', '2026-01-01T10:00:31.000Z');
      expect(deliveries.due('2026-01-01T10:00:10.000Z')).toEqual([]);
      expect(deliveries.due('2026-01-01T10:00:31.000Z').map((d) => [d.id, d.attempts, d.lastError])).toEqual([[b.id, 1, 'ratelimited']]);
      deliveries.markFailed(b.id, 'ratelimited', undefined);
      expect(deliveries.due('2027-01-01T00:00:00.000Z')).toEqual([]);
      const all = deliveries.forReport(ref);
      expect(all.map((d) => [d.status, d.attempts, d.nextAttemptAt])).toEqual([
        ['sent', 1, undefined],
        ['failed', 2, undefined],
      ]);
    } finally {
      done();
    }
  });
});

test('channel references survive a reopen (sqlite) and behave the same in memory', () => {
  const temp = makeTempDir();
  try {
    const first = openStores(`${temp.dir}/db.sqlite`);
    first.channelRefs.put('teams', 'aad-1', { conversation: { id: 'a:1' } }, '2026-01-01T00:00:00Z');
    first.channelRefs.put('teams', 'aad-1', { conversation: { id: 'a:2' } }, '2026-01-02T00:00:00Z');
    first.close();
    const second = openStores(`${temp.dir}/db.sqlite`);
    expect(second.channelRefs.get('teams', 'aad-1')).toEqual({ conversation: { id: 'a:2' } });
    expect(second.channelRefs.list('teams')).toEqual([{ key: 'aad-1', data: { conversation: { id: 'a:2' } } }]);
    expect(second.channelRefs.get('slack', 'aad-1')).toBeUndefined();
    second.close();
    const mem = new MemoryChannelRefStore();
    mem.put('teams', 'k', { a: 1 });
    expect(mem.list('teams')).toEqual([{ key: 'k', data: { a: 1 } }]);
  } finally {
    temp.cleanup();
  }
});
