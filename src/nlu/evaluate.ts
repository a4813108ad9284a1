/**
 * Measures a router against labelled messages (a dev set): how many it routes right, and how it
 * goes wrong. A wrong flow is the costly mistake (staff follow the wrong advice); a flow
 * message falling back to "none" only costs a menu. Pure.
 */
import type { Router } from '../core/ports';

/** A message with the flow it should go to (null: out of scope). */
export interface LabelledMessage {
  text: string;
  flow: string | null;
}

/** One message the router got wrong. */
export interface RouteFailure {
  text: string;
  expected: string | null;
  got: string | null;
  confidence: number;
}

/** The outcome of routing a dev set. */
export interface Evaluation {
  cases: number;
  correct: number;
  accuracy: number;
  /** In-scope messages sent to another flow. */
  wrongFlow: number;
  /** Out-of-scope messages sent to a flow. */
  outOfScopeRouted: number;
  /** In-scope messages that got no flow. */
  missed: number;
  /** In-scope messages whose flow is among the alternatives (what a menu could offer). */
  inAlternatives: number;
  failures: RouteFailure[];
}

/** Routes every message and counts outcomes. */
export function evaluateRouter(router: Router, messages: readonly LabelledMessage[]): Evaluation {
  const e: Evaluation = { cases: messages.length, correct: 0, accuracy: 0, wrongFlow: 0, outOfScopeRouted: 0, missed: 0, inAlternatives: 0, failures: [] };
  for (const m of messages) {
    const r = router.route(m.text);
    if (m.flow !== null && r.alternatives.some((a) => a.flow === m.flow)) e.inAlternatives++;
    if (r.flow === m.flow) {
      e.correct++;
      continue;
    }
    if (m.flow === null) e.outOfScopeRouted++;
    else if (r.flow === null) e.missed++;
    else e.wrongFlow++;
    e.failures.push({ text: m.text, expected: m.flow, got: r.flow, confidence: r.confidence });
  }
  e.accuracy = e.cases === 0 ? 0 : e.correct / e.cases;
  return e;
}
