/**
 * Test data and temp-dir helpers shared by the store and `reports` command suites.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportDraft } from '../../src/core/report';
import { newSession, type Session } from '../../src/core/session';

/** A complete, plausible report draft; override any field. */
export function makeDraft(overrides: Partial<ReportDraft> = {}): ReportDraft {
  return {
    settingId: 'oak-primary',
    settingName: 'Oak Primary School',
    reporter: { id: 'U-TA-1', name: 'Sam Taylor', role: 'TA' },
    channel: 'console',
    createdAt: '2025-03-04T10:15:00.000Z',
    flowId: 'nude-image-shared',
    flowTitle: 'A nude or semi-nude image has been shared',
    category: 'conduct',
    urgency: 'urgent',
    dangerFlagged: false,
    firstMessage: 'A pupil told me a photo of them is going round.',
    answers: [{ question: 'Have you seen the image?', answer: 'No' }],
    advice: [
      {
        title: 'What to do now',
        steps: [
          {
            text: 'Do not view, copy or forward the image.',
            citations: [{ document: 'online-safety', section: '4.2', documentTitle: 'Online Safety Policy' }],
          },
        ],
      },
    ],
    account: [{ prompt: 'What did the child say, in their own words?', text: '"It is everywhere."' }],
    policyVersion: 'online-safety 2024-09-01; flow nude-image-shared v1',
    ...overrides,
  };
}

/** A fresh session with a little state, so a round trip proves more than the defaults. */
export function makeSession(conversationId = 'conv-1'): Session {
  const session = newSession({
    conversationId,
    channel: 'console',
    user: { id: 'U-TA-1', name: 'Sam Taylor', role: 'TA' },
    settingId: 'oak-primary',
    now: new Date('2025-03-04T10:00:00.000Z'),
  });
  session.mode = 'in-flow';
  session.flowId = 'nude-image-shared';
  session.stepId = 'seen';
  session.answers.push({ step: 'seen', choice: 'no', question: 'Have you seen it?', label: 'No' });
  return session;
}

/** A temp directory and a function that deletes it. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-store-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
