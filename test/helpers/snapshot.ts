import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The one snapshot mechanism: `value` as pretty JSON must equal `<dir>/<name>.json`.
 * Locally a missing snapshot is written (and the test passes, so a new card can be reviewed in the
 * diff); `UPDATE_SNAPSHOTS=1` rewrites them all. Under `CI=true` a missing snapshot fails and
 * nothing is written, so a deleted snapshot cannot pass in CI.
 */
export function matchSnapshot(dir: string, name: string, value: unknown): void {
  const file = join(dir, `${name}.json`);
  const json = `${JSON.stringify(value, null, 2)}\n`;
  const ci = process.env.CI === 'true';
  if (!existsSync(file) && ci) assert.fail(`snapshot ${file} is missing (CI=true never writes one)`);
  if (!ci && (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(file))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, json);
    return;
  }
  assert.equal(
    json,
    readFileSync(file, 'utf8'),
    `snapshot ${file} differs; rerun with UPDATE_SNAPSHOTS=1 if intended`,
  );
}
