import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import type { PeopleRepository } from '../store/types';
import { personSchema } from './person';
import type { Person } from './person';

/**
 * Loads the staff directory from a YAML or JSON file: a list of people, either at the top level or
 * under `people:`. Every problem in the file is reported, each with where it is (a path such as
 * `people[3].roles[0].site` and a line number), and the directory is replaced only when there are
 * none, in one step, so a bad file changes nothing.
 */

export interface ImportError {
  /** Where in the file, e.g. `people[2].email`; empty for the file as a whole. */
  path: string;
  /** 1-based line, when the file got far enough to have one. */
  line: number | undefined;
  message: string;
}

export type ImportResult = { ok: true; count: number } | { ok: false; errors: ImportError[] };

export interface ParsedDirectory {
  people: Person[];
  errors: ImportError[];
}

/** A person's entry allows only the fields we know: a misspelt `rolse:` must not silently drop roles. */
const entrySchema = personSchema.strict();

type PathPart = string | number;

function pathText(parts: PathPart[]): string {
  return parts.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${p}` : p),
    '',
  );
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line of the node at `path`, or of its nearest ancestor when the node is missing. */
function lineOf(doc: Document, counter: LineCounter, path: PathPart[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return counter.linePos(range[0]).line;
  }
  return undefined;
}

/** Strict JSON for .json files: YAML would accept a trailing comma or a comment a JSON tool would not. */
function jsonSyntaxError(text: string): ImportError | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    // Node quotes the whole input in some messages; the first clause is the useful part.
    const message = (e instanceof Error ? e.message : String(e)).split(/, (?:\.\.\.)?"/)[0] ?? '';
    const position = /position (\d+)/.exec(message);
    const lineColumn = /line (\d+)/.exec(message);
    const line = position?.[1]
      ? lineOfOffset(text, Number(position[1]))
      : lineColumn?.[1]
        ? Number(lineColumn[1])
        : undefined;
    return { path: '', line, message: `not valid JSON: ${message}` };
  }
}

/** The parsed document, or every syntax error in the file. */
function parsedDocument(
  text: string,
  format: 'yaml' | 'json',
): { doc: Document; counter: LineCounter } | { errors: ImportError[] } {
  if (format === 'json') {
    const syntax = jsonSyntaxError(text);
    if (syntax) return { errors: [syntax] };
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length === 0) return { doc, counter };
  return {
    errors: doc.errors.map((e) => ({
      path: '',
      line: e.linePos?.[0].line,
      message: e.message.split('\n')[0] ?? e.message,
    })),
  };
}

/** Where each problem is: a path and its line in the file. */
type Locate = (path: PathPart[]) => ImportError['line'];

/** The list of entries (top level, or under `people:`), with the errors of the file's outer shape. */
function entriesOf(
  data: unknown,
  line: Locate,
): { base: PathPart[]; entries: unknown[]; errors: ImportError[] } | { errors: ImportError[] } {
  const errors: ImportError[] = [];
  let base: PathPart[];
  let entries: unknown[];
  if (Array.isArray(data)) {
    base = [];
    entries = data;
  } else if (
    data !== null &&
    typeof data === 'object' &&
    Array.isArray((data as { people?: unknown }).people)
  ) {
    base = ['people'];
    entries = (data as { people: unknown[] }).people;
    for (const key of Object.keys(data)) {
      if (key !== 'people')
        errors.push({
          path: key,
          line: line([key]),
          message: 'unknown top-level key (expected only "people")',
        });
    }
  } else {
    return {
      errors: [{ path: '', line: line([]), message: 'expected a list of people, or a "people:" list' }],
    };
  }
  if (entries.length === 0) {
    errors.push({
      path: pathText(base),
      line: line(base),
      message: 'the directory is empty; refusing to remove everyone',
    });
  }
  return { base, entries, errors };
}

/** The schema's complaints about one entry, each at its own path. */
function entryErrors(issues: readonly z.ZodIssue[], at: PathPart[], line: Locate): ImportError[] {
  const errors: ImportError[] = [];
  for (const issue of issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      const path = [...at, ...issue.path, ...(key === undefined ? [] : [key])];
      const message =
        key !== undefined
          ? `unknown field "${key}"`
          : issue.code === 'invalid_enum_value'
            ? `"${String(issue.received)}" is not a known ${String(issue.path[issue.path.length - 1] ?? 'value')}`
            : issue.message;
      errors.push({ path: pathText(path), line: line(path), message });
    }
  }
  return errors;
}

/** Each entry checked against the schema, and against the entries before it for a repeated id. */
function checkEntries(base: PathPart[], entries: unknown[], line: Locate, errors: ImportError[]): Person[] {
  const people: Person[] = [];
  const firstSeen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const at: PathPart[] = [...base, i];
    // Duplicates are found on the raw id, so an entry with other mistakes is still caught twice over.
    const rawId = (entry as { aadObjectId?: unknown } | null)?.aadObjectId;
    const id = typeof rawId === 'string' ? rawId.trim() : undefined;
    let duplicate = false;
    if (id) {
      const first = firstSeen.get(id);
      if (first === undefined) firstSeen.set(id, i);
      else {
        duplicate = true;
        const path = [...at, 'aadObjectId'];
        const firstLine = line([...base, first]);
        errors.push({
          path: pathText(path),
          line: line(path),
          message: `duplicate aadObjectId ${id} (first in ${pathText([...base, first])}${firstLine ? `, line ${firstLine}` : ''})`,
        });
      }
    }
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) errors.push(...entryErrors(parsed.error.issues, at, line));
    else if (!duplicate) people.push(parsed.data);
  });
  return people;
}

export function parseDirectory(raw: string, format: 'yaml' | 'json' = 'yaml'): ParsedDirectory {
  // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse rejects.
  const parsed = parsedDocument(raw.replace(/^\uFEFF/, ''), format);
  if ('errors' in parsed) return { people: [], errors: parsed.errors };
  const { doc, counter } = parsed;
  const line: Locate = (path) => lineOf(doc, counter, path);
  const list = entriesOf(doc.toJS(), line);
  if (!('entries' in list)) return { people: [], errors: list.errors };
  const errors = list.errors;
  const people = checkEntries(list.base, list.entries, line, errors);
  // In file order, so the list reads top to bottom beside the file.
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { people, errors };
}

/** Validates everything first; writes the whole directory in one step only when nothing is wrong. */
export async function importDirectory(
  repo: Pick<PeopleRepository, 'replaceAll'>,
  text: string,
  format: 'yaml' | 'json' = 'yaml',
): Promise<ImportResult> {
  const { people, errors } = parseDirectory(text, format);
  if (errors.length > 0) return { ok: false, errors };
  await repo.replaceAll(people);
  return { ok: true, count: people.length };
}

export function formatOf(file: string): 'yaml' | 'json' {
  return extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
}

export async function importDirectoryFile(
  repo: Pick<PeopleRepository, 'replaceAll'>,
  file: string,
): Promise<ImportResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'file not found'
        : `cannot read the file (${String(e)})`;
    return { ok: false, errors: [{ path: '', line: undefined, message: reason }] };
  }
  return importDirectory(repo, text, formatOf(file));
}

/** `file:line: path: message`, one error per line, as editors and CI logs link them. */
export function formatImportError(file: string, e: ImportError): string {
  return `${file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}
