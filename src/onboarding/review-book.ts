/**
 * The review book: one printable HTML page of everything SafeStep will tell one setting's staff —
 * every flow as a tree with each piece of advice beside the clause it quotes, every silence
 * stated, the people and documents, the drafter's flags, and the quiz questions with their
 * answers. No scripts, no network: it prints, and it is the offline fallback when chat is down.
 * Works for a draft whose content still has problems (they are listed at the top).
 */
import { withQuotes } from '../authoring/clauses/quotes';
import { inspectContent } from '../authoring/load';
import type { Problem } from '../authoring/problem';
import type { ContentBundle } from '../core/content';
import type { SettingProfile } from '../core/model';
import { inspectQuiz } from '../quiz/load';
import { resolveQuiz } from '../quiz/resolve';
import { refusalOf } from '../deployment/approval';
import { esc, flowHtml } from './book-flow';
import type { RuleCatalogue } from './catalogue';

const STYLE = `body{font:11pt/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;color:#111}
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #999;margin-top:2em;page-break-after:avoid}
.tree,.tree ul{list-style:none;padding-left:1.2em;border-left:2px solid #ccc}
.answer{font-weight:600;background:#eef;padding:0 .3em}.advice-item{margin:.4em 0}
.cite{font-size:.9em;color:#333;margin:.2em 0 .2em 1em}.cite.none{color:#777}
blockquote{margin:.2em 0 .2em 1em;padding-left:.6em;border-left:3px solid #6a6;font-style:italic}
.problem,.flag{color:#900}.silent{color:#555}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .4em;vertical-align:top}
.status{font-size:1.1em;padding:.4em;border:2px solid #900}.flow{page-break-inside:auto}
@media print{.flow h2{page-break-before:auto}}`;

function bundleOf(root: string): { bundle?: ContentBundle; problems: Problem[] } {
  const { bundle, problems, sources } = inspectContent(root);
  if (bundle) return { bundle, problems };
  if (!sources.national || !sources.messages) return { problems };
  const settings = new Map(sources.settings.map((s) => [s.data.id, s.data] as const));
  return {
    bundle: {
      flows: new Map(sources.flows.map((f) => [f.data.id, f.data] as const)),
      settings: sources.clauseMaps ? withQuotes(settings, sources.clauseMaps) : settings,
      national: sources.national.data.document,
      catalog: sources.messages.data,
    },
    problems,
  };
}

function quizHtml(root: string, bundle: ContentBundle, problems: Problem[], s: SettingProfile): string {
  if (problems.length > 0) return '<p class="problem">The quiz is shown once the content has no problems (safestep validate).</p>';
  try {
    const { sources } = inspectContent(root);
    const quiz = inspectQuiz(root, { sources, bundle });
    const mine = quiz.quiz ? resolveQuiz(quiz.quiz, s, bundle.national) : undefined;
    if (!mine) return `<p class="problem">No quiz for ${esc(s.name)} yet${quiz.problems.length ? ` (${quiz.problems.length} quiz problem(s): run safestep validate)` : ''}.</p>`;
    return `<p>Pass mark ${mine.passMark}%, ${mine.questionsPerQuiz} questions an attempt, drawn from these ${mine.questions.length}:</p><ol>${mine.questions
      .map((q) => `<li><p>${esc(q.text)}</p><ul>${q.options.map((o) => `<li>${o.id === q.correct ? '<strong>✓ ' : ''}${esc(o.text)}${o.id === q.correct ? '</strong>' : ''}</li>`).join('')}</ul><p><em>${esc(q.explanation)}</em></p>${q.citations.map((c) => `<div class="cite">§${esc(c.section)} ${esc(c.documentTitle ?? c.document)}${(c.quotes ?? []).map((x) => `<blockquote>${esc(x)}</blockquote>`).join('')}</div>`).join('')}</li>`)
      .join('')}</ol>`;
  } catch (err) {
    return `<p class="problem">The quiz cannot be shown: ${esc((err as Error).message)}</p>`;
  }
}

