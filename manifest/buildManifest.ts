import fs from 'node:fs';
import Ajv from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import { fromRoot } from '../src/paths';

/**
 * Turns manifest/manifest.template.json into the Teams app manifest for one
 * deployment and checks it against the project's copy of the official schema.
 *
 * Ids and the host name are deployment facts, so they live in the environment
 * (or `.env`) and are filled in at packaging time rather than committed.
 */

export const TEMPLATE_PATH = fromRoot('manifest', 'manifest.template.json');
/** The project's own copy: the official URL in `$schema` cannot be fetched from CI machines. */
export const SCHEMA_PATH = fromRoot('manifest', 'schema', 'MicrosoftTeams.v1.22.schema.json');

/** The settings the template refers to, in the order problems are reported. */
export const MANIFEST_SETTINGS = ['TEAMS_APP_ID', 'MICROSOFT_APP_ID', 'PUBLIC_HOSTNAME'] as const;
export type ManifestSetting = (typeof MANIFEST_SETTINGS)[number];
export type ManifestSettings = Record<ManifestSetting, string>;

/** Any JSON value: the manifest is handled as plain data, the schema is its type. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type Manifest = { [key: string]: Json };

/** Same pattern as the schema's `#/definitions/guid`, so a value we accept the schema accepts. */
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
/**
 * DNS labels (RFC 1123), at least two of them. A single label such as
 * `localhost` is refused because Teams loads the tab and SSO resource from the
 * public internet over https; scheme, port and path are refused because the
 * value is used bare in validDomains and inside `https://…/` URLs.
 */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
function isHostname(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l));
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** A bad or missing setting; `problems` has one readable line per setting. */
export class ManifestSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ManifestSettingsError';
  }
}

/**
 * Reads and checks the three settings. Returns every problem at once so that
 * an administrator fixes `.env` in one pass instead of one error per run.
 */
export function readManifestSettings(
  env: Record<string, string | undefined>,
): { settings: ManifestSettings; problems: string[] } {
  const problems: string[] = [];
  const get = (name: ManifestSetting): string => (env[name] ?? '').trim();
  const settings: ManifestSettings = {
    TEAMS_APP_ID: get('TEAMS_APP_ID'),
    MICROSOFT_APP_ID: get('MICROSOFT_APP_ID'),
    PUBLIC_HOSTNAME: get('PUBLIC_HOSTNAME'),
  };

  for (const name of ['TEAMS_APP_ID', 'MICROSOFT_APP_ID'] as const) {
    const value = settings[name];
    if (!value) problems.push(`${name} is missing: set it to a GUID (${describe(name)})`);
    else if (!GUID.test(value)) problems.push(`${name} is not a GUID: "${value}" (${describe(name)})`);
  }

  const host = settings.PUBLIC_HOSTNAME;
  if (!host) {
    problems.push('PUBLIC_HOSTNAME is missing: set it to the bot\'s public host name, e.g. bot.district.example');
  } else if (!isHostname(host)) {
    problems.push(
      `PUBLIC_HOSTNAME is not a host name: "${host}" (give only the name, e.g. bot.district.example, without https://, port or path)`,
    );
  }
  return { settings, problems };
}

function describe(name: 'TEAMS_APP_ID' | 'MICROSOFT_APP_ID'): string {
  return name === 'TEAMS_APP_ID'
    ? 'the Teams app id; generate one GUID per app and keep it across versions'
    : "the bot's Microsoft Entra app id from the Azure Bot registration";
}

/** Replaces `{{NAME}}` in every string of the template; unknown names are left for the leftover check. */
function fill(value: Json, settings: ManifestSettings): Json {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole, name: string) =>
      (MANIFEST_SETTINGS as readonly string[]).includes(name) ? settings[name as ManifestSetting] : whole,
    );
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, settings));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = fill(v, settings);
    return out;
  }
  return value;
}

/** Every `{{…}}` still present, as `path: {{NAME}}`, for a template that names a setting we do not know. */
export function findPlaceholders(value: Json, path = ''): string[] {
  if (typeof value === 'string') {
    return [...value.matchAll(PLACEHOLDER)].map((m) => `${path || '/'}: ${m[0]}`);
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findPlaceholders(v, `${path}/${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => findPlaceholders(v, `${path}/${k}`));
  }
  return [];
}

export function loadTemplate(templatePath: string = TEMPLATE_PATH): Manifest {
  return JSON.parse(fs.readFileSync(templatePath, 'utf8')) as Manifest;
}

/**
 * The manifest for this deployment. Throws ManifestSettingsError naming each
 * missing or invalid setting, and an Error if the template uses a placeholder
 * that no setting fills (which would otherwise ship as literal `{{…}}`).
 */
export function buildManifest(
  env: Record<string, string | undefined>,
  templatePath: string = TEMPLATE_PATH,
): Manifest {
  const { settings, problems } = readManifestSettings(env);
  if (problems.length > 0) throw new ManifestSettingsError(problems);
  const manifest = fill(loadTemplate(templatePath), settings) as Manifest;
  const leftovers = findPlaceholders(manifest);
  if (leftovers.length > 0) {
    throw new Error(`manifest template has placeholders no setting fills: ${leftovers.join(', ')}`);
  }
  return manifest;
}

let compiled: ValidateFunction | undefined;

/**
 * Compiled once: the 1.22 schema is ~90 KB and tests validate many variants.
 *
 * Options, and why:
 * - draft-04 Ajv, because that is the schema's `$schema`; it still enforces the
 *   schema's `const` on manifestVersion (checked by a test).
 * - `strictTypes: false`: Microsoft's schema puts `additionalProperties` and
 *   `maxItems` next to no `type` in a few places; strict mode would only print
 *   warnings about the schema itself, not about our manifest.
 * - Formats: the only `format` in the 1.22 schema is `uri` (on `$schema`).
 *   ajv-formats is not installed, so `uri` is registered below as "a scheme
 *   followed by non-blank characters" (RFC 3986 scheme syntax, no full parse).
 *   Format validation stays on, so any other format appearing in a future copy
 *   of the schema fails compilation loudly instead of being skipped silently.
 */
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
    compiled = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as object);
  }
  return compiled;
}

function formatError(e: ErrorObject): string {
  const where = e.instancePath || '(root)';
  const p = e.params as Record<string, unknown>;
  let detail = '';
  if (e.keyword === 'additionalProperties') detail = `: "${String(p.additionalProperty)}"`;
  else if (e.keyword === 'enum') detail = `: ${JSON.stringify(p.allowedValues)}`;
  else if (e.keyword === 'const') detail = `: ${JSON.stringify(p.allowedValue)}`;
  return `${where} ${e.message ?? e.keyword}${detail}`;
}

/**
 * Schema errors for a manifest, one readable line each (`/bots/0 must have
 * required property 'botId'`); an empty list means it is valid against 1.22.
 */
export function validateManifest(manifest: unknown): string[] {
  const validate = validator();
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(formatError);
}
