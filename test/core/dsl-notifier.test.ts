import type { DeliveryPurpose } from '../../src/core/delivery';
import { DslNotifier } from '../../src/core/dsl-notifier';
import type { Deliverer, Outbound } from '../../src/core/host';
import type { Logger } from '../../src/core/ports';
import type { FiledReport } from '../../src/core/report';
import { MemoryReportStore } from '../../src/store/memory';
import { MemoryDeliveryStore } from '../../src/store/memory-channel';
import { makeDraft } from '../store/fixtures';
import { fakeClock } from '../doubles/nlu';
import { bundle } from '../doubles/content';

/** A chat channel's deliverer double that records sends and can be told to fail or hang. */
class FakeChannel implements Deliverer {
  sent: { ref: string; target: string; purpose: DeliveryPurpose }[] = [];
  failing = false;
  hanging = new Set<string>();
  async send(target: string, message: Outbound) {
    if (this.failing) throw Object.assign(new Error('boom'), { data: { error: 'channel_not_found' } });
    if (this.hanging.has(target)) return new Promise<void>(() => undefined);
    if (message.kind === 'digest') return;
    const purpose: DeliveryPurpose =
      message.kind === 'text' ? 'reporter-ack' : message.notice.banners.some((b) => b.kind === 'reminder') ? 'reminder' : 'report-filed';
    const ref = message.kind === 'notice' ? message.notice.reference : /SS-\d{4}-\d{4}/.exec(message.text)?.[0] ?? '';
    this.sent.push({ ref, target, purpose });
  }
}

function setup() {
  const clock = fakeClock('2026-11-21T10:00:00.000Z');
  const reports = new MemoryReportStore();
  const deliveries = new MemoryDeliveryStore();
  const events: string[] = [];
  const log: Logger = { info: (e) => events.push(e), warn: (e) => events.push(e), error: (e) => events.push(e) };
  const teams: Record<string, { dslUsers: string[]; dslChannel?: string }> = { 'oak-primary:slack': { dslUsers: ['U-DSL', 'U-DEP'], dslChannel: 'C-DSL' } };
  const directory = { team: (settingId: string, channel: string) => teams[`${settingId}:${channel}`] };
  const content = { ...bundle, settings: new Map([['oak-primary', { ...[...bundle.settings.values()][0]!, id: 'oak-primary' }]]) };
  const notifier = new DslNotifier({
    content, reports, deliveries, transaction: (work) => work(), directory, clock, log,
    retryDelaysMs: [1000, 5000], reminderAfterMs: 15 * 60_000, maxReminders: 2, attemptTimeoutMs: 50,
  });
  const slack = new FakeChannel();
  notifier.addChannel('slack', slack);
  /** What the runner does when a report is filed: record its deliveries, then send them. */
  const reportFiled = async (report: FiledReport) => {
    notifier.dispatch(notifier.record(report));
    await notifier.drain();
  };
  return { clock, reports, deliveries, events, notifier, slack, reportFiled };
}

