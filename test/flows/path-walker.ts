/**
 * Walks every path of a flow for one setting through the real engine: every visible choice of
 * every question, report prompts answered, filing simulated as committed. Collects each path's
 * replies and the drafts it would file.
 */
import { step, type EngineContext, type EngineInput } from '../../src/core/engine';
import type { Reply } from '../../src/core/messages';
import type { ReportDraft } from '../../src/core/report';
import { newSession, type Session } from '../../src/core/session';

export interface WalkedPath {
  choices: string[];
  replies: Reply[];
  drafts: ReportDraft[];
  ended: boolean;
}

const noRouter = { route: () => ({ flow: null, confidence: 0, alternatives: [] }) };
const noDanger = { detect: () => ({ danger: false, signals: [] }) };

/** Every path through `flowId` for `settingId`; throws if a path runs over `maxDepth` inputs. */
export function walkAllPaths(content: EngineContext['content'], settingId: string, flowId: string, maxDepth = 40): WalkedPath[] {
  const ctx: EngineContext = { content, router: noRouter, danger: noDanger, now: new Date('2026-11-21T10:00:00Z') };
  const paths: WalkedPath[] = [];
  const start = newSession({ conversationId: 'walk', channel: 'test', user: { id: 'walker' }, settingId, now: ctx.now });

  const visit = (session: Session, input: EngineInput, trail: WalkedPath, depth: number): void => {
    if (depth > maxDepth) throw new Error(`${flowId}/${settingId}: path longer than ${maxDepth}: ${trail.choices.join(' > ')}`);
    let result = step(session, input, ctx);
    const replies = [...trail.replies, ...result.replies];
    const drafts = [...trail.drafts];
    for (const effect of result.effects) {
      drafts.push(effect.draft);
      result = step(result.session, { kind: 'report-filed', report: { ...effect.draft, reference: `SS-2026-${String(drafts.length).padStart(4, '0')}` } }, ctx);
      replies.push(...result.replies);
    }
    const s = result.session;
    const here = { ...trail, replies, drafts };
    if (s.mode === 'idle') {
      paths.push({ ...here, ended: true });
      return;
    }
    const last = result.replies.at(-1);
    if (last?.type !== 'question') throw new Error(`${flowId}/${settingId}: waiting without a question after ${trail.choices.join(' > ')}`);
    if (last.freeText) {
      visit(s, { kind: 'message', text: `answer to ${last.id}` }, { ...here, choices: [...trail.choices, `${last.id}=text`] }, depth + 1);
      return;
    }
    for (const choice of last.choices) {
      visit(s, { kind: 'message', choice: choice.id }, { ...here, choices: [...trail.choices, `${last.id}=${choice.id}`] }, depth + 1);
    }
  };

  visit(start, { kind: 'message', choice: flowId }, { choices: [], replies: [], drafts: [], ended: false }, 0);
  return paths;
}
