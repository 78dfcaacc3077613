import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { commandLists, COMMAND_LIMITS } from './commands';

/**
 * Builds the Teams app package: fills manifest.template.json from configuration, validates it
 * offline with @microsoft/app-manifest's validator against the schema that package ships, and zips
 * it (fflate) with the committed icons.
 */

export const MANIFEST_VERSION = '1.30';
export const SCHEMA_PATH = require.resolve(
  `@microsoft/app-manifest/build/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
);
export const TEMPLATE_PATH = join(__dirname, 'manifest.template.json');
export const BUILD_DIR = join(__dirname, 'build');
export const PACKAGE_FILE = 'tautoko.zip';
const ROOT = resolve(__dirname, '..');

/**
 * The app's icons, designed as SVG in manifest/icons/ and committed as PNG (see the README there):
 * a 192x192 full-colour icon and a 32x32 outline icon, white on a transparent background.
 */
export const ICON_DIR = join(__dirname, 'icons');
export const COLOR_ICON = { file: 'color.png', size: 192 } as const;
export const OUTLINE_ICON = { file: 'outline.png', size: 32 } as const;
/** Also the manifest's accentColor: the colour icon's background, so the tile behind it matches. */
export const ACCENT = '#0E6B73';

export function readCommittedIcons(dir = ICON_DIR): { color: Buffer; outline: Buffer } {
  return {
    color: readFileSync(join(dir, COLOR_ICON.file)),
    outline: readFileSync(join(dir, OUTLINE_ICON.file)),
  };
}

const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, 'must be a GUID');
const https = z.string().trim().url().startsWith('https://', 'must be an https URL');

/** The configuration the package needs. Names match .env so one file serves the bot and its package. */
export const packageConfigSchema = z
  .object({
    MicrosoftAppId: guid,
    TEAMS_APP_ID: guid,
    BOT_DOMAIN: z
      .string()
      .trim()
      .regex(
        /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/,
        'must be a host name such as tautoko.example.govt.nz (no scheme, port or path)',
      ),
    APP_VERSION: z
      .string()
      .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'must be a version like 1.2.3')
      .optional(),
    APP_NAME_SUFFIX: z.string().max(14).optional(),
    DEVELOPER_NAME: z.string().min(1).max(32).optional(),
    DEVELOPER_WEBSITE_URL: https.optional(),
    PRIVACY_URL: https.optional(),
    TERMS_OF_USE_URL: https.optional(),
  })
  .transform((c) => ({
    ...c,
    APP_VERSION: c.APP_VERSION ?? packageVersion(),
    APP_NAME_SUFFIX: c.APP_NAME_SUFFIX ?? '',
    DEVELOPER_NAME: c.DEVELOPER_NAME ?? 'Tautoko',
    DEVELOPER_WEBSITE_URL: c.DEVELOPER_WEBSITE_URL ?? `https://${c.BOT_DOMAIN}/`,
    PRIVACY_URL: c.PRIVACY_URL ?? `https://${c.BOT_DOMAIN}/privacy`,
    TERMS_OF_USE_URL: c.TERMS_OF_USE_URL ?? `https://${c.BOT_DOMAIN}/terms`,
    ACCENT_COLOR: ACCENT,
  }));
