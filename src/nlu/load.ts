/**
 * Loads the NLU content from a content root: content/nlu/vocabulary.yaml, out-of-scope.yaml,
 * staff-messages.yaml (optional), router.yaml and the danger model (content/danger/*.yaml), each validated, with errors naming file and line. Reads
 * files only; builds nothing (see createNlu).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FlowDef } from '../core/model';
import type { DangerDetector } from '../core/ports';
import { codeKey } from '../authoring/check-stamp';
import { yamlMemo } from '../authoring/yaml-memo';
import { SafeStepError } from '../core/errors';
import { createDangerDetector, type DangerRules } from './danger';
import { LikenessSchema } from './danger-likeness';
import { cancellersFileSchema, CuesFileSchema, signalsFileSchema } from './danger-schema';
import { createFileModelCache } from './model-cache';
import { createRouter, type ModelCache, type NluRouter } from './router';
import { parseStaffMessages, staffMessagesFile, type StaffMessage, type StaffMessagesFile } from './staff-messages';
import { VocabularySchema, type Vocabulary } from './vocabulary';
import { WhoWhatSchema, type WhoWhat } from './who-what';
import { parseYamlData } from './yaml-data';

/** content/nlu/out-of-scope.yaml */
export const OutOfScopeSchema = z.strictObject({ examples: z.array(z.string().min(3)).min(1) });

const flowId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a flow id: lower-case words joined by hyphens');

const conceptName = z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'a concept of content/nlu/vocabulary.yaml: lower-case words joined by hyphens');

/**
 * content/nlu/router.yaml. With `concepts` (the vocabulary's), a `concern` concept that is not one
 * of them is an error at its line.
 */
export const routerConfigSchema = (concepts?: ReadonlySet<string>) => z
  .strictObject({
    threshold: z.number().min(0).max(1),
    offer: z.number().min(0).max(1).default(0.15),
    severity: z.array(z.array(flowId).min(1)).default([]),
    model: z
      .strictObject({
        l2: z.number().min(0).max(1).optional(),
        epochs: z.number().int().min(1).max(500).optional(),
        rate: z.number().positive().max(100).optional(),
        blend: z.number().min(0).max(1).optional(),
        neighbours: z.number().int().min(1).max(10).optional(),
        temperature: z.number().positive().max(10).optional(),
        idfPower: z.number().min(0).max(3).optional(),
        seed: z.number().int().min(1).max(2147483646).optional(),
        joined: z.number().int().min(0).max(3).optional(),
        solver: z.enum(['sgd', 'lbfgs']).optional(),
        staffWeight: z.number().min(0).max(10).optional(),
        bigrams: z.number().min(0).max(3).optional(),
      })
      .optional(),
    concern: z.strictObject({ flow: flowId, concepts: z.array(conceptName).min(1), alongside: z.array(conceptName).optional() }).optional(),
  })
  .superRefine((config, ctx) => {
    for (const key of ['concepts', 'alongside'] as const) {
      config.concern?.[key]?.forEach((c, i) => {
        if (concepts && !concepts.has(c)) ctx.addIssue({ code: 'custom', message: `"${c}" is not a concept of ${NLU_FILES.vocabulary}`, path: ['concern', key, i] });
      });
    }
    const seen = new Set<string>();
    config.severity.forEach((tier, i) =>
      tier.forEach((id, j) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `flow "${id}" is in more than one place`, path: ['severity', i, j] });
        seen.add(id);
      }),
    );
  });

/** content/nlu/router.yaml, its concern concepts unchecked (they need the vocabulary). */
export const RouterConfigSchema = routerConfigSchema();

/** Everything the router and danger detector are built from, besides the flows. */
export interface NluContent {
  vocabulary: Vocabulary;
  /** Who-does-what cues; absent when the content has no content/nlu/who-what.yaml. */
  whoWhat?: WhoWhat;
  outOfScope: string[];
  /** Real staff messages trained on beside the examples; empty when the content has no content/nlu/staff-messages.yaml. */
  staffMessages: StaffMessage[];
  router: z.output<typeof RouterConfigSchema>;
  danger: DangerRules;
}

/**
 * The NLU content as a start loads it (loadNluContent with `useMemo`): the staff messages are not
 * read, only their file's key (staff-messages.ts); the router reads them if it must train.
 */
export type NluStartContent = Omit<NluContent, 'staffMessages'> & { staffMessages: StaffMessagesFile | StaffMessage[] };

/** The content files, relative to the content root. */
export const NLU_FILES = {
  vocabulary: 'content/nlu/vocabulary.yaml',
  whoWhat: 'content/nlu/who-what.yaml',
  outOfScope: 'content/nlu/out-of-scope.yaml',
  staffMessages: 'content/nlu/staff-messages.yaml',
  router: 'content/nlu/router.yaml',
  dangerCues: 'content/danger/cues.yaml',
  dangerSignals: 'content/danger/signals.yaml',
  dangerCancellers: 'content/danger/cancellers.yaml',
  dangerLikeness: 'content/danger/likeness.yaml',
} as const;

