/**
 * `safestep retention run`: one retention pass, as the server runs it daily — purges unfinished
 * conversations older than the retention period and, only where a setting's profile sets a report
 * retention, reports past it that are not on legal hold. Prints what it removed (references and
 * counts only). SAFESTEP_TODAY moves "today".
 */
import { loadContent } from '../../authoring/load';
import { loadConfig } from '../../config';
import { runRetention } from '../../core/case/retention';
import { SafeStepError } from '../../core/errors';
import { cliUser, withReportDb } from '../report-db';
import { EXIT, type Command } from '../io';

export const retention: Command = async (args, io) => {
  if (args.length !== 1 || args[0] !== 'run') {
    io.stderr.write('Usage: safestep retention run      purge what is past its retention period; print what was removed\n');
    return EXIT.usage;
  }
  try {
    const config = loadConfig(io.env, io.root);
    const content = loadContent(config.contentRoot);
    const result = withReportDb(io, (db) => {
      const r = runRetention({ reports: db.reports, retention: db.retention, settings: content.settings, today: config.today(), sessionDays: config.retentionDays });
      for (const reference of r.reports) db.audit.record({ at: new Date().toISOString(), who: cliUser(), where: 'cli', what: 'retention-delete', reference, result: 'ok' });
      return r;
    });
    io.stdout.write(
      [
        `Removed ${result.sessions} conversation(s) not updated for ${result.sessionDays} days (before ${result.sessionsBefore.slice(0, 10)}).`,
        result.reports.length > 0 ? `Removed reports past their retention period: ${result.reports.join(', ')}.` : 'Removed no reports.',
        ...(result.held.length > 0 ? [`Kept on legal hold: ${result.held.join(', ')}.`] : []),
      ].join('\n') + '\n',
    );
    return EXIT.ok;
  } catch (err) {
    io.stderr.write(`${err instanceof SafeStepError ? err.message : 'Retention could not run.'}\n`);
    return EXIT.failure;
  }
};
