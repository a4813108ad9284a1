/**
 * `safestep route` and `safestep nlu` run in-process with fake streams, against a temporary
 * content root (the base content fixture plus the shipped content/nlu and content/danger/),
 * and once against the project's own content.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { nlu } from '../../src/cli/commands/nlu';
import { route } from '../../src/cli/commands/route';
import type { CliIO, Command } from '../../src/cli/io';
import { loadNluContent } from '../../src/nlu/load';

const ROOT = path.resolve(__dirname, '../..');
let root: string;

/** Collects what is written to it as a string. */
class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(
  command: Command,
  args: string[],
  opts: { stdin?: string; root?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; out: string; err: string; lines: Record<string, unknown>[] }> {
  const stdout = new Collector();
  const stderr = new Collector();
  const io: CliIO = { stdin: Readable.from(opts.stdin === undefined ? [] : [opts.stdin]), stdout, stderr, root: opts.root ?? root, env: opts.env ?? {} };
  const code = await command(args, io);
  const lines = stdout.text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, out: stdout.text, err: stderr.text, lines };
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-route-'));
  fs.cpSync(path.join(ROOT, 'test/fixtures/content/base'), root, { recursive: true });
  fs.cpSync(path.join(ROOT, 'content/nlu'), path.join(root, 'content/nlu'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'content/danger'), path.join(root, 'content/danger'), { recursive: true });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('safestep route TEXT', () => {
  test('prints one JSON line with flow, confidence, alternatives and danger', async () => {
    const { code, lines, err } = await run(route, ['a pupil told me a nude pic of her is going round on snap']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? {};
    expect(Object.keys(line)).toEqual(['text', 'flow', 'confidence', 'alternatives', 'danger', 'dangerQuestion', 'dangerSignals', 'dangerCancelledBy', 'signals']);
    expect(line).toMatchObject({ text: 'a pupil told me a nude pic of her is going round on snap', flow: 'image-shared', danger: false, dangerQuestion: false, dangerSignals: [], signals: [] });
    expect(line.confidence).toBeGreaterThan(0.6);
    expect(line.alternatives).toEqual([{ flow: 'image-shared', confidence: line.confidence }]);
  });

  test('joins several words into one message; out of scope gives flow null', async () => {
    const { code, lines } = await run(route, ['whats', 'for', 'lunch', 'on', 'friday']);
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ text: 'whats for lunch on friday', flow: null, danger: false });
  });

  test('flags danger with its signals', async () => {
    const { lines } = await run(route, ['a pupil said he wants to kill himself']);
    expect(lines[0]).toMatchObject({ danger: true, dangerQuestion: false, dangerSignals: ['suicide-risk'], signals: ['suicide-risk'] });
  });

  test('says when it would ask the danger question first, and which canceller lowered a signal', async () => {
    const asked = await run(route, ['a y9 boy says someone is blackmailing him over a photo']);
    expect(asked.lines[0]).toMatchObject({ danger: false, dangerQuestion: true, dangerSignals: ['blackmail'], dangerCancelledBy: [] });
    const past = await run(route, ['last year a girl in year 8 self harmed, she has had support']);
    expect(past.lines[0]).toMatchObject({ danger: false, dangerQuestion: false, dangerSignals: [], dangerCancelledBy: ['past'] });
  });
});

describe('safestep route (stdin)', () => {
  test('one JSON line per non-blank input line, in order; CRLF and blank lines handled', async () => {
    const stdin = 'someone has shared a naked picture of a child\r\n\r\n   \nthe photocopier is jammed\nintruder on site\n';
    const { code, lines } = await run(route, ['--setting', 'oak-primary'], { stdin });
    expect(code).toBe(0);
    expect(lines.map((l) => [l.text, l.flow, l.danger])).toEqual([
      ['someone has shared a naked picture of a child', 'image-shared', false],
      ['the photocopier is jammed', null, false],
      ['intruder on site', null, true],
    ]);
  });

  test('empty stdin prints nothing', async () => {
    expect(await run(route, [], { stdin: '' })).toMatchObject({ code: 0, out: '' });
  });
});

describe('safestep route errors', () => {
  test('an unknown --setting lists the valid ids and exits 2', async () => {
    const { code, out, err } = await run(route, ['--setting', 'nowhere', 'hello']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('Unknown setting "nowhere"');
    expect(err).toContain('little-acorns');
    expect(err).toContain('oak-primary');
  });

  test('an unknown SAFESTEP_SETTING is refused the same way', async () => {
    const { code, err } = await run(route, ['hello'], { env: { SAFESTEP_SETTING: 'nowhere' } });
    expect(code).toBe(2);
    expect(err).toContain('oak-primary');
  });

  test('an unknown option is a usage error', async () => {
    const { code, err } = await run(route, ['--json', 'hello']);
    expect(code).toBe(2);
    expect(err).toContain('unknown option --json');
    expect(err).toContain('Usage: safestep route');
  });

  test('broken NLU content exits 1 naming file and line', async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-route-bad-'));
    try {
      fs.cpSync(root, broken, { recursive: true });
      fs.writeFileSync(path.join(broken, 'content/nlu/router.yaml'), 'threshold: 2\n');
      const { code, err } = await run(route, ['hello'], { root: broken });
      expect(code).toBe(1);
      expect(err).toMatch(/content\/nlu\/router\.yaml:1:12: .*at threshold/);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe('safestep route on the project content', () => {
  test.each([
    ["found nudes on a yr6 kid's phone", 'nude-image-pupil'],
    ['a mum added me on fb', 'parent-contact-personal'],
  ])('%s → %s', async (text, flow) => {
    const { code, lines } = await run(route, [text], { root: ROOT });
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ flow, danger: false });
  });
});

describe('safestep nlu', () => {
  test('export prints every example phrase of every flow', async () => {
    const { code, lines } = await run(nlu, ['export']);
    expect(code).toBe(0);
    expect(lines).toHaveLength(16);
    expect(lines[0]).toEqual({ text: 'a pupil told me a nude photo of her is going round', flow: 'image-shared' });
    expect(lines.every((l) => l.flow === 'image-shared' && typeof l.text === 'string')).toBe(true);
  });

  test('eval measures the router on a dev set from stdin', async () => {
    const dev = [
      { text: 'nudes going round the y6 group chat', flow: 'image-shared' },
      { text: 'when is the next inset day', flow: null },
      { text: 'the coach leaves at 9', flow: 'image-shared' },
    ].map((m) => JSON.stringify(m)).join('\n');
    const { code, lines } = await run(nlu, ['eval'], { stdin: `${dev}\n` });
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ threshold: loadNluContent(ROOT).router.threshold, cases: 3, correct: 2, missed: 1, wrongFlow: 0, outOfScopeRouted: 0 });
  });

  test('eval rejects a bad line with its number; a missing sub-command is a usage error', async () => {
    const bad = await run(nlu, ['eval'], { stdin: '{"text":"a","flow":null}\n{"txt":"b"}\n' });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('stdin line 2');
    const none = await run(nlu, []);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Usage: safestep nlu');
  });
});
