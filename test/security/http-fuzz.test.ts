import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { BotProcess } from '../helpers/botProcess';
import { ConnectorStub } from '../helpers/connectorStub';

/**
 * The front door at the HTTP level, against the real server in its own process: compressed,
 * truncated, inflating, oversized and slow bodies. The properties: no request ends the process,
 * none grows it by more than the body limit, each is answered with a fixed 4xx (or the
 * connection is closed), and the bot still serves Teams afterwards.
 */

const MAX_BODY_BYTES = 256 * 1024;
const BODY_TIMEOUT_MS = 500;

interface Answer {
  status?: number;
  body?: string;
  /** The connection ended without a response (reset or closed by the server). */
  closed?: boolean;
}

/** One request on its own connection; `body` is sent as given, `stall` leaves the body unfinished. */
function request(
  port: number,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: Buffer;
    stall?: boolean;
  },
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: options.method ?? 'POST',
      path: options.path ?? '/api/messages',
      headers: {
        // Node sends a GET's body unframed unless told its length.
        ...(options.body ? { 'content-length': String(options.body.length) } : {}),
        ...options.headers,
      },
      agent: false,
    });
    let settled = false;
    const settle = (a: Answer) => {
      if (!settled) {
        settled = true;
        resolve(a);
      }
    };
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => settle({ status: res.statusCode!, body }));
      res.on('error', () => settle({ status: res.statusCode!, body }));
    });
    // The server may answer and close before the whole body is written: that is an answer too.
    req.on('error', () => setTimeout(() => settle({ closed: true }), 50));
    req.on('close', () => setTimeout(() => settle({ closed: true }), 50));
    if (options.body) req.write(options.body);
    if (!options.stall) req.end();
  });
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const activity = (serviceUrl: string, text: string) => ({
  type: 'message',
  id: 'fuzz-1',
  serviceUrl,
  channelId: 'msteams',
  from: { id: '29:nobody', aadObjectId: 'aad-nobody', name: 'Nobody' },
  conversation: { id: 'a:personal-nobody', conversationType: 'personal' },
  recipient: { id: '28:tautoko', name: 'Tautoko' },
  text,
});

