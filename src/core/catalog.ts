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
  commands: {
    restart: string[];
    back: string[];
    help: string[];
    dslNow: string[];
    menu: string[];
  };
  limits: { maxMessageLength: number };
}
