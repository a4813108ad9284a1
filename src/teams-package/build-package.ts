/**
 * Builds the Teams app package (the zip an admin uploads): manifest.json from the project root,
 * with the bot's app id (MicrosoftAppId), the Teams app id and the host domain filled in when
 * given, plus the two icons from appPackage/, checked for Teams' sizes first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readPngHeader } from './png';
import { writeZip } from './zip';

/** The placeholder ids and domain manifest.json ships with (see README, "Set up in Teams"). */
export const PLACEHOLDER_APP_ID = '00000000-0000-4000-8000-000000000000';
export const PLACEHOLDER_BOT_ID = '00000000-0000-4000-8000-000000000001';
export const PLACEHOLDER_DOMAIN = 'safestep.example.org';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

export interface PackageOptions {
  /** Project root (manifest.json and appPackage/ live here). */
  root: string;
  /** The bot's Microsoft app id (MicrosoftAppId). */
  botId?: string;
  /** The Teams app id; defaults to the bot id. */
  appId?: string;
  /** The public host SafeStep's messaging endpoint is on (e.g. safestep.myschool.org.uk). */
  domain?: string;
}

export interface TeamsPackage {
  manifest: Record<string, unknown> & { id: string; bots: { botId: string }[]; validDomains?: string[] };
  zip: Buffer;
  /** Things the admin must still fix before uploading (placeholders left in). */
  warnings: string[];
}

/** The icons Teams requires: [file, width/height, must have transparency]. */
export const ICONS: readonly [string, number, boolean][] = [
  ['color.png', 192, false],
  ['outline.png', 32, true],
];

function fail(message: string): never {
  throw Object.assign(new Error(message), { code: 'teams_package_error' });
}

/** Reads and checks an icon; throws naming the file and what is wrong. */
function icon(root: string, file: string, size: number, alpha: boolean): Buffer {
  const p = path.join(root, 'appPackage', file);
  if (!fs.existsSync(p)) fail(`appPackage/${file} is missing (a ${size}×${size} PNG).`);
  const data = fs.readFileSync(p);
  let h;
  try {
    h = readPngHeader(data);
  } catch {
    fail(`appPackage/${file} is not a PNG file.`);
  }
  if (h.width !== size || h.height !== size) fail(`appPackage/${file} is ${h.width}×${h.height}; Teams needs ${size}×${size}.`);
  if (alpha && !h.hasAlpha) fail(`appPackage/${file} has no transparency; Teams needs a white outline on a transparent background.`);
  return data;
}

/** Builds the package in memory; throws teams_package_error on a bad id or icon. */
export function buildTeamsPackage(o: PackageOptions): TeamsPackage {
  const manifest = JSON.parse(fs.readFileSync(path.join(o.root, 'manifest.json'), 'utf8')) as TeamsPackage['manifest'];
  const warnings: string[] = [];
  for (const [name, value] of [['MicrosoftAppId', o.botId], ['TEAMS_APP_ID', o.appId]] as const) {
    if (value !== undefined && !GUID.test(value)) fail(`${name} must be a GUID like 12345678-90ab-cdef-1234-567890abcdef.`);
  }
  if (o.botId) manifest.bots = manifest.bots.map((b) => ({ ...b, botId: o.botId! }));
  const appId = o.appId ?? o.botId;
  if (appId) manifest.id = appId;
  if (o.domain) manifest.validDomains = (manifest.validDomains ?? []).map((d) => (d === PLACEHOLDER_DOMAIN ? o.domain! : d));
  if (manifest.bots.some((b) => b.botId === PLACEHOLDER_BOT_ID)) warnings.push('The bot id is still the placeholder: set MicrosoftAppId to your Azure Bot\'s app id.');
  if (manifest.id === PLACEHOLDER_APP_ID) warnings.push('The app id is still the placeholder: set MicrosoftAppId (or TEAMS_APP_ID).');
  if ((manifest.validDomains ?? []).includes(PLACEHOLDER_DOMAIN)) warnings.push(`validDomains still lists ${PLACEHOLDER_DOMAIN}: set TEAMS_APP_DOMAIN to the host SafeStep runs on.`);
  const files = ICONS.map(([file, size, alpha]) => ({ name: file, data: icon(o.root, file, size, alpha) }));
  const zip = writeZip([{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...files]);
  return { manifest, zip, warnings };
}
