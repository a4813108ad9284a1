/**
 * The wording SafeStep uses outside flows (greeting, danger, imagery warning, commands …),
 * authored in content/messages.yaml. Texts may use the same placeholders as flows.
 */
export interface Catalog {
  greeting: string;
  askSituation: string;
  emptyMessage: string;
  tooLong: string;
  /** Said instead of `tooLong` when the long message answers a report prompt: it must not say "when I ask". */
  tooLongAtPrompt: string;
  danger: string;
  /** The yes/no question asked first when a message may signal danger now (yes → `danger`). */
  dangerCheck: { question: string; yes: string; no: string; carryOn: string };
  imageryWarning: string;
  filesOnly: string;
  outOfScope: string;
  chooseFlow: string;
  chooseFlowMenu: string;
  somethingElse: string;
  noneOfThese: string;
  notAChoice: string;
  help: string;
  dslNow: string;
  backNothing: string;
  restarted: string;
  contentChanged: string;
  reportIntro: string;
  skip: string;
  reportFiled: string;
  reportFailed: string;
  filingInProgress: string;
  /** For chat platforms: reminding staff that the platform keeps what they type. */
  chatRetention: string;
  /** Said where no setting is configured for someone's workspace; no placeholders (there is no setting to fill them from). */
  notSetUp: string;
  /**
   * Said at the top of an advice step where the setting's policy is silent on a rule the step
   * uses (src/core/silence.ts): `notCovered` when national-rule steps follow, `askDsl` when none do.
   */
  silence: { notCovered: string; askDsl: string };
  /** DSL notification texts (runtime placeholders: reference, urgency, flow, reporter, who, when). */
  dsl: {
    newReport: string;
    immediate: string;
    reminder: string;
    notAuthorised: string;
    acknowledged: string;
    alreadyAcknowledged: string;
    reporterAcknowledged: string;
    unknownReport: string;
  };
  /** Short labels chat platforms show on buttons, fields and headings. */
  labels: {
    acknowledge: string;
    viewReport: string;
    reportConcern: string;
    askQuestion: string;
    reference: string;
    urgency: string;
    situation: string;
    setting: string;
    reporter: string;
    filed: string;
    category: string;
    danger: string;
    acknowledged: string;
    answers: string;
    firstMessage: string;
    account: string;
    advice: string;
    deliveries: string;
    latestReports: string;
    noReports: string;
    close: string;
    typeAnswer: string;
    policyVersion: string;
  };
  /** The DSL's desk: casework buttons and forms, history lines, audit, export and digest words. */
  desk: DeskWords;
  commands: {
    restart: string[];
    back: string[];
    help: string[];
    dslNow: string[];
    menu: string[];
  };
  limits: { maxMessageLength: number };
}

/** content/messages.yaml `desk`: what the DSL's casework, history, audit, export and digest say. */
export interface DeskWords {
  addNote: string;
  assignAction: string;
  recordOutcome: string;
  correct: string;
  audit: string;
  exportCpoms: string;
  history: string;
  status: string;
  open: string;
  closed: string;
  save: string;
  cancel: string;
  noteTitle: string;
  noteText: string;
  actionTitle: string;
  actionText: string;
  actionFor: string;
  actionForPick: string;
  actionDue: string;
  outcomeTitle: string;
  outcomeChoice: string;
  outcomeNote: string;
  correctTitle: string;
  correctWhat: string;
  correctReport: string;
  correctText: string;
  entryAcknowledged: string;
  entryNote: string;
  entryAction: string;
  entryOutcome: string;
  entryCorrection: string;
  auditTitle: string;
  auditEmpty: string;
  exportTitle: string;
  saved: string;
  closedSaved: string;
  alreadyClosed: string;
  invalid: string;
  reporterClosed: string;
  actionOverdue: string;
  digestTitle: string;
  digestNew: string;
  digestUnacknowledged: string;
  digestOverdue: string;
  digestOpen: string;
  digestNothing: string;
  exportCpomsHeading: string;
  exportMyConcernHeading: string;
  exportWhen: string;
  exportAbout: string;
  exportConcern: string;
  exportChildWords: string;
  exportSeenHeard: string;
  exportActions: string;
  exportTold: string;
  exportReporter: string;
  exportNotGiven: string;
  /** The outcome list a setting uses unless its profile names its own (`outcomes`). */
  defaultOutcomes: string[];
}
