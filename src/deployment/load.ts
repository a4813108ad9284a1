/**
 * Reads the deployment file (SAFESTEP_DEPLOYMENT), or builds the single-setting deployment from
 * today's variables (SAFESTEP_SETTING, SLACK_DSL_*, TEAMS_DSL_*). A bad file is a clear error
 * naming the file, the line, the setting and the key; nothing starts.
 */
import { SafeStepError } from '../core/errors';
import { parseYaml } from '../authoring/yaml-source';
import { readFileSync } from 'node:fs';
import type { Deployment, PlatformPlace } from './model';
import { DeploymentSchema, type DeploymentFile } from './schema';

/** Today's single-setting variables, as the config reads them. */
export interface SingleSetting {
  settingId?: string;
  slack?: { dslUsers: string[]; dslChannel?: string };
  teams?: { dslUsers: string[]; dslChannel?: string; tenantId?: string };
}

/** The deployment of one setting, everywhere SafeStep is connected (today's variables). */
export function singleSettingDeployment(s: SingleSetting): Deployment {
  if (!s.settingId) return { source: 'SAFESTEP_SETTING', settings: [] };
  const place = (p: { dslUsers: string[]; dslChannel?: string }, workspaces: string[] = []): PlatformPlace => ({
    workspaces,
    dslUsers: p.dslUsers,
    ...(p.dslChannel ? { dslChannel: p.dslChannel } : {}),
  });
  return {
    source: 'SAFESTEP_SETTING',
    settings: [
      {
        id: s.settingId,
        ...(s.slack ? { slack: place(s.slack) } : {}),
        ...(s.teams ? { teams: place(s.teams, s.teams.tenantId ? [s.teams.tenantId] : []) } : {}),
      },
    ],
  };
}

function fail(file: string, line: number | undefined, what: string): never {
  throw new SafeStepError('config_error', `The deployment file ${file}${line ? `:${line}` : ''} ${what}`);
}

/** Reads and checks the deployment file; throws config_error naming the file, line, setting and key. */
export function readDeployment(file: string, absolutePath: string): Deployment {
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch {
    return fail(file, undefined, 'is missing or cannot be read (SAFESTEP_DEPLOYMENT).');
  }
  const parsed = parseYaml(text, file);
  if (!parsed.source) return fail(file, parsed.problems[0]?.line, `is not valid YAML: ${parsed.problems[0]?.message ?? ''}`);
  const { source } = parsed;
  const result = DeploymentSchema.safeParse(source.data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const settingIndex = issue.path[0] === 'settings' && typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
    const settingId = settingIndex !== undefined ? (source.data as DeploymentFile).settings?.[settingIndex]?.id : undefined;
    const key = issue.path.slice(settingIndex !== undefined ? 2 : 0).join('.') || '(top level)';
    return fail(file, source.lineOf(issue.path), `${settingId ? `setting ${settingId}, ` : ''}key ${key}: ${issue.message}.`);
  }
  const seen = new Set<string>();
  result.data.settings.forEach((s, i) => {
    if (seen.has(s.id)) fail(file, source.lineOf(['settings', i, 'id']), `lists setting ${s.id} twice.`);
    seen.add(s.id);
  });
  const deployment: Deployment = {
    source: file,
    settings: result.data.settings.map((s) => ({
      id: s.id,
      ...(s.slack ? { slack: { ...s.slack, workspaces: s.slack.teamIds } } : {}),
      ...(s.teams ? { teams: { ...s.teams, workspaces: s.teams.tenantIds } } : {}),
    })),
  };
  checkShared(deployment, (i, channel) => source.lineOf(['settings', i, channel]));
  return deployment;
}

/** Settings sharing a workspace must each list their people, or nobody could tell them apart. */
function checkShared(d: Deployment, lineOf: (index: number, channel: string) => number): void {
  for (const channel of ['slack', 'teams'] as const) {
    const byWorkspace = new Map<string, number[]>();
    d.settings.forEach((s, i) => {
      for (const w of s[channel]?.workspaces ?? []) byWorkspace.set(w, [...(byWorkspace.get(w) ?? []), i]);
    });
    for (const [workspace, indexes] of byWorkspace) {
      if (indexes.length < 2) continue;
      const unlisted = indexes.find((i) => !d.settings[i]![channel]!.userIds?.length);
      if (unlisted !== undefined) {
        fail(d.source, lineOf(unlisted, channel), `setting ${d.settings[unlisted]!.id}, key ${channel}.userIds: ${workspace} is shared by ${indexes.length} settings, so each must list its people (userIds).`);
      }
    }
  }
}
