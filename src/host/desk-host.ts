/**
 * The DSL's desk as the host decides it, for every channel alike: the full report with its
 * history, the casework forms and what saving one does, the audit trail, the CPOMS / MyConcern
 * export and the daily summary. Only the setting's DSLs may use any of it; anyone else gets the
 * usual refusal and nothing of the report. Every use and every refused attempt is audited.
 */
import { Casework } from '../core/case/casework';
import { parseSubmission, type CaseSubmission } from '../core/case/submission';
import type { ContentBundle } from '../core/content';
import type { DeliveryStore } from '../core/delivery';
import { auditView } from '../core/desk/audit-view';
import { digestView } from '../core/desk/digest';
import { exportText } from '../core/desk/export-text';
import { caseForm, outcomesOf } from '../core/desk/forms';
import { reportView } from '../core/desk/report-view';
import type { Acknowledgement, Actor, AuditView, CaseForm, CaseSaved, DigestView, ExportView, Outcome, ReportView } from '../core/host';
import { londonDay, richFrom, tokenMark, type Rich } from '../core/host';
import type { AckOutcome } from '../core/dsl-notifier';
import { isClosed } from '../core/case/model';
import { reportNotice } from '../core/desk/notice';
import { personFromStored } from '../core/desk/people';
import type { SettingProfile } from '../core/model';
import type { Clock, Logger, ReportStore } from '../core/ports';
import type { FiledReport } from '../core/report';
import { render } from '../core/template';
import { promptIdOf } from './prompt-ids';

export interface DeskDeps {
  content: ContentBundle;
  reports: ReportStore;
  deliveries: DeliveryStore;
  casework: Casework;
  /** Whether the actor is one of their setting's DSLs. */
  isDsl: (actor: Actor) => boolean;
  /** The outbox's acknowledgement for the actor's setting (records it, tells the reporter). */
  acknowledge: (reference: string, actor: Actor) => AckOutcome;
  /** The actor's setting (throws where none is configured; the host checks first). */
  settingFor: (actor: Actor) => SettingProfile;
  clock: Clock;
  log: Logger;
}

/** What a DSL-only request found: the report and its setting, or what to say instead. */
type Found = { ok: true; report: FiledReport; setting: SettingProfile } | { ok: false; say: Rich };

export class DeskHost {
  constructor(private readonly d: DeskDeps) {}

  /** Records a DSL's acknowledgement (refused for anyone else, audited either way) and tells the reporter. */
  acknowledge(actor: Actor, reference: string): Outcome<Acknowledgement> {
    const setting = this.d.settingFor(actor);
    const dsl = this.d.content.catalog.dsl;
    const existing = this.d.reports.get(reference);
    // A report of another setting is not this DSL's to see or acknowledge: as if it did not exist.
    const outcome = existing && existing.settingId !== setting.id && this.d.isDsl(actor)
      ? ({ kind: 'unknown' } as const)
      : this.d.acknowledge(reference, actor);
    this.d.log.info('report_ack', { reference, channel: actor.channel, outcome: outcome.kind });
    const result = outcome.kind === 'refused' ? 'refused' : outcome.kind === 'unknown' ? 'unknown' : 'ok';
    this.d.casework.audit({ who: `${actor.channel}:${actor.userId}`, where: actor.channel, what: 'acknowledge', reference, result });
    if (outcome.kind === 'refused') return { ok: false, say: [render(dsl.notAuthorised, setting)] };
    if (outcome.kind === 'unknown') return { ok: false, say: [render(dsl.unknownReport, setting, { reference })] };
    const r = outcome.report;
    const template = outcome.kind === 'already' ? dsl.alreadyAcknowledged : dsl.acknowledged;
    const text = render(template, setting, { reference, who: tokenMark('who'), when: tokenMark('when') });
    const say = richFrom(text, { who: personFromStored(r.acknowledgedBy ?? '', ackName(r.acknowledgedBy, actor)), when: { time: r.acknowledgedAt ?? '' } });
    if (outcome.kind === 'already') return { ok: false, say };
    const closed = isClosed(this.d.casework.entries(reference));
    const notice = reportNotice(r, this.d.content.settings.get(r.settingId) ?? setting, this.d.content.catalog, 'report-filed', ackName(r.acknowledgedBy, actor), closed);
    return { ok: true, value: { say, notice } };
  }

  view(actor: Actor, reference: string): Outcome<ReportView> {
    const found = this.find(actor, reference, 'view');
    if (!found.ok) return found;
    const ackNameNow = ackName(found.report.acknowledgedBy, actor);
    const entries = this.d.casework.entries(reference);
    return { ok: true, value: reportView(found.report, this.d.deliveries.forReport(reference), found.setting, this.d.content.catalog, ackNameNow, entries) };
  }

