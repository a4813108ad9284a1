/**
 * The one entry point chat adapters call (Slack, Teams, console): it sends each message to the
 * induction quiz when a quiz is under way in that conversation, when the message answers a quiz
 * question, or when it asks to start the quiz; everything else goes to the safeguarding
 * conversation. It decides only which runner; the runners decide what is said.
 */
import { simplify } from '../core/input';
import type { Inbound, Reply } from '../core/messages';
import type { ConversationRunner } from '../core/runner';
import type { QuizRunner } from '../quiz/runner';

type Conversation = Pick<Inbound, 'channel' | 'conversationId' | 'user' | 'settingId'>;

export class ChatRouter {
  private readonly startPhrases: Set<string>;

  constructor(
    private readonly conversation: ConversationRunner,
    private readonly quiz: QuizRunner | undefined,
    startPhrases: readonly string[] = [],
  ) {
    this.startPhrases = new Set(startPhrases.map(simplify));
  }

  /** Greets the person, or re-shows where their conversation was. */
  start(conv: Conversation): Promise<Reply[]> {
    return this.conversation.start(conv);
  }

  /** Whether this setting has an induction quiz to offer. */
  hasQuiz(settingId: string): boolean {
    return this.quiz?.hasQuiz(settingId) ?? false;
  }

  /** Starts (or resumes) the induction quiz for this person, privately in this conversation. */
  startQuiz(conv: Conversation): Promise<Reply[]> {
    if (!this.quiz || !this.quiz.hasQuiz(conv.settingId)) return this.conversation.handle({ ...conv, text: 'menu' });
    return this.quiz.start(conv);
  }

  /** Routes one inbound message (see the file comment) and returns the replies. */
  handle(inbound: Inbound): Promise<Reply[]> {
    const quiz = this.quiz;
    if (quiz && quiz.hasQuiz(inbound.settingId)) {
      // Someone who left the quiz half-done and now types about an incident or a danger gets the
      // conversation's reply (999 first), then a note that the quiz is paused.
      if (quiz.handsOver(inbound)) return this.conversation.handle(inbound).then(async (r) => [...r, ...(await quiz.pauseFor(inbound))]);
      if (inbound.questionId?.startsWith('quiz:') || quiz.isActive(inbound.conversationId)) return quiz.handle(inbound);
      if (inbound.text !== undefined && this.startPhrases.has(simplify(inbound.text))) return quiz.start(inbound);
    }
    return this.conversation.handle(inbound);
  }
}
