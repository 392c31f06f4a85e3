import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { fromRoot } from '../../../src/paths';
import {
  buildManifest,
  loadTemplate,
  ManifestSettingsError,
  validateManifest,
  type Manifest,
} from '../../../manifest/buildManifest';
import { checkColorIcon, checkOutlineIcon } from '../../../manifest/checkIcons';
import { ACCENT, renderColorIcon, renderOutlineIcon } from '../../../manifest/icons';
import { packageApp } from '../../../manifest/package';

const ENV = {
  TEAMS_APP_ID: '3f2b8c1e-6d4a-4b7e-9c21-5a8e7d9f0b12',
  MICROSOFT_APP_ID: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  PUBLIC_HOSTNAME: 'bot.district.example',
};

const COMMANDS = ['help', 'ask', 'check', 'request', 'my requests', 'pending'];

/** A deep copy to break, so one test's damage never leaks into another. */
const copy = (m: Manifest): any => JSON.parse(JSON.stringify(m));

describe('manifest template filled from the environment', () => {
  const manifest = buildManifest(ENV) as any;

  it('validates against the local copy of the 1.22 schema', () => {
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json',
    );
  });

  it('fills every placeholder with the settings', () => {
    const text = JSON.stringify(manifest);
    expect(text).not.toContain('{{');
    expect(manifest.id).toBe(ENV.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(ENV.MICROSOFT_APP_ID);
    expect(manifest.composeExtensions[0].botId).toBe(ENV.MICROSOFT_APP_ID);
    expect(manifest.validDomains).toEqual([ENV.PUBLIC_HOSTNAME]);
    expect(manifest.developer.websiteUrl).toBe('https://bot.district.example/');
    expect(manifest.developer.privacyUrl).toBe('https://bot.district.example/privacy');
    expect(manifest.developer.termsOfUseUrl).toBe('https://bot.district.example/terms');
    expect(manifest.webApplicationInfo).toEqual({
      id: ENV.MICROSOFT_APP_ID,
      resource: `api://bot.district.example/${ENV.MICROSOFT_APP_ID}`,
    });
  });

  it('names the app and says what it does', () => {
    expect(manifest.name).toEqual({ short: 'PR.708 Helper', full: 'PR.708.IT Social Media Helper' });
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full).toMatch(/staff/i);
    expect(manifest.description.full).toMatch(/principal/i);
    expect(manifest.description.full).toMatch(/Communications/);
    expect(manifest.developer.name).toBe('District Communications');
    // The icon background is drawn in the accent colour so the tile and icon agree.
    expect(manifest.accentColor.toLowerCase()).toBe(`#${Buffer.from(ACCENT).toString('hex')}`);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('offers the bot in personal, team and group chat, with the six commands in every scope', () => {
    const bot = manifest.bots[0];
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
    for (const scope of bot.scopes as string[]) {
      const lists = bot.commandLists.filter((l: any) => l.scopes.includes(scope));
      expect(lists).toHaveLength(1);
      expect(lists[0].commands.map((c: any) => c.title)).toEqual(COMMANDS);
      for (const c of lists[0].commands) expect(c.description.length).toBeGreaterThan(10);
    }
  });

  it('declares "Check this post" as an action message extension on messages and the compose box', () => {
    expect(manifest.composeExtensions).toHaveLength(1);
    const [command] = manifest.composeExtensions[0].commands;
    expect(command).toMatchObject({ id: 'checkPost', title: 'Check this post', type: 'action', fetchTask: true });
    expect(command.context).toEqual(expect.arrayContaining(['message', 'compose', 'commandBox']));
  });

  it('has the Oversight personal tab and a configurable team/group chat tab', () => {
    expect(manifest.staticTabs).toEqual([
      expect.objectContaining({
        entityId: 'oversight',
        name: 'Oversight',
        contentUrl: 'https://bot.district.example/tab?context=personal',
        scopes: ['personal'],
      }),
    ]);
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({
        configurationUrl: 'https://bot.district.example/tab/config',
        scopes: ['team', 'groupChat'],
      }),
    ]);
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
  });
});

