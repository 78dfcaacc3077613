import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { check, definedTests, referencesIn, STRICT_MARKER } from '../helpers/traceability';
import type { DefinedTest } from '../helpers/traceability';

const DIR = 'docs/traceability';

describe('traceability tables name tests that exist (docs/traceability/*.md)', function () {
  this.timeout(120_000);

  describe('the check itself', () => {
    const tests: DefinedTest[] = [
      { file: 'test/a.test.ts', path: ['Outer', 'Inner', 'does the thing'] },
      { file: 'test/a.test.ts', path: ['Other', 'does the thing'] },
    ];
    const exists = (f: string) => f === 'test/a.test.ts';
    const table = (rows: string[], strict = true) =>
      [...(strict ? [STRICT_MARKER] : []), '| Policy | Shown by |', '|---|---|', ...rows].join('\n');

    it('accepts a reference by file and exact title, with any enclosing describes in order', () => {
      for (const ref of [
        'test/a.test.ts › does the thing',
        'test/a.test.ts › Outer › does the thing',
        'test/a.test.ts › Inner › does the thing',
        'test/a.test.ts › Outer › Inner › does the thing',
      ])
        assert.deepEqual(check(table([`| x | \`${ref}\` |`]), tests, exists), [], ref);
    });

    it('refuses a missing file, a title that differs, and describes out of order or not enclosing', () => {
      for (const ref of [
        'test/b.test.ts › does the thing',
        'test/a.test.ts › does the thing…',
        "test/a.test.ts › does the thing's",
        'test/a.test.ts › Inner › Outer › does the thing',
        'test/a.test.ts › Other › Inner › does the thing',
      ])
        assert.equal(check(table([`| x | \`${ref}\` |`]), tests, exists).length, 1, ref);
    });

    it('in a table that says so, refuses a row that names no test; other tables are checked only for what they name', () => {
      const rows = ['| a | `test/a.test.ts › does the thing` |', '| b | snapshot only |'];
      assert.deepEqual(
        check(table(rows), tests, exists).map((p) => p.line),
        [5],
      );
      assert.deepEqual(check(table(rows, false), tests, exists), []);
    });

    it('reads several references in one cell, and a pipe escaped inside one', () => {
      const refs = referencesIn('| x | `test/a.test.ts › a \\| b`; `test/c.test.ts › C › d` |');
      assert.deepEqual(
        refs.map((r) => [r.file, r.describes, r.title]),
        [
          ['test/a.test.ts', [], 'a | b'],
          ['test/c.test.ts', ['C'], 'd'],
        ],
      );
    });
  });

  it('every reference in every table names a test that exists; every row of a strict table names one', () => {
    const tables = readdirSync(DIR)
      .filter((f) => f.endsWith('.md'))
      .map((f) => ({ name: path.join(DIR, f), text: readFileSync(path.join(DIR, f), 'utf8') }));
    const files = [...new Set(tables.flatMap((t) => referencesIn(t.text).map((r) => r.file)))].filter((f) =>
      existsSync(f),
    );
    const tests = definedTests(files);
    const problems = tables.flatMap((t) =>
      check(t.text, tests, existsSync).map((p) => `${t.name}:${p.line}: ${p.message}`),
    );
    assert.deepEqual(problems, []);
    assert.ok(
      tables.some((t) => t.text.includes(STRICT_MARKER)),
      'at least the F.17 table is held to a test in every row',
    );
  });
});
