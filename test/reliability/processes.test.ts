import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Runs scripts/reliability.ts (database faults and several instances, with real processes) when a
 * FerretDB binary is available. Locally without one it skips and says why; in CI a missing binary
 * is a failure, never a skip.
 */
describe('Reliability: database faults and several instances (real processes, scripts/reliability.ts)', function () {
  this.timeout(600_000);

  it('kills and restarts FerretDB mid-run without losing an acknowledged submission; two instances share one database cleanly', function () {
    const bin = process.env.FERRETDB_BIN;
    const pgUrl = process.env.TAUTOKO_POSTGRESQL_URL;
    if (!bin || !existsSync(bin) || !pgUrl) {
      const message = !pgUrl
        ? 'process-level reliability run skipped: TAUTOKO_POSTGRESQL_URL is not set (bash .ci/db.sh starts PostgreSQL and prints it)'
        : `process-level reliability run skipped: FERRETDB_BIN ${bin ? `(${bin}) does not exist` : 'is not set'}; set it to a FerretDB 1.24 binary to run it`;
      if (process.env.CI === 'true') assert.fail(`CI=true but ${message}`);
      process.stderr.write(`${message}\n`);
      this.skip();
    }
    const root = path.resolve(__dirname, '../..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/reliability.ts')], {
      cwd: root,
      env: { ...process.env, FERRETDB_BIN: bin, TAUTOKO_POSTGRESQL_URL: pgUrl },
      encoding: 'utf8',
      timeout: 540_000,
    });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    for (const line of output.split('\n').filter((l) => l.trim() && !l.startsWith('RELIABILITY ')))
      process.stdout.write(`      ${line}\n`);
    const summaryLine = output.split('\n').find((l) => l.startsWith('RELIABILITY '));
    assert.ok(summaryLine, `the script printed no summary (exit ${run.status}, signal ${run.signal})`);
    const summary = JSON.parse(summaryLine.slice('RELIABILITY '.length)) as {
      ok: boolean;
      faults: { acknowledged: number; refused: number; lost: number; failures: string[] };
      instances: { duplicateMessages: number; decisions: Record<string, number>; failures: string[] };
    };
    assert.equal(summary.faults.lost, 0, 'no acknowledged submission lost');
    assert.ok(summary.faults.refused > 0, 'the fault was exercised');
    assert.equal(summary.instances.duplicateMessages, 0, 'no duplicate proactive messages');
    for (const [id, n] of Object.entries(summary.instances.decisions))
      assert.equal(n, 1, `${id}: one decision`);
    assert.deepEqual([...summary.faults.failures, ...summary.instances.failures], []);
    assert.equal(run.status, 0);
  });
});
