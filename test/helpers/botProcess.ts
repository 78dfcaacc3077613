import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The bot as a separate operating-system process, for what only a real process shows: that it
 * survives a request, how much memory it takes, how it exits on a signal. Listens on a free port
 * (PORT=0) and reports it in its "ready" log line.
 */
export class BotProcess {
  private child: ChildProcess | undefined;
  private out = '';
  port = 0;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;

  constructor(
    private readonly env: Record<string, string>,
    private readonly entry = 'scripts/local-bot.ts',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  /** Everything the process wrote to stdout and stderr so far. */
  get output(): string {
    return this.out;
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process; resolves with its port once it logs that it is ready, or rejects if it exits. */
  async start(readyTimeoutMs = 60_000): Promise<this> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, this.entry)], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.stdout!.on('data', (c: Buffer) => (this.out += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (this.out += c.toString('utf8')));
    const ready = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bot not ready:\n${this.out}`)), readyTimeoutMs);
      const look = () => {
        const m = /"port":(\d+)[^\n]*"msg":"Tautoko is ready"/.exec(this.out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout!.on('data', look);
      void this.exit!.then(({ code }) => {
        clearTimeout(timer);
        reject(new Error(`bot exited (${code}) before it was ready:\n${this.out}`));
      });
    });
    this.port = await ready;
    return this;
  }

  /** Peak and current resident memory of the process, in MiB (Linux /proc). */
  memory(): { peakMiB: number; rssMiB: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { peakMiB: kb('VmHWM') / 1024, rssMiB: kb('VmRSS') / 1024 };
  }

  signal(sig: NodeJS.Signals): void {
    this.child?.kill(sig);
  }

  /** Ends the process (SIGKILL if it does not stop on SIGTERM) and waits for it. */
  async stop(): Promise<void> {
    if (!this.child || !this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exit;
    clearTimeout(timer);
  }
}
