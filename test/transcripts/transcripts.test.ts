/**
 * Replays every transcript in test/transcripts/ through the real app: real content, real router
 * and danger check, a real SQLite file. Checks each reply in order and the report as stored.
 * The content root is SAFESTEP_CONTENT_ROOT when set; a transcript of a setting that content
 * does not have is skipped, not failed (each transcript is about one named setting's policy).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Reply } from '../../src/core/messages';
import { createLogger } from '../../src/log';
import { openStores } from '../../src/store/open-stores';
import { contentRoot } from '../support/content-root';
import { TranscriptSchema, type ReplyExpectation } from './transcript-schema';

const root = path.resolve(__dirname, '..', '..');
const content = contentRoot();
const files = readdirSync(__dirname).filter((f) => f.endsWith('.yaml')).sort();

function describeReply(r: Reply): string {
  return JSON.stringify(r).slice(0, 400);
}

function check(reply: Reply | undefined, want: ReplyExpectation, where: string): void {
  if (!reply) throw new Error(`${where}: expected a ${want.type} reply, got nothing`);
  const text = JSON.stringify(reply);
  const fail = (why: string) => new Error(`${where}: ${why}\n  got ${describeReply(reply)}`);
  if (reply.type !== want.type) throw fail(`expected type ${want.type}`);
  if (want.id !== undefined && (reply.type !== 'question' || reply.id !== want.id)) throw fail(`expected question ${want.id}`);
  for (const s of want.includes ?? []) if (!text.includes(s)) throw fail(`expected to include "${s}"`);
  for (const s of want.excludes ?? []) if (text.includes(s)) throw fail(`expected not to include "${s}"`);
  if (want.choices && (reply.type !== 'question' || reply.choices.map((c) => c.id).join() !== want.choices.join())) throw fail(`expected choices ${want.choices.join(', ')}`);
  if (want.cites) {
    if (reply.type !== 'advice') throw fail('expected advice');
    const cited = reply.steps.flatMap((s) => s.citations.map((c) => c.section));
    for (const c of want.cites) if (!cited.includes(c)) throw fail(`expected a citation of §${c}`);
  }
  if (want.urgency && (reply.type !== 'report' || reply.urgency !== want.urgency)) throw fail(`expected urgency ${want.urgency}`);
}

describe.each(files)('transcript %s', (file) => {
  const transcript = TranscriptSchema.parse(parse(readFileSync(path.join(__dirname, file), 'utf8')));
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'safestep-transcript-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const present = existsSync(path.join(content, 'content', 'settings', `${transcript.setting}.yaml`));
  (present ? test : test.skip)(transcript.name, async () => {
    const config = loadConfig({ SAFESTEP_DATA_DIR: dataDir, SAFESTEP_CONTENT_DIR: content }, root);
    const app = buildApp(config, createLogger('silent'));
    const conv = { channel: 'console', conversationId: `t:${file}`, settingId: transcript.setting, user: transcript.user };
    try {
      for (const [i, turn] of transcript.turns.entries()) {
        const replies = await app.runner.handle({ ...conv, ...turn.send });
        const where = `${file} turn ${i + 1} (${JSON.stringify(turn.send)})`;
        turn.expect.forEach((want, j) => check(replies[j], want, `${where} reply ${j + 1}`));
        if (replies.length !== turn.expect.length) {
          throw new Error(`${where}: expected ${turn.expect.length} replies, got ${replies.length}:\n${replies.map(describeReply).join('\n')}`);
        }
      }
    } finally {
      app.close();
    }
    const stores = openStores(config.dbPath, { key: config.key });
    try {
      const reports = stores.reports.list();
      if (transcript.report === null) {
        expect(reports).toHaveLength(0);
        return;
      }
      expect(reports).toHaveLength(1);
      const report = reports[0]!;
      const want = transcript.report;
      expect(report).toMatchObject({ flowId: want.flowId, urgency: want.urgency, settingId: transcript.setting, reporter: transcript.user });
      if (want.dangerFlagged !== undefined) expect(report.dangerFlagged).toBe(want.dangerFlagged);
      if (want.dangerAnswer !== undefined) expect(report.dangerAnswer).toBe(want.dangerAnswer);
      if (want.answers) expect(report.answers.map((a) => a.answer)).toEqual(want.answers);
      const stored = JSON.stringify(report);
      for (const s of want.includes ?? []) expect(stored).toContain(s);
      for (const s of want.excludes ?? []) expect(stored).not.toContain(s);
    } finally {
      stores.close();
    }
  });
});
