import { readFileSync } from 'node:fs';
import path from 'node:path';
import { coverageDocument, coverageMarkdown } from '../../src/authoring/coverage';
import { inspectContent } from '../../src/authoring/load';
import { bundle } from '../doubles/content';

describe('coverage table', () => {
  test('names each setting\'s own clauses and where its policy is silent', () => {
    const md = coverageMarkdown(bundle);
    const row = md.split('\n').find((l) => l.startsWith('| `image`'))!;
    const [, , alpha, beta, national] = row.split(' | ');
    expect(alpha).toBe('§1');
    expect(beta).toBe('§2<br>*silent:* phone-rule');
    expect(national).toContain('§1');
  });

  test('content/COVERAGE.md is current (regenerate with: npm run safestep -- coverage --write)', () => {
    const root = path.resolve(__dirname, '..', '..');
    const committed = readFileSync(path.join(root, 'content', 'COVERAGE.md'), 'utf8');
    const inspection = inspectContent(root);
    expect(inspection.problems).toEqual([]);
    expect(committed).toBe(coverageDocument({ ...inspection, bundle: inspection.bundle! }));
  });
});
