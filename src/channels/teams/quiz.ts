/**
 * The induction quiz in Teams, translated to the host:
 *  - "@SafeStep quiz" in a team channel: from a DSL, the host posts the invitation there (through
 *    this channel's roster) and the DSL is told privately; from anyone else, their own quiz starts
 *    in their personal chat and nothing is posted in the channel;
 *  - "Start the quiz" starts (or resumes) the presser's quiz in their personal chat;
 *  - "quiz report" (or the results button): the host's staff results for a DSL, or its refusal,
 *    always in the personal chat.
 * The DSL is recognised by AAD object id only.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { ChannelHost, Reply } from '../../core/host';
import { textCard } from './dsl-cards';
import { postedCard, resultsCards } from './quiz-cards';
import type { Reach } from './reach';
import { teamChannelOf, type RefBook } from './refs';
import { cardText } from './rich';
import { TEAMS_CHANNEL, isPersonal, tenantOf, teamsConversation } from './to-inbound';

export class TeamsQuiz {
  constructor(private readonly d: { host: ChannelHost; refs: RefBook; reach: Reach }) {}

  private actor(context: TurnContext) {
    return { channel: TEAMS_CHANNEL, workspace: tenantOf(context.activity), userId: context.activity.from?.aadObjectId ?? '', ...(context.activity.from?.name ? { name: context.activity.from.name } : {}) };
  }

  /** A DSL's "@SafeStep quiz" in a team channel: posts the invitation. False (nothing done) for anyone else. */
  async invite(context: TurnContext): Promise<boolean> {
    const { host } = this.d;
    const channelId = teamChannelOf(context.activity);
    if (isPersonal(context.activity) || !channelId || !host.quizInvitation(this.actor(context)).ok) return false;
    this.d.refs.rememberTeam(context.activity);
    const outcome = await host.postQuizInvitation(this.actor(context), channelId);
    const text = cardText(outcome.ok ? outcome.value : outcome.say);
    const results = host.quizResults(this.actor(context));
    await this.privately(context, outcome.ok && results.ok ? postedCard(text, results.value.heading) : textCard(text));
    return true;
  }

  /** The person's quiz, started or resumed, as replies for their personal chat. */
  start(context: TurnContext): Promise<Reply[]> {
    this.d.host.log.info('teams_quiz_start', { personal: isPersonal(context.activity) });
    return this.d.host.startQuiz(teamsConversation(context.activity));
  }

  /** The staff results for a DSL, or the refusal for anyone else: always in the personal chat. */
  async report(context: TurnContext): Promise<void> {
    const outcome = this.d.host.quizResults(this.actor(context));
    if (!outcome.ok) {
      await this.privately(context, textCard(cardText(outcome.say)));
      return;
    }
    for (const card of resultsCards(outcome.value, this.d.refs)) await this.privately(context, card);
  }

  /** Sends to the sender's personal chat: this one, or theirs when they wrote in a channel. */
  private async privately(context: TurnContext, message: Partial<Activity>): Promise<void> {
    if (isPersonal(context.activity)) await context.sendActivity(message);
    else await this.d.reach.toPersonalChat(context, message);
  }
}
