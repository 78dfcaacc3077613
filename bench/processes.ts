import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  port: number;
  url: string;
  logFile: string;
  /** Milliseconds from spawn to the first 200 on /readyz. */
  startupMs: number;
  stop(): Promise<void>;
  logTail(lines?: number): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts an entry point in its own Node process (built JavaScript as `npm run start:prod` runs
 * it, or TypeScript through tsx), its output to a log file, and waits for GET /readyz to answer 200. The child is a
 * separate process so its memory can be read and its CPU is not shared with the load generator.
 */
export async function startChild(
  name: string,
  entry: string,
  env: Record<string, string>,
  port: number,
  logFile: string,
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
): Promise<Child> {
  const fd = openSync(logFile, 'w');
  const started = process.hrtime.bigint();
  // Built JavaScript runs as in production; TypeScript through tsx.
  const args = entry.endsWith('.js') ? [...nodeArgs, entry] : [...nodeArgs, '--import', 'tsx', entry];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  const logTail = (lines = 20) => {
    try {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  let exited: number | null | undefined;
  proc.once('exit', (code) => (exited = code));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined)
      throw new Error(`${name} exited with code ${exited} before it was ready:\n${logTail()}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${logTail()}`);
    }
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const startupMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
  const stop = async () => {
    if (exited !== undefined) return;
    const gone = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  };
  return { name, proc, pid: proc.pid!, port, url, logFile, startupMs, stop, logTail };
}

function cpuTicks(pid: number): number | undefined {
  try {
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * Waits until a process is nearly idle (under 10% of a CPU over 300 ms), at most `maxMs`, so turns
 * still in flight after a time-capped run do not land in the next one. Linux only; elsewhere it
 * waits one interval. Returns how long it waited.
 */
export async function settle(pid: number, maxMs: number): Promise<number> {
  const started = Date.now();
  let last = cpuTicks(pid);
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = cpuTicks(pid);
    if (now === undefined || last === undefined || now - last <= 3 || Date.now() - started >= maxMs)
      return Date.now() - started;
    last = now;
  }
}
