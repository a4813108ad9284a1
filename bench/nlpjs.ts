/**
 * NLP.js (@nlpjs/nlp, English) trained on exactly what SafeStep's router is trained on: every
 * flow's examples, title and summary as that flow's intent, and content/nlu/out-of-scope.yaml
 * as NLP.js's own "None" intent. Its answers are turned into SafeStep's RouteResult two ways:
 * - `native`: NLP.js's own verdict: its top intent (None below its 0.5 threshold) is started,
 *   None is out of scope, and its next intents are the alternatives;
 * - `sameRules`: NLP.js's scores through SafeStep's own decision rules (threshold, offer, out of
 *   scope when None is the most likely), so only the classifiers differ.
 * NLP.js answers asynchronously, so every message is classified up front (`classifyAll`) and the
 * routers look the answers up. The packages ship no types, hence the small local interfaces.
 */
import type { FlowDef } from '../src/core/model';
import type { RouteCandidate, RouteResult, Router } from '../src/core/ports';
import { MAX_ALTERNATIVES } from '../src/nlu/router';

interface Classification {
  intent: string;
  score: number;
}

interface NlpInstance {
  settings: Record<string, unknown>;
  nluManager: { settings: Record<string, unknown> };
  addLanguage(locale: string): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<{ intent: string; score: number; classifications: Classification[] }>;
}

interface Container {
  use(plugin: unknown): void;
  get(name: string): unknown;
}

const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap(): Promise<Container> };
const { Nlp } = require('@nlpjs/nlp') as { Nlp: unknown };
const { LangEn } = require('@nlpjs/lang-en-min') as { LangEn: unknown };

const NONE = 'None';

/** NLP.js's answers for a fixed list of messages, and two Routers over them. */
export interface NlpJsResult {
  trainMs: number;
  msPerMessage: number;
  native: Router;
  sameRules: Router;
}

/** Trains NLP.js on the flows and out-of-scope examples, then classifies `texts`. */
export async function classifyWithNlpJs(
  flows: readonly FlowDef[],
  outOfScope: readonly string[],
  texts: readonly string[],
  rules: { threshold: number; offer: number },
): Promise<NlpJsResult> {
  const started = performance.now();
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp') as NlpInstance;
  nlp.settings.autoSave = false;
  nlp.nluManager.settings.log = false; // otherwise every training epoch is printed
  nlp.addLanguage('en');
  for (const f of flows) for (const text of [...f.examples, f.title, f.summary]) nlp.addDocument('en', text, f.id);
  for (const text of outOfScope) nlp.addDocument('en', text, NONE);
  await nlp.train();
  const trainMs = performance.now() - started;

  const answers = new Map<string, { intent: string; classifications: Classification[] }>();
  const classifying = performance.now();
  for (const text of texts) {
    if (answers.has(text)) continue;
    const r = await nlp.process('en', text);
    answers.set(text, { intent: r.intent, classifications: r.classifications });
  }
  const msPerMessage = (performance.now() - classifying) / Math.max(texts.length, 1);

  const lookup = (text: string) => {
    const a = answers.get(text);
    if (!a) throw new Error(`NLP.js was not asked about: ${text}`);
    return a;
  };
  const candidates = (cs: Classification[]): RouteCandidate[] =>
    cs.filter((c) => c.intent !== NONE).map((c) => ({ flow: c.intent, confidence: c.score })).sort((a, b) => b.confidence - a.confidence);

  const native: Router = {
    route(text): RouteResult {
      const a = lookup(text);
      const ranked = candidates(a.classifications);
      if (a.intent === NONE) return { flow: null, confidence: ranked[0]?.confidence ?? 0, alternatives: [] };
      const alternatives = [ranked.find((c) => c.flow === a.intent) ?? { flow: a.intent, confidence: 0 }, ...ranked.filter((c) => c.flow !== a.intent)];
      return { flow: a.intent, confidence: alternatives[0]!.confidence, alternatives: alternatives.slice(0, MAX_ALTERNATIVES) };
    },
  };

  const sameRules: Router = {
    route(text): RouteResult {
      const a = lookup(text);
      const ranked = candidates(a.classifications);
      const best = ranked[0];
      const none = a.classifications.find((c) => c.intent === NONE)?.score ?? 0;
      if (!best || none > best.confidence) return { flow: null, confidence: best?.confidence ?? 0, alternatives: [] };
      const flow = best.confidence >= rules.threshold ? best.flow : null;
      return { flow, confidence: best.confidence, alternatives: ranked.slice(0, MAX_ALTERNATIVES).filter((c) => c.confidence >= rules.offer) };
    },
  };

  return { trainMs, msPerMessage, native, sameRules };
}
