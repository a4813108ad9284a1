/**
 * Socket Mode (SLACK_APP_TOKEN set): SafeStep connects out to Slack instead of serving
 * /slack/events. When Slack refuses the app token, start-up fails with Slack's reason and
 * nothing is left listening.
 */
import { startHarness } from './harness';

test('an app token Slack refuses stops start-up with its reason, leaving nothing running', async () => {
  // The fake Web API answers apps.connections.open with invalid_auth.
  const failure = await startHarness({ SLACK_APP_TOKEN: 'xapp-1-refused' }).then(
    () => undefined,
    (err: unknown) => err as Error & { logs: string[]; data?: { error?: string } },
  );
  expect(failure?.data?.error).toBe('invalid_auth');
  expect(failure?.logs.join('\n')).not.toContain('xapp-1-refused');
});
