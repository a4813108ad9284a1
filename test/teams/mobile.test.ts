/**
 * Teams on a phone: every question of every flow for every setting, and the quiz's, as cards:
 * no button title a phone would cut (over 30 characters) unless the choice is also in the card
 * in full; number buttons carry the choice as their tooltip (what screen readers say); each
 * button submits exactly the question id and choice id the core expects. Cards are measured as
 * Teams measures them (the payload in UTF-16), so text with emoji and accented names is split
 * where Teams needs it, never inside an emoji, with nothing lost.
 */
import { TEAMS_MESSAGE_LIMIT, teamsSize } from '../../src/channels/teams/cards';
import { BUTTON_LABEL_FITS, renderReplies } from '../../src/channels/teams/render-cards';
import type { Reply } from '../../src/core/messages';
import { catalog } from '../doubles/content';
import { content, questionsOf } from '../support/all-questions';
import { textsOf } from './teams-client';

type Json = Record<string, unknown>;

/** Every Action.Submit in a card, as sent. */
const actionsOf = (node: unknown): Json[] => {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (!node || typeof node !== 'object') return [];
  const n = node as Json;
  return [...(n.type === 'Action.Submit' ? [n] : []), ...Object.values(n).flatMap(actionsOf)];
};

describe.each([...content.settings.keys()])('%s', (settingId) => {
  test('every choice is readable in full on a phone, and every button submits what the core expects', () => {
    expect(BUTTON_LABEL_FITS).toBeLessThanOrEqual(30);
    const problems: string[] = [];
    for (const q of questionsOf(settingId)) {
      const messages = renderReplies([q], catalog.labels) as Json[];
      if (messages.length !== 1) throw new Error(`${q.id}: ${messages.length} messages`);
      const shown = textsOf(messages[0]!);
      const actions = actionsOf(messages[0]);
      if (actions.length !== q.choices.length) problems.push(`${q.id}: ${actions.length} buttons for ${q.choices.length} choices`);
      q.choices.forEach((choice, i) => {
        const a = actions[i]!;
        const title = String(a.title);
        if (JSON.stringify(a.data) !== JSON.stringify({ ss: 'choice', q: q.id, choice: choice.id })) problems.push(`${q.id}: button ${i + 1} submits ${JSON.stringify(a.data)}`);
        const inFull = shown.includes(`${i + 1}. ${choice.label}`);
        if (title.length > 30 && !inFull) problems.push(`${q.id}: "${title}" is cut on a phone and not in the card in full`);
        if (title !== choice.label && !inFull) problems.push(`${q.id}: "${choice.label}" is nowhere in full`);
        if (/^\d+$/.test(title) && a.tooltip !== choice.label) problems.push(`${q.id}: number button ${title} has tooltip ${String(a.tooltip)}`);
      });
      if (teamsSize(messages[0]) >= TEAMS_MESSAGE_LIMIT) problems.push(`${q.id}: card too big`);
    }
    expect(problems).toEqual([]);
  });
});

describe('sizes as Teams counts them (UTF-16)', () => {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  test('counts two bytes a UTF-16 code unit: an emoji 4, an accented letter 2, an ASCII letter 2', () => {
    expect(teamsSize('')).toBe(4); // the two quotes of ""
    expect(teamsSize('😀') - teamsSize('')).toBe(4);
    expect(teamsSize('é') - teamsSize('')).toBe(2);
    expect(teamsSize('e') - teamsSize('')).toBe(2);
  });

  test('a turn with emoji and accented names is split where Teams needs it, not where UTF-8 would, with nothing lost', () => {
    const line = (n: number) => `Zoë Ørsted-Nuñez 😀 told Siân 🙂 (${n})`;
    const account = Array.from({ length: 360 }, (_, i) => line(i)).join('\n');
    const replies: Reply[] = [
      { type: 'text', text: account },
      { type: 'question', id: 'next', text: 'Qu’est-ce que vous voulez faire ? 🤔', choices: [{ id: 'a', label: 'Carry on' }] },
    ];
    // Under the old UTF-8 measure this turn was one card; in UTF-16 it is over Teams' limit.
    const oneCard = renderReplies(replies.slice(0, 1), catalog.labels);
    expect(Buffer.byteLength(JSON.stringify(replies))).toBeLessThan(20_000);
    expect(teamsSize(replies)).toBeGreaterThan(TEAMS_MESSAGE_LIMIT);
    const messages = renderReplies(replies, catalog.labels) as Json[];
    expect(messages.length).toBeGreaterThan(2);
    expect(oneCard.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(teamsSize(m)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      for (const t of textsOf(m)) expect(t).not.toMatch(lone);
    }
    const shown = messages.flatMap((m) => textsOf(m)).join('\n');
    for (let i = 0; i < 360; i++) expect(shown).toContain(line(i));
    expect(actionsOf(messages.at(-1)).map((a) => a.data)).toEqual([{ ss: 'choice', q: 'next', choice: 'a' }]);
  });

  test('a very long unbroken line of emoji is cut into pieces between emoji, never inside one', () => {
    const text = `a${'👍'.repeat(9000)}`; // odd offset: a cut every N code units would land inside an emoji
    const messages = renderReplies([{ type: 'text', text }], catalog.labels) as Json[];
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(teamsSize(m)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      for (const t of [...textsOf(m), String(m.summary), String((m.attachments as { content: Json }[])[0]!.content.fallbackText)]) expect(t).not.toMatch(lone);
    }
    expect(messages.flatMap((m) => textsOf(m)).join('')).toBe(text);
  });
});