/** The review book of setting `id`, as HTML; throws when there is no such setting. */
export function reviewBook(root: string, id: string, catalogue: RuleCatalogue, now: Date = new Date()): string {
  const { bundle, problems } = bundleOf(root);
  const s = bundle?.settings.get(id);
  if (!bundle || !s) throw new Error(`there is no loadable setting "${id}" in content/settings/ (run safestep validate).`);
  const refusal = refusalOf(root, s);
  const status = s.status === undefined ? 'Established content: served to staff; no DSL sign-off is recorded.' : refusal ?? `Approved and served to staff.`;
  const people = [`DSL: ${s.people.dsl.name ?? '(not named)'}, ${s.people.dsl.role}`, `Deputies: ${s.people.deputies.map((d) => `${d.name ?? ''} (${d.role})`).join(', ') || '(none named)'}`, `Head: ${s.people.head.name ?? '(not named)'}, ${s.people.head.role}`, `Allegations about staff go to: ${s.people.allegations.text}`];
  const silences = Object.entries(s.rules).filter(([, r]) => r.silent).map(([k]) => `<tr><td><code>${esc(k)}</code></td><td>${esc(catalogue[k]?.meaning ?? '')}</td><td class="silent">${esc(s.name)}'s policy does not cover this; SafeStep says so and gives the national rules, through the DSL.</td></tr>`);
  const mine = problems.filter((p) => p.file.includes(id) || p.message.includes(`content/settings/${id}.yaml`) || s.documents.some((d) => p.file.includes(d.id)));
  const flows = [...bundle.flows.values()].sort((a, b) => a.title.localeCompare(b.title));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(s.name)} — SafeStep review book</title><style>${STYLE}</style></head><body>
<h1>${esc(s.name)}: what SafeStep tells your staff</h1>
<p>Written ${esc(now.toISOString().slice(0, 16).replace('T', ' '))} UTC by <code>safestep setting review ${esc(id)}</code>. Read it against your policy; when it is right, approve it with <code>safestep setting approve ${esc(id)} --by "Name, role"</code>. Printed, it is also the fallback when chat is down.</p>
<p class="status">${s.status === 'draft' ? '<strong>DRAFT</strong> — ' : ''}${esc(status)}</p>
${problems.length ? `<p class="problem">safestep validate reports ${problems.length} problem(s)${mine.length ? `, ${mine.length} in this setting's files, e.g. ${esc(`${mine[0]!.file}: ${mine[0]!.message}`)}` : ' (none in this setting\'s files)'}.</p>` : ''}
<h2>People and documents</h2><ul>${people.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>
<table><tr><th>Document</th><th>Approved</th><th>Review due</th><th>Sections</th></tr>${s.documents.map((d) => `<tr><td>${esc(d.title)}<br><code>${esc(d.id)}</code></td><td>${esc(d.approved)}</td><td>${esc(d.reviewDue)}</td><td>${d.sections.map((x) => `${esc(x.id)} ${esc(x.title)}`).join('<br>')}</td></tr>`).join('')}</table>
${s.flags?.length ? `<h2>For you to check</h2><ul>${s.flags.map((f) => `<li class="flag">${esc(f)}</li>`).join('')}</ul>` : ''}
<h2>Where your policy is silent</h2><p>${silences.length} of ${Object.keys(s.rules).length} rules. For each, SafeStep tells staff your policy does not cover it and gives the national rules.</p><table><tr><th>Rule</th><th>What it is about</th><th>What SafeStep says</th></tr>${silences.join('')}</table>
<h2>Contents</h2><ol>${flows.map((f) => `<li><a href="#flow-${esc(f.id)}">${esc(f.title)}</a></li>`).join('')}</ol>
${flows.map((f) => flowHtml(f, s, bundle)).join('\n')}
<h2>The induction quiz</h2>${quizHtml(root, bundle, problems, s)}
</body></html>
`;
}
