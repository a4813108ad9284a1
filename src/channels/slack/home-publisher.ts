/**
 * Builds and publishes one person's Home tab (views.publish): what everyone sees, and for the
 * DSL and deputies only the latest reports and the induction quiz's staff results. Used when the
 * tab is opened, and after the DSL posts the quiz invitation (with a notice of how it went).
 */
import type { App } from '../../app';
import { HOME_REPORTS, homeView } from './home';
import type { SlackQuiz } from './quiz';
import type { SlackApi } from './slack-api';

/** Publishes `userId`'s Home tab, with an optional mrkdwn notice in the DSL's quiz section. Throws if Slack refuses. */
export type PublishHome = (userId: string, notice?: string) => Promise<void>;

export function homePublisher(d: { app: App; api: SlackApi; settingId: string; isDsl: (userId: string) => boolean; quiz?: SlackQuiz }): PublishHome {
  const { app } = d;
  return async (userId, notice) => {
    const setting = app.content.settings.get(d.settingId)!;
    const reports = d.isDsl(userId) ? app.stores.reports.list({ settingId: d.settingId, limit: HOME_REPORTS }) : undefined;
    const view = homeView({
      setting,
      catalog: app.content.catalog,
      reports,
      deliveriesOf: (ref) => app.stores.deliveries.forReport(ref),
      quiz: d.quiz?.home(userId, notice),
    });
    await d.api.publishHome(userId, view);
  };
}
