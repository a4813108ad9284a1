/**
 * `npm run package:teams`: writes dist/teams-app.zip (manifest.json, color.png, outline.png) for
 * upload to Teams. Reads MicrosoftAppId, TEAMS_APP_ID and TEAMS_APP_DOMAIN from the environment
 * (this build tool is not part of the running app). Validates the manifest against the Teams
 * 1.19 schema bundled in @microsoft/app-manifest (offline) when that dev dependency is installed.
 * `--icons` redraws appPackage/color.png and outline.png from icons.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildTeamsPackage } from './build-package';
import { colorIcon, outlineIcon } from './icons';
import { encodePng } from './png';

const root = path.resolve(__dirname, '..', '..', '..', '..', '..');

async function validate(manifest: object): Promise<string[] | undefined> {
  let mod: { AppManifestUtils: { validateAgainstSchema(m: object, s: object): Promise<string[]> } };
  try {
    mod = require('@microsoft/app-manifest') as typeof mod;
  } catch {
    return undefined;
  }
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/app-manifest/build/json-schemas/teams/v1.19/MicrosoftTeams.schema.json'), 'utf8')) as object;
  return mod.AppManifestUtils.validateAgainstSchema(manifest, schema);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--icons')) {
    fs.mkdirSync(path.join(root, 'appPackage'), { recursive: true });
    fs.writeFileSync(path.join(root, 'appPackage', 'color.png'), encodePng(colorIcon()));
    fs.writeFileSync(path.join(root, 'appPackage', 'outline.png'), encodePng(outlineIcon()));
    process.stdout.write('Wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32).\n');
    return 0;
  }
  const env = process.env;
  const pkg = buildTeamsPackage({ root, botId: env.MicrosoftAppId || undefined, appId: env.TEAMS_APP_ID || undefined, domain: env.TEAMS_APP_DOMAIN || undefined });
  const problems = await validate(pkg.manifest);
  if (problems && problems.length > 0) {
    process.stderr.write(`manifest.json does not match the Teams 1.19 schema:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  const out = path.join(root, 'dist', 'teams-app.zip');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, pkg.zip);
  process.stdout.write(`Wrote ${path.relative(root, out)} (manifest.json, color.png, outline.png)${problems ? '' : ' [schema not checked: @microsoft/app-manifest not installed]'}.\n`);
  for (const w of pkg.warnings) process.stdout.write(`  Note: ${w}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`Could not build the Teams app package: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
