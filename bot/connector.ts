import { CloudAdapter, TurnContext } from 'botbuilder';
import type { Activity, ConversationParameters, ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { DeliveryError, describe, parseRetryAfter } from '../services/outbox/deliveryError';
import type { StoredReference } from '../services/store/types';

/**
 * The CloudAdapter, with a way to reach the connector directly for proactive work.
 *
 * botbuilder's `continueConversationAsync` runs the send inside a turn: an error there goes to
 * `onTurnError`, which logs it and returns normally, so the caller cannot tell a refused send from
 * a delivered one. Proactive delivery therefore calls the connector client itself — created by the
 * adapter's own authentication, so credentials and token handling are botbuilder's — and sees
 * every answer.
 */
export class TautokoAdapter extends CloudAdapter {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  /** A connector client for `serviceUrl` that makes exactly one HTTP request per call. */
  connectorClient(appId: string, serviceUrl: string): Promise<ConnectorClient> {
    const cached = this.clients.get(serviceUrl);
    if (cached) return cached;
    const created = this.botFrameworkAuthentication
      .createConnectorFactory(this.createClaimsIdentity(appId))
      .create(serviceUrl, undefined)
      .then((client) => {
        // The HTTP pipeline would otherwise retry 429s, 5xx and network errors by itself (four
        // requests and several seconds per call): the outbox owns retries, and counts them.
        pipelineOf(client)?.removePolicy({ phase: 'Retry' });
        return client;
      });
    created.catch(() => this.clients.delete(serviceUrl));
    this.clients.set(serviceUrl, created);
    return created;
  }
}

interface Pipeline {
  removePolicy(options: { phase: 'Retry' }): unknown;
}

function pipelineOf(client: ConnectorClient): Pipeline | undefined {
  const inner = (client as unknown as { client?: { pipeline?: Pipeline } }).client;
  return inner?.pipeline;
}

/** Teams' conversation id for a channel post: the channel itself, not the thread of one message. */
export function channelRoot(conversationId: string): string {
  return conversationId.split(';messageid=')[0]!;
}

/**
 * Proactive calls to the Bot Framework connector with a deadline, answering with Teams' activity
 * id or throwing a `DeliveryError`.
 */
export class ConnectorGateway {
  constructor(
    private readonly adapter: TautokoAdapter,
    private readonly appId: string,
    private readonly timeoutMs: number,
  ) {}

  /** Posts a new message (never a reply) into the reference's conversation; returns its id. */
  async send(reference: StoredReference, activity: Partial<Activity>): Promise<string | undefined> {
    const { serviceUrl, outgoing } = this.addressed(reference, activity);
    const client = await this.adapter.connectorClient(this.appId, serviceUrl);
    const conversationId = outgoing.conversation!.id;
    const res = await this.call(() =>
      client.conversations.sendToConversation(conversationId, outgoing, { timeout: this.timeoutMs }),
    );
    return res.id || undefined;
  }

  /** Replaces an earlier message in place. */
  async update(reference: StoredReference, activityId: string, activity: Partial<Activity>): Promise<void> {
    const { serviceUrl, outgoing } = this.addressed(reference, { ...activity, id: activityId });
    const client = await this.adapter.connectorClient(this.appId, serviceUrl);
    const conversationId = outgoing.conversation!.id;
    await this.call(() =>
      client.conversations.updateActivity(conversationId, activityId, outgoing, { timeout: this.timeoutMs }),
    );
  }

  /** Creates a 1:1 conversation with a user; returns its id. */
  async createConversation(serviceUrl: string, parameters: ConversationParameters): Promise<string> {
    const client = await this.adapter.connectorClient(this.appId, serviceUrl);
    const res = await this.call(() =>
      client.conversations.createConversation(parameters, { timeout: this.timeoutMs }),
    );
    if (!res.id) throw new DeliveryError('Teams created no conversation id', { service: 'connector' });
    return res.id;
  }

  private addressed(
    reference: StoredReference,
    activity: Partial<Activity>,
  ): { serviceUrl: string; outgoing: Partial<Activity> & { conversation: { id: string } } } {
    const ref = reference as Partial<ConversationReference>;
    if (!ref.serviceUrl || !ref.conversation?.id)
      throw new DeliveryError('the stored conversation reference is incomplete', {
        disposition: 'gone',
        service: 'connector',
      });
    const outgoing = TurnContext.applyConversationReference({ ...activity }, ref, false);
    // A proactive message is a new message: never a reply to whatever the reference last saw.
    delete outgoing.replyToId;
    const conversation = { ...outgoing.conversation!, id: channelRoot(ref.conversation.id) };
    return { serviceUrl: ref.serviceUrl, outgoing: { ...outgoing, conversation } };
  }

  private async call<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw toDeliveryError(e, 'connector', this.timeoutMs);
    }
  }
}

/** Reads botframework-connector's RestError (or a network/abort error) into a DeliveryError. */
export function toDeliveryError(
  e: unknown,
  service: 'connector' | 'graph',
  timeoutMs: number,
): DeliveryError {
  if (e instanceof DeliveryError) return e;
  const err = (typeof e === 'object' && e !== null ? e : {}) as {
    name?: unknown;
    code?: unknown;
    statusCode?: unknown;
    details?: { error?: { code?: unknown } };
    response?: { status?: unknown; headers?: { get?: (n: string) => string | undefined } };
  };
  const statusCode =
    typeof err.statusCode === 'number'
      ? err.statusCode
      : typeof err.response?.status === 'number'
        ? err.response.status
        : undefined;
  if (statusCode === undefined) {
    const timedOut = err.name === 'AbortError' || err.name === 'TimeoutError';
    const reason = timedOut
      ? `no answer from ${service === 'graph' ? 'Graph' : 'Teams'} within ${timeoutMs} ms (it may still have arrived)`
      : `network error reaching ${service === 'graph' ? 'Graph' : 'Teams'}${typeof err.code === 'string' ? ` (${err.code})` : ''}`;
    return new DeliveryError(reason, { service });
  }
  const bodyCode = err.details?.error?.code;
  const subCode = typeof bodyCode === 'string' ? bodyCode : undefined;
  const raw =
    typeof err.response?.headers?.get === 'function' ? err.response.headers.get('retry-after') : undefined;
  const retryAfterSeconds = parseRetryAfter(raw, new Date());
  const details = {
    service,
    statusCode,
    ...(subCode ? { subCode } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
  return new DeliveryError(describe(details, `HTTP ${statusCode}`), details);
}
