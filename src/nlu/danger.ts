/**
 * Spots messages that say a child may be in immediate danger, so SafeStep can say "call 999"
 * before anything else. Rules are data (content/danger.yaml): each signal is a list of regular
 * expressions, with optional `unless` expressions whose matches are blanked out first (so
 * "family emergency" or "stranger danger lesson" cannot trip the emergency signal, while another
 * part of the same message still can). Recall matters more than precision here.
 */
import { z } from 'zod';
import type { DangerDetector } from '../core/ports';
import { applyPatterns, tokenise } from './normalise';
import { compileVocabulary, expandTokens, EMPTY_VOCABULARY, type Vocabulary } from './vocabulary';

const regexSource = z.string().min(1).refine(
  (source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

/** Shape of content/danger.yaml. */
export const DangerRulesSchema = z
  .strictObject({
    signals: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens'),
          description: z.string().min(1),
          patterns: z.array(regexSource).min(1),
          unless: z.array(regexSource).default([]),
        }),
      )
      .min(1),
  })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.signals.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', message: `duplicate signal id "${s.id}"`, path: ['signals', i, 'id'] });
      seen.add(s.id);
    });
  });

/** The danger rules as authored. */
export type DangerRules = z.output<typeof DangerRulesSchema>;

/**
 * Builds the detector. Each message is checked twice: lower-cased as typed, and with the
 * vocabulary applied ("rn" → "right now", "y6" → "year 6"), apostrophes dropped; a signal fires
 * if either form matches. Signals are reported in file order.
 */
export function createDangerDetector(rules: DangerRules, options: { vocabulary?: Vocabulary } = {}): DangerDetector {
  const vocabulary = compileVocabulary(options.vocabulary ?? EMPTY_VOCABULARY);
  const signals = rules.signals.map((s) => ({
    id: s.id,
    patterns: s.patterns.map((p) => new RegExp(p, 'i')),
    unless: s.unless.map((p) => new RegExp(p, 'gi')),
  }));
  return {
    detect(text: string) {
      const typed = applyPatterns(text, vocabulary).replace(/\s+/g, ' ').trim();
      const expanded = expandTokens(tokenise(typed), vocabulary).join(' ');
      const found = signals
        .filter((s) =>
          [typed, expanded].some((form) => {
            const kept = s.unless.reduce((t, re) => t.replace(re, ' … '), form);
            return s.patterns.some((re) => re.test(kept));
          }),
        )
        .map((s) => s.id);
      return { danger: found.length > 0, signals: found };
    },
  };
}
