/**
 * The deployment against the content: it serves at least one setting, and every setting it names
 * has a profile in content/settings. A clear error names the file (or variable) and the setting.
 */
import { SafeStepError } from '../core/errors';
import type { Deployment } from './model';

/**
 * Throws config_error when the deployment cannot be served with these profiles, or names a setting
 * in `refusals` (a draft, or one whose policy changed since approval: see approval.ts).
 */
export function checkDeployment(d: Deployment, profiles: readonly string[], refusals: ReadonlyMap<string, string> = new Map()): void {
  if (d.settings.length === 0) {
    throw new SafeStepError('config_error', `SAFESTEP_SETTING (or a deployment file, SAFESTEP_DEPLOYMENT) must name the setting SafeStep serves (one of: ${profiles.join(', ')}).`);
  }
  for (const s of d.settings) {
    if (!profiles.includes(s.id)) {
      throw new SafeStepError('config_error', `${d.source}: setting ${s.id}, key id: there is no profile content/settings/${s.id}.yaml (the profiles are: ${profiles.join(', ')}).`);
    }
    const refused = refusals.get(s.id);
    if (refused) throw new SafeStepError('config_error', `${d.source}: setting ${s.id} is not approved yet: ${refused}`);
  }
}