export type PackageConfig = z.output<typeof packageConfigSchema>;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export class PackageError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}:\n  - ${problems.join('\n  - ')}` : message);
    this.name = 'PackageError';
  }
}

/**
 * Reads configuration for an environment: `.env.<name>` (which must exist) when a name is given,
 * else `.env` when present. Values in the file win over the process environment, so packaging for
 * one environment from a shell set up for another cannot mix the two; the process environment
 * only fills what the file leaves out (as in CI, where there is no file).
 */
export function loadPackageConfig(
  envName: string | undefined,
  opts: { root?: string; processEnv?: NodeJS.ProcessEnv } = {},
): PackageConfig {
  const root = opts.root ?? ROOT;
  const processEnv = opts.processEnv ?? process.env;
  let fileValues: NodeJS.Dict<string> = {};
  if (envName !== undefined) {
    if (!/^[A-Za-z0-9_-]+$/.test(envName)) throw new PackageError(`invalid environment name "${envName}"`);
    const file = join(root, `.env.${envName}`);
    if (!existsSync(file)) throw new PackageError(`no configuration file .env.${envName} in ${root}`);
    fileValues = parseEnv(readFileSync(file, 'utf8'));
  } else if (existsSync(join(root, '.env'))) {
    fileValues = parseEnv(readFileSync(join(root, '.env'), 'utf8'));
  }
  const keys = Object.keys(packageConfigSchema.innerType().shape);
  const raw: Record<string, string> = {};
  for (const k of keys) {
    const v = fileValues[k] ?? processEnv[k];
    if (v !== undefined && v !== '') raw[k] = v;
  }
  const parsed = packageConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PackageError(
      `configuration for ${envName ?? 'the default environment'} is not usable`,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** Replaces `${{NAME}}` in every string of the template; an unknown name is an error, never left in. */
export function fillTemplate(template: unknown, values: Record<string, string>): unknown {
  const missing = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => {
        const value = values[name];
        if (value === undefined) {
          missing.add(name);
          return '';
        }
        return value;
      });
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(template);
  if (missing.size)
    throw new PackageError('the manifest template uses values nobody set', [...missing].sort());
  return out;
}

export type Manifest = Record<string, unknown> & { bots: Array<Record<string, unknown>> };

export function buildManifest(config: PackageConfig, template: unknown = readTemplate()): Manifest {
  const values: Record<string, string> = Object.fromEntries(
    Object.entries(config).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const manifest = fillTemplate(template, values) as Manifest;
  const bot = manifest.bots[0];
  if (!bot) throw new PackageError('the manifest template has no bot');
  // The command lists come from manifest/commands.ts so the bot's help and Teams' menu share one source.
  bot['commandLists'] = commandLists();
  return manifest;
}

export function readTemplate(): unknown {
  return JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8'));
}

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;
let schema: ManifestSchema | undefined;

/**
 * The schema @microsoft/app-manifest ships for MANIFEST_VERSION, read from the package and handed to
 * its validator, so the validator never looks up the manifest's $schema address (an address it does
 * not ship, it would fetch).
 */
function bundledSchema(): ManifestSchema {
  schema ??= JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as ManifestSchema;
  return schema;
}

/** Errors against the official JSON schema for the manifest's version; [] when it is valid. */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, bundledSchema());
  // The validator writes "<path> <message>. Details: <params>"; the manifest's root has an empty path.
  return errors.map((e) => (e.startsWith(' ') ? `/${e}` : e));
}

/**
 * What Teams checks beyond the JSON schema when the package is uploaded: icon sizes and the outline
 * icon's colours, and command-list limits.
 */
export function checkTeamsRules(manifest: Manifest, files: Record<string, Buffer>): string[] {
  const problems: string[] = [];
  const icons = manifest['icons'] as { color?: string; outline?: string } | undefined;
  const expect: Array<[string | undefined, number, string]> = [
    [icons?.color, COLOR_ICON.size, 'color'],
    [icons?.outline, OUTLINE_ICON.size, 'outline'],
  ];
  for (const [file, size, kind] of expect) {
    const png = file === undefined ? undefined : files[file];
    if (!png) {
      problems.push(`${kind} icon ${file ?? '(none)'} is not in the package`);
      continue;
    }
    const h = readPng(png);
    if (!h) {
      problems.push(`${kind} icon ${file ?? ''} is not a PNG image`);
    } else if (h.width !== size || h.height !== size) {
      problems.push(`${kind} icon must be ${size}x${size} pixels, not ${h.width}x${h.height}`);
    }
  }
  const outline = icons?.outline ? files[icons.outline] : undefined;
  const img = outline ? readPng(outline) : undefined;
  if (img) {
    for (let i = 0; i < img.width * img.height; i++) {
      const [r, g, b, a] = [
        img.data[i * 4]!,
        img.data[i * 4 + 1]!,
        img.data[i * 4 + 2]!,
        img.data[i * 4 + 3]!,
      ];
      if (a > 0 && (r !== 255 || g !== 255 || b !== 255)) {
        problems.push('outline icon must be white on a transparent background');
        break;
      }
    }
  }
  for (const bot of manifest.bots) {
    for (const list of (bot['commandLists'] ?? []) as Array<{
      commands: Array<{ title: string; description?: string }>;
    }>) {
      if (list.commands.length > COMMAND_LIMITS.perList) {
        problems.push(
          `a command list has ${list.commands.length} commands; Teams shows at most ${COMMAND_LIMITS.perList}`,
        );
      }
      for (const c of list.commands) {
        if (c.title.length > COMMAND_LIMITS.title)
          problems.push(`command title "${c.title}" is over ${COMMAND_LIMITS.title} characters`);
        if ((c.description ?? '').length > COMMAND_LIMITS.description) {
          problems.push(
            `command "${c.title}" has a description over ${COMMAND_LIMITS.description} characters`,
          );
        }
      }
    }
  }
  return problems;
}

/** The image as 8-bit RGBA (pngjs converts every PNG colour type to it), or undefined when it is not a PNG. */
function readPng(data: Buffer): { width: number; height: number; data: Buffer } | undefined {
  try {
    return PNG.sync.read(data);
  } catch {
    return undefined;
  }
}

/** A fixed time for every zip entry, so one configuration always gives the same package bytes. */
const ZIP_TIME = new Date(2020, 0, 1);

export interface BuiltPackage {
  manifest: Manifest;
  zip: Buffer;
  zipPath: string;
}

/** Builds, validates and writes manifest/build/<env>/tautoko.zip (and manifest.json beside it). */
export async function buildPackage(
  envName: string | undefined,
  opts: { root?: string; processEnv?: NodeJS.ProcessEnv; outDir?: string } = {},
): Promise<BuiltPackage> {
  const config = loadPackageConfig(envName, opts);
  const manifest = buildManifest(config);
  const schemaErrors = await validateManifest(manifest);
  if (schemaErrors.length)
    throw new PackageError(`manifest fails the v${MANIFEST_VERSION} schema`, schemaErrors);
  const icons = readCommittedIcons();
  const files: Record<string, Buffer> = {
    [COLOR_ICON.file]: icons.color,
    [OUTLINE_ICON.file]: icons.outline,
  };
  const ruleErrors = checkTeamsRules(manifest, files);
  if (ruleErrors.length) throw new PackageError('package breaks Teams rules', ruleErrors);

  const manifestJson = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const entries = { 'manifest.json': manifestJson, ...files };
  const zip = Buffer.from(
    zipSync(
      Object.fromEntries(
        Object.entries(entries).map(([name, data]) => [name, [new Uint8Array(data), { mtime: ZIP_TIME }]]),
      ),
      { level: 9 },
    ),
  );
  const outDir = opts.outDir ?? join(BUILD_DIR, envName ?? 'local');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, PACKAGE_FILE);
  writeFileSync(zipPath, zip);
  writeFileSync(join(outDir, 'manifest.json'), manifestJson);
  return { manifest, zip, zipPath };
}
