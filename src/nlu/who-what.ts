/**
 * Who does what to whom (content/nlu/who-what.yaml, issue 12): structured cues that let the
 * router tell apart flows that share their words. "phone" is in both "a pupil's phone at break"
 * and "can I have my phone on me"; what differs is whose phone it is. So the message's people
 * (`who`: me, a colleague, a pupil, a parent, a stranger …), things (`objects`: phone, image …)
 * and acts (`acts`: shared, taken, searched, used …) are found, and each pairing of the kinds listed
 * in `pairings` that sits close together becomes one more feature:
 * - `own`: `#own:pupil×phone`   a person named just before a thing ("a year 9's phone", "my phone");
 * - `act`: `#act:search×phone`  an act and the thing it is done to ("went through his phone");
 * - `by`:  `#by:staff×share`    a person named just before an act ("a colleague posted");
 * - `to`:  `#to:contact×pupil`  an act and the person named just after it ("messaged a pupil").
 * "his", "her", "their" … (`pronouns`) stand for the last person named before them, so "a girl in
 * year 9 … her phone" gives `#own:pupil×phone`. Terms are matched as stems over every word (stop
 * words included), longest first. Data, validated at load; the router weights the pairings at
 * `weight` times an ordinary feature's TF-IDF weight and learns them per flow like any other.
 * Measured over 8 training orders (docs/routing-notes.md): `own` and `act` at 0.3 help a little on
 * every set; `by` and `to`, or a larger weight, help the short messages and cost the long ones.
 */
import { z } from 'zod';

const words = z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/, 'use lower-case words separated by single spaces');
const name = z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'use lower-case words joined by hyphens');
const group = z.record(name, z.array(words).min(1));

/** The kinds of pairing (see the file comment). */
export const PAIRINGS = ['own', 'act', 'by', 'to'] as const;
export type Pairing = (typeof PAIRINGS)[number];

/** Whether a feature is a pairing ("#own:pupil×phone"): only pairings hold "×"; no stem or concept can. */
export const isPairingFeature = (feature: string): boolean => feature.includes('×');

/** Shape of content/nlu/who-what.yaml. */
export const WhoWhatSchema = z
  .strictObject({
    /** Which pairings become features. */
    pairings: z.array(z.enum(PAIRINGS)).min(1),
    /** A pairing feature's weight, as a share of an ordinary feature's (TF-IDF) weight. */
    weight: z.number().positive().max(1),
    /** How many words apart a person and a thing, or an act and its thing, may be. */
    window: z.number().int().min(1).max(10).default(4),
    /** People: a name → the words that mean them. */
    who: group,
    /** Words that stand for the last person named before them (his, her, their …). */
    pronouns: z.array(z.string().regex(/^[a-z]+$/, 'one lower-case word')).default([]),
    /** Things: a name → the words that mean them. */
    objects: group,
    /** Acts: a name → the words that mean them. */
    acts: group,
  })
  .superRefine((data, ctx) => {
    for (const key of ['who', 'objects', 'acts'] as const) {
      const seen = new Map<string, string>();
      for (const [cue, terms] of Object.entries(data[key])) {
        terms.forEach((t, i) => {
          const other = seen.get(t);
          if (other !== undefined && other !== cue) ctx.addIssue({ code: 'custom', message: `"${t}" is already a ${key} term of "${other}"`, path: [key, cue, i] });
          seen.set(t, cue);
        });
      }
    }
  });

/** The cues as authored. */
export type WhoWhat = z.output<typeof WhoWhatSchema>;

type Kind = 'who' | 'object' | 'act';
interface Mention {
  kind: Kind;
  name: string;
  at: number;
  end: number;
}

/**
 * Compiles the cues into a function from a message's stems (every word, stop words kept) to the
 * pairing features it holds (each once). `stem` must be the normaliser's stemmer.
 */
export function compileWhoWhat(cues: WhoWhat, stem: (w: string) => string): (stems: readonly string[]) => string[] {
  const byFirst = new Map<string, { kind: Kind; name: string; terms: string[] }[]>();
  const add = (kind: Kind, entries: Record<string, string[]>) => {
    for (const [cue, terms] of Object.entries(entries)) {
      for (const term of terms) {
        const seq = term.split(' ').map(stem);
        const list = byFirst.get(seq[0]!) ?? [];
        list.push({ kind, name: cue, terms: seq });
        list.sort((a, b) => b.terms.length - a.terms.length);
        byFirst.set(seq[0]!, list);
      }
    }
  };
  add('who', cues.who);
  add('object', cues.objects);
  add('act', cues.acts);
  const pronouns = new Set(cues.pronouns.map(stem));
  const w = cues.window;
  const want = new Set<Pairing>(cues.pairings);

  return (stems) => {
    const mentions: Mention[] = [];
    let lastPerson: string | undefined;
    for (let i = 0; i < stems.length; i++) {
      const s = stems[i]!;
      if (pronouns.has(s)) {
        if (lastPerson) mentions.push({ kind: 'who', name: lastPerson, at: i, end: i + 1 });
        continue;
      }
      const entries = byFirst.get(s);
      if (!entries) continue;
      // At one position a word can be a thing and an act ("message", "search"): keep the longest of each kind.
      let longest = 0;
      const kinds = new Set<Kind>();
      for (const e of entries) {
        if (kinds.has(e.kind) || !e.terms.every((t, k) => stems[i + k] === t)) continue;
        kinds.add(e.kind);
        mentions.push({ kind: e.kind, name: e.name, at: i, end: i + e.terms.length });
        if (e.kind === 'who' && e.name !== 'self') lastPerson = e.name;
        longest = Math.max(longest, e.terms.length);
      }
      if (longest > 1) i += longest - 1;
    }
    const found = new Set<string>();
    /** The nearest mention of `kind` ending within `w` words before `at`. */
    const before = (kind: Kind, at: number) => {
      for (let j = mentions.length - 1; j >= 0; j--) {
        const m = mentions[j]!;
        if (m.kind === kind && m.end <= at && at - m.end < w) return m;
      }
      return undefined;
    };
    /** The nearest mention of `kind` starting within `w` words after `end`. */
    const after = (kind: Kind, end: number) => mentions.find((m) => m.kind === kind && m.at >= end && m.at - end < w);
    for (const m of mentions) {
      if (m.kind === 'object') {
        const owner = want.has('own') && before('who', m.at);
        if (owner) found.add(`#own:${owner.name}×${m.name}`);
      } else if (m.kind === 'act') {
        const actor = want.has('by') && before('who', m.at);
        if (actor) found.add(`#by:${actor.name}×${m.name}`);
        const thing = want.has('act') && (after('object', m.end) ?? before('object', m.at));
        if (thing) found.add(`#act:${m.name}×${thing.name}`);
        const target = want.has('to') && after('who', m.end);
        if (target) found.add(`#to:${m.name}×${target.name}`);
      }
    }
    return [...found];
  };
}
