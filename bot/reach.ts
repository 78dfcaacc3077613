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
    const parameters = {
      isGroup: false,
      bot: { id: appId, name: 'Tautoko' },
      members: [{ id: aadObjectId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as unknown as ConversationParameters;
    const conversationId = await this.connector.createConversation(serviceUrl, parameters);
    const reference: StoredReference = {
      channelId: 'msteams',
      serviceUrl,
      bot: { id: appId, name: 'Tautoko' },
      user: { id: aadObjectId, aadObjectId },
      conversation: { id: conversationId, conversationType: 'personal', tenantId },
    };
    await this.store.conversations.savePersonal(aadObjectId, reference);
    return reference;
  }
}
