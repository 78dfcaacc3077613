import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The layer rules of .dependency-cruiser.cjs (run by `npm run lint`) over a small throw-away tree
 * that breaks each rule once and keeps each allowed import once: the real config and the real
 * dependency-cruiser CLI, so a rule that stops matching fails here, and lint's exit status is the
 * one seen here.
 */
const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(files: Record<string, string>): { status: number | null; violations: Violation[] } {
  const dir = mkdtempSync(join(tmpdir(), 'tautoko-boundaries-'));
  try {
    const all: Record<string, string> = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' },
      }),
      // A stand-in for botbuilder, so the tree resolves it without the real package.
      'node_modules/botbuilder/package.json': JSON.stringify({ name: 'botbuilder', main: 'index.js' }),
      'node_modules/botbuilder/index.js': 'exports.ActivityHandler = class {};\n',
      ...files,
    };
    for (const [path, text] of Object.entries(all)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const roots = ['bot', 'cards', 'dialogs', 'services', 'test'].filter((d) =>
      Object.keys(files).some((f) => f.startsWith(`${d}/`)),
    );
    const depcruise = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [CLI, '--config', join(ROOT, '.dependency-cruiser.cjs'), ...args, ...roots],
        {
          cwd: dir,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
    // As `npm run lint:deps` runs it (its exit status is what fails lint), then as JSON to read.
    const status = depcruise().status;
    const json = depcruise('--output-type', 'json');
    assert.ok(json.stdout, `dependency-cruiser printed nothing: ${json.stderr}`);
    const out = JSON.parse(json.stdout) as { summary: { violations: Violation[] } };
    return { status, violations: out.summary.violations };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const found = (violations: Violation[]) =>
  violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();

describe('layer boundaries (.dependency-cruiser.cjs, part of npm run lint)', function () {
  this.timeout(120_000);

  it('reports each broken rule, and fails with a non-zero exit status', () => {
    const { status, violations } = cruise({
      'bot/teams.ts': 'export const x = 1;\n',
      'dialogs/start.ts': 'export const d = 1;\n',
      'services/engine.ts': "import { x } from '../bot/teams';\nexport const y = x;\n",
      'services/uses-dialog.ts': "import { d } from '../dialogs/start';\nexport const z = d;\n",
      'services/adapter.ts':
        "import { ActivityHandler } from 'botbuilder';\nexport const h = ActivityHandler;\n",
      'cards/card.ts': "import { x } from '../bot/teams';\nexport const c = x;\n",
      'cards/sample.ts': "import { s } from '../test/samples';\nexport const t = s;\n",
      'test/samples.ts': 'export const s = 1;\n',
      'services/workflows/alpha/decide.ts': "import { b } from '../beta/model';\nexport const a = b;\n",
      'services/workflows/beta/model.ts': 'export const b = 1;\n',
      'cards/alpha/status.ts': "import { k } from '../beta/kit';\nexport const a = k;\n",
      'cards/beta/kit.ts': 'export const k = 1;\n',
      'services/one.ts': "import type { Two } from './two';\nexport interface One { two?: Two }\n",
      'services/two.ts': "import type { One } from './one';\nexport interface Two { one?: One }\n",
      'bot/panel.ts': "import { b } from '../services/workflows/beta/model';\nexport const p = b;\n",
      'dialogs/form.ts': "import { k } from '../cards/beta/kit';\nexport const f = k;\n",
    });
    assert.deepEqual(found(violations), [
      'bot-names-no-process: bot/panel.ts -> services/workflows/beta/model.ts',
      'bot-names-no-process: dialogs/form.ts -> cards/beta/kit.ts',
      'botbuilder-only-in-bot: services/adapter.ts -> node_modules/botbuilder/index.js',
      'cards-not-to-bot: cards/card.ts -> bot/teams.ts',
      'no-circular: services/one.ts -> services/two.ts',
      'no-cross-process-cards: cards/alpha/status.ts -> cards/beta/kit.ts',
      'no-cross-process-workflows: services/workflows/alpha/decide.ts -> services/workflows/beta/model.ts',
      'production-not-to-test: cards/sample.ts -> test/samples.ts',
      'services-not-to-ui: services/engine.ts -> bot/teams.ts',
      'services-not-to-ui: services/uses-dialog.ts -> dialogs/start.ts',
    ]);
    assert.notEqual(status, 0);
  });

  it('lets the allowed imports through with a zero exit status', () => {
    const { status, violations } = cruise({
      'services/store.ts': 'export const store = 1;\n',
      'services/workflow/engine.ts': "import { store } from '../store';\nexport const engine = store;\n",
      'services/workflows/alpha/decide.ts':
        "import { engine } from '../../workflow/engine';\nimport { m } from './model';\nexport const a = engine + m;\n",
      'services/workflows/alpha/model.ts': 'export const m = 1;\n',
      'cards/generic/kit.ts': "import { store } from '../../services/store';\nexport const k = store;\n",
      'cards/alpha/status.ts': "import { k } from '../generic/kit';\nexport const s = k;\n",
      'cards/processes.ts': "import { s } from './alpha/status';\nexport const processes = [s];\n",
      'bot/app.ts':
        "import { ActivityHandler } from 'botbuilder';\nimport { processes } from '../cards/processes';\nimport { k } from '../cards/generic/kit';\nexport const app = [ActivityHandler, processes, k];\n",
      'dialogs/start.ts':
        "import { ActivityHandler } from 'botbuilder';\nexport const d = ActivityHandler;\n",
      'test/app.test.ts': "import { app } from '../bot/app';\nexport const t = app;\n",
    });
    assert.deepEqual(found(violations), []);
    assert.equal(status, 0);
  });
});
