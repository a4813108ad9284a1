/**
 * `safestep digest`: the DSL team's summary (new, not yet acknowledged, overdue actions, open
 * reports by urgency) as text; with `--send`, sent now to the DSL team on every configured chat
 * platform, as the server sends it each morning. Names references, urgency and situation only.
 */
import { parseArgs } from 'node:util';
import { buildApp, requireSetting } from '../../app';
import { loadConfig } from '../../config';
import { SafeStepError } from '../../core/errors';
import type { DigestView } from '../../core/host';
import { createLogger } from '../../log';
import { createChannels, dailyDesk } from '../../serve';
import { EXIT, type Command } from '../io';

const USAGE = 'Usage: safestep digest [--send]      the DSL summary for SAFESTEP_SETTING; --send sends it to the DSL team now\n';

export const digest: Command = async (args, io) => {
  let send: boolean;
  try {
    send = parseArgs({ args, options: { send: { type: 'boolean' } }, strict: true }).values.send === true;
  } catch {
    io.stderr.write(USAGE);
    return EXIT.usage;
  }
  try {
    const config = loadConfig(io.env, io.root);
    if (!config.settingId) throw new SafeStepError('config_error', 'SAFESTEP_SETTING must name the setting whose summary to make.');
    const app = buildApp(config, createLogger(config.logLevel));
    try {
      requireSetting(app.content, config.settingId);
      const daily = dailyDesk(app, config);
      if (!send) {
        io.stdout.write(digestText(app.host.desk.digestFor(app.content.settings.get(config.settingId)!)));
        return EXIT.ok;
      }
      const channels = createChannels(app.host, config, { stderr: io.stderr });
      if (channels.length === 0) throw new SafeStepError('config_error', 'No chat platform is configured (Slack or Teams): nothing to send the summary to.');
      for (const c of channels) app.connect(c);
      const { sent, failed } = await daily.sendDigest();
      for (const c of channels) await c.stop();
      io.stdout.write(`Summary sent to ${sent} DSL target(s)${failed > 0 ? `; ${failed} failed (see the log)` : ''}.\n`);
      return failed > 0 ? EXIT.failure : EXIT.ok;
    } finally {
      app.close();
    }
  } catch (err) {
    io.stderr.write(`${err instanceof SafeStepError ? err.message : 'The summary could not be made.'}\n`);
    return EXIT.failure;
  }
};

/** The summary as plain text. */
export function digestText(d: DigestView): string {
  const out = [d.title];
  for (const s of d.sections) {
    out.push('', `${s.heading} (${s.lines.length})`);
    out.push(...(s.lines.length === 0 ? [`  ${s.empty}`] : s.lines.map((l) => `  ${l.urgent ? '!' : '-'} ${l.text}`)));
  }
  return `${out.join('\n')}\n`;
}
