import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { createApp } from '../../bot/app';
import type { App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { personSchema } from '../../services/directory/person';
import { createLogger } from '../../services/logger';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { Store } from '../../services/store/types';
import { getTestMongoUri, TestMongo } from '../helpers/db';
import { PlaygroundPage } from './playground';

export const ROOT = resolve(__dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test-results/e2e');
const PLAYGROUND_CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The demo directory the playground's users are drawn from; Alex Wilber holds every Site-A role. */
export const ALEX = '00000000-0000-0000-0000-0000000000020';
/** Lynne Robbins: a case officer at Site-B, so she must not see Site-A applications. */
export const LYNNE = '00000000-0000-0000-0000-0000000000025';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (address && typeof address === 'object' ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Bot log lines, kept in memory and written next to the screenshots when a scenario fails. */
class LogBuffer extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    if (this.lines.length > 5000) this.lines.shift();
    cb();
  }
}

interface Playground {
  process: ChildProcess;
  port: number;
  dir: string | undefined;
  output: string[];
}

/**
 * Starts the playground CLI against the bot. It reads `.m365agentsplayground.yml` from its
 * working directory, so a playground for another user runs from a temporary directory holding a
 * copy of the repository's config with that user as `currentUser`.
 */
async function startPlayground(botPort: number, currentUser: string | undefined): Promise<Playground> {
  let cwd = ROOT;
  let dir: string | undefined;
  if (currentUser) {
    dir = mkdtempSync(join(tmpdir(), 'tautoko-playground-'));
    cwd = dir;
    const config = parse(readFileSync(join(ROOT, '.m365agentsplayground.yml'), 'utf8')) as {
      currentUser: { aadObjectId: string };
      users: Array<{ aadObjectId: string }>;
      personalChat: { id: string };
    };
    const chosen = config.users.find((u) => u.aadObjectId === currentUser);
    if (!chosen) throw new Error(`${currentUser} is not a user in .m365agentsplayground.yml`);
    config.users = [config.currentUser, ...config.users.filter((u) => u !== chosen)];
    config.currentUser = chosen;
    // A distinct chat id, so the bot does not mistake this user's chat for Alex's.
    config.personalChat = { id: `personal-chat-${currentUser}` };
    writeFileSync(join(dir, '.m365agentsplayground.yml'), stringify(config));
  }
  const wanted = await freePort();
  const child = spawn(
    process.execPath,
    [
      PLAYGROUND_CLI,
      '-e',
      `http://127.0.0.1:${botPort}/api/messages`,
      '-c',
      'msteams',
      '-p',
      String(wanted),
      '--dt',
    ],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const port = await new Promise<number>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`the playground did not start in 30 s:\n${output.join('')}`)),
      30_000,
    );
    const onData = (d: Buffer) => {
      output.push(d.toString('utf8'));
      // The CLI falls back to a random port when the one asked for is taken; it prints the real one.
      const m = /Listening on (\d+)/.exec(output.join(''));
      if (m?.[1]) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the playground exited (${code}):\n${output.join('')}`));
    });
  });
  return { process: child, port, dir, output };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((done) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Everything one e2e run needs: the bot (the real composition root on the in-memory store, the
 * demo directory, authentication off, outbox worker running), one playground per user, and a
 * headless chromium driving the playground pages.
 */
export class Stack {
  app!: App;
  botPort = 0;
  browser!: Browser;
  readonly logs = new LogBuffer();
  private readonly playgrounds: Playground[] = [];
  private readonly pages: Page[] = [];
  private dropper: TestMongo | undefined;
  private dbName: string | undefined;
  private readonly byUser = new Map<string, Promise<PlaygroundPage>>();

  async start(): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const store = await this.openStore();
    const demo = z
      .object({ people: z.array(personSchema) })
      .parse(parse(readFileSync(join(ROOT, 'directory/demo.yaml'), 'utf8')));
    await store.people.replaceAll(demo.people);
    const config = loadConfig({
      TAUTOKO_LOCAL_DEV: 'true',
      PORT: '1',
      HOST: '127.0.0.1',
      OUTBOX_POLL_MS: '100',
      SHUTDOWN_GRACE_MS: '2000',
    });
    config.port = 0;
    this.app = await createApp(config, {
      logger: createLogger({ level: 'debug', destination: this.logs }),
      store,
      startOutbox: true,
    });
    this.botPort = await this.app.listen();
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }

  /**
   * The embedded in-memory store by default; E2E_STORE=mongodb runs the same scenarios on a fresh,
   * uniquely named MongoDB database (MONGODB_URI), dropped when the run ends.
   */
  private async openStore(): Promise<Store> {
    if (process.env.E2E_STORE !== 'mongodb') return createMemoryStore();
    const uri = await getTestMongoUri();
    if (!uri) throw new Error('E2E_STORE=mongodb needs MONGODB_URI');
    // The app closes the store's own client on stop; a second client drops the database after.
    this.dropper = await TestMongo.connect(uri);
    const store = await (await TestMongo.connect(uri)).open();
    this.dbName = store.db.databaseName;
    return store;
  }

  /** The playground page of a user (Alex, the config's current user, when none is named), opened once. */
  as(user?: string): Promise<PlaygroundPage> {
    const key = user ?? ALEX;
    let page = this.byUser.get(key);
    if (!page) {
      page = this.open(user === ALEX ? undefined : user);
      this.byUser.set(key, page);
    }
    return page;
  }

  private async open(user: string | undefined): Promise<PlaygroundPage> {
    const pg = await startPlayground(this.botPort, user);
    this.playgrounds.push(pg);
    const page = await this.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    this.pages.push(page);
    const playground = new PlaygroundPage(page, `http://127.0.0.1:${pg.port}/`);
    await playground.load();
    return playground;
  }

  /** A screenshot of every open page plus the bot's log, for a failed scenario. */
  async keepEvidence(name: string): Promise<string[]> {
    const safe = name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 100);
    const files: string[] = [];
    for (const [i, page] of this.pages.entries()) {
      const file = join(SCREENSHOTS, `${safe}-page${i + 1}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      files.push(file);
    }
    const log = join(SCREENSHOTS, `${safe}-bot.log`);
    writeFileSync(log, this.logs.lines.join(''));
    files.push(log);
    return files;
  }

  async stop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    for (const pg of this.playgrounds) {
      await stopProcess(pg.process);
      if (pg.dir) rmSync(pg.dir, { recursive: true, force: true });
    }
    await this.app?.stop();
    if (this.dropper) {
      if (this.dbName) await this.dropper.client.db(this.dbName).dropDatabase();
      await this.dropper.close();
    }
  }
}
