/**
 * The shape of the danger model, content/danger/{cues,signals,cancellers}.yaml (validated with
 * zod; every error names file, line and column through parseYamlData):
 *
 * - `cues`: named word groups that describe one side of a risk — who (an adult met online, a
 *   stranger, the person who hurt the child), where/when (now, today, tonight, after school, at
 *   the gate) or what (meeting, collecting, hurting, missing, ending their life, a weapon).
 * - `signals`: a risk. A signal fires when all its `all` cues, at least one of its `any` cues and
 *   (if given) one of its `patterns` match. `level` says what SafeStep does: `certain` → the 999
 *   reply first; `possible` → ask "Is a child in danger right now, or about to be?" first.
 *   `flow` names the flow the conversation should carry on into after the danger reply.
 * - `certainNeeds` (signals.yaml, optional): a cue that must match, outside the words of every
 *   canceller that spoke, for any signal to stay `certain` — a present anchor (now, tonight, at the
 *   gate, is missing, has taken). Without it a certain risk becomes the question.
 * - `neverDemotedBy` (signals.yaml, optional): a cue — the message itself says a child is in danger
 *   now — that, matching outside every canceller's words, keeps a 999 verdict from the backstop's
 *   business demotion (eighth round: "i think a kid is in danger, what do i do").
 * - `cancellers`: words that make a risk about the past, a hypothetical, a policy question or a
 *   joke. Each lowers every fired signal by `lowers` levels (certain → possible → none), or by
 *   `lowersWhenKept` when the cue named `keptBy` (e.g. "right now") still matches once the
 *   canceller's own words are blanked out; and not at all when the cue named `keptByLead` matches in
 *   the text before the canceller's first words (a live report followed by a question: "there's a
 *   man with a knife at the gate, do we lock down?"). With `keptByTrail`, a canceller whose words all
 *   come before a risk that is told again, live, after them (a fired signal fires again on the text
 *   after its last match, and that cue matches there: "all fine at breakfast club. then a man at the
 *   gate says mum sent him") lowers by `lowersWhenTrailed` (0 or 1) only. When every risk is
 *   silenced, the likeness backstop may still ask the question if it is sure (`overrideAt` in
 *   likeness.yaml), unless a canceller marked `final` spoke.
 *
 * Every pattern is a JavaScript regular expression matched case-insensitively against the
 * message lower-cased, and again with content/nlu/vocabulary.yaml applied. `unless` patterns are
 * blanked out before the patterns are tried.
 */
import { z } from 'zod';
import { LikenessSchema } from './danger-likeness';

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

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens');

const CueSchema = z.strictObject({
  description: z.string().min(1),
  patterns: z.array(regexSource).min(1),
  unless: z.array(regexSource).default([]),
});

const SignalSchema = z
  .strictObject({
    id,
    description: z.string().min(1),
    level: z.enum(['certain', 'possible']),
    all: z.array(id).default([]),
    any: z.array(id).default([]),
    patterns: z.array(regexSource).default([]),
    unless: z.array(regexSource).default([]),
    flow: id.optional(),
  })
  .refine((s) => s.all.length + s.any.length + s.patterns.length > 0, {
    message: 'a signal needs `patterns`, `all` or `any` (otherwise it would fire on every message)',
  });

const CancellerSchema = z.strictObject({
  id,
  description: z.string().min(1),
  patterns: z.array(regexSource).min(1),
  lowers: z.union([z.literal(1), z.literal(2)]),
  keptBy: id.optional(),
  lowersWhenKept: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  /** A cue that, matching in the text BEFORE the canceller's first words (a live report, then a question), stops this canceller lowering anything. */
  keptByLead: id.optional(),
  /**
   * A cue that, matching in the text AFTER the canceller's last words where a fired signal also fires
   * again (a reassurance first, then a live risk told after it), lowers by `lowersWhenTrailed` instead.
   */
  keptByTrail: id.optional(),
  lowersWhenTrailed: z.union([z.literal(0), z.literal(1)]).optional(),
  /**
   * Tenth round: the learned backstop never overrides this canceller (likeness `overrideAt`): its words
   * say the message is not about a child at risk at all (the staff member's pay, routine business, an
   * idiom), where the backstop's score is only the risk words. Absent: the backstop may override it.
   */
  final: z.boolean().optional(),
});

/** content/danger/cues.yaml */
export const CuesFileSchema = z.strictObject({ cues: z.record(id, CueSchema) });

function checkCue(known: ReadonlySet<string>, cue: string, ctx: z.RefinementCtx, path: (string | number)[]): void {
  if (!known.has(cue)) ctx.addIssue({ code: 'custom', message: `unknown cue "${cue}": define it in cues.yaml`, path });
}

/** content/danger/signals.yaml, given the cue ids of cues.yaml. */
export function signalsFileSchema(cues: ReadonlySet<string>) {
  return z.strictObject({ certainNeeds: id.optional(), neverDemotedBy: id.optional(), signals: z.array(SignalSchema).min(1) }).superRefine((file, ctx) => {
    if (file.certainNeeds !== undefined) checkCue(cues, file.certainNeeds, ctx, ['certainNeeds']);
    if (file.neverDemotedBy !== undefined) checkCue(cues, file.neverDemotedBy, ctx, ['neverDemotedBy']);
    const seen = new Set<string>();
    file.signals.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', message: `duplicate signal id "${s.id}"`, path: ['signals', i, 'id'] });
      seen.add(s.id);
      for (const key of ['all', 'any'] as const) s[key].forEach((cue, j) => checkCue(cues, cue, ctx, ['signals', i, key, j]));
    });
  });
}

/** content/danger/cancellers.yaml, given the cue ids of cues.yaml. */
export function cancellersFileSchema(cues: ReadonlySet<string>) {
  return z.strictObject({ cancellers: z.array(CancellerSchema) }).superRefine((file, ctx) => {
    file.cancellers.forEach((c, i) => {
      if (c.keptBy !== undefined) checkCue(cues, c.keptBy, ctx, ['cancellers', i, 'keptBy']);
      if (c.keptByLead !== undefined) checkCue(cues, c.keptByLead, ctx, ['cancellers', i, 'keptByLead']);
      if (c.keptByTrail !== undefined) checkCue(cues, c.keptByTrail, ctx, ['cancellers', i, 'keptByTrail']);
      if ((c.keptByTrail === undefined) !== (c.lowersWhenTrailed === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'give `keptByTrail` and `lowersWhenTrailed` together', path: ['cancellers', i] });
      }
      if ((c.keptBy === undefined) !== (c.lowersWhenKept === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'give `keptBy` and `lowersWhenKept` together', path: ['cancellers', i] });
      }
    });
  });
}

/** The whole model in one object (the three files together). */
export const DangerRulesSchema = z.strictObject({
  cues: z.record(id, CueSchema).default({}),
  signals: z.array(SignalSchema).min(1),
  cancellers: z.array(CancellerSchema).default([]),
  /** signals.yaml `certainNeeds`: the cue (a present anchor) without which a certain risk is only asked about. */
  certainNeeds: id.optional(),
  /** signals.yaml `neverDemotedBy`: the cue (an explicit statement of danger now) that keeps a 999 verdict from demotion. */
  neverDemotedBy: id.optional(),
  /** content/danger/likeness.yaml: the learned backstop that may only raise the question (optional). */
  likeness: LikenessSchema.optional(),
});

/** The danger rules as authored. */
export type DangerRules = z.output<typeof DangerRulesSchema>;