describe('Security: the HTTP front door against a real bot process', function () {
  this.timeout(120_000);
  let bot: BotProcess;
  const connector = new ConnectorStub();
  const figures: string[] = [];
  let basePeak = 0;

  before(async () => {
    await connector.start();
    bot = await new BotProcess({
      TAUTOKO_LOCAL_DEV: 'true',
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
    }).start();
    // Warm up: the first requests load code the later ones share.
    await request(bot.port, { method: 'GET', path: '/healthz' });
    await request(bot.port, {
      headers: { 'content-type': 'application/json' },
      body: json(activity(connector.url, 'help')),
    });
    basePeak = bot.memory().peakMiB;
  });

  afterEach(function () {
    if (bot && !bot.alive) {
      throw new Error(
        `the bot process died during "${this.currentTest?.title}":\n${bot.output.slice(-3000)}`,
      );
    }
  });

  after(async () => {
    if (bot) await bot.stop();
    await connector.stop();
    if (figures.length) process.stdout.write(`      ${figures.join('\n      ')}\n`);
  });

  const stillServes = async () => {
    assert.ok(bot.alive, `the bot process died:\n${bot.output.slice(-3000)}`);
    const health = await request(bot.port, { method: 'GET', path: '/healthz' });
    assert.equal(health.status, 200);
  };

  it('answers 415 to a gzip body that is not gzip, and keeps running', async () => {
    const a = await request(bot.port, {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: Buffer.from('this is not gzip at all'),
    });
    assert.equal(a.status, 415);
    assert.deepEqual(JSON.parse(a.body!), {
      code: 'UnsupportedMediaType',
      message: 'Unsupported content encoding.',
    });
    await stillServes();
  });

  it('answers 415 to a truncated gzip stream, and keeps running', async () => {
    const whole = gzipSync(json(activity(connector.url, 'help')));
    const a = await request(bot.port, {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: whole.subarray(0, Math.floor(whole.length / 2)),
    });
    assert.equal(a.status, 415);
    await stillServes();
  });

  it('answers 415 on a GET with a gzip body too (every route, not only /api/messages)', async () => {
    for (const path of ['/healthz', '/readyz', '/no-such-route']) {
      const a = await request(bot.port, {
        method: 'GET',
        path,
        headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' },
        body: Buffer.from('garbage'),
      });
      assert.equal(a.status, 415, path);
    }
    await stillServes();
  });

  it('answers 415 to a gzip bomb without inflating it: memory grows by less than the body limit', async () => {
    // 256 MiB of zeros compress to about 250 KB, under the body limit.
    const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 });
    assert.ok(bomb.length < MAX_BODY_BYTES);
    const a = await request(bot.port, {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: bomb,
    });
    assert.equal(a.status, 415);
    await stillServes();
    const growth = bot.memory().peakMiB - basePeak;
    figures.push(
      `gzip bomb: ${Math.round(bomb.length / 1024)} KiB inflating to 256 MiB -> 415; peak RSS grew ${growth.toFixed(1)} MiB`,
    );
    assert.ok(growth < MAX_BODY_BYTES / (1024 * 1024) + 16, `peak memory grew ${growth.toFixed(1)} MiB`);
  });

  it('answers 415 to every other encoding, and treats identity as no encoding', async () => {
    const refused = [
      'deflate',
      'br',
      'compress',
      'zstd',
      'x-gzip',
      'gzip, gzip',
      'identity, gzip',
      'GZIP',
      'unknown',
    ];
    for (const encoding of refused) {
      const a = await request(bot.port, {
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: json(activity(connector.url, 'help')),
      });
      assert.equal(a.status, 415, encoding);
    }
    for (const encoding of ['identity', 'Identity ']) {
      const before = connector.calls.length;
      const a = await request(bot.port, {
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: json(activity(connector.url, 'help')),
      });
      assert.equal(a.status, 200, encoding);
      assert.equal(connector.calls.length, before + 1, 'the help card was sent');
    }
    figures.push(`encodings refused with 415: ${refused.length + 4} kinds; identity accepted`);
    await stillServes();
  });

  it('answers 413 to a declared body over the limit before reading it', async () => {
    const a = await request(bot.port, {
      headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      body: Buffer.alloc(64 * 1024, 0x20),
      stall: true,
    });
    assert.equal(a.status, 413);
    await stillServes();
  });

  it('answers 413 to a chunked body that runs past the limit, holding no more than the limit', async () => {
    const peakBefore = bot.memory().peakMiB;
    const a = await new Promise<Answer>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: bot.port,
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        agent: false,
      });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode! });
      });
      req.on('error', () => resolve({ closed: true }));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 64) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    assert.ok(a.status === 413 || a.closed, `answered ${JSON.stringify(a)}`);
    const growth = bot.memory().peakMiB - peakBefore;
    figures.push(`64 MiB chunked body -> ${a.status ?? 'closed'}; peak RSS grew ${growth.toFixed(1)} MiB`);
    assert.ok(growth < MAX_BODY_BYTES / (1024 * 1024) + 16, `peak memory grew ${growth.toFixed(1)} MiB`);
    await stillServes();
  });

  it('closes the connections of slow senders at the body deadline, and keeps serving others', async () => {
    const slow = Array.from({ length: 20 }, () =>
      request(bot.port, {
        headers: { 'content-type': 'application/json', 'content-length': '5000' },
        body: Buffer.from('{"type":"mess'),
        stall: true,
      }),
    );
    await stillServes();
    const answers = await Promise.all(slow);
    for (const a of answers) assert.ok(a.status === 408 || a.closed, `answered ${JSON.stringify(a)}`);
    figures.push(
      `slow senders: ${answers.length} stalled bodies closed at the ${BODY_TIMEOUT_MS} ms body deadline (${answers.filter((a) => a.status === 408).length} with 408)`,
    );
    await stillServes();
  });

  it('still serves Teams after all of it', async () => {
    const before = connector.calls.length;
    const a = await request(bot.port, {
      headers: { 'content-type': 'application/json' },
      body: json(activity(connector.url, 'help')),
    });
    assert.equal(a.status, 200);
    assert.equal(connector.calls.length, before + 1);
    figures.push(`peak RSS of the process over the whole run: ${bot.memory().peakMiB.toFixed(0)} MiB`);
  });
});
