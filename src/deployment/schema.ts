/**
 * The deployment file's schema (SAFESTEP_DEPLOYMENT): portable between versions, strict about
 * typos. More keys may be added; none may change meaning.
 */
import { z } from 'zod';

const id = z.string().min(1).max(200);
const ids = z.array(id);

const SlackPlace = z.strictObject({
  teamIds: z.array(z.string().regex(/^[TE][A-Z0-9]+$/, 'a Slack team id looks like T0123ABC')).min(1),
  userIds: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack member id looks like U0123ABC')).optional(),
  dslUsers: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack member id looks like U0123ABC')).default([]),
  dslChannel: z.string().regex(/^[CG][A-Z0-9]+$/, 'a Slack channel id looks like C0123ABC').optional(),
  quizChannel: z.string().regex(/^[CG][A-Z0-9]+$/, 'a Slack channel id looks like C0123ABC').optional(),
});

const TeamsPlace = z.strictObject({
  tenantIds: ids.min(1),
  userIds: ids.optional(),
  dslUsers: ids.default([]),
  dslChannel: id.optional(),
  quizChannel: id.optional(),
});

/** One setting in the file. */
export const DeployedSettingSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a setting id is the name of its profile in content/settings, e.g. upton-junior'),
  slack: SlackPlace.optional(),
  teams: TeamsPlace.optional(),
});

/** The whole file. */
export const DeploymentSchema = z.strictObject({
  settings: z.array(DeployedSettingSchema).min(1),
});

export type DeploymentFile = z.infer<typeof DeploymentSchema>;
