import type { Actor } from '../services/directory/person';
import type { FieldError } from '../services/errors';
import type { ApplicationDoc, AuditEvent } from '../services/workflow/domain';

/** An Adaptive Card as JSON. Builders in ./kit produce its parts with typed inputs. */
export type AdaptiveCard = {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  refresh?: { action: CardAction; userIds?: string[] };
  msteams?: { width?: 'Full' };
};

export type CardElement = { type: string; [k: string]: unknown };
export type CardAction = {
  type: 'Action.Execute' | 'Action.ShowCard' | 'Action.OpenUrl' | 'Action.ToggleVisibility';
  [k: string]: unknown;
};

/**
 * Everything a card renderer may look at. `viewer` is whoever the card is being drawn for
 * (the person who clicked, or the recipient of a proactive message); renderers decide from it
 * what to show, e.g. buttons for the designated approver and the outcome for everyone else.
 */
export interface CardContext<S = unknown> {
  app: ApplicationDoc<S>;
  viewer: Actor;
  now: Date;
  params: Record<string, string | number | boolean>;
  /** A submission that failed validation: the errors go beside their fields, the input is kept. */
  errors?: FieldError[];
  input?: Record<string, unknown>;
  /** One line shown at the top, e.g. "Saved as a draft" or "Already decided by … at …". */
  notice?: { text: string; tone: 'good' | 'warning' | 'attention' | 'default' };
  /** The audit trail, loaded for cards that show a timeline (status cards). */
  history?: AuditEvent[];
  /** People the viewer may pick from (a facilitator, a contributor); the bot fills it from the directory. */
  people?: PersonChoice[];
  /** Where "Open in Tautoko" points; without it (no Teams app id configured) cards have no such button. */
  links?: CardLinks;
}

/** Configuration cards need for links into the My work tab. */
export interface CardLinks {
  /** The Teams app id (the manifest's `id`). */
  teamsAppId: string;
}

/** A directory entry offered in a choice list; the value sent back is the aadObjectId. */
export interface PersonChoice {
  aadObjectId: string;
  name: string;
}

export type CardRenderer<S = unknown> = (ctx: CardContext<S>) => AdaptiveCard;

/** A form with no application yet (e.g. starting one): only the viewer, and any kept input. */
export interface FormContext {
  viewer: Actor;
  now: Date;
  errors?: FieldError[];
  input?: Record<string, unknown>;
  notice?: CardContext['notice'];
  people?: PersonChoice[];
}
export type FormRenderer = (ctx: FormContext) => AdaptiveCard;

/**
 * What an Action.Execute button carries: names and ids only, never who someone is or a role.
 * Inputs on the card are merged in beside these by the Teams client.
 */
export interface ActionData {
  /** The card to redraw after the action (a key of the card registry). */
  card: string;
  applicationId?: string;
  /** The workflow command to run, e.g. "f17.submitSection". Absent for refresh and pure navigation. */
  command?: string;
  /** Extra fixed fields for the command (e.g. which section), merged under the inputs. */
  args?: Record<string, string | number | boolean>;
  params?: Record<string, string | number | boolean>;
}
