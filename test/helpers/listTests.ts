/**
 * Prints every test the named files define, as JSON lines `{ file, path }` (`path`: the describe
 * titles and then the test's own title), without running anything: what the traceability check
 * compares the tables' references with. Run as `node --require tsx/cjs test/helpers/listTests.ts <files>`.
 */
import path from 'node:path';
import Mocha from 'mocha';
import type { Suite } from 'mocha';

async function main(files: string[]): Promise<void> {
  const mocha = new Mocha({ dryRun: true });
  for (const f of files) mocha.addFile(path.resolve(f));
  await mocha.loadFilesAsync();
  const out: string[] = [];
  const walk = (suite: Suite): void => {
    for (const t of suite.tests)
      out.push(JSON.stringify({ file: path.relative(process.cwd(), t.file ?? ''), path: t.titlePath() }));
    suite.suites.forEach(walk);
  };
  walk(mocha.suite);
  process.stdout.write(`${out.join('\n')}\n`);
  process.exit(0);
}

void main(process.argv.slice(2));
