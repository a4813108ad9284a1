/**
 * The DSL report: a factual record of one concern, built by the engine and saved by the runner.
 * It never holds a file or an image, only what the member of staff typed or chose.
 */
import type { DangerAnswer } from './danger-question';
import type { UserRef, ShownAdviceStep } from './messages';
import type { Category, Urgency } from './model';

/** What the engine asks the runner to file. */
export interface ReportDraft {
  settingId: string;
  settingName: string;
  reporter: UserRef;
  channel: string;
  createdAt: string;
  flowId: string;
  flowTitle: string;
  category: Category;
  urgency: Urgency;
  dangerFlagged: boolean;
  /**
   * The answer to "Is a child in danger right now, or about to be?" when SafeStep asked it
   * ('unclear': neither yes nor no, treated as yes). Absent when it was not asked.
   */
  dangerAnswer?: DangerAnswer;
  firstMessage: string;
  answers: { question: string; answer: string }[];
  advice: { title: string; steps: ShownAdviceStep[] }[];
  account: { prompt: string; text: string }[];
  /** The documents (and approval dates) and flow version the advice came from. */
  policyVersion: string;
}

/** A report once it is committed to the store. */
export interface FiledReport extends ReportDraft {
  reference: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
}
