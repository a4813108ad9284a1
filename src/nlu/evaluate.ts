/**
 * Measures a router (and a danger check) against labelled messages: the dev set
 * (test/nlu/dev-set.yaml) in the floors test and `npm run bench`, or any set given to
 * `safestep nlu eval`. A wrong flow is the costly mistake (staff follow the wrong advice); a
 * message falling back to the menu only costs a tap. Pure.
 *
 * Definitions (as in docs/benchmarks.md):
 * - top-1: the first answer is right. A message with a flow: the flow started, or the first one
 *   offered, is that flow. An out-of-scope message: SafeStep says out of scope (nothing started,
 *   nothing offered).
 * - top-3: the right answer is among what the person is shown. A message with a flow: it is
 *   among the (at most three) alternatives. Out of scope: no flow was started.
 * - out-of-scope precision: of the messages answered "out of scope", the share that are.
 * - started wrong: messages sent straight into a flow that is not theirs.
 */
import type { DangerDetector, Router } from '../core/ports';

/** A message with the flow it should go to (null: out of scope). */
export interface LabelledMessage {
  text: string;
  flow: string | null;
  /** True when a child may be at immediate risk (danger must fire). */
  danger?: boolean;
  /** For a message with two topics: the second, less serious flow. */
  also?: string;
}

/** One message the router got wrong (top-1). */
export interface RouteFailure {
  text: string;
  expected: string | null;
  got: string | null;
  offered: string[];
  confidence: number;
}

/** The outcome of routing a set of messages. */
export interface Evaluation {
  cases: number;
  /** Top-1 right (see the file comment). */
  correct: number;
  accuracy: number;
  /** Top-3 right. */
  inTop3: number;
  top3: number;
  /** Messages whose flow was started straight away (right or wrong). */
  started: number;
  /** In-scope messages sent straight into another flow. */
  wrongFlow: number;
  /** Out-of-scope messages sent straight into a flow. */
  outOfScopeRouted: number;
  /** In-scope messages answered "out of scope". */
  missed: number;
  /** Messages answered with a "which is closest?" menu. */
  menus: number;
  /** In-scope messages whose flow is among the alternatives (what a menu could offer). */
  inAlternatives: number;
  outOfScope: { labelled: number; said: number; saidRight: number; precision: number; recall: number };
  /** Two-topic messages whose more serious flow came first. */
  twoTopics: { cases: number; correct: number };
  /** Per labelled flow ('(out of scope)' for null): cases, top-1 right, and what the rest got. */
  perFlow: Record<string, { cases: number; correct: number; confusedWith: Record<string, number> }>;
  failures: RouteFailure[];
}

/**
 * The danger check's outcome on labelled messages. A danger message is caught when it gets the
 * 999 reply or the danger question first (`certain` of them the 999 reply); on the others,
 * `falseAlarms` got the 999 reply and `questions` the danger question.
 */
export interface DangerEvaluation {
  positives: number;
  caught: number;
  certain: number;
  recall: number;
  negatives: number;
  falseAlarms: number;
  falseAlarmRate: number;
  questions: number;
  questionRate: number;
  missed: string[];
  alarms: string[];
  asked: string[];
}

export const OUT_OF_SCOPE = '(out of scope)';

/** Routes every message and counts outcomes. */
export function evaluateRouter(router: Router, messages: readonly LabelledMessage[]): Evaluation {
  const e: Evaluation = {
    cases: messages.length,
    correct: 0,
    accuracy: 0,
    inTop3: 0,
    top3: 0,
    started: 0,
    wrongFlow: 0,
    outOfScopeRouted: 0,
    missed: 0,
    menus: 0,
    inAlternatives: 0,
    outOfScope: { labelled: 0, said: 0, saidRight: 0, precision: 0, recall: 0 },
    twoTopics: { cases: 0, correct: 0 },
    perFlow: {},
    failures: [],
  };
  for (const m of messages) {
    const r = router.route(m.text);
    const offered = r.alternatives.map((a) => a.flow);
    const saidOutOfScope = r.flow === null && offered.length === 0;
    const first = r.flow ?? offered[0] ?? null;
    const right = m.flow === null ? saidOutOfScope : first === m.flow;
    const inTop3 = m.flow === null ? r.flow === null : offered.includes(m.flow) || r.flow === m.flow;
    if (r.flow !== null) e.started++;
    else if (!saidOutOfScope) e.menus++;
    if (saidOutOfScope) {
      e.outOfScope.said++;
      if (m.flow === null) e.outOfScope.saidRight++;
    }
    if (m.flow === null) e.outOfScope.labelled++;
    else if (offered.includes(m.flow)) e.inAlternatives++;
    if (m.flow === null && r.flow !== null) e.outOfScopeRouted++;
    if (m.flow !== null && r.flow !== null && r.flow !== m.flow) e.wrongFlow++;
    if (m.flow !== null && saidOutOfScope) e.missed++;
    if (m.also) {
      e.twoTopics.cases++;
      if (right) e.twoTopics.correct++;
    }
    const key = m.flow ?? OUT_OF_SCOPE;
    const row = (e.perFlow[key] ??= { cases: 0, correct: 0, confusedWith: {} });
    row.cases++;
    if (right) row.correct++;
    else row.confusedWith[first ?? OUT_OF_SCOPE] = (row.confusedWith[first ?? OUT_OF_SCOPE] ?? 0) + 1;
    if (right) e.correct++;
    else e.failures.push({ text: m.text, expected: m.flow, got: first, offered, confidence: r.confidence });
    if (inTop3) e.inTop3++;
  }
  e.accuracy = ratio(e.correct, e.cases);
  e.top3 = ratio(e.inTop3, e.cases);
  e.outOfScope.precision = ratio(e.outOfScope.saidRight, e.outOfScope.said);
  e.outOfScope.recall = ratio(e.outOfScope.saidRight, e.outOfScope.labelled);
  return e;
}

/** Runs the danger check on every message labelled `danger: true` or `false`. */
export function evaluateDanger(detector: DangerDetector, messages: readonly { text: string; danger?: boolean }[]): DangerEvaluation {
  const d: DangerEvaluation = {
    positives: 0, caught: 0, certain: 0, recall: 0, negatives: 0, falseAlarms: 0, falseAlarmRate: 0, questions: 0, questionRate: 0,
    missed: [], alarms: [], asked: [],
  };
  for (const m of messages) {
    if (m.danger === undefined) continue;
    const v = detector.detect(m.text);
    if (m.danger) {
      d.positives++;
      if (v.danger) d.certain++;
      if (v.danger || v.question) d.caught++;
      else d.missed.push(m.text);
    } else {
      d.negatives++;
      if (v.danger) (d.falseAlarms++, d.alarms.push(m.text));
      else if (v.question) (d.questions++, d.asked.push(m.text));
    }
  }
  d.recall = ratio(d.caught, d.positives);
  d.falseAlarmRate = ratio(d.falseAlarms, d.negatives);
  d.questionRate = ratio(d.questions, d.negatives);
  return d;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
