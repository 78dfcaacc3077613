import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * docs/traceability/C.07.md: every test a row names exists. Test names are quoted in the Test column
 * (“…” or "…"; a name ending in … stands for one that begins so); card samples and snapshots are
 * named in backticks. The test titles are read from mocha itself (--dry-run), so the transition
 * table's generated names count too.
 */
const DOC = 'docs/traceability/C.07.md';
const SNAPSHOTS = 'test/c07/__snapshots__';

function testColumn(): string[] {
  return readFileSync(DOC, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('|---'))
    .map((l) => (l.split(' | ').at(-1) ?? '').replace(/\s*\|\s*$/, ''))
    .filter((cell) => cell !== 'Test');
}

/** Quoted test names in one Test cell; a straight-quoted name may itself quote, e.g. "runs from "new hui" …". */
export function quotedNames(cell: string): string[] {
  const curly = [...cell.matchAll(/“([^”]+)”/g)].map((m) => m[1]!);
  const straight = [...cell.matchAll(/"(.+?)"(?=\s*(?:,|;|\||$|\(|\s+\())/g)].map((m) => m[1]!);
  return [...curly, ...straight].map((n) => n.trim());
}

/** Each test's own title and its full title (suites first), so a row may name a whole suite. */
function testTitles(files: string[]): Array<{ title: string; fullTitle: string }> {
  const run = spawnSync(
    process.execPath,
    ['node_modules/mocha/bin/mocha.js', '--dry-run', '--reporter', 'json', ...files],
    {
      encoding: 'utf8',
      env: { ...process.env, CI: '' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const json = run.stdout.slice(run.stdout.indexOf('{'));
  return (JSON.parse(json) as { tests: Array<{ title: string; fullTitle: string }> }).tests;
}

describe('C.07 traceability: every row names a test that exists', function () {
  this.timeout(120_000);
  const cells = testColumn();
  const files = [
    ...readdirSync('test/c07')
      .filter((f) => f.endsWith('.test.ts') && f !== 'traceability.test.ts')
      .map((f) => join('test/c07', f)),
    'test/scheduler/scheduler.test.ts',
  ];

  it('finds the quoted names the way the table writes them', () => {
    assert.deepEqual(quotedNames('engine: "runs from "new hui" to the post, with an event"; cards: “a b”'), [
      'a b',
      'runs from "new hui" to the post, with an event',
    ]);
  });

  it('every row has a test, and every quoted test name is a test', () => {
    const tests = testTitles(files);
    assert.ok(tests.length > 200, `read ${tests.length} test titles`);
    const titles = tests.map((t) => t.title);
    const isSuite = (name: string) => tests.some((t) => t.fullTitle.startsWith(`${name} `));
    const missing: string[] = [];
    for (const cell of cells) {
      if (cell.trim() === '—' || cell.trim() === '') missing.push(`a row with no test: ${cell}`);
      for (const name of quotedNames(cell)) {
        const found = name.endsWith('…')
          ? titles.some((t) => t.startsWith(name.slice(0, -1).trim()))
          : titles.includes(name) || isSuite(name);
        if (!found) missing.push(name);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('every card sample or snapshot a row names exists', () => {
    const snaps = readdirSync(SNAPSHOTS).map((f) => f.replace(/\.json$/, ''));
    const named = cells.flatMap((c) => [...c.matchAll(/`(c07\.[a-z.*-]+)`/g)].map((m) => m[1]!));
    assert.ok(named.length > 0);
    for (const n of named) {
      const ok = n.endsWith('*')
        ? snaps.some((s) => s.startsWith(n.slice(0, -1)))
        : existsSync(join(SNAPSHOTS, `${n}.json`));
      assert.ok(ok, `${n} is a card sample with a snapshot`);
    }
  });
});