describe('DslNotifier', () => {
  test('announces a filed report to every target and records each delivery as sent', async () => {
    const { reports, deliveries, notifier, slack, reportFiled } = setup();
    const report = reports.file(makeDraft({ channel: 'slack' }));
    await reportFiled(report);
    expect(slack.sent.map((s) => s.target)).toEqual(['place:C-DSL', 'U-DSL', 'U-DEP']);
    expect(deliveries.forReport(report.reference).every((d) => d.status === 'sent')).toBe(true);
  });

  test('a platform failure never loses the report: it is recorded, retried with back-off, then given up visibly', async () => {
    const { clock, reports, deliveries, notifier, slack, events, reportFiled } = setup();
    const report = reports.file(makeDraft({ channel: 'slack' }));
    slack.failing = true;
    await reportFiled(report);
    expect(reports.get(report.reference)).toBeDefined();
    expect(deliveries.forReport(report.reference).map((d) => [d.status, d.lastError])).toEqual([
      ['failed', 'channel_not_found'],
      ['failed', 'channel_not_found'],
      ['failed', 'channel_not_found'],
    ]);
    expect(events).toContain('delivery_failed');
    clock.advance(1000);
    await notifier.tick();
    await notifier.drain();
    clock.advance(5000);
    await notifier.tick();
    await notifier.drain();
    const gaveUp = deliveries.forReport(report.reference);
    expect(gaveUp.map((d) => [d.status, d.attempts, d.nextAttemptAt])).toEqual(Array(3).fill(['failed', 3, undefined]));
    expect(events).toContain('delivery_gave_up');
    slack.failing = false;
    clock.advance(60_000);
    await notifier.tick();
    await notifier.drain();
    expect(slack.sent.filter((s) => s.purpose === 'report-filed')).toEqual([]);
  });

  test('a retry that succeeds marks the delivery sent', async () => {
    const { clock, reports, deliveries, notifier, slack, reportFiled } = setup();
    const report = reports.file(makeDraft({ channel: 'slack' }));
    slack.failing = true;
    await reportFiled(report);
    slack.failing = false;
    clock.advance(999);
    await notifier.tick();
    await notifier.drain();
    expect(slack.sent).toEqual([]);
    clock.advance(1);
    await notifier.tick();
    await notifier.drain();
    expect(slack.sent).toHaveLength(3);
    expect(deliveries.forReport(report.reference).map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
  });

  test('only a DSL may acknowledge; the reporter is then told, once', async () => {
    const { reports, notifier, slack } = setup();
    const report = reports.file(makeDraft({ channel: 'slack', reporter: { id: 'U-TA' } }));
    expect(await notifier.acknowledge(report.reference, 'oak-primary', 'slack', 'U-TA')).toEqual({ kind: 'refused' });
    expect(reports.get(report.reference)?.acknowledgedAt).toBeUndefined();
    const ok = notifier.acknowledge(report.reference, 'oak-primary', 'slack', 'U-DEP');
    await notifier.drain();
    expect(ok).toMatchObject({ kind: 'acknowledged', report: { acknowledgedBy: 'slack:U-DEP', acknowledgedAt: '2026-11-21T10:00:00.000Z' } });
    expect(slack.sent).toEqual([{ ref: report.reference, target: 'U-TA', purpose: 'reporter-ack' }]);
    expect(await notifier.acknowledge(report.reference, 'oak-primary', 'slack', 'U-DSL')).toMatchObject({ kind: 'already' });
    expect(slack.sent).toHaveLength(1);
    expect(await notifier.acknowledge('SS-1999-0001', 'oak-primary', 'slack', 'U-DSL')).toEqual({ kind: 'unknown' });
    expect(await notifier.acknowledge(report.reference, 'oak-primary', 'teams', 'U-DSL')).toEqual({ kind: 'refused' });
  });

  test('an unacknowledged immediate report is re-sent to every DSL after 15 minutes, a limited number of times', async () => {
    const { clock, reports, notifier, slack } = setup();
    const urgent = reports.file(makeDraft({ channel: 'slack', urgency: 'urgent', createdAt: clock().toISOString() }));
    const immediate = reports.file(makeDraft({ channel: 'slack', urgency: 'immediate', createdAt: clock().toISOString() }));
    const reminders = () => slack.sent.filter((s) => s.purpose === 'reminder');
    clock.advance(14 * 60_000);
    await notifier.tick();
    await notifier.drain();
    expect(reminders()).toEqual([]);
    clock.advance(60_000);
    await notifier.tick();
    await notifier.drain();
    expect(reminders()).toEqual([
      { ref: immediate.reference, target: 'U-DSL', purpose: 'reminder' },
      { ref: immediate.reference, target: 'U-DEP', purpose: 'reminder' },
    ]);
    await notifier.tick();
    await notifier.drain();
    expect(reminders()).toHaveLength(2);
    clock.advance(15 * 60_000);
    await notifier.tick();
    await notifier.drain();
    expect(reminders()).toHaveLength(4);
    clock.advance(15 * 60_000);
    await notifier.tick();
    await notifier.drain();
    expect(reminders()).toHaveLength(4);
    expect(slack.sent.some((s) => s.ref === urgent.reference)).toBe(false);
  });

  test('an acknowledged immediate report gets no reminder', async () => {
    const { clock, reports, notifier, slack } = setup();
    const r = reports.file(makeDraft({ channel: 'slack', urgency: 'immediate', createdAt: clock().toISOString() }));
    await notifier.acknowledge(r.reference, 'oak-primary', 'slack', 'U-DSL');
    clock.advance(20 * 60_000);
    await notifier.tick();
    await notifier.drain();
    expect(slack.sent.filter((s) => s.purpose === 'reminder')).toEqual([]);
  });

  test('each recipient is sent on its own: a hanging channel post delays no DM, and is retried after its timeout', async () => {
    const { clock, reports, deliveries, notifier, slack, events } = setup();
    const report = reports.file(makeDraft({ channel: 'slack' }));
    slack.hanging.add('place:C-DSL');
    notifier.dispatch(notifier.record(report));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(slack.sent.map((s) => s.target)).toEqual(['U-DSL', 'U-DEP']);
    await notifier.drain();
    expect(events).toContain('delivery_failed');
    expect(deliveries.forReport(report.reference).map((d) => [d.target, d.status])).toEqual([['place:C-DSL', 'failed'], ['U-DSL', 'sent'], ['U-DEP', 'sent']]);
    slack.hanging.clear();
    clock.advance(1000);
    await notifier.tick();
    await notifier.drain();
    expect(slack.sent.map((s) => s.target)).toEqual(['U-DSL', 'U-DEP', 'place:C-DSL']);
  });

  test('deliveries recorded but never sent (a crash) are sent when the outbox starts', async () => {
    const { reports, notifier, slack } = setup();
    const report = reports.file(makeDraft({ channel: 'slack' }));
    notifier.record(report);
    expect(slack.sent).toEqual([]);
    notifier.start(60_000);
    await notifier.drain();
    notifier.stop();
    expect(slack.sent.map((s) => s.target)).toEqual(['place:C-DSL', 'U-DSL', 'U-DEP']);
  });
});
