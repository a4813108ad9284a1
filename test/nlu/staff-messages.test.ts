/**
 * The real staff messages the router trains on (content/nlu/staff-messages.yaml, issue 12 round
 * 4): the file is exactly what the real-world tuning parts give (to-training.mjs --check); every
 * key is a flow or out-of-scope, and a wrong one is reported by validate with its line; a broken
 * message is a load error naming file and line; the router really learns from them; no staff
 * message comes from a page a routing holdout used; and no holdout message (routing or danger) is
 * a copy or light edit of one. Holdout failures name the file and case numbers only, never a text.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { loadContent } from '../../src/authoring/load';
import { formatProblem } from '../../src/authoring/problem';
import { createNlu, loadNluContent } from '../../src/nlu/load';
import { createFileModelCache } from '../../src/nlu/model-cache';
import { createRouter } from '../../src/nlu/router';
import { inspectStaffMessages } from '../../src/nlu/validate-staff-messages';
import { closeIndex, fixtureFlows, normalise, ROOT, shippedNlu } from './fixtures';

const flows = loadContent(ROOT).flows;
const staff = shippedNlu().staffMessages;

/** A copy of the NLU and danger content with staff-messages.yaml replaced by `text`. */
function withStaffFile<T>(text: string, run: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-staff-'));
  try {
    fs.cpSync(path.join(ROOT, 'content/nlu'), path.join(dir, 'content/nlu'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'content/danger'), path.join(dir, 'content/danger'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'content/nlu/staff-messages.yaml'), text);
    return run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the staff messages the router trains on', () => {
  test('are exactly the real-world tuning parts, with author, part and source on each', () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'test/nlu/real-world/to-training.mjs'), '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/^staff-messages ok/);
    const tune = (parse(fs.readFileSync(path.join(ROOT, 'test/nlu/real-world/tune.yaml'), 'utf8')) as { cases: unknown[] }).cases;
    expect(staff.filter((m) => m.author === '1')).toHaveLength(tune.length);
    expect(staff.every((m) => m.source !== '' && /^tune(-\d+)?\.yaml#\d+$/.test(m.from))).toBe(true);
  });

  test('every key is a flow or out-of-scope; a wrong key is reported by validate with its line', () => {
    expect(inspectStaffMessages(ROOT, flows)).toEqual([]);
    const text = 'messages:\n  cyberbullying:\n    - { text: "kids ganging up in a group chat", author: "X", from: "tune.yaml#1", source: "s" }\n  cyber-bulying:\n    - { text: "more group chat unkindness", author: "X", from: "tune.yaml#2", source: "s" }\n';
    const problems = withStaffFile(text, (dir) => inspectStaffMessages(dir, flows).map(formatProblem));
    expect(problems).toEqual([expect.stringMatching(/^content\/nlu\/staff-messages\.yaml:4 \[unknown-staff-message-flow\] "cyber-bulying" is not a flow/)]);
  });

  test('a message without its author is a load error naming file and line', () => {
    const text = 'messages:\n  cyberbullying:\n    - { text: "kids ganging up in a group chat", from: "tune.yaml#1", source: "s" }\n';
    expect(() => withStaffFile(text, (dir) => loadNluContent(dir))).toThrow(/^content\/nlu\/staff-messages\.yaml:3:\d+: .*author/);
  });

  test('a start does not parse them: a broken file fails only when the router must train, naming file and line', () => {
    const text = 'messages:\n  cyberbullying:\n    - { text: "kids ganging up in a group chat", from: "tune.yaml#1", source: "s" }\n';
    withStaffFile(text, (dir) => {
      const started = loadNluContent(dir, { useMemo: true });
      expect(Array.isArray(started.staffMessages)).toBe(false);
      const cache = path.join(dir, 'cache');
      fs.mkdirSync(cache, { mode: 0o700 });
      expect(() => createNlu(fixtureFlows(), started, { cache: createFileModelCache(cache) })).toThrow(/^content\/nlu\/staff-messages\.yaml:3:\d+: .*author/);
    });
  });

  test('the router learns from them: a message in words only a staff message uses routes to its flow', () => {
    const fixture = fixtureFlows();
    const target = fixture[1]!.id;
    const message = 'kayak instructor zorbing';
    const without = createRouter(fixture, { threshold: 0.5, offer: 0.05 });
    const taught = createRouter(fixture, { threshold: 0.5, offer: 0.05, staffMessages: [{ text: 'kayak instructor mentions zorbing', flow: target }] });
    expect(without.route(message).alternatives).toEqual([]);
    expect(taught.route(message).alternatives[0]?.flow).toBe(target);
    // A message whose flow is not among the router's flows is left out, not misfiled.
    const stray = createRouter(fixture, { threshold: 0.5, offer: 0.05, staffMessages: [{ text: 'kayak instructor mentions zorbing', flow: 'no-such-flow' }] });
    expect(stray.route(message).alternatives).toEqual([]);
  });

  describe('no holdout message is a training text', () => {
    const routing = fs.readdirSync(path.join(ROOT, 'test/nlu/real-world')).filter((f) => /^holdout.*\.yaml$/.test(f)).map((f) => `test/nlu/real-world/${f}`);
    const danger = fs.readdirSync(path.join(ROOT, 'test/nlu')).filter((f) => /^danger-real-(holdout|calibration).*\.yaml$/.test(f)).map((f) => `test/nlu/${f}`);
    const cases = (file: string) => (parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as { cases: { text: string; source?: string }[] }).cases;
    /** `file#n` for each case of `file` that `pick` flags. */
    const flagged = (file: string, pick: (c: { text: string; source?: string }) => boolean) => cases(file).flatMap((c, i) => (pick(c) ? [`${file}#${i + 1}`] : []));

    test('no staff message is adapted from a page a routing holdout used (so no holdout story is learnt)', () => {
      expect(routing.length).toBeGreaterThanOrEqual(2); // holdouts 1 and 7 (2-4 retired in round 7, 5-6 in round 8), and any later one
      const sources = new Set(staff.map((m) => m.source));
      expect(routing.flatMap((file) => flagged(file, (c) => c.source !== undefined && sources.has(c.source)))).toEqual([]);
    });

    test('no holdout message (routing or danger) equals a staff message, ignoring case and punctuation', () => {
      expect(danger.length).toBeGreaterThanOrEqual(3);
      const known = new Set(staff.map((m) => normalise(m.text)));
      expect([...routing, ...danger].flatMap((file) => flagged(file, (c) => known.has(normalise(c.text))))).toEqual([]);
    });

    // Light edits (edit distance within 25 %) cost about 0.1 ms a pair, so each pair is checked
    // once across the suite: real-world-parts.test.ts compares every tuning part (tune-2.yaml and
    // later) with every holdout file, and real-world.test.ts holdout 7 with tune.yaml. Routing holdout 1 is
    // compared here with author 1's messages; holdout 7, any later routing holdout and every danger
    // holdout with every staff message. (Holdouts 2-4 were retired into tuning parts 8-10 in round 7,
    // holdouts 5 and 6 into parts 17 and 18 in round 8.)
    test('no holdout message (routing or danger) is a light edit of a staff message', () => {
      const by = (authors: string[]) => staff.filter((m) => authors.includes(m.author)).map((m) => m.text);
      const everyone = staff.map((m) => m.text);
      const against = (file: string): string[] => (file.endsWith('/holdout.yaml') ? by(['1']) : everyone);
      // (A holdout written later is compared with every staff message.)
      // One index per file's phrase list, so each phrase is normalised once, not once per message.
      const lightEdits = (file: string): string[] => {
        const index = closeIndex(against(file));
        return flagged(file, (c) => index.matches(c.text).length > 0);
      };
      expect([...routing, ...danger].flatMap(lightEdits)).toEqual([]);
    });
  });
});
