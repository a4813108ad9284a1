/**
 * Test doubles for the router and the danger check: exact, predictable answers so engine
 * tests are about the engine.
 */
import type { DangerDetector, RouteResult, Router } from '../../src/core/ports';

/** Routes by keyword: "image" → image (sure), "phone" → phone (sure), "unsure" → low confidence, else out of scope. */
export const stubRouter: Router = {
  route(text: string): RouteResult {
    const t = text.toLowerCase();
    if (t.includes('unsure')) return { flow: null, confidence: 0.3, alternatives: [{ flow: 'phone', confidence: 0.3 }, { flow: 'image', confidence: 0.2 }] };
    if (t.includes('image')) return { flow: 'image', confidence: 0.9, alternatives: [{ flow: 'image', confidence: 0.9 }] };
    if (t.includes('phone')) return { flow: 'phone', confidence: 0.9, alternatives: [{ flow: 'phone', confidence: 0.9 }] };
    return { flow: null, confidence: 0, alternatives: [] };
  },
};

/**
 * Certain danger for any message containing "999-now"; possible danger (the danger question,
 * pointing to the image flow) for "maybe-999"; nothing otherwise.
 */
export const stubDanger: DangerDetector = {
  detect: (text) => {
    if (text.includes('999-now')) return { danger: true, signals: ['test'] };
    if (text.includes('maybe-999')) return { danger: false, question: true, signals: ['test-possible'], flow: 'image' };
    return { danger: false, signals: [] };
  },
};

/** A clock that returns a fixed time unless moved. */
export function fakeClock(start = '2026-11-21T10:00:00.000Z') {
  let now = new Date(start);
  const clock = () => new Date(now);
  clock.advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return clock;
}
