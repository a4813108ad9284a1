/**
 * Facts about a setting's own people and policy documents, as flows show, cite and test them
 * (the `about-our-policy` flow): who the DSL and deputies are, how to reach the DSL out of hours,
 * and each document's approval and review dates. Everything comes from the setting's profile;
 * where the profile has no value the field is "silent" and the flow says so. Pure.
 */
import type { Citation, ProfileField, SettingProfile } from './model';

export { PROFILE_FIELDS, type ProfileField } from './model';

/**
 * The section id of a policy's front page (key details before section 1), as clause maps use it.
 * The DSL's name and the review dates are printed there.
 */
export const FRONT_PAGE = 'preamble';

/** True when the profile has a value for the field. */
export function profileHas(field: ProfileField, s: SettingProfile): boolean {
  switch (field) {
    case 'dsl':
      return s.people.dsl.name !== undefined;
    case 'deputies':
      return s.people.deputies.length > 0;
    case 'out-of-hours':
      return s.people.outOfHours !== undefined;
    case 'reviews':
      return s.documents.length > 0;
  }
}

function unique(cites: Citation[]): Citation[] {
  const seen = new Set<string>();
  return cites.filter((c) => {
    const key = `${c.document}\u0000${c.section}\u0000${(c.clauses ?? []).join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where in the setting's own documents the field's value is written (empty when the profile gives none). */
export function profileCitations(field: ProfileField, s: SettingProfile): Citation[] {
  switch (field) {
    case 'dsl':
      return s.people.dsl.cite ?? [];
    case 'deputies':
      return unique(s.people.deputies.flatMap((d) => d.cite ?? []));
    case 'out-of-hours':
      return s.people.outOfHours?.cite ?? [];
    case 'reviews':
      return s.documents.map((d) => ({ document: d.id, section: FRONT_PAGE }));
  }
}

/**
 * Each document's dates in the profile's own words: approved, last reviewed (or that the policy
 * does not say), next review due.
 */
export function reviewsText(s: SettingProfile): string {
  return s.documents
    .map((d) => {
      const last = d.lastReviewed ? `last reviewed ${d.lastReviewed}` : 'the policy does not say when it was last reviewed';
      return `${d.title} - approved: ${d.approved}; ${last}; next review due: ${d.reviewDue}.`;
    })
    .join(' ');
}
