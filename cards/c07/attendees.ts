import { huiStage } from '../../services/workflows/c07/model';
import { card, execute, formErrors, heading, keep, notice, section, text, textInput } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { HuiCardContext } from './common';
import { act, huiFacts, open, viewerIs } from './common';

const SLOTS = [1, 2, 3] as const;
const FIELDS = [
  'correctionsStaff',
  ...SLOTS.flatMap((n) => [`pv${n}Org`, `pv${n}Person`]),
  'addName',
  'addRelationship',
  'addContact',
];

/** Corrections staff and service providers attending, and a new support person (who then needs consent). */
export function c07AttendeesCard(ctx: HuiCardContext): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
  const e = ctx.errors;
  const v = (id: string, stored?: unknown) => keep(ctx.input, id, stored);
  const body: CardElement[] = [
    ...heading('Change who attends', app.title),
    ...notice(ctx.notice),
    ...formErrors(e, FIELDS),
    huiFacts(app),
  ];
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
      ...textInput({
        id: 'correctionsStaff',
        label: 'Corrections staff attending (one per line)',
        multiline: true,
        maxLength: 2000,
        value: v('correctionsStaff', s.correctionsStaff.join('\n')),
        errors: e,
      }),
      section(
        'Service providers',
        SLOTS.flatMap((n) => [
          ...textInput({
            id: `pv${n}Org`,
            label: `Provider ${n}: organisation`,
            value: v(`pv${n}Org`, s.providers[n - 1]?.organisation),
            errors: e,
          }),
          ...textInput({
            id: `pv${n}Person`,
            label: `Provider ${n}: person attending`,
            value: v(`pv${n}Person`, s.providers[n - 1]?.person),
            errors: e,
          }),
        ]),
      ),
      section('Add a support person', [
        ...textInput({ id: 'addName', label: 'Name', value: v('addName'), errors: e }),
        ...textInput({
          id: 'addRelationship',
          label: 'Relationship to the prisoner',
          value: v('addRelationship'),
          errors: e,
        }),
        ...textInput({ id: 'addContact', label: 'Contact details', value: v('addContact'), errors: e }),
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
              color: 'Warning',
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
