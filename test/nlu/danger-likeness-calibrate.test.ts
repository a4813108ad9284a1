/**
 * The backstop's threshold chosen on the calibration part (src/nlu/danger-likeness-calibrate.ts), on
 * made-up scores: the most recall within both budgets, the folds' choice when nothing meets them,
 * demotion never above the folds' (which protects real dangers' 999 reply), and the override chosen
 * with them (tenth round).
 */
import { chooseOnCalibration, outcomeOf, raiseDemotion } from '../../src/nlu/danger-likeness-calibrate';
import type { OutOfAuthorScore } from '../../src/nlu/danger-likeness-folds';

let n = 0;
const x = (danger: boolean, v: Partial<Omit<OutOfAuthorScore, 'e'>>): OutOfAuthorScore => ({ e: { text: `m${n++}`, danger }, s: undefined, raw: 1, certain: false, asked: false, ...v });

// 100 non-danger: 4 rules' questions, 1 rules' 999 scoring 0.1 (demotable), 95 quiet with backstop
// scores 0.50..0.594; 10 danger: 6 caught by the rules, 4 left to the backstop at 0.55, 0.6, 0.7, 0.8.
const quiet = Array.from({ length: 95 }, (_, i) => x(false, { s: 0.5 + i / 1000 }));
const scores = [
  ...Array.from({ length: 4 }, () => x(false, { asked: true })),
  x(false, { certain: true, raw: 0.1 }),
  ...quiet,
  ...Array.from({ length: 6 }, () => x(true, { certain: true })),
  ...[0.55, 0.6, 0.7, 0.8].map((s) => x(true, { s })),
];

describe('the calibration choice', () => {
  test('counts as the detector decides: demoted 999s are questions, backstop scores at or above the threshold ask', () => {
    const o = outcomeOf(scores, 0.59, 0.2);
    expect([o.caught, o.alarms, o.questions]).toEqual([9, 0, 4 + 1 + 5]);
  });

  test('takes the most recall with the question ≤ 9 % and 999 ≤ 2 %, then the fewest 999s, then the fewest questions', () => {
    const c = chooseOnCalibration(scores, { threshold: 0.7, demoteBelow: 0.2 });
    expect(c.budgetMet).toBe(true);
    // Catching the 0.55 danger would ask 50 quiet messages; 0.6 catches the other three with no
    // backstop question at all. The 999 on 1/100 is within 2 %, but demoting it (a fifth question,
    // still within 9 %) leaves no false 999: a false 999 costs more than a question (the least demotion that does it).
    expect([c.chosen.caught, c.chosen.alarms, c.chosen.questions, c.chosen.demoteBelow]).toEqual([9, 0, 5, 0.11]);
    expect(c.chosen.threshold).toBeCloseTo(0.6, 3);
    expect(c.folds.caught).toBe(8);
  });

  test('chooses the override with them: silenced messages the backstop is sure of are asked about, within the budgets', () => {
    // Two dangers a canceller silenced (plain scores 0.95 and 0.75) and silenced non-danger at 0.9 and 0.72.
    const silenced = [x(true, { silenced: true, plain: 0.95 }), x(true, { silenced: true, plain: 0.75 }), x(false, { silenced: true, plain: 0.9 }), x(false, { silenced: true, plain: 0.72 })];
    const all = [...scores, ...silenced];
    expect(outcomeOf(all, 0.6, 0.2, 0.9)).toMatchObject({ caught: 10, questions: 6 });
    const c = chooseOnCalibration(all, { threshold: 0.7, demoteBelow: 0.2 });
    // 0.73-0.75 catches both silenced dangers for one question; the highest of those equals is kept.
    expect([c.chosen.caught, c.chosen.questions, c.chosen.overrideAt]).toEqual([11, 6, 0.75]);
    // Without any silenced danger no override is taken (none is the highest).
    expect(chooseOnCalibration(scores, { threshold: 0.7, demoteBelow: 0.2 }).chosen.overrideAt).toBe(Infinity);
  });

  test('raises demotion past the folds’ while it takes false 999s off, unless more than DEMOTE_BUDGET of real 999s would lose it (twelfth round)', () => {
    // A second false 999 scoring 0.3: demotion 0.31 takes it off (the six real 999s score 1).
    const more = [...scores, x(false, { certain: true, raw: 0.3 })];
    const c = chooseOnCalibration(more, { threshold: 0.7, demoteBelow: 0.2 });
    expect([c.chosen.caught, c.chosen.alarms, c.chosen.questions, c.chosen.demoteBelow]).toEqual([9, 0, 6, 0.31]);
    // A real 999 scoring 0.25 may not lose it (0.5 % of seven rounds down to none), so demotion stops at 0.25.
    const guarded = [...more, x(true, { certain: true, raw: 0.25 })];
    const g = chooseOnCalibration(guarded, { threshold: 0.7, demoteBelow: 0.2 });
    expect([g.chosen.alarms, g.chosen.demoteBelow]).toEqual([1, 0.11]);
    expect(raiseDemotion(guarded, g.chosen)).toBe(g.chosen);
    // Capped at 0.3 (a hand-written danger example scoring 0.3 keeps its 999): the 0.3 false 999 stays.
    expect(chooseOnCalibration(more, { threshold: 0.7, demoteBelow: 0.2 }, 1, 0.3).chosen.demoteBelow).toBe(0.11);
    // A cap under the folds' demotion holds it too: capped at 0.05 the 0.1 false 999 cannot be demoted.
    const low = chooseOnCalibration(scores, { threshold: 0.7, demoteBelow: 0.2 }, 1, 0.05);
    expect([low.chosen.alarms, low.chosen.demoteBelow <= 0.05]).toEqual([1, true]);
  });

  test('never demotes above the folds’ demotion when the budget is out of reach: the folds’ choice stands', () => {
    const many = [...scores, ...Array.from({ length: 5 }, () => x(false, { certain: true, raw: 0.3 }))];
    const c = chooseOnCalibration(many, { threshold: 0.7, demoteBelow: 0.2 });
    expect(c.budgetMet).toBe(false);
    expect([c.chosen.threshold, c.chosen.demoteBelow]).toEqual([0.7, 0.2]);
  });

  test('never chooses a threshold above the cap (the lowest hand-written danger the folds catch), even to meet the budget', () => {
    // Uncapped it takes 0.6; capped at 0.58 the budget is out of reach (0.55 would ask 50 quiet messages), so the folds' choice stands.
    const c = chooseOnCalibration(scores, { threshold: 0.7, demoteBelow: 0.2 }, 0.58);
    expect(c.budgetMet).toBe(false);
    expect(c.chosen.threshold).toBe(0.7);
    expect(chooseOnCalibration(scores, { threshold: 0.7, demoteBelow: 0.2 }, 0.6).chosen.threshold).toBeCloseTo(0.6, 3);
  });
});
