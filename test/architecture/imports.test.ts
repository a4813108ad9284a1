/**
 * Which folders may import which, read from the source itself:
 *  - src/core imports nothing outside src/core (and Node's own modules);
 *  - a channel (src/channels/<name>) imports only its own folder, the host contract
 *    (src/core/host) and third-party packages (its platform SDK);
 *  - there are no import cycles anywhere in src.
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

const SRC = path.resolve(__dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every module a file imports or requires: resolved paths for relative ones, package names otherwise. */
function importsOf(file: string): { relative: string[]; packages: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  const relative: string[] = [];
  const packages: string[] = [];
  for (const spec of specs) {
    if (!spec.startsWith('.')) {
      packages.push(spec);
      continue;
    }
    const base = path.resolve(path.dirname(file), spec);
    const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p));
    if (!resolved) throw new Error(`${path.relative(SRC, file)} imports ${spec}, which does not exist`);
    relative.push(resolved);
  }
  return { relative, packages };
}

const files = sources(SRC);
const rel = (p: string) => path.relative(SRC, p).split(path.sep).join('/');
const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

test('src/core imports nothing outside itself but Node', () => {
  const outside = files
    .filter((f) => rel(f).startsWith('core/'))
    .flatMap((f) => {
      const { relative, packages } = importsOf(f);
      return [...relative.filter((r) => !rel(r).startsWith('core/')).map(rel), ...packages.filter((p) => !isBuiltin(p))].map((to) => `${rel(f)} -> ${to}`);
    });
  expect(outside).toEqual([]);
});

test('a channel imports only its own folder, the host contract and packages', () => {
  const bad = files
    .filter((f) => rel(f).startsWith('channels/'))
    .flatMap((f) => {
      const own = rel(f).split('/').slice(0, 2).join('/');
      return importsOf(f)
        .relative.map(rel)
        .filter((to) => !to.startsWith(`${own}/`) && !to.startsWith('core/host/'))
        .map((to) => `${rel(f)} -> ${to}`);
    });
  expect(bad).toEqual([]);
});

test('there are no import cycles in src', () => {
  const graph = new Map(files.map((f) => [f, importsOf(f).relative]));
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (f: string, trail: string[]): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(f)), f].map(rel).join(' -> '));
      return;
    }
    state.set(f, 'open');
    for (const next of graph.get(f) ?? []) visit(next, [...trail, f]);
    state.set(f, 'done');
  };
  for (const f of files) visit(f, []);
  expect(cycles).toEqual([]);
});
