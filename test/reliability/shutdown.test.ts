import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BotProcess } from '../helpers/botProcess';

/**
 * Shutdown on SIGTERM in a real process: it finishes within SHUTDOWN_GRACE_MS even when a turn is
 * stuck on a connector that never answers, and exits non-zero to say it cut work short.
 */

/** A Bot Framework connector that takes every request and never answers. */
class SilentConnector {
  private server: http.Server | undefined;
  private readonly waiting: http.ServerResponse[] = [];
  private seen: Array<() => void> = [];
  received = 0;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      req.resume();
      this.received++;
      this.waiting.push(res);
      this.seen.splice(0).forEach((f) => f());
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once the bot has sent something here (and is now waiting for an answer). */
  reached(): Promise<void> {
    return this.received > 0 ? Promise.resolve() : new Promise((r) => this.seen.push(r));
  }

  async stop(): Promise<void> {
    for (const res of this.waiting) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

describe('Shutdown: a real process stops within its grace, even with a hung turn', function () {
  this.timeout(90_000);
  const connector = new SilentConnector();
  let bot: BotProcess | undefined;

  before(() => connector.start());
  afterEach(async () => {
    if (bot?.alive) bot.signal('SIGKILL');
    await bot?.exit;
  });
  after(() => connector.stop());

  const start = () =>
    new BotProcess({
      TAUTOKO_LOCAL_DEV: 'true',
      SHUTDOWN_GRACE_MS: '1500',
      OUTBOUND_TIMEOUT_MS: '1000',
    }).start();

  it('stops cleanly with exit code 0 when nothing is running', async () => {
    bot = await start();
    bot.signal('SIGTERM');
    const { code } = await bot.exit!;
    assert.equal(code, 0, bot.output.slice(-2000));
    assert.match(bot.output, /Tautoko stopped/);
  });

  it('exits at the deadline (code 1) while a turn waits on a connector that never answers', async () => {
    bot = await start();
    // A message whose reply goes to the silent connector: the turn waits there.
    const posted = fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'hung-1',
        serviceUrl: connector.url,
        channelId: 'msteams',
        from: { id: '29:someone', aadObjectId: 'aad-someone', name: 'Someone' },
        conversation: { id: 'a:personal-someone', conversationType: 'personal' },
        recipient: { id: '28:tautoko', name: 'Tautoko' },
        text: 'help',
      }),
    }).catch(() => undefined);
    await connector.reached();
    bot.signal('SIGTERM');
    const { code } = await bot.exit!;
    await posted;
    assert.equal(code, 1, bot.output.slice(-2000));
    assert.match(bot.output, /turns still running at the shutdown deadline|shutdown deadline reached/);
  });
});
