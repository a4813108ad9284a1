/**
 * The DSL's induction-quiz report, for the DSL's records and an inspector: who has passed (when,
 * score, whether they confirmed they read the policy, and against which policy versions), who has
 * started but not passed, and which questions staff miss most. Pure: built from stored records.
 * Sorted by setting and name, never by score: there is no leaderboard.
 */
import type { QuizAnswerRecord, QuizAttestationRecord } from './ports';
import { percentOf, scoreOf, type QuizState } from './state';

/** A person's latest pass in a setting. */
export interface PassedRow {
  settingId: string;
  userId: string;
  name: string;
  startedAt: string;
  passedAt: string;
  score: number;
  total: number;
  percent: number;
  attested: boolean;
  attestedAt?: string;
  policyVersion: string;
}

/** A person who has started the quiz in a setting but never passed it (their latest attempt). */
export interface NotPassedRow {
  settingId: string;
  userId: string;
  name: string;
  status: 'in progress' | 'paused' | 'retake offered' | 'retake declined';
  startedAt: string;
  lastActivity: string;
  /** Questions answered at least once, of `total`. */
  answered: number;
  score: number;
  total: number;
  percent: number;
}

/** How often one question was missed (every asking counts, retakes included). */
export interface MissedRow {
  settingId: string;
  questionId: string;
  /** The question as the setting's staff see it ('' if it is no longer in the bank). */
  question: string;
  area: string;
  asked: number;
  missed: number;
}

/** The whole report. */
export interface QuizReport {
  generatedAt: string;
  passed: PassedRow[];
  notPassed: NotPassedRow[];
  mostMissed: MissedRow[];
}

/** What the report is built from. */
export interface QuizReportInput {
  attempts: readonly QuizState[];
  answers: readonly QuizAnswerRecord[];
  attestations: readonly QuizAttestationRecord[];
  /** The question's text in the setting, if it is still in the bank. */
  questionText(settingId: string, questionId: string): string | undefined;
  now: Date;
}

function status(s: QuizState): NotPassedRow['status'] {
  if (s.phase === 'done') return 'retake declined';
  if (s.phase === 'retake-offer') return 'retake offered';
  return s.paused ? 'paused' : 'in progress';
}

const byPerson = (a: { settingId: string; name: string; userId: string }, b: typeof a): number =>
  a.settingId.localeCompare(b.settingId) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.userId.localeCompare(b.userId);

/** Builds the report. */
export function buildQuizReport(input: QuizReportInput): QuizReport {
  const people = new Map<string, QuizState[]>();
  for (const a of input.attempts) {
    const key = `${a.settingId}\u0000${a.user.id}`;
    people.set(key, [...(people.get(key) ?? []), a]);
  }
  const passed: PassedRow[] = [];
  const notPassed: NotPassedRow[] = [];
  for (const attempts of people.values()) {
    const passes = attempts.filter((a) => a.passed && a.passedAt).sort((a, b) => (a.passedAt ?? '').localeCompare(b.passedAt ?? ''));
    const pass = passes.at(-1);
    const latest = attempts.at(-1)!;
    const name = latest.user.name ?? '';
    if (pass) {
      const attestation = input.attestations.find((x) => x.attemptId === pass.attemptId);
      const score = scoreOf(pass);
      passed.push({
        settingId: pass.settingId, userId: pass.user.id, name, startedAt: pass.startedAt, passedAt: pass.passedAt!, score, total: pass.questions.length,
        percent: percentOf(score, pass.questions.length), attested: !!attestation, attestedAt: attestation?.attestedAt, policyVersion: attestation?.policyVersion ?? pass.policyVersion,
      });
      continue;
    }
    const score = scoreOf(latest);
    notPassed.push({
      settingId: latest.settingId, userId: latest.user.id, name, status: status(latest), startedAt: latest.startedAt, lastActivity: latest.updatedAt,
      answered: Object.keys(latest.results).length, score, total: latest.questions.length, percent: percentOf(score, latest.questions.length),
    });
  }
  return { generatedAt: input.now.toISOString(), passed: passed.sort(byPerson), notPassed: notPassed.sort(byPerson), mostMissed: mostMissed(input) };
}

function mostMissed(input: QuizReportInput): MissedRow[] {
  const rows = new Map<string, MissedRow>();
  for (const a of input.answers) {
    const key = `${a.settingId}\u0000${a.questionId}`;
    const row = rows.get(key) ?? { settingId: a.settingId, questionId: a.questionId, question: input.questionText(a.settingId, a.questionId) ?? '', area: a.area, asked: 0, missed: 0 };
    row.asked += 1;
    if (!a.correct) row.missed += 1;
    rows.set(key, row);
  }
  return [...rows.values()]
    .filter((r) => r.missed > 0)
    .sort((a, b) => b.missed - a.missed || b.missed / b.asked - a.missed / a.asked || a.settingId.localeCompare(b.settingId) || a.questionId.localeCompare(b.questionId));
}
