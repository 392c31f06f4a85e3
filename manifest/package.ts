import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import dotenv from 'dotenv';
import { fromRoot } from '../src/paths';
import {
  buildManifest,
  loadTemplate,
  ManifestSettingsError,
  TEMPLATE_PATH,
  validateManifest,
  type Json,
  type Manifest,
} from './buildManifest';
import { checkIconFiles } from './checkIcons';

/**
 * `npm run package`: builds the Teams app package an administrator uploads
 * (Teams admin center or "Upload a custom app"). Runs compiled as
 * dist/manifest/package.js, so every input is found through fromRoot, never
 * relative to this file.
 *
 *   npm run package                      → dist/appPackage/pr708-helper.zip
 *   node dist/manifest/package.js --out other.zip
 */

export const DEFAULT_PACKAGE_PATH = fromRoot('dist', 'appPackage', 'pr708-helper.zip');
export const ICON_DIR = fromRoot('manifest');

export interface PackageOptions {
  /** Where TEAMS_APP_ID, MICROSOFT_APP_ID and PUBLIC_HOSTNAME come from; process.env by default. */
  env?: Record<string, string | undefined>;
  /** The zip to write; parent folders are created. */
  outFile?: string;
  templatePath?: string;
  /** Folder holding the icon files the manifest names. */
  iconDir?: string;
}

export type PackageResult =
  | { ok: true; outFile: string; manifest: Manifest; entries: string[] }
  | { ok: false; problems: string[] };

/** The icon file names the manifest declares (they double as the zip entry names). */
function iconNames(manifest: Manifest | undefined): { color: string; outline: string } {
  const icons: Json | undefined = manifest?.icons;
  const pick = (key: 'color' | 'outline'): string => {
    if (icons && typeof icons === 'object' && !Array.isArray(icons)) {
      const v = icons[key];
      if (typeof v === 'string' && v) return v;
    }
    return `${key}.png`;
  };
  return { color: pick('color'), outline: pick('outline') };
}

/**
 * Builds, validates and zips. Collects every problem (settings, schema, icons)
 * instead of stopping at the first, so one run tells the administrator all
 * there is to fix. Writes nothing unless everything passes.
 */
export function packageApp(options: PackageOptions = {}): PackageResult {
  const env = options.env ?? process.env;
  const outFile = options.outFile ?? DEFAULT_PACKAGE_PATH;
  const templatePath = options.templatePath ?? TEMPLATE_PATH;
  const iconDir = options.iconDir ?? ICON_DIR;
  const problems: string[] = [];

  let manifest: Manifest | undefined;
  try {
    manifest = buildManifest(env, templatePath);
  } catch (err) {
    if (err instanceof ManifestSettingsError) problems.push(...err.problems);
    else problems.push(`manifest template ${templatePath}: ${(err as Error).message}`);
  }
  if (manifest) problems.push(...validateManifest(manifest).map((line) => `manifest.json ${line}`));

  // Icons are checked even when the settings are wrong, to report everything in one run.
  let declared = manifest;
  if (!declared) {
    try {
      declared = loadTemplate(templatePath);
    } catch {
      // Already reported above; fall back to the default icon names.
    }
  }
  const names = iconNames(declared);
  problems.push(...checkIconFiles(iconDir, names));

  if (problems.length > 0 || !manifest) {
    // A zip left from an earlier run would look like the result of this one and could be uploaded by mistake.
    fs.rmSync(outFile, { force: true });
    return { ok: false, problems };
  }

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  zip.addFile(names.color, fs.readFileSync(path.join(iconDir, names.color)));
  zip.addFile(names.outline, fs.readFileSync(path.join(iconDir, names.outline)));
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  zip.writeZip(outFile);
  return { ok: true, outFile, manifest, entries: zip.getEntries().map((e) => e.entryName) };
}

/** Command-line entry; returns the exit code. */
export function main(argv: string[] = process.argv.slice(2)): number {
  let outFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) outFile = path.resolve(argv[++i]!);
    else {
      console.error(`package: unknown argument "${argv[i]}" (usage: package.js [--out file.zip])`);
      return 1;
    }
  }

  // Same settings file the bot reads; values already in the environment win, as in the bot.
  const envFile = fromRoot('.env');
  if (fs.existsSync(envFile)) dotenv.config({ path: envFile, quiet: true });

  const result = packageApp({ env: process.env, outFile });
  if (!result.ok) {
    for (const problem of result.problems) console.error(`package: ${problem}`);
    console.error(`package: no app package written (${result.problems.length} problem(s))`);
    return 1;
  }
  const id = result.manifest.id;
  console.log(`package: wrote ${path.relative(process.cwd(), result.outFile) || result.outFile} (Teams app id ${String(id)})`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main();
}
