/**
 * The Slack-burst section of docs/benchmarks.md and its summary line (see ./slack-burst.ts).
 */
import type { BurstResults } from './slack-burst';

const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(0));

/** Markdown for the burst runs. */
export function renderBurst(runs: readonly BurstResults[]): string[] {
  const out = ['## A burst of staff in Slack (issue 10)', ''];
  out.push(
    'N people send SafeStep their first message at the same moment: N signed Slack DM events to one SafeStep process (`node dist/src/main.js`, Slack over HTTP, SQLite), from a worker thread, with the fake Slack Web API answering on loopback in the benchmark process. **Ack** is the time until SafeStep answered the HTTP request (Slack retries after 3 s); **turn** is the time until the reply reached the person\'s DM. SafeStep checks the signature and acknowledges before any work (src/channels/slack/ack-first-receiver.ts), hands requests to Bolt one per event-loop turn and runs at most 8 turns at once, so acknowledgements are never queued behind work. Answered = conversations that got their reply; doubled = conversations answered more than once (must be 0).',
    '',
  );
  out.push('| conversations at once | ack p50 | ack p99 | ack max | acks over 3 s | turn p50 | turn p99 | answered | doubled | server peak RSS |', '|---|---|---|---|---|---|---|---|---|---|');
  for (const r of runs) {
    out.push(`| ${r.conversations} | ${ms(r.ack.p50)} ms | ${ms(r.ack.p99)} ms | ${ms(r.ack.max)} ms | ${r.ack.over3s} | ${ms(r.turn.p50)} ms | ${ms(r.turn.p99)} ms | ${r.answered}/${r.conversations} | ${r.doubled} | ${r.serverPeakRssMb.toFixed(0)} MB |`);
  }
  out.push('');
  return out;
}

/** One line for the printed summary. */
export function burstSummary(runs: readonly BurstResults[]): string[] {
  return runs.map((r) => `Slack burst of ${r.conversations}: ack p99 ${ms(r.ack.p99)} ms (${r.ack.over3s} over 3 s), turn p99 ${ms(r.turn.p99)} ms, answered ${r.answered}/${r.conversations}, doubled ${r.doubled}`);
}
