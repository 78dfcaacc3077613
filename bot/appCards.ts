import { deadlineNotice } from '../cards/generic/deadline';
import { errorCard, infoCard } from '../cards/generic/messages';
import { cardRenderers, statusCardName } from '../cards/registry';
import type { AdaptiveCard, CardContext, CardLinks } from '../cards/types';
import type { Actor } from '../services/directory/person';
import type { ApplicationDoc } from '../services/workflow/domain';
import { CHANNEL_VIEWER, NO_PERSONAL_CHAT, SENT_TO_PERSONAL_CHAT } from './conversation';

/** Draws a registered card about an application for one viewer; in answers to clicks, commands and in the outbox. */
export type RenderAppCard = (
  name: string,
  app: ApplicationDoc,
  viewer: Actor,
  params: CardContext['params'],
  extra: Partial<CardContext>,
) => Promise<AdaptiveCard>;

export interface AppCardRequest {
  name: string;
  app: ApplicationDoc;
  viewer: Actor;
  now: Date;
  params: CardContext['params'];
  links?: CardLinks | undefined;
  /** Whether the card's top line may say when the viewer's task is due (never on a channel's post). */
  showDue: boolean;
}

/**
 * The card `name` drawn for its viewer, or null when no such card is registered. Unless the card
 * has something else to say first, its top line says when the viewer's task on it is due.
 */
export function drawAppCard(request: AppCardRequest, extra: Partial<CardContext> = {}): AdaptiveCard | null {
  const { name, app, viewer, now, params, links } = request;
  const render = cardRenderers[name];
  if (!render) return null;
  const due = request.showDue && !extra.notice ? deadlineNotice(app, viewer, name, params, now) : undefined;
  return render({
    app,
    viewer,
    now,
    params,
    ...(due ? { notice: due } : {}),
    ...(links ? { links } : {}),
    ...extra,
  });
}

/** What drawing a card for a viewer needs besides the card: the clock, the pickers, the Teams ids. */
export interface AppCardViewDeps {
  clock: { now(): Date };
  links?: CardLinks | undefined;
  /** Fills the people pickers in a drawn card for its viewer. */
  fillPickers(card: AdaptiveCard, viewer: Actor): Promise<AdaptiveCard>;
  /** Replaces people's object ids in `refresh.userIds` with their Teams user ids. */
  translateUserIds(card: AdaptiveCard): Promise<AdaptiveCard>;
}

/** Cards about an application as the bot sends them: for one viewer, or for a shared conversation. */
export class AppCardViews {
  constructor(private readonly deps: AppCardViewDeps) {}

  /** The card `name` drawn for `viewer` (an error card naming it when no such card is registered). */
  readonly render: RenderAppCard = async (name, app, viewer, params, extra) => {
    const drawn = drawAppCard(
      { name, app, viewer, now: this.deps.clock.now(), params, links: this.deps.links, showDue: true },
      extra,
    );
    if (!drawn) return errorCard(`card:${name}`);
    return this.deps.translateUserIds(await this.deps.fillPickers(drawn, viewer));
  };

  /** What everyone in a shared conversation may see: the application as a channel sees it. */
  async channelView(app: ApplicationDoc | null, sent: boolean): Promise<AdaptiveCard> {
    const notice = sent
      ? { text: SENT_TO_PERSONAL_CHAT, tone: 'good' as const }
      : { text: NO_PERSONAL_CHAT, tone: 'warning' as const };
    if (app) return this.render(statusCardName(app.kind), app, CHANNEL_VIEWER, {}, { notice });
    return infoCard(sent ? 'Sent to your 1:1 chat' : 'Ask me in our 1:1 chat', [notice.text], notice.tone);
  }
}
