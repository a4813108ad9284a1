/**
 * A small hand-built content bundle for engine and runner tests: two settings that differ (one
 * has a rule, one is silent), one incident flow and one guidance flow.
 */
import type { Catalog } from '../../src/core/catalog';
import type { ContentBundle } from '../../src/core/content';
import type { DocumentDef, FlowDef, SettingProfile } from '../../src/core/model';

export const national: DocumentDef = {
  id: 'national-rules',
  title: 'National rules',
  approved: '2024',
  reviewDue: 'kept under review',
  precedence: 1,
  sections: [{ id: '1', title: 'Nudes' }, { id: '4', title: 'Always' }],
};

function setting(id: string, name: string, ruleSet: boolean): SettingProfile {
  const doc = `${id}-policy`;
  return {
    id,
    name,
    kind: 'primary',
    childTerm: 'pupil',
    childrenTerm: 'pupils',
    people: {
      dsl: { name: `${name} DSL`, role: 'DSL' },
      deputies: [],
      head: { role: 'headteacher' },
      allegations: { text: 'the headteacher', cite: [{ document: doc, section: '2' }] },
    },
    contacts: [{ id: 'police', name: 'Police', phone: '101' }],
    officialChannels: [],
    documents: [
      { id: doc, title: `${name} policy`, approved: '2022', reviewDue: '2023', precedence: 1, sections: [{ id: '1', title: 'Phones' }, { id: '2', title: 'Concerns' }] },
    ],
    rules: {
      'general-route': { silent: false, text: 'Tell the DSL.', cite: [{ document: doc, section: '2' }] },
      'phone-rule': ruleSet
        ? { silent: false, text: 'Keep phones in the locker.', cite: [{ document: doc, section: '1' }] }
        : { silent: true },
    },
  };
}

export const alpha = setting('alpha', 'Alpha School', true);
export const beta = setting('beta', 'Beta School', false);

export const imageFlow: FlowDef = {
  id: 'image',
  title: 'An image of a child',
  summary: 'A nude image',
  kind: 'incident',
  category: 'conduct',
  version: 3,
  examples: [],
  start: 'where',
  steps: {
    where: {
      type: 'question',
      text: 'Where is it?',
      choices: [
        { id: 'device', label: 'On a device I have', next: 'risk' },
        { id: 'told', label: 'I was told', next: 'risk' },
      ],
    },
    risk: {
      type: 'question',
      text: 'Is an adult involved?',
      choices: [
        { id: 'yes', label: 'Yes', next: 'steps', urgency: 'immediate' },
        { id: 'no', label: 'No', next: 'steps' },
      ],
    },
    steps: {
      type: 'advice',
      title: 'What to do at {{setting}}',
      items: [
        { text: 'Tell {{dsl}} now.', cite: [{ document: 'national-rules', section: '1' }] },
        { text: 'Lock the device away.', when: { answer: 'where', in: ['device'] }, cite: [{ document: 'national-rules', section: '1' }] },
        { text: '{{rule.phone-rule}}', when: { rule: 'phone-rule', is: 'set' }, cite: [{ rule: 'phone-rule' }] },
        { text: 'The policy is silent. {{rule.general-route}}', when: { rule: 'phone-rule', is: 'silent' }, cite: [{ rule: 'general-route' }] },
      ],
      next: 'record',
    },
    record: {
      type: 'report',
      urgency: 'urgent',
      prompts: [
        { id: 'what', text: 'What happened?' },
        { id: 'words', text: "The child's words?", optional: true },
      ],
      next: 'done',
    },
    done: { type: 'end', text: 'Go to {{dsl.name}} now.' },
  },
};

export const phoneFlow: FlowDef = {
  id: 'phone',
  title: 'My phone',
  summary: 'Staff phones',
  kind: 'guidance',
  category: 'conduct',
  version: 1,
  examples: [],
  start: 'advice',
  steps: {
    advice: { type: 'advice', title: 'Phones', items: [{ text: 'Rule: {{rule.general-route}}', cite: [{ rule: 'general-route' }] }], next: 'done' },
    done: { type: 'end', text: 'Bye.' },
  },
};

