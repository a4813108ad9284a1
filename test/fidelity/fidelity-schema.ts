/**
 * Policy-fidelity specs (test/fidelity/<flow-id>.yaml): for paths through a flow, what the
 * advice must say, must cite and must never say, for every setting and per setting. Texts may
 * use template placeholders ({{dsl.name}}, {{setting}} …), filled for each setting.
 */
import { z } from 'zod';

const Expectations = z.strictObject({
  mustSay: z.array(z.string()).optional(),
  mustNotSay: z.array(z.string()).optional(),
  /** "§SECTION" (any document) or "DOCUMENT-ID §SECTION". */
  mustCite: z.array(z.string()).optional(),
  mustNotCite: z.array(z.string()).optional(),
  urgency: z.enum(['immediate', 'urgent', 'routine', 'none']).optional(),
});

export const FidelitySchema = z.strictObject({
  flow: z.string(),
  cases: z
    .array(
      Expectations.extend({
        name: z.string(),
        /** Answers in order, as "question-id=choice-id"; report prompts are answered automatically. */
        path: z.array(z.string().regex(/^[a-z0-9-]+=[a-z0-9-]+$/)),
        perSetting: z.record(z.string(), Expectations).optional(),
      }),
    )
    .min(1),
});

export type FidelitySpec = z.output<typeof FidelitySchema>;
export type Expectations = z.output<typeof Expectations>;
