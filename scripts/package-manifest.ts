import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPackage, PackageError } from '../manifest/package';

/**
 * `npm run package -- --env <name>`: builds manifest/build/<name>/tautoko.zip from `.env.<name>`
 * (or `.env`, or the process environment when no name is given), validated against the official
 * manifest schema. Exits 1 with the problems listed when the configuration or manifest is invalid.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { env: { type: 'string', short: 'e' } }, strict: true });
  try {
    const built = await buildPackage(values.env);
    process.stdout.write(
      `Teams app package for ${values.env ?? 'the default environment'}: ${relative(process.cwd(), built.zipPath)} ` +
        `(app ${String(built.manifest['id'])}, version ${String(built.manifest['version'])})\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof PackageError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