describe('the schema validator bites', () => {
  const good = buildManifest(ENV);

  it('reports a bot without botId', () => {
    const broken = copy(good);
    delete broken.bots[0].botId;
    expect(validateManifest(broken)).toContain("/bots/0 must have required property 'botId'");
  });

  it('reports an unknown bot scope', () => {
    const broken = copy(good);
    broken.bots[0].scopes = ['personal', 'everyone'];
    expect(validateManifest(broken).some((e) => e.startsWith('/bots/0/scopes/1 '))).toBe(true);
  });

  it('enforces the schema\'s const on manifestVersion (draft-04 Ajv still applies it)', () => {
    const broken = copy(good);
    broken.manifestVersion = '1.19';
    expect(validateManifest(broken)).toEqual(['/manifestVersion must be equal to constant: "1.22"']);
  });

  it('reports unknown properties, over-long text and a non-GUID id', () => {
    const broken = copy(good);
    broken.colour = 'blue';
    broken.name.short = 'x'.repeat(31);
    broken.id = 'not-a-guid';
    const errors = validateManifest(broken);
    expect(errors).toContain('(root) must NOT have additional properties: "colour"');
    expect(errors).toContain('/name/short must NOT have more than 30 characters');
    expect(errors.some((e) => e.startsWith('/id must match pattern'))).toBe(true);
  });

  it('checks the one format the schema uses (uri on $schema)', () => {
    const broken = copy(good);
    broken.$schema = 'not a uri';
    expect(validateManifest(broken)).toEqual(['/$schema must match format "uri"']);
  });
});

