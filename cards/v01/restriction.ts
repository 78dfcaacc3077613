import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { data, day, may, notForYou, choicesOf, recordedSection } from '../common';
import {
  RESTRICTIONS,
  currentRestriction,
  openSuspension,
  restrictionBlock,
  standingDecision,
} from '../../services/workflows/v01/model';
import { card, execute, showCard, facts, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { top } from './common';
import type { V01Ctx } from './common';

/** The button that records what a form on this card holds. */
function record(ctx: V01Ctx, title: string, command: string): CardAction {
  return execute(title, data(ctx, 'v01.restriction', command), { style: 'positive' });
}

/** A protection or restraining order: the protected person's own request, recorded. */
function contactForm(ctx: V01Ctx, body: CardElement[], actions: CardAction[]): void {
  const ask = inputsFor(ctx);
  body.push(
    section('Record the protected person’s contact', [
      ...ask.date('contactedOn', 'Date they contacted the prison', { required: true }),
      ...ask.choice(
        'how',
        'How',
        choicesOf({ phone: 'Phone call', 'in-person': 'In person', letter: 'Letter', email: 'Email' }),
        { required: true },
      ),
      ...ask.paragraph('details', 'What they asked for', { required: true, maxLength: 2000 }),
      ...ask.toggle('ownInitiative', 'Own initiative', 'They contacted the prison of their own accord'),
    ]),
  );
  actions.push(record(ctx, 'Record their contact', 'v01.recordProtectedPersonContact'));
}

/** A non-contact condition: only a court exemption allows forms and visits. */
function exemptionForm(ctx: V01Ctx, body: CardElement[], actions: CardAction[]): void {
  const ask = inputsFor(ctx);
  body.push(
    text(
      'A request from the protected person is not enough under a non-contact condition. Only a court exemption allows forms and visits.',
    ),
    section('Record a court exemption', [
      ...ask.text('reference', 'Court order reference', { required: true }),
      ...ask.paragraph('details', 'What the exemption allows', { required: true, maxLength: 2000 }),
    ]),
  );
  actions.push(record(ctx, 'Record court exemption', 'v01.recordCourtExemption'));
}

/** A different restriction: before the decision it blocks again; after an approval it suspends it (V.01.01.4). */
function changeForm(ctx: V01Ctx, _body: CardElement[], actions: CardAction[]): void {
  const ask = inputsFor(ctx);
  actions.push(
    showCard(
      'A different restriction applies',
      [
        ...ask.choice('restriction', 'Restriction now', choicesOf(RESTRICTIONS)),
        ...ask.paragraph('restrictionDetails', 'Order or condition details', { maxLength: 1000 }),
      ],
      execute('Record restriction', data(ctx, 'v01.restriction', 'v01.updateRestriction')),
    ),
  );
}

/** Closing an undecided application; the prisoner is told. */
function closeForm(ctx: V01Ctx, _body: CardElement[], actions: CardAction[]): void {
  const ask = inputsFor(ctx);
  actions.push(
    showCard(
      'Close the application',
      ask.paragraph('reason', 'Why it is closed (the prisoner is told)', { maxLength: 2000 }),
      execute('Close application', data(ctx, 'v01.restriction', 'v01.withdraw'), { style: 'destructive' }),
    ),
  );
}

/**
 * V.01.01.3–4 and C.01.Res.05: what a contact restriction allows. There is deliberately no way
 * here to contact the protected person: staff only record that they contacted the prison, or a
 * court exemption to a non-contact condition.
 */
export function v01RestrictionCard(ctx: V01Ctx): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
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
      recordedSection(
        'Protected person’s own request',
        [
          facts([
            ['Contacted the prison on', day(s.protectedContact.contactedOn)],
            ['How', s.protectedContact.how],
            ['Details', s.protectedContact.details],
          ]),
        ],
        s.protectedContact,
      ),
    );
  }
  if (s.courtExemption) {
    body.push(
      recordedSection(
        'Court exemption',
        [
          facts([
            ['Reference', s.courtExemption.reference],
            ['Details', s.courtExemption.details],
          ]),
        ],
        s.courtExemption,
      ),
    );
  }
  const actions: CardAction[] = [];
  if (!staff) return card([...body, notForYou(DESIGNATED_STAFF, app.site)], actions);
  if (s.withdrawn) return card(body, actions);
  // Before the decision, or while a restriction recorded after it has suspended the approval.
  const open = !s.decision || !!openSuspension(s);
  const block = restrictionBlock(s);
  if (open && block === 'awaiting-protected-person') contactForm(ctx, body, actions);
  if (open && block === 'non-contact') exemptionForm(ctx, body, actions);
  if (!s.decision || standingDecision(s)?.outcome !== 'declined') changeForm(ctx, body, actions);
  if (!s.decision) closeForm(ctx, body, actions);
  return card(body, actions);
}
