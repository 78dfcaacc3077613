import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { byLine, data, day, may, notForYou } from '../common';
import { RESTRICTIONS, currentRestriction, restrictionBlock } from '../../services/workflows/v01/model';
import {
  card,
  choiceInput,
  dateInput,
  execute,
  facts,
  keep,
  section,
  text,
  textInput,
  toggleInput,
} from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { top } from './common';
import type { V01Ctx } from './common';

/**
 * V.01.01.3–4 and C.01.Res.05: what a contact restriction allows. There is deliberately no way
 * here to contact the protected person: staff only record that they contacted the prison, or a
 * court exemption to a non-contact condition.
 */
export function v01RestrictionCard(ctx: V01Ctx): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
  const e = ctx.errors;
  const v = (id: string) => keep(ctx.input, id, undefined);
  const r = currentRestriction(s);
  const staff = may(ctx.viewer, DESIGNATED_STAFF, app.site);
  const body: CardElement[] = [
    ...top(ctx, 'Contact restriction'),
    facts([
      ['Restriction', RESTRICTIONS[r]],
      [
        'Details',
        s.restrictionUpdates[s.restrictionUpdates.length - 1]?.details ?? s.nomination?.restrictionDetails,
      ],
    ]),
    text(
      'Corrections staff must not contact the protected person on the prisoner’s behalf to seek consent for a visit or any other contact. If they wish to visit, they must contact the prison of their own free will.',
      { weight: 'Bolder' },
    ),
  ];
  if (s.protectedContact) {
    body.push(
      section('Protected person’s own request', [
        facts([
          ['Contacted the prison on', day(s.protectedContact.contactedOn)],
          ['How', s.protectedContact.how],
          ['Details', s.protectedContact.details],
        ]),
        text(byLine('Recorded by', s.protectedContact), { subtle: true }),
      ]),
    );
  }
  if (s.courtExemption) {
    body.push(
      section('Court exemption', [
        facts([
          ['Reference', s.courtExemption.reference],
          ['Details', s.courtExemption.details],
        ]),
        text(byLine('Recorded by', s.courtExemption), { subtle: true }),
      ]),
    );
  }
  const actions: CardAction[] = [];
  const block = restrictionBlock(s);
  if (!staff) body.push(notForYou(DESIGNATED_STAFF, app.site));
  else if (!s.decision && !s.withdrawn) {
    if (block === 'awaiting-protected-person') {
      body.push(
        section('Record the protected person’s contact', [
          ...dateInput({
            id: 'contactedOn',
            label: 'Date they contacted the prison',
            value: v('contactedOn'),
            required: true,
            errors: e,
          }),
          ...choiceInput({
            id: 'how',
            label: 'How',
            value: v('how'),
            required: true,
            errors: e,
            choices: [
              { title: 'Phone call', value: 'phone' },
              { title: 'In person', value: 'in-person' },
              { title: 'Letter', value: 'letter' },
              { title: 'Email', value: 'email' },
            ],
          }),
          ...textInput({
            id: 'details',
            label: 'What they asked for',
            value: v('details'),
            required: true,
            errors: e,
            multiline: true,
            maxLength: 2000,
          }),
          ...toggleInput({
            id: 'ownInitiative',
            label: 'Own initiative',
            title: 'They contacted the prison of their own accord',
            value: v('ownInitiative'),
            errors: e,
          }),
        ]),
      );
      actions.push(
        execute('Record their contact', data(ctx, 'v01.restriction', 'v01.recordProtectedPersonContact'), {
          style: 'positive',
        }),
      );
    } else if (block === 'non-contact') {
      body.push(
        text(
          'A request from the protected person is not enough under a non-contact condition. Only a court exemption allows forms and visits.',
        ),
        section('Record a court exemption', [
          ...textInput({
            id: 'reference',
            label: 'Court order reference',
            value: v('reference'),
            required: true,
            errors: e,
          }),
          ...textInput({
            id: 'details',
            label: 'What the exemption allows',
            value: v('details'),
            required: true,
            errors: e,
            multiline: true,
            maxLength: 2000,
          }),
        ]),
      );
      actions.push(
        execute('Record court exemption', data(ctx, 'v01.restriction', 'v01.recordCourtExemption'), {
          style: 'positive',
        }),
      );
    }
    actions.push({
      type: 'Action.ShowCard',
      title: 'A different restriction applies',
      card: {
        type: 'AdaptiveCard',
        body: [
          ...choiceInput({
            id: 'restriction',
            label: 'Restriction now',
            value: v('restriction'),
            errors: e,
            choices: Object.entries(RESTRICTIONS).map(([value, title]) => ({ title, value })),
          }),
          ...textInput({
            id: 'restrictionDetails',
            label: 'Order or condition details',
            value: v('restrictionDetails'),
            errors: e,
            multiline: true,
            maxLength: 1000,
          }),
        ],
        actions: [execute('Record restriction', data(ctx, 'v01.restriction', 'v01.updateRestriction'))],
      },
    });
    actions.push({
      type: 'Action.ShowCard',
      title: 'Close the application',
      card: {
        type: 'AdaptiveCard',
        body: textInput({
          id: 'reason',
          label: 'Why it is closed (the prisoner is told)',
          value: v('reason'),
          errors: e,
          multiline: true,
          maxLength: 2000,
        }),
        actions: [
          execute('Close application', data(ctx, 'v01.restriction', 'v01.withdraw'), {
            style: 'destructive',
          }),
        ],
      },
    });
  }
  return card(body, actions);
}
