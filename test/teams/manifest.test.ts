/**
 * The Teams app package: manifest.json validates offline against the v1.19 schema bundled in
 * @microsoft/app-manifest; the icons are the sizes Teams needs (outline: white on transparent);
 * the packager writes a zip of exactly manifest.json, color.png and outline.png, with the app id
 * filled in, that still validates.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PLACEHOLDER_BOT_ID, buildTeamsPackage } from '../../src/teams-package/build-package';
import { colorIcon, outlineIcon } from '../../src/teams-package/icons';
import { decodeSimplePng, encodePng, readPngHeader } from '../../src/teams-package/png';
import { readZip } from '../../src/teams-package/zip';
import { makeTempDir } from '../store/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const BOT_ID = '6a1c2f3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b';

const manifest = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as Record<string, any>;

/**
 * AppManifestUtils.validateAgainstSchema against the v1.19 schema file bundled in
 * @microsoft/app-manifest (offline). It runs in a plain Node process: the package loads an ES
 * module (strip-bom) that Node's require accepts but jest's module loader does not.
 */
function validateManifest(m: unknown): string[] {
  const script = `
    const { AppManifestUtils } = require('@microsoft/app-manifest');
    const schema = require('@microsoft/app-manifest/build/json-schemas/teams/v1.19/MicrosoftTeams.schema.json');
    let input = '';
    process.stdin.on('data', (c) => (input += c)).on('end', () =>
      AppManifestUtils.validateAgainstSchema(JSON.parse(input), schema).then((errors) => process.stdout.write(JSON.stringify(errors))));`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(m), encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

describe('manifest.json', () => {
  test('validates offline against the Teams 1.19 schema', () => {
    expect(validateManifest(manifest())).toEqual([]);
  });

  test('declares a bot for personal chat and teams; "quiz report" (the DSL\'s results) only in the personal chat', () => {
    const m = manifest();
    expect(m.manifestVersion).toBe('1.19');
    expect(m.bots).toHaveLength(1);
    expect(m.bots[0].scopes).toEqual(['personal', 'team']);
    const commands = (scope: string) =>
      m.bots[0].commandLists.filter((l: { scopes: string[] }) => l.scopes.includes(scope)).flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title));
    expect(commands('personal')).toEqual(['report a concern', 'ask a question', 'quiz', 'quiz report']);
    expect(commands('team')).toEqual(['report a concern', 'ask a question', 'quiz']);
    expect(m.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(m.validDomains.length).toBeGreaterThan(0);
  });

  test('the schema check does catch a broken manifest', () => {
    const broken = { ...manifest(), manifestVersion: '1.19', id: 'not-a-guid' };
    expect(validateManifest(broken).join('\n')).toMatch(/\/id must match pattern/);
  });
});

describe('icons', () => {
  test('color.png is 192×192 and outline.png 32×32 with transparency', () => {
    const color = fs.readFileSync(path.join(ROOT, 'appPackage', 'color.png'));
    const outline = fs.readFileSync(path.join(ROOT, 'appPackage', 'outline.png'));
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32, hasAlpha: true });
  });

  test('the outline icon is white on a transparent background', () => {
    const img = decodeSimplePng(fs.readFileSync(path.join(ROOT, 'appPackage', 'outline.png')));
    let transparent = 0;
    for (let i = 0; i < img.pixels.length; i += 4) {
      const [r, g, b, a] = img.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(100);
    expect(img.pixels[3]).toBe(0); // a corner
  });

  test('the icons in appPackage/ are the ones icons.ts draws', () => {
    expect(encodePng(colorIcon()).equals(fs.readFileSync(path.join(ROOT, 'appPackage', 'color.png')))).toBe(true);
    expect(encodePng(outlineIcon()).equals(fs.readFileSync(path.join(ROOT, 'appPackage', 'outline.png')))).toBe(true);
  });
});

describe('the app package (npm run package:teams)', () => {
  test('is a zip of manifest.json and the two icons, with the bot id filled in, still valid', () => {
    const pkg = buildTeamsPackage({ root: ROOT, botId: BOT_ID, domain: 'safestep.upton.sch.uk' });
    const entries = readZip(pkg.zip);
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const packed = JSON.parse(entries[0]!.data.toString('utf8')) as Record<string, any>;
    expect(packed.id).toBe(BOT_ID);
    expect(packed.bots[0].botId).toBe(BOT_ID);
    expect(packed.validDomains).toEqual(['safestep.upton.sch.uk']);
    expect(validateManifest(packed)).toEqual([]);
    expect(entries[1]!.data.equals(fs.readFileSync(path.join(ROOT, 'appPackage', 'color.png')))).toBe(true);
    expect(pkg.warnings).toEqual([]);

    // A standard zip tool reads it too.
    const temp = makeTempDir();
    try {
      const file = path.join(temp.dir, 'teams-app.zip');
      fs.writeFileSync(file, pkg.zip);
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    } finally {
      temp.cleanup();
    }
  });

  test('without an app id it still builds, and says the placeholders must be replaced', () => {
    const pkg = buildTeamsPackage({ root: ROOT });
    expect(pkg.manifest.bots[0]!.botId).toBe(PLACEHOLDER_BOT_ID);
    expect(pkg.warnings.join('\n')).toMatch(/MicrosoftAppId/);
  });

  test('refuses an app id that is not a GUID', () => {
    expect(() => buildTeamsPackage({ root: ROOT, botId: 'my-bot' })).toThrow(/MicrosoftAppId must be a GUID/);
  });

  test('package.json runs the packager', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['package:teams']).toContain('dist/src/teams-package/cli.js');
    expect(fs.existsSync(path.join(ROOT, 'src/teams-package/cli.ts'))).toBe(true);
  });
});
