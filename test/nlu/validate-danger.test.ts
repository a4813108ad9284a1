/**
 * `safestep validate` checks the danger model (content/danger/): it loads, and every signal's
 * `flow` is an incident flow. Problems name file and line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../../src/authoring/load';
import { formatProblem } from '../../src/authoring/problem';
import { inspectDanger } from '../../src/nlu/validate-danger';
import { ROOT } from './fixtures';

const flows = loadContent(ROOT).flows;

function withModel(edit: (dir: string) => void): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-vdanger-'));
  try {
    fs.cpSync(path.join(ROOT, 'content/nlu'), path.join(dir, 'content/nlu'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'content/danger'), path.join(dir, 'content/danger'), { recursive: true });
    edit(path.join(dir, 'content/danger'));
    return inspectDanger(dir, flows).problems.map(formatProblem);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('validate: the danger model', () => {
  test('the shipped model has no problems', () => {
    expect(inspectDanger(ROOT, flows)).toMatchObject({ problems: [], rules: { signals: expect.any(Array) } });
  });

  test('a signal naming an unknown flow, or a guidance flow, is reported with its line', () => {
    const problems = withModel((dir) => {
      const file = path.join(dir, 'signals.yaml');
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, text.replace('flow: grooming-exploitation', 'flow: groming').replace('flow: nude-image-pupil', 'flow: staff-phone-use'));
    });
    expect(problems).toEqual([
      expect.stringMatching(/^content\/danger\/signals\.yaml:\d+ \[unknown-danger-flow\] signal "[a-z-]+" names flow "groming", which is not a flow\. Fix: /),
      expect.stringMatching(/^content\/danger\/signals\.yaml:\d+ \[danger-flow-not-incident\] signal "blackmail-desperate" names the guidance flow "staff-phone-use"/),
    ]);
  });

  test('a file that does not load is one problem with file, line and column', () => {
    const problems = withModel((dir) => fs.writeFileSync(path.join(dir, 'cues.yaml'), 'cues:\n  now:\n    description: d\n    patterns: ["(x"]\n'));
    expect(problems).toEqual([expect.stringMatching(/^content\/danger\/cues\.yaml:4:16 \[danger-content\] not a valid regular expression/)]);
  });

  test('a broken NLU file loaded with the model (who-what.yaml) is named as NLU content, not danger content', () => {
    const problems = withModel((dir) => fs.writeFileSync(path.join(dir, '..', 'nlu', 'who-what.yaml'), 'owners: [\n'));
    expect(problems).toEqual([expect.stringMatching(/^content\/nlu\/who-what\.yaml:\d+(:\d+)? \[nlu-content\] /)]);
  });

  test('a content root without content/danger/ has nothing to check', () => {
    expect(inspectDanger(os.tmpdir(), flows)).toEqual({ problems: [] });
  });
});
