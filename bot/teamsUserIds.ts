import type { ChannelAccount } from 'botbuilder';
import type { AdaptiveCard } from '../cards/types';
import type { ConversationRepository } from '../services/store/types';

/** Teams allows at most 60 ids in a card's refresh.userIds. */
const MAX_REFRESH_USERS = 60;

/** A Teams user id (MRI) as Teams sends it in `from.id`: `29:` and an opaque id. */
export function isTeamsUserId(id: string | undefined): id is string {
  return typeof id === 'string' && id.startsWith('29:');
}

/**
 * People's Teams user ids (MRIs). Cards name who may refresh them by Entra object id (the domain's
 * identity); Teams only refreshes a card automatically for the MRIs listed in `refresh.userIds`,
 * so every card is translated here before it leaves. MRIs are recorded when a person is seen
 * (`from.id` on any activity, members added by an installation, a 1:1 reference) and never change,
 * so each is written once and cached in the process.
 */
export class TeamsUserIds {
  private readonly known = new Map<string, string>();

  constructor(private readonly conversations: ConversationRepository) {}

  /** Records the MRI of someone seen in an activity; a database write only the first time. */
  async remember(account: Partial<ChannelAccount> | undefined): Promise<void> {
    const aad = account?.aadObjectId;
    const mri = account?.id;
    if (!aad || !isTeamsUserId(mri) || this.known.get(aad) === mri) return;
    await this.conversations.saveUserId(aad, mri);
    this.known.set(aad, mri);
  }

  /** Replaces the Entra ids in a card's refresh.userIds with MRIs, dropping people never seen (at most 60). */
  async translate(card: AdaptiveCard): Promise<AdaptiveCard> {
    const ids = card.refresh?.userIds;
    if (!card.refresh || !ids || ids.length === 0) return card;
    const missing = ids.filter((id) => !isTeamsUserId(id) && !this.known.has(id));
    if (missing.length > 0) {
      const found = await this.conversations.userIdsOf([...new Set(missing)]);
      for (const [aad, mri] of found) this.known.set(aad, mri);
    }
    const mris = ids.map((id) => (isTeamsUserId(id) ? id : this.known.get(id))).filter(isTeamsUserId);
    return {
      ...card,
      refresh: { ...card.refresh, userIds: [...new Set(mris)].slice(0, MAX_REFRESH_USERS) },
    };
  }
}
