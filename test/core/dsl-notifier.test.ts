import type { DeliveryPurpose, DslChannel } from '../../src/core/delivery';
import { DslNotifier } from '../../src/core/dsl-notifier';
import type { Logger } from '../../src/core/ports';
import type { FiledReport } from '../../src/core/report';
import { MemoryReportStore } from '../../src/store/memory';
import { MemoryDeliveryStore } from '../../src/store/memory-channel';
import { makeDraft } from '../store/fixtures';
import { fakeClock } from '../doubles/nlu';

/** A chat channel double that records sends and can be told to fail. */
class FakeChannel implements DslChannel {
  sent: { ref: string; target: string; purpose: DeliveryPurpose }[] = [];
  failing = false;
  constructor(readonly name: string, private readonly dsls: string[], private readonly announce: string[]) {}
  announceTargets() {
    return this.announce;
  }
  dslUsers() {
    return this.dsls;
  }
  isDsl(id: string) {
    return this.dsls.includes(id);
  }
  async deliver(report: FiledReport, target: string, purpose: DeliveryPurpose) {
    if (this.failing) throw Object.assign(new Error('boom'), { data: { error: 'channel_not_found' } });
    this.sent.push({ ref: report.reference, target, purpose });
  }
}

function setup() {
  const clock = fakeClock('2026-11-21T10:00:00.000Z');
  const reports = new MemoryReportStore();
  const deliveries = new MemoryDeliveryStore();
  const events: string[] = [];
  const log: Logger = { info: (e) => events.push(e), warn: (e) => events.push(e), error: (e) => events.push(e) };
  const notifier = new DslNotifier({ reports, deliveries, clock, log, retryDelaysMs: [1000, 5000], reminderAfterMs: 15 * 60_000, maxReminders: 2 });
  const slack = new FakeChannel('slack', ['U-DSL', 'U-DEP'], ['C-DSL', 'U-DSL', 'U-DEP']);
  notifier.addChannel(slack);
  return { clock, reports, deliveries, events, notifier, slack };
}

describe('DslNotifier', () => {
  test('announces a filed report to every target and records each delivery as sent', async () => {
    const { reports, deliveries, notifier, slack } = setup();
    const report = reports.file(makeDraft({ channel: 'slack' }));
    await notifier.reportFiled(report);
    expect(slack.sent.map((s) => s.target)).toEqual(['C-DSL', 'U-DSL', 'U-DEP']);
    expect(deliveries.forReport(report.reference).every((d) => d.status === 'sent')).toBe(true);
  });

  test('a platform failure never loses the report: it is recorded, retried with back-off, then given up visibly', async () => {
    const { clock, reports, deliveries, notifier, slack, events } = setup();
    const report = reports.file(makeDraft({ channel: 'slack' }));
    slack.failing = true;
    await notifier.reportFiled(report);
    expect(reports.get(report.reference)).toBeDefined();
    expect(deliveries.forReport(report.reference).map((d) => [d.status, d.lastError])).toEqual([
      ['failed', 'channel_not_found'],
      ['failed', 'channel_not_found'],
      ['failed', 'channel_not_found'],
    ]);
    expect(events).toContain('delivery_failed');
    clock.advance(1000);
    await notifier.tick();
    clock.advance(5000);
    await notifier.tick();
    const gaveUp = deliveries.forReport(report.reference);
    expect(gaveUp.map((d) => [d.status, d.attempts, d.nextAttemptAt])).toEqual(Array(3).fill(['failed', 3, undefined]));
    expect(events).toContain('delivery_gave_up');
    slack.failing = false;
    clock.advance(60_000);
    await notifier.tick();
    expect(slack.sent.filter((s) => s.purpose === 'report-filed')).toEqual([]);
  });

  test('a retry that succeeds marks the delivery sent', async () => {
    const { clock, reports, deliveries, notifier, slack } = setup();
    const report = reports.file(makeDraft({ channel: 'slack' }));
    slack.failing = true;
    await notifier.reportFiled(report);
    slack.failing = false;
    clock.advance(999);
    await notifier.tick();
    expect(slack.sent).toEqual([]);
    clock.advance(1);
    await notifier.tick();
    expect(slack.sent).toHaveLength(3);
    expect(deliveries.forReport(report.reference).map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
  });

  test('only a DSL may acknowledge; the reporter is then told, once', async () => {
    const { reports, notifier, slack } = setup();
    const report = reports.file(makeDraft({ channel: 'slack', reporter: { id: 'U-TA' } }));
    expect(await notifier.acknowledge(report.reference, 'slack', 'U-TA')).toEqual({ kind: 'refused' });
    expect(reports.get(report.reference)?.acknowledgedAt).toBeUndefined();
    const ok = await notifier.acknowledge(report.reference, 'slack', 'U-DEP');
    expect(ok).toMatchObject({ kind: 'acknowledged', report: { acknowledgedBy: 'slack:U-DEP', acknowledgedAt: '2026-11-21T10:00:00.000Z' } });
    expect(slack.sent).toEqual([{ ref: report.reference, target: 'U-TA', purpose: 'reporter-ack' }]);
    expect(await notifier.acknowledge(report.reference, 'slack', 'U-DSL')).toMatchObject({ kind: 'already' });
    expect(slack.sent).toHaveLength(1);
    expect(await notifier.acknowledge('SS-1999-0001', 'slack', 'U-DSL')).toEqual({ kind: 'unknown' });
    expect(await notifier.acknowledge(report.reference, 'teams', 'U-DSL')).toEqual({ kind: 'refused' });
  });

  test('an unacknowledged immediate report is re-sent to every DSL after 15 minutes, a limited number of times', async () => {
    const { clock, reports, notifier, slack } = setup();
    const urgent = reports.file(makeDraft({ channel: 'slack', urgency: 'urgent', createdAt: clock().toISOString() }));
    const immediate = reports.file(makeDraft({ channel: 'slack', urgency: 'immediate', createdAt: clock().toISOString() }));
    const reminders = () => slack.sent.filter((s) => s.purpose === 'reminder');
    clock.advance(14 * 60_000);
    await notifier.tick();
    expect(reminders()).toEqual([]);
    clock.advance(60_000);
    await notifier.tick();
    expect(reminders()).toEqual([
      { ref: immediate.reference, target: 'U-DSL', purpose: 'reminder' },
      { ref: immediate.reference, target: 'U-DEP', purpose: 'reminder' },
    ]);
    await notifier.tick();
    expect(reminders()).toHaveLength(2);
    clock.advance(15 * 60_000);
    await notifier.tick();
    expect(reminders()).toHaveLength(4);
    clock.advance(15 * 60_000);
    await notifier.tick();
    expect(reminders()).toHaveLength(4);
    expect(slack.sent.some((s) => s.ref === urgent.reference)).toBe(false);
  });

  test('an acknowledged immediate report gets no reminder', async () => {
    const { clock, reports, notifier, slack } = setup();
    const r = reports.file(makeDraft({ channel: 'slack', urgency: 'immediate', createdAt: clock().toISOString() }));
    await notifier.acknowledge(r.reference, 'slack', 'U-DSL');
    clock.advance(20 * 60_000);
    await notifier.tick();
    expect(slack.sent.filter((s) => s.purpose === 'reminder')).toEqual([]);
  });
});
