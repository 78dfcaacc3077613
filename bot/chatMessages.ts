import { CardFactory, TurnContext } from 'botbuilder';
import { helpCard } from '../cards/generic/help';
import { notInDirectoryCard } from '../cards/generic/messages';
import type { AdaptiveCard, CardContext } from '../cards/types';
import type { Actor } from '../services/directory/person';
import type { ApplicationQueries } from '../services/queries';
import type { ChatCommandSpec } from '../services/workflow/types';
import type { AppCardViews } from './appCards';
import { ADMIN_COMMANDS, BASE_COMMANDS, parseChatCommand } from './chatCommands';
import type { Answer, CommandAnswers } from './commandAnswers';
import { forAsker } from './commandAnswers';
import { isSharedConversation } from './conversation';
import type { PersonalChat } from './conversation';
import { DELEGATION_COMMANDS } from './delegationCommands';
import { refusalCard } from './errorAnswers';
import type { StartForms } from './startForms';
import { quietly } from './turn';
import type { Turn } from './turn';

export interface ChatMessageDeps {
  queries: ApplicationQueries;
  personalChat: PersonalChat;
  commands: CommandAnswers;
  /** The processes' own chat commands (`new …`, `status`, their cards by id). */
  workflowCommands: ChatCommandSpec[];
  startForms: StartForms;
  views: AppCardViews;
  resolveActor(context: TurnContext): Promise<Actor | null>;
  turn(context: TurnContext, actor: Actor | null): Turn;
}

/**
 * Typed messages: a chat command read from the text, answered with a card where it was asked, or
 * in the asker's 1:1 chat when the answer is drawn for them and the conversation is shared.
 */
export class ChatMessages {
  constructor(private readonly deps: ChatMessageDeps) {}

  async handle(context: TurnContext): Promise<void> {
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const command = parseChatCommand(text, this.deps.workflowCommands);
    if (command.kind === 'help' || command.kind === 'unknown') {
      // Help is the same for everyone: no need to know who asks.
      this.deps.turn(context, null).log.info({ command: command.kind }, 'message');
      const notice =
        command.kind === 'unknown'
          ? {
              text: `I did not understand "${command.text.slice(0, 80)}". Here is what I can do.`,
              tone: 'warning' as const,
            }
          : undefined;
      return reply(context, this.help(notice));
    }
    if (command.kind === 'cancel') {
      // Only here is the start form's state read: other messages cost no state round trip.
      await context.sendActivity(
        (await this.deps.startForms.cancel(context)) ?? 'There is nothing to cancel.',
      );
      return;
    }
    // `status` reads the application and its trail beside the asker: all at once.
    const prefetched =
      command.kind === 'status' ? quietly(this.deps.queries.withHistory(command.id)) : undefined;
    const actor = await this.deps.resolveActor(context);
    const turn = this.deps.turn(context, actor);
    turn.log.info({ command: command.kind }, 'message');
    if (!actor) return reply(context, notInDirectoryCard());
    let answer: Answer | undefined;
    try {
      answer = await this.deps.commands.run(context, command, actor, turn, prefetched);
    } catch (e) {
      answer = forAsker(refusalCard(e, turn.log));
    }
    if (answer) await this.answer(context, actor, answer);
  }

  /** What the bot can do, by who may do it. */
  help(notice?: CardContext['notice']): AdaptiveCard {
    return helpCard(
      [
        { title: 'Everyone', entries: BASE_COMMANDS },
        {
          title: 'Processes',
          entries: this.deps.workflowCommands.map((c) => ({ usage: c.usage, description: c.description })),
        },
        { title: 'Acting cover', entries: DELEGATION_COMMANDS },
        { title: 'Admins', entries: ADMIN_COMMANDS },
      ],
      notice,
    );
  }

  /**
   * Posts an answer where it was asked, unless it was drawn for the asker and the conversation is
   * shared: then the asker gets it in their 1:1 chat and the conversation the channel view.
   */
  private async answer(context: TurnContext, actor: Actor, answer: Answer): Promise<void> {
    if (!answer.personal || !isSharedConversation(context.activity)) return reply(context, answer.card);
    const sent = await this.deps.personalChat.send(context, actor.aadObjectId, answer.card);
    return reply(context, await this.deps.views.channelView(answer.app ?? null, sent));
  }
}

export async function reply(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
