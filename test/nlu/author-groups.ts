/**
 * The fixed partition of the real-world routing tuning parts (test/nlu/real-world/tune*.yaml, each
 * by one author, all copied into content/nlu/staff-messages.yaml by to-training.mjs) into four
 * groups, for the leave-group-out routing floors (real-world-floors.test.ts): one router per group,
 * trained on every staff message except that group's authors', measures each of the group's parts,
 * so every author is measured by a router that never saw a message of theirs.
 *
 * The groups are the parts in file order (tune.yaml, tune-2.yaml … tune-20.yaml) dealt round-robin
 * into four, so each group mixes early and late rounds and holds 1,413–1,597 of the 6,167 staff
 * messages (about a quarter each). It is fixed, not drawn, so a floor always measures the same
 * router. A new part continues the deal (tune-21.yaml into group 1, …); author-groups.test.ts fails
 * until it is placed, and the floors of its group are then measured again. Four groups, not five:
 * each group router costs one training (~35 s of CPU), and four kept the suite near two minutes.
 * bench/routing-authors.ts still gives the leave-one-author-out figures (a little higher: each of
 * its routers trains on about 5,850 staff messages, a group's on 4,570–4,754).
 */

/** One tuning part: its author (as in staff-messages.yaml) and its file under the repository root. */
export interface TuningPart {
  author: string;
  file: string;
}

/** One group: its name and its parts; its router trains on every staff message but these authors'. */
export interface AuthorGroup {
  name: string;
  parts: readonly TuningPart[];
}

const part = (author: string, n: number): TuningPart => ({ author, file: `test/nlu/real-world/tune${n === 1 ? '' : `-${n}`}.yaml` });

/** The four groups (part n goes to group ((n − 1) mod 4) + 1). */
export const AUTHOR_GROUPS: readonly AuthorGroup[] = [
  { name: 'group 1', parts: [part('1', 1), part('F', 5), part('J', 9), part('N', 13), part('R', 17)] },
  { name: 'group 2', parts: [part('C', 2), part('G', 6), part('K', 10), part('O', 14), part('S', 18)] },
  { name: 'group 3', parts: [part('D', 3), part('H', 7), part('L', 11), part('P', 15), part('T', 19)] },
  { name: 'group 4', parts: [part('E', 4), part('I', 8), part('M', 12), part('Q', 16), part('U', 20)] },
];

/** The group holding `author`'s part (throws when no group does: an author must never be left out). */
export function groupOf(author: string): AuthorGroup {
  const group = AUTHOR_GROUPS.find((g) => g.parts.some((p) => p.author === author));
  if (!group) throw new Error(`author ${author} is in no group of test/nlu/author-groups.ts`);
  return group;
}

/** The authors of a group, for filtering its router's training messages. */
export function authorsOf(group: AuthorGroup): ReadonlySet<string> {
  return new Set(group.parts.map((p) => p.author));
}
