import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { legacyVerb, parseAction } from '../../bot/actionData';
import { createApp } from '../../bot/app';
import { LEGACY_VERB } from '../../cards/actionVerbs';
import type { App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import type { Config } from '../../bot/config';
import { FixedClock } from '../../services/clock';
import { createLogger } from '../../services/logger';
import type { Clock } from '../../services/clock';
import type { Person } from '../../services/directory/person';
import type { Role } from '../../services/directory/roles';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { Store } from '../../services/store/types';
import type { CommandLog } from './commandLog';
import { cardOf, ConnectorStub } from './connectorStub';

export const TENANT = '00000000-0000-0000-0000-0000000000001';

export interface HarnessOptions {
  store?: Store;
  people?: Person[];
  clock?: Clock;
  /** Extra configuration; a function gets the connector stub's URL (e.g. for TEAMS_SERVICE_URL). */
  env?: Record<string, string> | ((connectorUrl: string) => Record<string, string>);
  /** Records the query shapes of the bot's turns and outbox passes (the client's command log). */
  commands?: CommandLog;
  /** Run the outbox worker on its own timer, as in production (default: tests drive it by hand). */
  startOutbox?: boolean;
}

/** Every log line the app wrote during a test, for assertions that secrets never appear. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    cb();
  }
  text(): string {
    return this.lines.join('');
  }
}

export function person(aadObjectId: string, name: string, roles: Array<[Role, string]>): Person {
  return {
    aadObjectId,
    name,
    email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.govt.nz`,
    roles: roles.map(([role, site]) => ({ role, site })),
  };
}

/**
 * A real bot (restify + CloudAdapter + the Teams handler) on a random port, talking to a
 * connector stub, with authentication off. Tests post activity JSON the way Teams does.
 */
export class BotHarness {
  app!: App;
  port = 0;
  readonly connector = new ConnectorStub();
  readonly logs = new LogCapture();
  store!: Store;
  clock: Clock;
  config!: Config;

  constructor(private readonly options: HarnessOptions = {}) {
    this.clock = options.clock ?? new FixedClock(new Date('2026-11-23T00:00:00Z'));
  }

  async start(): Promise<this> {
    await this.connector.start();
    this.store = this.options.store ?? createMemoryStore();
    if (this.options.people) await this.store.people.replaceAll(this.options.people);
    this.config = loadConfig({
      TAUTOKO_LOCAL_DEV: 'true',
      PORT: '1',
      HOST: '127.0.0.1',
      SHUTDOWN_GRACE_MS: '2000',
      ...(typeof this.options.env === 'function' ? this.options.env(this.connector.url) : this.options.env),
    });
    this.config.port = 0;
    const logger = createLogger({ level: 'debug', destination: this.logs });
    this.app = await createApp(this.config, {
      logger,
      clock: this.clock,
      store: this.store,
      startOutbox: this.options.startOutbox ?? false,
    });
    this.port = await this.app.listen();
    return this;
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.connector.stop();
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  conversationFor(aadObjectId: string): string {
    return `a:personal-${aadObjectId}`;
  }

  baseActivity(
    user: Person,
    conversation?: { id: string; type: 'personal' | 'channel' | 'groupChat' },
  ): Record<string, unknown> {
    const conv = conversation ?? { id: this.conversationFor(user.aadObjectId), type: 'personal' as const };
    return {
      id: `act-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: this.connector.url,
      channelId: 'msteams',
      from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name },
      conversation: {
        id: conv.id,
        conversationType: conv.type,
        tenantId: TENANT,
        ...(conv.type === 'channel' ? { isGroup: true } : {}),
      },
      recipient: { id: '28:tautoko', name: 'Tautoko' },
      channelData: {
        tenant: { id: TENANT },
        ...(conv.type === 'channel' ? { channel: { id: conv.id }, team: { id: 'team-1' } } : {}),
      },
      locale: 'en-NZ',
    };
  }

  async post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    return this.record(() => this.postNow(activity));
  }

  private record<T>(work: () => Promise<T>): Promise<T> {
    return this.options.commands ? this.options.commands.during(work) : work();
  }

  private async postNow(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: parseJson(text) };
  }

  /** Sends a chat message and returns the cards the bot replied with in that conversation. */
  async say(
    user: Person,
    text: string,
    conversation?: { id: string; type: 'personal' | 'channel' | 'groupChat' },
  ): Promise<Array<Record<string, unknown>>> {
    const convId = conversation?.id ?? this.conversationFor(user.aadObjectId);
    const before = this.connector.sentTo(convId).length;
    const res = await this.post({ ...this.baseActivity(user, conversation), type: 'message', text });
    if (res.status >= 300) throw new Error(`message turn answered ${res.status}`);
    return this.connector
      .sentTo(convId)
      .slice(before)
      .map((c) => cardOf(c.body) ?? { text: c.body.text });
  }

  /**
   * Clicks an Action.Execute button: returns the HTTP status and the card that replaces it (if any).
   * The verb is the one a card of today gives a button with this data, unless one is named (the
   * legacy verb of cards posted before each kind of action had its own, say).
   */
  async click(
    user: Person,
    data: Record<string, unknown>,
    activityId?: string,
    verb: string = clickVerb(data),
  ): Promise<{ status: number; card?: Record<string, unknown>; message?: string; raw: unknown }> {
    const res = await this.post({
      ...this.baseActivity(user),
      ...(activityId ? { id: activityId } : {}),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    const body = res.body as { type?: string; value?: unknown } | undefined;
    return {
      status: res.status,
      ...(body?.type === 'application/vnd.microsoft.card.adaptive'
        ? { card: body.value as Record<string, unknown> }
        : {}),
      ...(body?.type === 'application/vnd.microsoft.activity.message' ? { message: String(body.value) } : {}),
      raw: res.body,
    };
  }

  /** Delivers everything in the outbox through the connector stub. */
  async deliverOutbox(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.record(() => this.app.outbox.drain());
      total += n;
      if (n === 0) return total;
    }
  }

  /** Makes the bot know a user's 1:1 conversation, as when they first open a chat with it. */
  async install(user: Person): Promise<void> {
    await this.post({ ...this.baseActivity(user), type: 'installationUpdate', action: 'add' });
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Finds an Action.Execute button by title anywhere in a card and returns its data. */
export function buttonData(card: unknown, title: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (v: unknown) => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.type === 'Action.Execute' && o.title === title) {
      found = o.data as Record<string, unknown>;
      return;
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no button "${title}" on the card`);
  return found;
}

/** Finds the first Action.Execute whose data matches, anywhere in a card. */
export function findAction(
  card: unknown,
  pred: (data: Record<string, unknown>, title: string) => boolean,
): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (v: unknown) => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.type === 'Action.Execute' && o.data && pred(o.data as Record<string, unknown>, String(o.title))) {
      found = o.data as Record<string, unknown>;
      return;
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

/** The verb of today's button with this data (data the bot cannot read keeps the legacy verb). */
function clickVerb(data: Record<string, unknown>): string {
  const parsed = parseAction(data);
  return parsed ? legacyVerb(parsed.data) : LEGACY_VERB;
}
