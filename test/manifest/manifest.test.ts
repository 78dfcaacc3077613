import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_COMMANDS, BASE_COMMANDS, parseChatCommand } from '../../bot/chatCommands';
import { loadConfig } from '../../bot/config';
import { TAB_ENTITY_ID } from '../../cards/links';
import { botCommands, commandLists, COMMAND_LIMITS } from '../../manifest/commands';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import {
  buildManifest,
  buildPackage,
  checkTeamsRules,
  COLOR_ICON,
  fillTemplate,
  loadPackageConfig,
  MANIFEST_VERSION,
  OUTLINE_ICON,
  PackageError,
  readCommittedIcons,
  readTemplate,
  validateManifest,
  type Manifest,
} from '../../manifest/package';
import { workflows } from '../../cards/processes';

const APP_ID = '0b5a5a0e-6c1b-4e43-9d0f-5a0e3f6f2a11';
const BOT_ID = '7d1e2c33-91a4-4f6b-8c2d-0e9a1b2c3d4e';
const ENV = { TEAMS_APP_ID: APP_ID, MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'tautoko-test.example.govt.nz' };

function emptyRoot(): string {
  return mkdtempSync(join(tmpdir(), 'tautoko-manifest-'));
}

function validManifest(): Manifest {
  return buildManifest(loadPackageConfig(undefined, { root: emptyRoot(), processEnv: ENV }));
}

