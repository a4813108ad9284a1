/**
 * The general safeguarding-concern route (national rules §6): on every path, for every setting,
 * it cites only the national rules, gives the §6 steps, and files a concern for the DSL through
 * the same runner, store and notifier as any report.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConversationRunner } from '../../src/core/runner';
import type { Inbound, Reply } from '../../src/core/messages';
import type { FiledReport } from '../../src/core/report';
import type { Notifier } from '../../src/core/ports';
import { openStores } from '../../src/store/open-stores';
import { fakeClock } from '../doubles/nlu';
import { walkAllPaths } from '../flows/path-walker';
import { content, realCtx } from '../support/real-engine';

const settings = [...content.settings.keys()];

describe.each(settings)('safeguarding-concern in %s', (setting) => {
  const paths = walkAllPaths(content, setting, 'safeguarding-concern');

  test('every path cites the national rules and nothing else', () => {
    expect(paths.length).toBe(4);
    for (const p of paths) {
      const cited = p.replies.flatMap((r) => (r.type === 'advice' ? r.steps.flatMap((s) => s.citations) : []));
      expect(cited.length).toBeGreaterThan(0);
      expect([...new Set(cited.map((c) => c.document))]).toEqual(['national-rules']);
    }
  });

  test('every path says it is not in the online-safety policy and gives the §6 steps', () => {
    for (const p of paths) {
      const text = p.replies.flatMap((r) => (r.type === 'advice' ? r.steps.map((s) => s.text) : [])).join('\n');
      expect(text).toContain('online safety policy does not cover this');
      expect(text).toMatch(/today - and at once if it is serious/);
      expect(text).toContain('call 999');
      expect(text).toContain("refer straight to children's social care");
      const fgm = p.choices.some((c) => c.endsWith('fgm-yes'));
      expect(text.includes('report it to the police yourself - call 101')).toBe(fgm);
      const disclosure = p.choices.some((c) => c.endsWith('disclosure'));
      expect(text.includes('Never promise to keep it a secret')).toBe(disclosure);
      expect(text.includes('in their own words')).toBe(disclosure);
    }
  });

  test('every path files one urgent concern with the recording prompts', () => {
    for (const p of paths) {
      expect(p.drafts).toHaveLength(1);
      const draft = p.drafts[0]!;
      expect(draft).toMatchObject({ flowId: 'safeguarding-concern', urgency: 'urgent', settingId: setting });
      expect(draft.account.map((a) => a.prompt).join('\n')).toMatch(/Which .* is it\?[\s\S]*What happened[\s\S]*When and where[\s\S]*own words[\s\S]*What has been done/);
    }
  });
});

describe('a concern goes to the DSL like any report', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-concern-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('filed in SQLite and recorded for the DSL notifier, the same as a pupil-phone report', async () => {
    const stores = openStores(path.join(dir, 'safestep.db'));
    const told: FiledReport[] = [];
    const notifier: Notifier = { record: (report) => (told.push(report), []), dispatch: () => undefined };
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    try {
      const runner = new ConversationRunner({ ...realCtx, sessions: stores.sessions, reports: stores.reports, transaction: stores.transaction, notifier, clock: fakeClock(), log });
      const say = (conversationId: string) => (m: string | { choice: string }): Promise<Reply[]> => {
        const base: Omit<Inbound, 'text'> = { channel: 'test', conversationId, user: { id: 'u1', name: 'Ann' }, settingId: 'upton-junior' };
        return runner.handle(typeof m === 'string' ? { ...base, text: m } : { ...base, choice: m.choice });
      };
      const concern = say('c1');
      await concern({ choice: 'safeguarding-concern' });
      for (const m of [{ choice: 'disclosure' }, { choice: 'fgm-yes' }, 'A Year 5 girl, 5B', 'She told me she was cut during the holiday abroad', { choice: 'skip' }, '"they did it to me in the summer"']) await concern(m);
      const receipt = await concern('I called 101 and told the DSL');
      expect(receipt.find((r) => r.type === 'report')).toMatchObject({ urgency: 'urgent', flow: 'safeguarding-concern' });

      const phone = say('c2');
      for (const m of ['a year 6 keeps texting in lessons', { choice: 'using' }, { choice: 'log-yes' }, { choice: 'skip' }, 'Several pupils texting in maths', { choice: 'skip' }]) await phone(m);
      await phone({ choice: 'skip' });

      expect(told.map((r) => [r.flowId, r.urgency])).toEqual([['safeguarding-concern', 'urgent'], ['pupil-phone-rules', 'routine']]);
      const stored = stores.reports.list().find((r) => r.flowId === 'safeguarding-concern')!;
      expect(stored.answers.map((a) => a.answer)).toEqual(['Yes, a child told me', 'Yes, it is about FGM']);
      expect(stored.account.map((a) => a.text)).toEqual(['A Year 5 girl, 5B', 'She told me she was cut during the holiday abroad', '(not given)', '"they did it to me in the summer"', 'I called 101 and told the DSL']);
    } finally {
      stores.close();
    }
  });
});
