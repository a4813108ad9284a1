/**
 * Slack on a phone: every question of every flow for every setting, every quiz question and the
 * quiz's own prompts, rendered as staff see them: no button text a phone would cut (over 30
 * characters) unless the answer is also shown in full; number-only buttons carry the full answer
 * as their accessibility label; the choice id and question id are what the core expects. An
 * answered question keeps a full plain-text fallback; long advice is split under Slack's
 * 4,000-character text limit with nothing lost.
 */
import type { Reply, ReplyChoice } from '../../src/core/messages';
import { content, questionsOf, type Question } from '../support/all-questions';
import { citationLine } from '../../src/core/plain-text';
import { labelsFor } from '../../src/core/desk/labels';
import { clip, escapeText } from '../../src/channels/slack/mrkdwn';
import { answeredMessage, questionIdOf, renderReplies } from '../../src/channels/slack/render-blocks';
import { textOf } from './fake-slack-api';

interface Button {
  value: string;
  text: { text: string };
  accessibility_label?: string;
}
interface Actions {
  type: 'actions';
  block_id: string;
  elements: Button[];
}

const settings = [...content.settings.keys()];
const texts = (settingId: string) => ({ typeAnswer: labelsFor(content.catalog, content.settings.get(settingId)!).typeAnswer });
const actionsOf = (blocks: readonly unknown[]) => blocks.filter((b): b is Actions => (b as { type?: string }).type === 'actions');

describe.each(settings)('%s', (settingId) => {
  const questions = questionsOf(settingId);

  test('there are questions with answers longer than a phone shows on a button (the case this guards)', () => {
    expect(questions.length).toBeGreaterThan(20);
    expect(questions.some((q) => q.choices.some((c) => c.label.length > 30))).toBe(true);
  });

  test('every answer is readable in full on a phone, and every button answers what the core expects', () => {
    const problems: string[] = [];
    for (const q of questions) {
      const [message, ...more] = renderReplies([q], texts(settingId));
      if (!message || more.length > 0) throw new Error(`${q.id}: not one message`);
      const shown = textOf(message.blocks);
      const buttons = actionsOf(message.blocks).flatMap((a) => a.elements.map((b) => ({ ...b, questionId: questionIdOf(a.block_id) })));
      if (buttons.map((b) => b.value).join('|') !== q.choices.map((c) => c.id).join('|')) problems.push(`${q.id}: choice ids ${buttons.map((b) => b.value).join(',')}`);
      q.choices.forEach((choice: ReplyChoice, i) => {
        const b = buttons[i]!;
        if (b.questionId !== q.id) problems.push(`${q.id}: button carries question ${b.questionId}`);
        const inFull = shown.includes(escapeText(choice.label));
        if (b.text.text.length > 30 && !inFull) problems.push(`${q.id}: "${b.text.text}" is cut on a phone and not shown in full`);
        if (b.text.text !== choice.label && !inFull) problems.push(`${q.id}: "${choice.label}" is shown nowhere in full`);
        // Slack allows 75 characters: a longer answer's label is its start (the list has it all).
        if (/^\d+$/.test(b.text.text) && b.accessibility_label !== clip(choice.label, 75)) problems.push(`${q.id}: number button ${b.text.text} has accessibility label ${String(b.accessibility_label)}`);
      });
      if (message.text.length >= 4000) problems.push(`${q.id}: text ${message.text.length} characters`);
    }
    expect(problems).toEqual([]);
  });
});

describe('an answered question', () => {
  const q: Question = {
    type: 'question',
    id: 'where-is-it',
    text: 'Where is the image now?',
    choices: [
      { id: 'device-with-me', label: 'On a device I have with me (I took it, or it was handed to me)' },
      { id: 'elsewhere', label: "On a device I don't have" },
    ],
  };

  test('keeps a full plain-text fallback: the question and the answer chosen, no buttons', () => {
    const [message] = renderReplies([q], { typeAnswer: 'Type' });
    const answered = answeredMessage(message!.blocks, q.choices[0]!.label);
    expect(actionsOf(answered.blocks)).toEqual([]);
    expect(answered.text).toContain('Where is the image now?');
    expect(answered.text).toContain(escapeText(q.choices[0]!.label));
    expect(answered.text.length).toBeLessThan(4000);
  });

  test('in a message too long to repeat whole, the fallback is still the question and the answer', () => {
    const advice: Reply = { type: 'advice', title: 'First', steps: Array.from({ length: 8 }, (_, i) => ({ text: `Step ${i} ${'x'.repeat(400)}`, citations: [] })) };
    const [message, ...rest] = renderReplies([advice, q], { typeAnswer: 'Type' });
    expect(rest).toEqual([]); // one message of nearly 3,500 characters
    const answered = answeredMessage([...message!.blocks, ...message!.blocks.slice(0, 3)], "On a device I don't have");
    expect(answered.text.length).toBeLessThan(4000);
    expect(answered.text).toContain('Where is the image now?');
    expect(answered.text).toContain("On a device I don't have");
  });
});

describe('long advice', () => {
  const steps = Array.from({ length: 36 }, (_, i) => ({
    text: `Step ${i + 1}: ${'Keep the device switched off and locked away, and write down what you saw. '.repeat(6)}`.trim(),
    citations: [{ document: 'upton-junior-online-safety', section: `${i}.1`, documentTitle: 'Online Safety Policy', title: `Clause ${i}` }],
  }));
  const huge = { text: `One very long step: ${'every word of it matters. '.repeat(400)}`.trim(), citations: [{ document: 'd', section: '9.9', documentTitle: 'Policy' }] };
  const replies: Reply[] = [{ type: 'advice', title: 'What to do now', intro: 'Do these in order.', steps: [...steps, huge] }, { type: 'text', text: 'Anything else?' }];

  test('is split into messages under 4,000 characters of text and 50 blocks, with no step or citation lost', () => {
    const messages = renderReplies(replies, { typeAnswer: 'Type' }, 'Slack keeps a copy of these messages.');
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) {
      expect(m.text.length).toBeLessThan(4000);
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      for (const b of m.blocks) {
        const t = (b as { text?: { text?: string } }).text?.text;
        if (t !== undefined) expect(t.length).toBeLessThanOrEqual(3000);
      }
    }
    const squash = (s: string) => s.replace(/\s+/g, '');
    const shown = squash(messages.map((m) => textOf(m.blocks)).join('\n'));
    const fallback = squash(messages.map((m) => m.text).join('\n'));
    for (const s of [...steps, huge]) {
      for (const part of [escapeText(s.text), escapeText(citationLine(s))]) {
        expect(shown).toContain(squash(part));
        expect(fallback).toContain(squash(part));
      }
    }
    expect(textOf(messages.at(-1)!.blocks)).toContain('Slack keeps a copy of these messages.');
    expect(shown.indexOf(squash('Step 36:'))).toBeLessThan(shown.indexOf(squash('One very long step')));
  });
});