describe('Teams app package', () => {
  let root: string;
  beforeEach(() => {
    root = emptyRoot();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('built manifest', () => {
    it('passes the official schema and takes its ids from configuration', async () => {
      const built = await buildPackage(undefined, { root, processEnv: ENV, outDir: join(root, 'out') });
      assert.deepEqual(await validateManifest(built.manifest), []);
      assert.equal(built.manifest['manifestVersion'], MANIFEST_VERSION);
      assert.equal(built.manifest['id'], APP_ID);
      assert.equal(built.manifest.bots[0]!['botId'], BOT_ID);
      assert.deepEqual(built.manifest['validDomains'], [ENV.BOT_DOMAIN]);
      assert.deepEqual(built.manifest.bots[0]!['scopes'], ['personal', 'team', 'groupChat']);
      assert.equal(built.manifest.bots[0]!['supportsFiles'], false);
      assert.ok(!JSON.stringify(built.manifest).includes('${{'), 'no placeholder is left in the manifest');
    });

    it('declares the My work tab over https and the SSO app (webApplicationInfo) with the bot id', async () => {
      const m = validManifest();
      assert.deepEqual(await validateManifest(m), []);
      const tabs = m['staticTabs'] as Array<Record<string, unknown>>;
      const tab = tabs.find((t) => t['entityId'] === TAB_ENTITY_ID)!;
      assert.equal(tab['contentUrl'], `https://${ENV.BOT_DOMAIN}/tab/`);
      assert.deepEqual(tab['scopes'], ['personal']);
      assert.ok(
        tabs.some((t) => t['entityId'] === 'conversations'),
        'the chat with the bot stays beside the tab',
      );
      assert.deepEqual(m['webApplicationInfo'], {
        id: BOT_ID,
        resource: `api://${ENV.BOT_DOMAIN}/botid-${BOT_ID}`,
      });
      // The bot's SSO check expects exactly this Application ID URI when it is not set by hand.
      const config = loadConfig({
        MicrosoftAppId: BOT_ID,
        MicrosoftAppPassword: 'x',
        MicrosoftAppTenantId: BOT_ID,
        BOT_DOMAIN: ENV.BOT_DOMAIN,
      });
      assert.equal(config.tab.sso?.appIdUri, (m['webApplicationInfo'] as { resource: string }).resource);
      assert.equal(config.tab.sso?.clientId, BOT_ID);
    });

    it('declares the $schema of the version it is validated against', () => {
      const m = validManifest();
      assert.equal(
        m['$schema'],
        `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
      );
    });

    it('lists the bot commands from manifest/commands.ts, one list per scope', () => {
      const lists = validManifest().bots[0]!['commandLists'] as ReturnType<typeof commandLists>;
      assert.deepEqual(lists, commandLists());
      assert.deepEqual(
        lists.map((l) => l.scopes),
        [['personal'], ['team'], ['groupChat']],
      );
      const personal = lists[0]!.commands.map((c) => c.title);
      assert.deepEqual(personal, [
        'help',
        'status',
        'my tasks',
        'applications for',
        'whois',
        // Each process's start command, in the order of cards/processes.ts.
        'new hui',
        'new mix assessment',
        'new visitor application',
        'new prohibition order',
      ]);
      assert.deepEqual(
        lists[1]!.commands.map((c) => c.title),
        ['help', 'status', 'whois', 'register channel'],
      );
    });
  });

  describe('a wrong manifest', () => {
    it('fails with the schema message for a missing required property', async () => {
      const m = validManifest();
      delete m['id'];
      const errors = await validateManifest(m);
      assert.ok(
        errors.some((e) => e.startsWith("/ must have required property 'id'")),
        errors.join('\n'),
      );
    });

    it('fails with the schema message for a bot id that is not a GUID', async () => {
      const m = validManifest();
      m.bots[0]!['botId'] = 'not-a-guid';
      const errors = await validateManifest(m);
      assert.ok(
        errors.some((e) => e.startsWith('/bots/0/botId must match pattern')),
        errors.join('\n'),
      );
    });

    it('fails for an unknown scope and an unknown property, naming them', async () => {
      const m = validManifest();
      m.bots[0]!['scopes'] = ['personal', 'meetings'];
      m['botName'] = 'Tautoko';
      const errors = await validateManifest(m);
      assert.ok(
        errors.some((e) => e.startsWith('/bots/0/scopes/1 must be equal to one of the allowed values')),
        errors.join('\n'),
      );
      assert.ok(
        errors.some((e) => e.startsWith('/ must NOT have additional properties') && e.includes('"botName"')),
        errors.join('\n'),
      );
    });

    it('is checked against the schema the package ships, whatever $schema says (no download)', async () => {
      const m = validManifest();
      m['$schema'] = 'https://schemas.invalid/teams/v9.99/MicrosoftTeams.schema.json';
      assert.deepEqual(await validateManifest(m), []);
      delete m['version'];
      assert.ok(
        (await validateManifest(m)).some((e) => e.startsWith("/ must have required property 'version'")),
      );
    });

    it('stops the build with the variable that is wrong', async () => {
      await assert.rejects(
        buildPackage(undefined, {
          root,
          processEnv: { ...ENV, MicrosoftAppId: 'abc' },
          outDir: join(root, 'out'),
        }),
        (e: unknown) =>
          e instanceof PackageError && e.problems.some((p) => p === 'MicrosoftAppId: must be a GUID'),
      );
      assert.throws(
        () =>
          loadPackageConfig(undefined, {
            root,
            processEnv: { ...ENV, BOT_DOMAIN: 'https://x.example.com/api' },
          }),
        /BOT_DOMAIN: must be a host name/,
      );
      assert.equal(existsSync(join(root, 'out')), false, 'nothing is written for a bad configuration');
    });

    it('refuses a template placeholder nobody set', () => {
      assert.throws(
        () => fillTemplate({ a: ['${{NOPE}}'] }, {}),
        (e: unknown) => e instanceof PackageError && e.problems[0] === 'NOPE',
      );
      assert.deepEqual(fillTemplate({ a: ['x${{ A }}y'], n: 1 }, { A: '"q"' }), { a: ['x"q"y'], n: 1 });
    });
  });

  describe('configuration', () => {
    it('reads .env.<name>, whose values win over the process environment', () => {
      writeFileSync(
        join(root, '.env.test'),
        `MicrosoftAppId=${BOT_ID}\nTEAMS_APP_ID=${APP_ID}\n# comment\nBOT_DOMAIN=from-file.example.com\nAPP_NAME_SUFFIX=" (test)"\n`,
      );
      const c = loadPackageConfig('test', {
        root,
        processEnv: { BOT_DOMAIN: 'from-shell.example.com', APP_VERSION: '2.3.4' },
      });
      assert.equal(c.BOT_DOMAIN, 'from-file.example.com');
      assert.equal(c.APP_VERSION, '2.3.4', 'the process environment fills what the file leaves out');
      assert.equal(c.APP_NAME_SUFFIX, ' (test)');
      assert.equal(
        buildManifest(c)['name'] && (buildManifest(c)['name'] as { short: string }).short,
        'Tautoko (test)',
      );
    });

    it('reads .env when no environment is named, and fails for a missing .env.<name>', () => {
      writeFileSync(
        join(root, '.env'),
        `MicrosoftAppId=${BOT_ID}\nTEAMS_APP_ID=${APP_ID}\nBOT_DOMAIN=dot-env.example.com\n`,
      );
      assert.equal(loadPackageConfig(undefined, { root, processEnv: {} }).BOT_DOMAIN, 'dot-env.example.com');
      assert.throws(
        () => loadPackageConfig('prod', { root, processEnv: ENV }),
        /no configuration file \.env\.prod/,
      );
      assert.throws(() => loadPackageConfig('../x', { root, processEnv: ENV }), /invalid environment name/);
    });
  });

  describe('icons', () => {
    it('are 192x192 (colour) and 32x32 (outline) PNGs', () => {
      const icons = readCommittedIcons();
      const color = PNG.sync.read(icons.color);
      const outline = PNG.sync.read(icons.outline);
      assert.deepEqual([color.width, color.height], [COLOR_ICON.size, COLOR_ICON.size]);
      assert.deepEqual([outline.width, outline.height], [OUTLINE_ICON.size, OUTLINE_ICON.size]);
    });

    it('outline is white on transparent, with both transparent and opaque pixels', () => {
      const img = PNG.sync.read(readCommittedIcons().outline);
      const alphas = new Set<number>();
      for (let i = 0; i < img.width * img.height; i++) {
        alphas.add(img.data[i * 4 + 3]!);
        if (img.data[i * 4 + 3]! > 0)
          assert.deepEqual([...img.data.subarray(i * 4, i * 4 + 3)], [255, 255, 255]);
      }
      assert.ok(alphas.has(0) && alphas.has(255));
    });

    it('colour icon is opaque', () => {
      const img = PNG.sync.read(readCommittedIcons().color);
      for (let i = 0; i < img.width * img.height; i++) assert.equal(img.data[i * 4 + 3], 255);
    });

    it('Teams rules catch a wrong-sized icon, a coloured outline and a file that is not a PNG', () => {
      const m = validManifest();
      const red = new PNG({ width: 32, height: 32 });
      red.data.fill(200);
      const problems = checkTeamsRules(m, {
        'color.png': readCommittedIcons().outline,
        'outline.png': PNG.sync.write(red),
      });
      assert.deepEqual(problems, [
        'color icon must be 192x192 pixels, not 32x32',
        'outline icon must be white on a transparent background',
      ]);
      assert.deepEqual(checkTeamsRules(m, { 'color.png': readCommittedIcons().color }), [
        'outline icon outline.png is not in the package',
      ]);
      assert.deepEqual(
        checkTeamsRules(m, {
          'color.png': Buffer.from('GIF89a'),
          'outline.png': readCommittedIcons().outline,
        }),
        ['color icon color.png is not a PNG image'],
      );
    });
  });

  describe('zip', () => {
    it('holds manifest.json and both icons, and reads back', async () => {
      const built = await buildPackage(undefined, { root, processEnv: ENV, outDir: join(root, 'out') });
      const entries = unzipSync(readFileSync(built.zipPath));
      assert.deepEqual(Object.keys(entries), ['manifest.json', 'color.png', 'outline.png']);
      assert.deepEqual(JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')), built.manifest);
      assert.ok(Buffer.from(entries['color.png']!).equals(readCommittedIcons().color));
      assert.ok(Buffer.from(entries['outline.png']!).equals(readCommittedIcons().outline));
    });

    it('is accepted by Info-ZIP unzip', async function () {
      if (!existsSync('/usr/bin/unzip')) this.skip();
      const built = await buildPackage(undefined, { root, processEnv: ENV, outDir: join(root, 'out') });
      const out = execFileSync('/usr/bin/unzip', ['-t', built.zipPath], { encoding: 'utf8' });
      assert.match(out, /No errors detected/);
      assert.match(execFileSync('/usr/bin/unzip', ['-l', built.zipPath], { encoding: 'utf8' }), /3 files/);
    });

    it('is the same bytes for the same configuration', async () => {
      const a = await buildPackage(undefined, { root, processEnv: ENV, outDir: join(root, 'a') });
      await new Promise((r) => setTimeout(r, 1100));
      const b = await buildPackage(undefined, { root, processEnv: ENV, outDir: join(root, 'b') });
      assert.ok(a.zip.equals(b.zip));
    });
  });

  describe('commands', () => {
    it('fit the limits Teams enforces', () => {
      for (const list of commandLists()) {
        assert.ok(list.commands.length <= COMMAND_LIMITS.perList);
        for (const c of list.commands) {
          assert.ok(c.title.length <= COMMAND_LIMITS.title, c.title);
          assert.ok(c.description.length <= COMMAND_LIMITS.description, c.title);
        }
      }
    });

    it('each usage starts with its title, and titles are unique', () => {
      for (const c of botCommands) assert.ok(c.usage.startsWith(c.title), c.usage);
      assert.equal(new Set(botCommands.map((c) => c.title)).size, botCommands.length);
    });

    it('are commands the bot has, with the usage its help shows', () => {
      const known = new Set(
        [...BASE_COMMANDS, ...ADMIN_COMMANDS, ...workflows.flatMap((w) => w.chatCommands)].map(
          (c) => c.usage,
        ),
      );
      for (const c of botCommands)
        assert.ok(known.has(c.usage), `"${c.usage}" is not a command in the bot's help`);
    });

    it('each parses to the command it names, with example arguments', () => {
      const examples: Record<string, string> = {
        '<id>': 'MIX-2026-00042',
        '<prisoner id>': '80012345',
        '<name or email>': 'Aroha Ngata',
        '<purpose>': 'decisions',
        '<site>': 'Rimutaka',
      };
      const specs = workflows.flatMap((w) => w.chatCommands);
      for (const c of botCommands) {
        const text = c.usage.replace(/<[^>]+>/g, (p) => examples[p] ?? p);
        assert.notEqual(
          parseChatCommand(text, specs).kind,
          'unknown',
          `"${text}" is not understood by the bot`,
        );
      }
    });

    it('the template leaves command lists to manifest/commands.ts', () => {
      const t = readTemplate() as Manifest;
      assert.deepEqual(t.bots[0]!['commandLists'], []);
    });
  });
});
