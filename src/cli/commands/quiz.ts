/**
 * `safestep quiz`: the induction quiz in the terminal, and the DSL's report.
 *   quiz [--setting ID] [--json] [--user ID] [--name NAME] [--questions N]
 *       take the quiz (numbered answers; with --json the same JSON-lines protocol as `chat --json`)
 *   quiz report [--setting ID] [--format table|csv|json]
 *       who has passed (date, score, attestation, policy version), who has started but not
 *       passed, and the questions staff miss most
 * Attempts are kept in the database in the config, so an attempt resumes after a restart.
 */
import fs from 'node:fs';
import { runInteractive } from '../../channels/console/interactive';
import { runJsonLines } from '../../channels/console/json-lines';
import { DEFAULT_CONSOLE_USER } from '../../channels/console/conversation';
import { loadConfig, type Config } from '../../config';
import { SafeStepError } from '../../core/errors';
import { createLogger } from '../../log';
import { resolveQuiz } from '../../quiz/resolve';
import { buildQuizReport } from '../../quiz/report';
import { quizReportCsv, quizReportJson, quizReportTable } from '../../quiz/report-format';
import { createQuizRunner, loadContentWithQuiz, loadDangerDetector } from '../../quiz/setup';
import { MemoryQuizStore } from '../../store/memory-quiz';
import { openDatabase } from '../../store/sqlite';
import { SqliteQuizStore } from '../../store/sqlite-quiz';
import { parseArgs, UsageError } from '../args';
import { EXIT, type CliIO, type Command } from '../io';

const USAGE = `Usage:
  safestep quiz [--setting ID] [--json] [--user ID] [--name NAME] [--questions N]   take the induction quiz
  safestep quiz report [--setting ID] [--format table|csv|json]                      the DSL's report
`;

/** The `quiz` sub-command (see the file comment). Exit 0 ok, 1 failure, 2 usage. */
export const quiz: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === 'help' || sub === '--help' || sub === '-h') {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  try {
    return sub === 'report' ? report(rest, io) : await take(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`safestep quiz: ${err.message}\n${USAGE}`);
      return EXIT.usage;
    }
    if (err instanceof SafeStepError) {
      io.stderr.write(`safestep quiz: ${err.message}\n`);
      return err.code === 'unknown_setting' ? EXIT.usage : EXIT.failure;
    }
    throw err;
  }
};

async function take(args: string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(args, { values: ['setting', 'user', 'name', 'questions'], booleans: ['json'] });
  if (positional.length > 0) throw new UsageError(`unexpected "${positional[0]}"`);
  const questions = flags.questions === undefined ? undefined : Number(flags.questions);
  if (questions !== undefined && (!Number.isInteger(questions) || questions < 1)) throw new UsageError('--questions needs a whole number of at least 1');
  const config = loadConfig(io.env, io.root);
  const { content, quiz: bank } = loadContentWithQuiz(config.contentRoot);
  if (!bank) throw new SafeStepError('content_error', `There is no quiz bank (content/quiz/) under ${config.contentRoot}.`);
  const wanted = typeof flags.setting === 'string' ? flags.setting : config.settingId;
  const withQuiz = [...content.settings.values()].filter((s) => bank.settings.has(s.id));
  if (wanted !== undefined && !withQuiz.some((s) => s.id === wanted)) {
    throw new SafeStepError('unknown_setting', `Unknown setting "${wanted}". Valid settings: ${withQuiz.map((s) => s.id).join(', ')}.`);
  }
  if (flags.json && wanted === undefined) throw new UsageError(`--json needs --setting (one of: ${withQuiz.map((s) => s.id).join(', ')})`);
  let db;
  try {
    db = openDatabase(config.dbPath);
  } catch (err) {
    throw new SafeStepError('store_open_error', `SafeStep cannot save quiz answers right now (${err instanceof Error ? err.message : 'database error'}), so the quiz cannot run. Tell the DSL.`);
  }
  try {
    const runner = createQuizRunner({ content, quiz: bank, store: new SqliteQuizStore(db), log: createLogger(config.logLevel), danger: loadDangerDetector(config.contentRoot), questions });
    const user = {
      ...DEFAULT_CONSOLE_USER,
      ...(typeof flags.user === 'string' ? { id: flags.user } : {}),
      ...(typeof flags.name === 'string' ? { name: flags.name } : {}),
    };
    if (flags.json) await runJsonLines({ runner, settingId: wanted!, user, input: io.stdin, output: io.stdout });
    else await runInteractive({ runner, settingId: wanted, user, settings: withQuiz.map((s) => ({ id: s.id, name: s.name })), input: io.stdin, output: io.stdout });
    return EXIT.ok;
  } finally {
    db.close();
  }
}

function report(args: string[], io: CliIO): number {
  const { flags, positional } = parseArgs(args, { values: ['setting', 'format'] });
  const format = flags.format ?? 'table';
  if (positional.length > 0 || !['table', 'csv', 'json'].includes(String(format))) throw new UsageError('quiz report takes --setting ID and --format table|csv|json');
  const settingId = typeof flags.setting === 'string' ? flags.setting : undefined;
  const config = loadConfig(io.env, io.root);
  const texts = questionTexts(config);
  const input = withStore(config, (store) => ({
    attempts: store.attempts({ settingId }),
    answers: store.answers({ settingId }),
    attestations: store.attestations({ settingId }),
  }));
  const built = buildQuizReport({ ...input, questionText: texts, now: new Date() });
  io.stdout.write(format === 'csv' ? quizReportCsv(built) : format === 'json' ? quizReportJson(built) : quizReportTable(built));
  return EXIT.ok;
}

/** Reads the configured database (no file yet means nothing to report); never creates it. */
function withStore<T>(config: Readonly<Config>, use: (store: SqliteQuizStore | MemoryQuizStore) => T): T {
  if (!fs.existsSync(config.dbPath)) return use(new MemoryQuizStore());
  const db = openDatabase(config.dbPath, { fileMustExist: true });
  try {
    return use(new SqliteQuizStore(db));
  } finally {
    db.close();
  }
}

/** Question texts as each setting shows them; ids only if the content cannot be loaded. */
function questionTexts(config: Readonly<Config>): (settingId: string, questionId: string) => string | undefined {
  try {
    const { content, quiz } = loadContentWithQuiz(config.contentRoot);
    const bySetting = new Map([...content.settings.values()].map((s) => [s.id, quiz && resolveQuiz(quiz, s, content.national)]));
    return (settingId, questionId) => bySetting.get(settingId)?.questions.find((q) => q.id === questionId)?.text;
  } catch {
    return () => undefined;
  }
}
