/**
 * The local demo (`npm start`): the bot on the embedded in-memory store with the demo directory
 * and authentication off (this script, and only this script, sets TAUTOKO_LOCAL_DEV), plus the
 * Microsoft 365 Agents Playground pointed at it. Ctrl+C stops both.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { main } from '../bot/main';
import { buildTab } from './build-tab';

process.env.TAUTOKO_LOCAL_DEV = 'true';
process.env.DIRECTORY_FILE ??= 'directory/demo.yaml';
process.env.PORT ??= '3978';
const withPlayground = !process.argv.includes('--no-playground');

// The My work tab is served by the bot at /tab/ (and /tab/dev-host stands in for Teams locally).
void buildTab()
  .then(() => main('development'))
  .then(() => {
    if (!withPlayground) return;
    const port = process.env.PORT;
    const child: ChildProcess = spawn(
      process.execPath,
      [
        require.resolve('@microsoft/m365agentsplayground/cli.js'),
        '-e',
        `http://127.0.0.1:${port}/api/messages`,
        '-c',
        'msteams',
        '--disable-telemetry',
      ],
      { stdio: 'inherit' },
    );
    const stop = () => child.kill('SIGTERM');
    process.once('exit', stop);
  });