/**
 * Reads and validates the NLU content under `root`; throws content_error naming file and line.
 * `useMemo` (a start): a file whose exact text passed its schema under this code before is taken
 * from the memo of shaped data (yaml-data.ts), and the staff messages are only hashed (their
 * file is parsed and checked when the router has to train on them: NluStartContent);
 * `safestep validate` checks every file. The staff messages never go through the YAML memo.
 */
export function loadNluContent(root: string, options: { useMemo: true }): NluStartContent;
export function loadNluContent(root: string, options?: { useMemo?: false }): NluContent;
export function loadNluContent(root: string, options: { useMemo?: boolean } = {}): NluContent | NluStartContent {
  const code = options.useMemo ? codeKey(__filename) : undefined;
  /** `depends`: what else the schema's verdict depends on (the concepts or cues of another file). */
  const read = <S extends z.ZodType>(file: string, schema: S, depends = ''): z.output<S> => {
    // The likeness model is written by its trainer, never by hand.
    const generated = file === NLU_FILES.dangerLikeness;
    const text = readText(root, file);
    return parseYamlData(text, file, schema, { generated, ...(code ? { shaped: { name: `${file}\0${depends}`, code } } : {}) });
  };
  const exists = (file: string) => fs.existsSync(path.join(root, file));
  const vocabulary = read(NLU_FILES.vocabulary, VocabularySchema);
  const staff = NLU_FILES.staffMessages;
  const content: NluContent | NluStartContent = {
    vocabulary,
    ...(exists(NLU_FILES.whoWhat) ? { whoWhat: read(NLU_FILES.whoWhat, WhoWhatSchema) } : {}),
    outOfScope: read(NLU_FILES.outOfScope, OutOfScopeSchema).examples,
    staffMessages: !exists(staff) ? [] : options.useMemo ? staffMessagesFile(root, staff) : parseStaffMessages(readText(root, staff), staff),
    router: read(NLU_FILES.router, routerConfigSchema(new Set(Object.keys(vocabulary.concepts))), JSON.stringify(Object.keys(vocabulary.concepts).sort())),
    danger: readDanger(read, exists),
  };
  yamlMemo().save(); // every file is read: keep what was parsed for the next start
  return content;
}

/** The text of `file` under `root`; content_error when it cannot be read. */
function readText(root: string, file: string): string {
  try {
    return fs.readFileSync(path.join(root, file), 'utf8');
  } catch (cause) {
    throw new SafeStepError('content_error', `${file}: cannot read file`, { cause });
  }
}

/** The danger model's files; signals and cancellers are checked against the cues; the likeness backstop is optional. */
function readDanger(read: <S extends z.ZodType>(file: string, schema: S, depends?: string) => z.output<S>, exists: (file: string) => boolean): DangerRules {
  const { cues } = read(NLU_FILES.dangerCues, CuesFileSchema);
  const known = new Set(Object.keys(cues));
  const cueNames = JSON.stringify([...known].sort());
  const { signals, certainNeeds, neverDemotedBy } = read(NLU_FILES.dangerSignals, signalsFileSchema(known), cueNames);
  const { cancellers } = read(NLU_FILES.dangerCancellers, cancellersFileSchema(known), cueNames);
  const likeness = exists(NLU_FILES.dangerLikeness) ? read(NLU_FILES.dangerLikeness, LikenessSchema) : undefined;
  return { cues, signals, cancellers, ...(certainNeeds ? { certainNeeds } : {}), ...(neverDemotedBy ? { neverDemotedBy } : {}), ...(likeness ? { likeness } : {}) };
}

/**
 * Builds the router (trained on the flows' examples, or read from the model cache when nothing it
 * is trained on has changed since a start with this code) and the danger detector. `cache`:
 * null trains every time. With a start's content, the staff messages are parsed only when the
 * router trains (a broken file fails here, naming file and line).
 */
export function createNlu(
  flows: readonly FlowDef[],
  content: NluContent | NluStartContent,
  options: { cache?: ModelCache | null } = {},
): { router: NluRouter; danger: DangerDetector } {
  const danger = createDangerDetector(content.danger, { vocabulary: content.vocabulary });
  return {
    danger,
    router: createRouter(flows, {
      vocabulary: content.vocabulary,
      ...(content.whoWhat ? { whoWhat: content.whoWhat } : {}),
      outOfScope: content.outOfScope,
      staffMessages: content.staffMessages,
      threshold: content.router.threshold,
      offer: content.router.offer,
      severity: content.router.severity,
      model: content.router.model,
      ...(content.router.concern ? { concern: content.router.concern } : {}),
      ...(options.cache === null ? {} : { cache: options.cache ?? createFileModelCache() }),
    }),
  };
}

/** Loads the NLU content under `root` and builds router and danger detector for these flows. */
export function loadNlu(root: string, flows: readonly FlowDef[]): { router: NluRouter; danger: DangerDetector } {
  return createNlu(flows, loadNluContent(root, { useMemo: true }));
}
