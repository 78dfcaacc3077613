import { huiStage } from '../../services/workflows/c07/model';
import { card, execute, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { HuiCardContext } from './common';
import { DOB_LABEL, act, open, viewerIs, huiTop } from './common';

const SLOTS = [1, 2, 3] as const;
const FIELDS = [
  'correctionsStaff',
  ...SLOTS.flatMap((n) => [`pv${n}Org`, `pv${n}Person`]),
  'addName',
  'addRelationship',
  'addContact',
  'addDob',
];

/** Corrections staff and service providers attending, and a new support person (who then needs consent). */
export function c07AttendeesCard(ctx: HuiCardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  const body: CardElement[] = [...huiTop(ctx, 'Change who attends', FIELDS)];
  const actions: CardAction[] = [];
  if (app.closed || !viewerIs.organiser(ctx)) {
    body.push(
      text(
        app.closed
          ? 'This hui is closed.'
          : 'Only the organiser or the prisoner’s case manager can change attendees.',
      ),
    );
  } else {
    body.push(
      ...ask.paragraph('correctionsStaff', 'Corrections staff attending (one per line)', {
        stored: s.correctionsStaff.join('\n'),
        maxLength: 2000,
      }),
      section(
        'Service providers',
        SLOTS.flatMap((n) => [
          ...ask.text(`pv${n}Org`, `Provider ${n}: organisation`, {
            stored: s.providers[n - 1]?.organisation,
          }),
          ...ask.text(`pv${n}Person`, `Provider ${n}: person attending`, {
            stored: s.providers[n - 1]?.person,
          }),
        ]),
      ),
      section('Add a support person', [
        ...ask.text('addName', 'Name'),
        ...ask.text('addRelationship', 'Relationship to the prisoner'),
        ...ask.text('addContact', 'Contact details'),
        ...ask.date('addDob', DOB_LABEL),
        text(
          'Their consents and suitability are recorded before the hui goes (back) to the manager. Remove a support person from Consent and suitability.',
          {
            subtle: true,
          },
        ),
      ]),
      ...(huiStage(s) === 'signed-off'
        ? [
            text('This hui is signed off: a change goes back to the manager for sign-off.', {
              tone: 'caution',
            }),
          ]
        : []),
    );
    actions.push(
      execute('Save attendees', act(app, 'c07.status', 'c07.changeAttendees'), { style: 'positive' }),
    );
  }
  actions.push(open(app, 'Consent and suitability', 'c07.consent'), open(app, 'Status', 'c07.status'));
  return card(body, actions);
}
