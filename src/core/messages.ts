/**
 * The channel-neutral contract: what a channel adapter hands the core (Inbound) and what the
 * core hands back (Reply). Adapters translate only; they never decide what to say.
 */
import type { Citation, Urgency } from './model';

/** Who is talking to SafeStep. `role` is self-described (e.g. "TA") and goes into reports. */
export interface UserRef {
  id: string;
  name?: string;
  role?: string;
}

/** A file the platform says was attached. Only its name and type are ever seen: never its bytes. */
export interface FileRef {
  name: string;
  mimeType?: string;
}

/** One message from a member of staff, as any channel delivers it. */
export interface Inbound {
  channel: string;
  conversationId: string;
  user: UserRef;
  settingId: string;
  text?: string;
  choice?: string;
  /**
   * The question a `choice` answers (the Reply id, carried by a button). When it is not the
   * question SafeStep is waiting on, the choice is refused as stale, never applied elsewhere.
   */
  questionId?: string;
  files?: FileRef[];
}

/** A choice the person can pick; `id` is what comes back in Inbound.choice. */
export interface ReplyChoice {
  id: string;
  label: string;
}

/** An advice step as shown: text and the clauses it comes from, with their titles. */
export interface ShownAdviceStep {
  text: string;
  citations: (Citation & { title?: string; documentTitle?: string })[];
}

/** What the core says. Every reply has a plain-text rendering for channels without rich UI. */
export type Reply =
  | { type: 'text'; text: string; citations?: ShownAdviceStep['citations'] }
  | { type: 'question'; id: string; text: string; choices: ReplyChoice[]; freeText?: boolean }
  | { type: 'advice'; title: string; intro?: string; steps: ShownAdviceStep[] }
  | { type: 'danger'; text: string }
  | { type: 'warning'; text: string }
  /** A quiet note after the rest (e.g. that the chat platform keeps what is typed). */
  | { type: 'footnote'; text: string }
  | { type: 'report'; reference: string; urgency: Urgency; flow: string; text: string }
  | { type: 'error'; text: string }
  | { type: 'quiz-result'; score: number; total: number; passed: boolean; text: string };