  form(actor: Actor, reference: string, kind: CaseSubmission['kind']): Outcome<CaseForm> {
    const found = this.find(actor, reference, `form-${kind}`);
    if (!found.ok) return found;
    return { ok: true, value: caseForm(kind, reference, found.setting, this.d.content.catalog.desk, this.d.casework.entries(reference)) };
  }

  submit(actor: Actor, s: CaseSubmission): Outcome<CaseSaved> {
    const what = s.kind === 'correct' ? 'correct' : s.kind;
    const found = this.find(actor, s.reference, what);
    if (!found.ok) return found;
    const { setting } = found;
    const words = this.d.content.catalog.desk;
    const entries = this.d.casework.entries(s.reference);
    const form = caseForm(s.kind, s.reference, setting, words, entries);
    const parsed = parseSubmission(s, { outcomes: outcomesOf(setting, words), entryIds: entries.map((e) => e.id), maxLength: this.d.content.catalog.limits.maxMessageLength });
    if (!parsed.ok) {
      const fields = parsed.fields.map((id) => form.fields.find((f) => f.id === id)?.label ?? id).join(', ');
      return { ok: false, say: [render(words.invalid, setting, { reference: s.reference, fields })] };
    }
    const result = this.d.casework.add(s.reference, `${actor.channel}:${actor.userId}`, actor.name, parsed.fields);
    if (result.kind === 'unknown') return { ok: false, say: [render(this.d.content.catalog.dsl.unknownReport, setting, { reference: s.reference })] };
    if (result.kind === 'already-closed') return { ok: false, say: [render(words.alreadyClosed, setting, { reference: s.reference })] };
    const say = [render(result.closed ? words.closedSaved : words.saved, setting, { reference: s.reference })];
    const view = reportView(found.report, this.d.deliveries.forReport(s.reference), setting, this.d.content.catalog, undefined, this.d.casework.entries(s.reference));
    return { ok: true, value: { say, view } };
  }

  audit(actor: Actor, reference: string): Outcome<AuditView> {
    const found = this.find(actor, reference, 'audit');
    if (!found.ok) return found;
    return { ok: true, value: auditView(reference, this.d.casework.auditTrail(reference), found.setting, this.d.content.catalog.desk) };
  }

  export(actor: Actor, reference: string, format: 'cpoms' | 'myconcern'): Outcome<ExportView> {
    const found = this.find(actor, reference, `export-${format}`);
    if (!found.ok) return found;
    const { report, setting } = found;
    const text = exportText(format, {
      report,
      entries: this.d.casework.entries(reference),
      deliveries: this.d.deliveries.forReport(reference),
      setting,
      words: this.d.content.catalog.desk,
      promptId: promptIdOf(this.d.content, report),
    });
    return { ok: true, value: { reference, title: render(this.d.content.catalog.desk.exportTitle, setting, { reference }), text } };
  }

  digest(actor: Actor): Outcome<DigestView> {
    const setting = this.d.settingFor(actor);
    if (!this.d.isDsl(actor)) {
      this.d.log.warn('digest_refused', { channel: actor.channel });
      return { ok: false, say: [render(this.d.content.catalog.dsl.notAuthorised, setting)] };
    }
    return { ok: true, value: this.digestFor(setting) };
  }

  /** The summary for a setting (also what the daily digest sends). */
  digestFor(setting: SettingProfile): DigestView {
    const now = this.d.clock();
    return digestView(this.d.reports.list({ settingId: setting.id }), (ref) => this.d.casework.entries(ref), now, londonDay(now), setting, this.d.content.catalog.desk);
  }

  /** Audits `what` on `reference` by `actor` (refused too), and finds the report if they may see it. */
  private find(actor: Actor, reference: string, what: string): Found {
    const setting = this.d.settingFor(actor);
    const dsl = this.d.content.catalog.dsl;
    const audit = (result: 'ok' | 'refused' | 'unknown') =>
      this.d.casework.audit({ who: `${actor.channel}:${actor.userId}`, where: actor.channel, what, reference, result });
    if (!this.d.isDsl(actor)) {
      audit('refused');
      this.d.log.warn(what === 'view' ? 'report_view_refused' : 'report_refused', { reference, channel: actor.channel, what });
      return { ok: false, say: [render(dsl.notAuthorised, setting)] };
    }
    const report = this.d.reports.get(reference);
    if (!report || report.settingId !== setting.id) {
      audit('unknown');
      return { ok: false, say: [render(dsl.unknownReport, setting, { reference })] };
    }
    audit('ok');
    this.d.log.info(what === 'view' ? 'report_viewed' : 'report_desk', { reference, channel: actor.channel, what });
    return { ok: true, report, setting };
  }
}

/** The acknowledger's name when it is the person acting now (the platform told us), else undefined. */
function ackName(stored: string | undefined, actor: Actor): string | undefined {
  return stored === `${actor.channel}:${actor.userId}` ? actor.name : undefined;
}
