/**
 * Builds the My work tab into dist/tab: the page, its stylesheet, and one bundled, minified script
 * (teams-js included, so nothing is fetched from a CDN at run time), plus the local development host.
 * `npm run build:tab`; `npm start`, `npm run build` and the browser tests run it too.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '..');
export const TAB_OUT = join(ROOT, 'dist', 'tab');

export async function buildTab(outDir = TAB_OUT): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    sourcemap: false,
    target: ['chrome110', 'edge110', 'safari16'],
    format: 'iife' as const,
    logLevel: 'warning' as const,
    legalComments: 'none' as const,
  };
  await build({ ...common, entryPoints: [join(ROOT, 'tab', 'main.ts')], outfile: join(outDir, 'app.js') });
  await build({
    ...common,
    entryPoints: [join(ROOT, 'tab', 'host', 'host.ts')],
    outfile: join(outDir, 'dev-host.js'),
  });
  for (const f of ['index.html', 'app.css', 'dev-host.html'])
    copyFileSync(join(ROOT, 'tab', f), join(outDir, f));
  return outDir;
}

if (require.main === module) {
  buildTab().then(
    (dir) => process.stdout.write(`tab built in ${dir}\n`),
    (e: unknown) => {
      process.stderr.write(`tab build failed: ${String(e)}\n`);
      process.exit(1);
    },
  );
}
