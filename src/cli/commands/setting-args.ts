/** The arguments every `safestep setting` sub-command gets, and its usage text. */
import { EXIT, type CliIO } from '../io';

export const USAGE = `Usage:
  safestep setting new --id ID --name NAME --policy FILE [--policy FILE2]   draft a setting from its policy (.txt, .md, .docx, .pdf)
  safestep setting review ID                                               write the review book (HTML, and PDF where Chromium is installed)
  safestep setting approve ID --by "Name, role"                            record the DSL's approval of the current policy versions
  safestep setting catalogue [--write]                                     the rule catalogue (docs/rules.md)
`;

/** What each sub-command gets: parsed flags, positional arguments, the content root. */
export interface SettingArgs {
  flags: Record<string, string | true>;
  /** Every --policy given, in order. */
  policies: string[];
  positional: string[];
  root: string;
  io: CliIO;
}

/** Prints a usage error. */
export function usage(io: CliIO, message: string): number {
  io.stderr.write(`safestep setting: ${message}\n${USAGE}`);
  return EXIT.usage;
}
