/**
 * One engine turn in progress: the conversation, the content and setting it runs in, the
 * replies so far, and whether the report is to be filed. Shared by the walk and the choosers.
 */
import type { ContentBundle } from './content';
import type { Reply } from './messages';
import type { SettingProfile } from './model';
import type { Session } from './session';

/** What the engine works with during one step. */
export interface Turn {
  session: Session;
  content: ContentBundle;
  setting: SettingProfile;
  replies: Reply[];
  /** Set when the last report prompt is answered: the engine then files the report. */
  fileReport: boolean;
  /** The flow that ended just before this message, if any (taken off the session for this turn only). */
  lastFlow?: { id: string; firstMessage?: string };
}
