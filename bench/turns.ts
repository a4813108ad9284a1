/**
 * Latency of one full turn: a message in, routed (or answered in a flow), the engine's step, the
 * session saved to SQLite (and a report filed when a flow ends in one). Drives the real app
 * (src/app.ts buildApp: the real content, router, danger check, ConversationRunner and SQLite
 * stores) with a database file in a fresh temporary directory, through scripted conversations:
 * each opens with a dev-set message, then answers every question with its first choice, or with
 * a short free-text answer when it asks for one, until the flow ends. Local only: no network.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { Inbound, Reply } from '../src/core/messages';

export interface TurnResults {
  turns: number;
  warmup: number;
  conversations: number;
  reportsFiled: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  totalSeconds: number;
  databaseBytes: number;
}

/** Runs `turns` measured turns (after `warmup` unmeasured ones) over the given opening messages. */
export async function measureTurns(root: string, openings: readonly string[], turns = 10_000, warmup = 200): Promise<TurnResults> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-bench-'));
  const config = loadConfig({ SAFESTEP_DATA_DIR: dir, SAFESTEP_LOG_LEVEL: 'silent' }, root);
  const app = buildApp(config);
  try {
    const settingIds = [...app.content.settings.keys()];
    const times: number[] = [];
    let conversations = 0;
    let reportsFiled = 0;
    let pending: Inbound | undefined;
    let steps = 0;
    const started = performance.now();
    for (let n = 0; n < turns + warmup; n++) {
      if (!pending || steps >= 40) {
        conversations++;
        steps = 0;
        pending = {
          channel: 'bench',
          conversationId: `bench-${conversations}`,
          user: { id: `staff-${conversations % 50}`, name: 'Bench Staff', role: 'TA' },
          settingId: settingIds[conversations % settingIds.length]!,
          text: openings[conversations % openings.length]!,
        };
      }
      const t0 = performance.now();
      const replies = await app.runner.handle(pending);
      const ms = performance.now() - t0;
      if (n >= warmup) times.push(ms);
      reportsFiled += replies.filter((r) => r.type === 'report').length;
      steps++;
      pending = nextInput(pending, replies);
    }
    const totalSeconds = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    return {
      turns,
      warmup,
      conversations,
      reportsFiled,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: times[times.length - 1]!,
      mean: times.reduce((s, t) => s + t, 0) / times.length,
      totalSeconds,
      databaseBytes: fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0),
    };
  } finally {
    app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What the scripted member of staff says next, or undefined when the conversation is over. */
function nextInput(previous: Inbound, replies: readonly Reply[]): Inbound | undefined {
  const question = [...replies].reverse().find((r): r is Extract<Reply, { type: 'question' }> => r.type === 'question');
  if (!question) return undefined;
  const base = { channel: previous.channel, conversationId: previous.conversationId, user: previous.user, settingId: previous.settingId };
  if (question.freeText || question.choices.length === 0) {
    return { ...base, text: 'At morning break in the year 6 classroom. She said "it was sent to me last night".' };
  }
  return { ...base, choice: question.choices[0]!.id, questionId: question.id };
}
