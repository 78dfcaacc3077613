import { CardFactory } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { AdaptiveCard, CardLinks } from '../cards/types';
import { cardRenderers } from '../cards/registry';
import { notificationCard } from '../cards/statusButtons';
import { workflows } from '../cards/processes';
import type { Actor } from '../services/directory/person';
import { RenderMemo } from '../services/outbox/renderMemo';
import type { Delivery } from '../services/outbox/worker';
import type { OutboxMessage, Store, StoredReference } from '../services/store/types';
import type { Clock } from '../services/clock';
import type { WorkflowEngine } from '../services/workflow/engine';
import { drawAppCard } from './appCards';
import type { ConnectorGateway } from './connector';
import { CHANNEL_VIEWER } from './conversation';
import type { PersonalChats } from './reach';
import type { TeamsUserIds } from './teamsUserIds';

/** Cards about a person rather than one application (the daily digest), drawn for the recipient. */
export type PersonCardRenderer = (
  name: string,
  viewer: Actor,
  now: Date,
  params: Record<string, string | number | boolean>,
) => Promise<AdaptiveCard | null>;

/**
 * Proactive delivery through the CloudAdapter's connector (see `ConnectorGateway`): each send
 * returns the id Teams gave the message or throws a `DeliveryError`, and never runs a turn, so
 * `onTurnError` cannot swallow it. Cards are drawn at delivery time for the recipient, from the
 * application as it is then.
 */
export class AdapterDelivery implements Delivery {
  constructor(
    private readonly connector: ConnectorGateway,
    store: Store,
    engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly teamsUserIds: TeamsUserIds,
    chats?: PersonalChats,
    private readonly personCards?: PersonCardRenderer,
    /** "Open in Tautoko" deep links on cards and channel posts, when the Teams app id is configured. */
    private readonly links?: CardLinks,
  ) {
    if (chats) this.reach = (aadObjectId) => chats.reach(aadObjectId);
    this.memo = new RenderMemo((id) => engine.load(id), store.people, {}, Date.now, store.delegations);
  }

  /** Reads shared by cards drawn close together (a decision's seven cards read their application once). */
  private readonly memo: RenderMemo;

  /** Present when Graph is configured: opens a chat with someone who has none. */
  readonly reach?: (aadObjectId: string) => Promise<StoredReference>;

  async send(reference: StoredReference, message: OutboxMessage): Promise<string | undefined> {
    return this.connector.send(reference, await this.activityFor(message));
  }

  async update(reference: StoredReference, activityId: string, message: OutboxMessage): Promise<void> {
    await this.connector.update(reference, activityId, await this.activityFor(message));
  }

  private async activityFor(message: OutboxMessage): Promise<Partial<Activity>> {
    const card = await this.render(message);
    return card
      ? { type: 'message', text: message.text, attachments: [CardFactory.adaptiveCard(card)] }
      : { type: 'message', text: message.text };
  }

  private async render(message: OutboxMessage): Promise<AdaptiveCard | null> {
    const ref = message.cardRef;
    if (!ref) return this.plainNotification(message);
    const appId = ref.applicationId ?? message.applicationId;
    if (!appId && this.personCards && message.target.kind === 'person') {
      const viewer = await this.viewerFor(message);
      const card = await this.personCards(ref.name, viewer, this.clock.now(), ref.params ?? {});
      return card ? this.teamsUserIds.translate(card) : null;
    }
    if (!cardRenderers[ref.name] || !appId) return null;
    const app = await this.memo.application(appId, message);
    if (!app) return null;
    const card = drawAppCard({
      name: ref.name,
      app,
      viewer: await this.viewerFor(message),
      now: this.clock.now(),
      params: ref.params ?? {},
      links: this.links,
      // A person's task card says when it is due (never on a channel's post).
      showDue: message.target.kind === 'person',
    });
    return card ? this.teamsUserIds.translate(card) : null;
  }

  /** A person's message about an application, without a card: its words and "Open status". */
  private plainNotification(message: OutboxMessage): AdaptiveCard | null {
    const id = message.applicationId;
    if (!id || message.target.kind !== 'person') return null;
    const def = workflows.find((w) => id.startsWith(`${w.idPrefix}-`));
    return def ? notificationCard(message.text, { _id: id, kind: def.kind }) : null;
  }

  private async viewerFor(message: OutboxMessage): Promise<Actor> {
    if (message.target.kind === 'channel') return CHANNEL_VIEWER;
    const actor = await this.memo.actor(message.target.aadObjectId, this.clock.now());
    return actor ?? { aadObjectId: message.target.aadObjectId, name: 'unknown', roles: [] };
  }
}
