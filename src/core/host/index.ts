/**
 * Everything a chat channel may use from SafeStep: the host contract, the views it renders, rich
 * text, and the channel-neutral messages and their plain-text rendering. Channels import this
 * module and their platform SDK, nothing else (test/architecture checks it).
 */
export * from './contract';
export * from './views';
export * from './rich';
export type { FileRef, Inbound, Reply, ReplyChoice, ShownAdviceStep, UserRef } from '../messages';
export type { Logger } from '../ports';
export { citationLine, quoteLines, replyToText } from '../plain-text';
export { errorCode, SafeStepError } from '../errors';