describe('settings', () => {
  const messageOf = (env: Record<string, string | undefined>): string => {
    try {
      buildManifest(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ManifestSettingsError);
      return (err as Error).message;
    }
    throw new Error('expected buildManifest to throw');
  };

  it.each(['TEAMS_APP_ID', 'MICROSOFT_APP_ID', 'PUBLIC_HOSTNAME'])('names %s when it is missing or blank', (name) => {
    expect(messageOf({ ...ENV, [name]: undefined })).toMatch(new RegExp(`^${name} is missing`));
    expect(messageOf({ ...ENV, [name]: '  ' })).toMatch(new RegExp(`^${name} is missing`));
  });

  it.each([
    ['TEAMS_APP_ID', '3f2b8c1e6d4a4b7e9c215a8e7d9f0b12'],
    ['TEAMS_APP_ID', '{3f2b8c1e-6d4a-4b7e-9c21-5a8e7d9f0b12}'],
    ['MICROSOFT_APP_ID', 'my-bot'],
    ['PUBLIC_HOSTNAME', 'https://bot.district.example'],
    ['PUBLIC_HOSTNAME', 'bot.district.example/api'],
    ['PUBLIC_HOSTNAME', 'bot.district.example:3978'],
    ['PUBLIC_HOSTNAME', 'localhost'],
    ['PUBLIC_HOSTNAME', 'bot_1.district.example'],
    ['PUBLIC_HOSTNAME', '-bot.district.example'],
  ])('names %s when it is invalid (%s)', (name, value) => {
    const message = messageOf({ ...ENV, [name]: value });
    expect(message).toContain(name);
    expect(message).toContain(value);
  });

  it('reports every bad setting at once, one problem each', () => {
    try {
      buildManifest({});
      throw new Error('expected buildManifest to throw');
    } catch (err) {
      expect((err as ManifestSettingsError).problems.map((p) => p.split(' ')[0])).toEqual([
        'TEAMS_APP_ID',
        'MICROSOFT_APP_ID',
        'PUBLIC_HOSTNAME',
      ]);
    }
  });

  it('accepts surrounding blanks and upper-case GUIDs, as .env files and portals produce them', () => {
    const m = buildManifest({ ...ENV, TEAMS_APP_ID: ` ${ENV.TEAMS_APP_ID.toUpperCase()} ` }) as any;
    expect(m.id).toBe(ENV.TEAMS_APP_ID.toUpperCase());
    expect(validateManifest(m)).toEqual([]);
  });

  it('refuses a template placeholder that no setting fills', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr708-template-'));
    try {
      const template = loadTemplate() as any;
      template.developer.websiteUrl = 'https://{{SUPPORT_HOST}}/';
      const file = path.join(dir, 'manifest.template.json');
      fs.writeFileSync(file, JSON.stringify(template));
      expect(() => buildManifest(ENV, file)).toThrow('/developer/websiteUrl: {{SUPPORT_HOST}}');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('icons', () => {
  const color = PNG.sync.read(fs.readFileSync(fromRoot('manifest', 'color.png')));
  const outline = PNG.sync.read(fs.readFileSync(fromRoot('manifest', 'outline.png')));

  it('colour icon is 192×192, opaque and not a flat square', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    const colours = new Set<number>();
    let seeThrough = 0;
    for (let i = 0; i < color.data.length; i += 4) {
      if (color.data[i + 3] !== 255) seeThrough++;
      colours.add(color.data.readUInt32BE(i));
    }
    expect(seeThrough).toBe(0);
    expect(colours.size).toBeGreaterThan(3);
    expect(checkColorIcon(fs.readFileSync(fromRoot('manifest', 'color.png')))).toEqual([]);
  });

  it('outline icon is 32×32, white on transparent, alpha 0 or 255 only, with a real shape', () => {
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let on = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const a = outline.data[i + 3];
      expect([0, 255]).toContain(a);
      if (a === 255) {
        on++;
        expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    // Neither empty nor a filled block: between 10% and 60% of the pixels are drawn.
    expect(on).toBeGreaterThan(32 * 32 * 0.1);
    expect(on).toBeLessThan(32 * 32 * 0.6);
    // Corners are background, so Teams sees a shape on transparency rather than a square.
    expect(outline.data[3]).toBe(0);
    expect(checkOutlineIcon(fs.readFileSync(fromRoot('manifest', 'outline.png')))).toEqual([]);
  });

  it('committed PNGs match what manifest/icons.ts draws (regenerate them after changing the drawing)', () => {
    expect(Buffer.compare(renderColorIcon().data, color.data)).toBe(0);
    expect(Buffer.compare(renderOutlineIcon().data, outline.data)).toBe(0);
  });

  const encode = (width: number, height: number, rgba: (x: number, y: number) => number[]): Buffer => {
    const png = new PNG({ width, height });
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) png.data.set(rgba(x, y), (y * width + x) * 4);
    }
    return PNG.sync.write(png);
  };

  it('icon checks refuse wrong sizes, transparency in the colour icon and colour in the outline', () => {
    expect(checkColorIcon(encode(100, 100, () => [10, 20, 30, 255]))).toEqual([
      'color.png is 100×100; Teams needs 192×192',
    ]);
    expect(checkColorIcon(encode(192, 192, (x) => [10, 20, 30, x < 5 ? 0 : 255]))[0]).toMatch(/must be opaque/);
    expect(checkOutlineIcon(encode(32, 32, (x) => (x < 16 ? [0, 0, 0, 0] : [0, 120, 212, 255])))[0]).toMatch(
      /neither white nor transparent, e\.g\. \(16,0\) is rgba\(0,120,212,255\)/,
    );
    expect(checkOutlineIcon(encode(32, 32, () => [255, 255, 255, 255]))).toEqual([
      'outline.png has no transparent background',
    ]);
    expect(checkOutlineIcon(encode(32, 32, (x) => (x < 16 ? [0, 0, 0, 0] : [255, 255, 255, 128])))[0]).toMatch(
      /neither white nor transparent/,
    );
    expect(checkOutlineIcon(Buffer.from('not a png'))[0]).toMatch(/^outline\.png is not a readable PNG/);
  });
});

describe('packageApp', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr708-package-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a zip with exactly manifest.json, color.png and outline.png at its root', () => {
    const outFile = path.join(dir, 'nested', 'pr708-helper.zip');
    const result = packageApp({ env: ENV, outFile });
    expect(result).toMatchObject({ ok: true, outFile });

    const zip = new AdmZip(outFile);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = zip.readAsText('manifest.json');
    expect(text).not.toContain('{{');
    const manifest = JSON.parse(text);
    expect(manifest.id).toBe(ENV.TEAMS_APP_ID);
    expect(validateManifest(manifest)).toEqual([]);
    expect(zip.readFile('color.png')!.equals(fs.readFileSync(fromRoot('manifest', 'color.png')))).toBe(true);
    expect(zip.readFile('outline.png')!.equals(fs.readFileSync(fromRoot('manifest', 'outline.png')))).toBe(true);
  });

  it('writes nothing and lists every problem, one line each, when settings and icons are wrong', () => {
    const outFile = path.join(dir, 'pr708-helper.zip');
    fs.writeFileSync(outFile, 'stale package from an earlier run');
    const iconDir = path.join(dir, 'icons');
    fs.mkdirSync(iconDir);
    fs.writeFileSync(path.join(iconDir, 'color.png'), PNG.sync.write(new PNG({ width: 64, height: 64 })));

    const result = packageApp({ env: { ...ENV, PUBLIC_HOSTNAME: 'https://x' }, outFile, iconDir });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringMatching(/^PUBLIC_HOSTNAME is not a host name/),
      'color.png is 64×64; Teams needs 192×192',
      expect.stringMatching(/^color\.png has 4096 transparent/),
      expect.stringMatching(/outline\.png is missing/),
    ]);
    for (const p of result.problems) expect(p).not.toContain('\n');
    expect(fs.existsSync(outFile)).toBe(false);
  });
});
