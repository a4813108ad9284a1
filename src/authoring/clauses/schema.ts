/**
 * The clause map of one policy document (content/clauses/<document-id>.yaml): every operative
 * clause, quoted word for word, with its section; each is either used by some advice item (a
 * setting rule cites it with `clause: <id>`) or `excused` with a one-line reason. Shape only:
 * verbatim, completeness and use are checked by validate/clause-map.ts.
 */
import { z } from 'zod';

/** One operative clause: a short verbatim quote of the policy (" … " may mark words left out). */
export const ClauseSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'use letters, digits, dots and hyphens, e.g. 11.6b'),
  section: z.string().min(1),
  text: z.string().min(8).max(400),
  /** Why no advice item rests on it (one line). Absent means an advice item must use it. */
  excused: z.string().min(10).max(200).optional(),
});

/** content/clauses/<document-id>.yaml */
export const ClauseMapSchema = z.strictObject({
  document: z.string().min(1),
  clauses: z.array(ClauseSchema).min(1),
});

export type ClauseDef = z.output<typeof ClauseSchema>;
export type ClauseMapDef = z.output<typeof ClauseMapSchema>;