export const catalog: Catalog = {
  greeting: 'Hello from {{setting}}.',
  askSituation: 'What happened?',
  emptyMessage: 'Say something.',
  tooLong: 'Too long.',
  tooLongAtPrompt: 'Too long for this answer.',
  danger: 'Call 999 now. Then {{dsl}}.',
  dangerCheck: { question: 'Is a child in danger right now, or about to be?', yes: 'Yes', no: 'No', carryOn: 'Carry on.' },
  imageryWarning: 'Never send images.',
  filesOnly: 'Tell me in words.',
  outOfScope: 'Not covered; talk to {{dsl}}.',
  chooseFlow: 'Which is closest?',
  chooseFlowMenu: 'Everything:',
  somethingElse: 'Something else',
  noneOfThese: 'None of these',
  notAChoice: 'Pick an option.',
  help: 'Help text.',
  dslNow: 'Go to {{dsl}} now.',
  backNothing: 'Nothing to go back to.',
  restarted: 'Starting again.',
  contentChanged: 'Updated; start again.',
  reportIntro: 'Now the facts.',
  skip: 'Skip this one',
  reportFiled: 'Filed {{reference}} ({{urgency}}).',
  reportFailed: 'NOT saved. Go to {{dsl}}. You wrote: {{account}}',
  filingInProgress: 'Filing.',
  chatRetention: 'The app keeps messages.',
  notSetUp: 'SafeStep is not set up here.',
  silence: { notCovered: "{{setting}}'s policy does not cover this; national rules below.", askDsl: "{{setting}}'s policy does not cover this; ask {{dsl}}." },
  dsl: {
    newReport: 'New report {{reference}} ({{urgency}}): {{flow}} from {{reporter}}.',
    immediate: 'IMMEDIATE.',
    reminder: 'Reminder: {{reference}}.',
    notAuthorised: 'Only the DSL team.',
    acknowledged: 'Acknowledged by {{who}} at {{when}}.',
    alreadyAcknowledged: 'Already acknowledged by {{who}}.',
    reporterAcknowledged: 'The DSL has seen your report {{reference}}.',
    unknownReport: 'No report {{reference}}.',
  },
  labels: {
    acknowledge: 'Acknowledge',
    viewReport: 'View full report',
    reportConcern: 'Report a concern',
    askQuestion: 'Ask a question',
    reference: 'Reference',
    urgency: 'Urgency',
    situation: 'Situation',
    setting: 'Setting',
    reporter: 'Reported by',
    filed: 'Filed',
    category: 'Category',
    danger: 'Danger signalled',
    acknowledged: 'Acknowledged',
    answers: 'Answers given',
    firstMessage: 'First message',
    account: 'Factual account',
    advice: 'Advice shown',
    deliveries: 'Notifications',
    latestReports: 'Latest reports',
    noReports: 'No reports filed yet.',
    close: 'Close',
    typeAnswer: 'Type your answer below.',
    policyVersion: 'Policy version',
  },
  desk: {
    addNote: "Add note",
    assignAction: "Assign action",
    recordOutcome: "Record outcome",
    correct: "Correct",
    audit: "Who has read it",
    exportCpoms: "Export for CPOMS",
    history: "History",
    status: "Status",
    open: "Open",
    closed: "Closed",
    save: "Save",
    cancel: "Cancel",
    noteTitle: "Add a note",
    noteText: "Note",
    actionTitle: "Assign an action",
    actionText: "What needs to be done",
    actionFor: "Who it is for",
    actionForPick: "Or pick someone",
    actionDue: "Due by",
    outcomeTitle: "Record the outcome",
    outcomeChoice: "Outcome",
    outcomeNote: "Note (optional)",
    correctTitle: "Correct the record",
    correctWhat: "What this corrects",
    correctReport: "The report as filed",
    correctText: "The correction",
    entryAcknowledged: "Acknowledged",
    entryNote: "Note",
    entryAction: "Action",
    entryOutcome: "Outcome (closed)",
    entryCorrection: "Correction",
    auditTitle: "Who has read or acted on report {{reference}}",
    auditEmpty: "Nobody has read report {{reference}} yet.",
    exportTitle: "Report {{reference}} for CPOMS: copy the text below into a new concern.",
    saved: "Added to report {{reference}}.",
    closedSaved: "Report {{reference}} is closed. The reporter is told it is closed, never what was decided.",
    alreadyClosed: "Report {{reference}} is already closed. You can still add a note or a correction.",
    invalid: "Nothing was saved to report {{reference}}. Please fill in: {{fields}}.",
    reporterClosed: "The DSL has closed your report {{reference}}. Thank you for raising it.",
    actionOverdue: "An action on report {{reference}} was due by {{due}} and the report is still open.",
    digestTitle: "SafeStep summary for {{setting}}",
    digestNew: "New since yesterday",
    digestUnacknowledged: "Not yet acknowledged",
    digestOverdue: "Actions overdue",
    digestOpen: "Open reports",
    digestNothing: "Nothing here.",
    exportCpomsHeading: "Concern for CPOMS - SafeStep report {{reference}}",
    exportMyConcernHeading: "Concern for MyConcern - SafeStep report {{reference}}",
    exportWhen: "Date and time of the concern",
    exportAbout: "Who it is about",
    exportConcern: "The concern",
    exportChildWords: "What the child said (the child's own words, verbatim)",
    exportSeenHeard: "What was seen or heard",
    exportActions: "Actions taken and by whom",
    exportTold: "Who was told and when",
    exportReporter: "Reported by (name and role)",
    exportNotGiven: "(not given)",
    defaultOutcomes: ["No further action", "Advice given", "Early help", "Referred to children's social care", "Police", "LADO", "Transferred to CPOMS/MyConcern"],
  },
  commands: { restart: ['start again'], back: ['back'], help: ['help'], dslNow: ['i need the dsl now'], menu: ['menu'] },
  limits: { maxMessageLength: 4000 },
};

export const bundle: ContentBundle = {
  flows: new Map([
    [imageFlow.id, imageFlow],
    [phoneFlow.id, phoneFlow],
  ]),
  settings: new Map([
    [alpha.id, alpha],
    [beta.id, beta],
  ]),
  national,
  catalog,
};
