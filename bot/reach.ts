import type { ConversationParameters } from 'botbuilder';
import type { StoredReference, Store } from '../services/store/types';
import type { ConnectorGateway } from './connector';
import type { GraphInstaller } from './graph';

export interface ReachOptions {
  appId: string;
  tenantId: string;
  /** Where Teams' connector lives for new conversations (default: Teams' public service URL). */
  serviceUrl: string;
}

/**
 * Opens a 1:1 chat with someone who has never chatted with the bot: installs the app for them with
 * Graph, creates the conversation through the connector, and stores the reference (Teams also sends
 * an installationUpdate, which stores it again as usual).
 */
export class PersonalChats {
  constructor(
    private readonly graph: GraphInstaller,
    private readonly connector: ConnectorGateway,
    private readonly store: Store,
    private readonly options: ReachOptions,
  ) {}

  async reach(aadObjectId: string): Promise<StoredReference> {
    await this.graph.ensureInstalled(aadObjectId);
    const { appId, tenantId, serviceUrl } = this.options;
    return openPersonalChat(this.connector, this.store, {
      serviceUrl,
      bot: { id: appId, name: 'Tautoko' },
      tenantId,
      aadObjectId,
      user: { id: aadObjectId, name: '' },
    });
  }
}

/**
 * Creates a 1:1 conversation with one person through the connector and stores its reference as an
 * installation's would be. `user.id` is how the connector knows them (their Teams user id, or their
 * Entra object id once the app is installed for them). Throws what the connector threw.
 */
export async function openPersonalChat(
  connector: Pick<ConnectorGateway, 'createConversation'>,
  store: Pick<Store, 'conversations'>,
  chat: {
    serviceUrl: string;
    bot: { id: string; name: string };
    tenantId: string | undefined;
    aadObjectId: string;
    user: { id: string; name: string };
  },
): Promise<StoredReference> {
  const { serviceUrl, bot, tenantId, aadObjectId, user } = chat;
  const parameters = {
    isGroup: false,
    bot,
    members: [user],
    tenantId,
    channelData: { tenant: { id: tenantId } },
  } as unknown as ConversationParameters;
  const conversationId = await connector.createConversation(serviceUrl, parameters);
  const reference: StoredReference = {
    channelId: 'msteams',
    serviceUrl,
    bot,
    user: { ...user, aadObjectId },
    conversation: { id: conversationId, conversationType: 'personal', tenantId },
  };
  await store.conversations.savePersonal(aadObjectId, reference);
  return reference;
}
