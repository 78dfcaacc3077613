import { execFileSync } from 'node:child_process';

/**
 * The traceability tables' test references (docs/traceability/*.md), and the check that each names
 * a test that exists. A reference is a code span `test/<file>.ts › <describe> › … › <test title>`:
 * the file from the repository root, any of the enclosing describe titles in order (none is
 * needed), and the test's exact title. A table that carries the line
 * `<!-- traceability: every row names a test -->` must also name at least one test in every row.
 */
export const STRICT_MARKER = '<!-- traceability: every row names a test -->';
const SEP = ' › ';

export interface Reference {
  line: number;
  file: string;
  describes: string[];
  title: string;
  text: string;
}

export interface Problem {
  line: number;
  message: string;
}

/** A test as mocha defines it: its file and title path (describes, then its own title). */
export interface DefinedTest {
  file: string;
  path: string[];
}

function codeSpans(line: string): string[] {
  return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\\\|/g, '|'));
}

/** Every reference in a table file, with its line number. */
export function referencesIn(markdown: string): Reference[] {
  const out: Reference[] = [];
  markdown.split('\n').forEach((line, i) => {
    for (const span of codeSpans(line)) {
      const parts = span.split(SEP).map((p) => p.trim());
      const file = parts[0]!;
      if (!/^test\/\S+\.ts$/.test(file) || parts.length < 2) continue;
      out.push({
        line: i + 1,
        file,
        describes: parts.slice(1, -1),
        title: parts[parts.length - 1]!,
        text: span,
      });
    }
  });
  return out;
}

/** Rows of the tables (not their header or separator lines) that name no test. */
export function rowsWithoutReference(markdown: string): Problem[] {
  const lines = markdown.split('\n');
  const problems: Problem[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('|')) return;
    const isSeparator = /^\|[\s|:-]+\|$/.test(line.trim());
    const isHeader = /^\|[\s|:-]+\|$/.test((lines[i + 1] ?? '').trim());
    if (isSeparator || isHeader) return;
    if (referencesIn(line).length === 0)
      problems.push({ line: i + 1, message: `this row names no test: ${line.slice(0, 100)}…` });
  });
  return problems;
}

/** Whether a defined test is the one a reference names. */
export function names(ref: Reference, test: DefinedTest): boolean {
  if (test.file !== ref.file || test.path[test.path.length - 1] !== ref.title) return false;
  let at = 0;
  const describes = test.path.slice(0, -1);
  for (const d of ref.describes) {
    while (at < describes.length && describes[at] !== d) at++;
    if (at === describes.length) return false;
    at++;
  }
  return true;
}

/** The problems of one table: references that name no test, and (strict tables) rows without one. */
export function check(
  markdown: string,
  tests: readonly DefinedTest[],
  exists: (file: string) => boolean,
): Problem[] {
  const problems = markdown.includes(STRICT_MARKER) ? rowsWithoutReference(markdown) : [];
  for (const ref of referencesIn(markdown)) {
    if (!exists(ref.file)) problems.push({ line: ref.line, message: `no file ${ref.file}` });
    else if (!tests.some((t) => names(ref, t)))
      problems.push({ line: ref.line, message: `no test \`${ref.text}\`` });
  }
  return problems.sort((a, b) => a.line - b.line);
}

/** The tests these files define, listed by mocha without running them (test/helpers/listTests.ts). */
export function definedTests(files: string[]): DefinedTest[] {
  if (files.length === 0) return [];
  const out = execFileSync(
    process.execPath,
    ['--require', 'tsx/cjs', 'test/helpers/listTests.ts', ...files],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as DefinedTest);
}
