import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { byLine, data, may, notForYou, choicesOf } from '../common';
import { deliveryChoices } from '../visitor';
import { CHECK_ITEMS, CHECK_ITEM_KEYS, restrictionBlock } from '../../services/workflows/v01/model';
import type { CheckItem, CheckRecord } from '../../services/workflows/v01/model';
import { card, execute, facts, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { top, yesNoChoices } from './common';
import type { V01Ctx } from './common';

function yn(b: boolean | undefined): string | undefined {
  return b === undefined ? undefined : b ? 'Yes' : 'No';
}

function doneItem(item: CheckItem, r: CheckRecord): CardElement {
  return {
    type: 'Container',
    items: [
      text(`✔ ${CHECK_ITEMS[item].label} (${CHECK_ITEMS[item].para})`, { weight: 'Bolder' }),
      facts([
        ['Authority given', yn(r.authorityGiven)],
        [
          'Ever imprisoned',
          r.security
            ? `${yn(r.security.everImprisoned)}${r.security.imprisonedWhen ? ` (${r.security.imprisonedWhen})` : ''}`
            : undefined,
        ],
        ['Currently on bail', yn(r.security?.onBail)],
        ['Convicted in the last 2 years', yn(r.security?.convictedLastTwoYears)],
        [
          'Further information',
          r.furtherInformation
            ? {
                none: 'Nothing further',
                'general-manager': 'Raised with the general manager custodial',
                'advisory-panel': 'Raised with the advisory panel',
              }[r.furtherInformation.to]
            : undefined,
        ],
        ['Note', r.note],
      ]),
      text(byLine('Checked by', r), { subtle: true, size: 'Small' }),
    ],
  };
}

/** The inputs for one checklist item: only the next outstanding one is open at a time. */
function itemForm(ctx: V01Ctx, item: CheckItem): CardElement[] {
  const ask = inputsFor(ctx);
  const note = (label: string, required = false) =>
    ask.paragraph('note', label, { required, maxLength: 2000 });
  switch (item) {
    case 'authority':
      return [
        ...ask.radio(
          'authorityGiven',
          'Did the visitor give authority to check official records (and for later checks while approved)?',
          yesNoChoices,
          { required: true },
        ),
        ...note('Note'),
      ];
    case 'visitor-entered':
      return [
        ...(ctx.app.state.nomination?.visitor.minor
          ? ask.toggle('minorSelected', 'Minor', '“Minor” is selected in the Visitor Type menu in IOMS')
          : []),
        ...note('Note'),
      ];
    case 'security-checks':
      return [
        ...ask.radio(
          'everImprisoned',
          'Has the visitor ever served a sentence of imprisonment?',
          yesNoChoices,
          { required: true },
        ),
        ...ask.text('imprisonedWhen', 'If so, when'),
        ...ask.radio('onBail', 'Is the visitor currently on bail?', yesNoChoices, { required: true }),
        ...ask.radio('convictedLastTwoYears', 'Convicted of an offence in the last 2 years?', yesNoChoices, {
          required: true,
        }),
        text('Current or past offending is not on its own a reason to refuse (V.01.03.1).', { subtle: true }),
        ...note('Note'),
      ];
    case 'further-information':
      return [
        ...ask.choice(
          'furtherInformationTo',
          'Does anything need further information or investigation?',
          choicesOf({
            none: 'No',
            'general-manager': 'Yes: brought to the general manager custodial (or delegate)',
            'advisory-panel': 'Yes: brought to the advisory panel',
          }),
          { required: true },
        ),
        ...note('What needs more information'),
      ];
    default:
      return note('Note');
  }
}

/** V.01.01.3–6 and V.01.02.1: forms out, application back, then each pre-approval check with who and when. */
export function v01ChecklistCard(ctx: V01Ctx): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  const staff = may(ctx.viewer, DESIGNATED_STAFF, app.site);
  const body: CardElement[] = [...top(ctx, 'Forms and pre-approval checks')];
  const actions: CardAction[] = [];
  const open = staff && !s.decision && !s.withdrawn && !restrictionBlock(s);
  if (!staff) body.push(notForYou(DESIGNATED_STAFF, app.site));

  if (s.nomination?.orangaTamarikiCare) {
    const ot = s.orangaTamariki;
    body.push(
      section(
        'Oranga Tamariki care (V.01.02.01)',
        ot
          ? [
              facts([
                ['In Oranga Tamariki care', ot.inCare ? 'Yes' : 'No'],
                ['Social worker', ot.socialWorkerName],
                ['Social worker email', ot.socialWorkerEmail],
              ]),
              text(byLine('Recorded by', ot), { subtle: true }),
            ]
          : [
              text(
                'Email the child’s full name (and aliases), date of birth and gender to childvisits@corrections.govt.nz by SEEmail. Record the answer when the child visits team confirms with the Oranga Tamariki National Contact Centre.',
              ),
            ],
      ),
    );
    if (!ot && open) {
      body.push(
        ...ask.radio('inCare', 'Is the child in Oranga Tamariki care?', yesNoChoices, { required: true }),
        ...ask.text('socialWorkerName', 'If yes: assigned social worker'),
        ...ask.text('socialWorkerEmail', 'If yes: social worker’s email'),
        text('If no: who will consent for the child', { weight: 'Bolder' }),
        ...ask.choice(
          'consenterKind',
          'Who will consent',
          choicesOf({ guardian: 'Guardian', other: 'Another appropriate person' }),
        ),
        ...ask.text('consenterName', 'Name'),
        ...ask.text('consenterRelationship', 'Relationship to the child'),
        ...ask.text('consenterAddress', 'Last known address', { maxLength: 400 }),
        ...ask.paragraph('consenterReason', 'Why not the guardian', { maxLength: 1000 }),
      );
      actions.push(
        execute('Record Oranga Tamariki answer', data(ctx, 'v01.checklist', 'v01.recordOrangaTamarikiCheck')),
      );
      return card(body, actions);
    }
  }

  body.push(
    section(
      'Forms sent (V.01.01.3, V.01.01.5)',
      s.formsSent
        ? [
            facts([
              ['Sent to', s.formsSent.to],
              ['How', s.formsSent.method],
            ]),
            text(byLine('Recorded by', s.formsSent), { subtle: true }),
          ]
        : [text('Not sent yet.', { subtle: true })],
    ),
  );
  if (!s.formsSent) {
    if (open && !(s.nomination?.orangaTamarikiCare && !s.orangaTamariki)) {
      const to = s.orangaTamariki?.inCare
        ? `${s.orangaTamariki.socialWorkerName ?? ''} <${s.orangaTamariki.socialWorkerEmail ?? ''}> (V.01.Form.01.14 by secure email)`
        : s.nomination?.consenter
          ? `${s.nomination.consenter.name}, ${s.nomination.consenter.address}`
          : s.nomination
            ? `${s.nomination.visitor.name}, ${s.nomination.visitor.address}`
            : '';
      body.push(
        ...ask.text('sentTo', 'Sent to', { value: ask.kept('sentTo') ?? to, required: true, maxLength: 400 }),
        ...ask.choice('method', 'How', deliveryChoices, { required: true }),
      );
      actions.push(execute('Record forms sent', data(ctx, 'v01.checklist', 'v01.recordFormsSent')));
    }
    return card(body, actions);
  }
  body.push(
    section(
      'Completed application received (V.01.01.6)',
      s.applicationReceived
        ? [
            facts([['How', s.applicationReceived.method]]),
            text(byLine('Recorded by', s.applicationReceived), { subtle: true }),
          ]
        : [
            text('Not received yet. The visitor (or the child’s guardian) returns it in person or by post.', {
              subtle: true,
            }),
          ],
    ),
  );
  if (!s.applicationReceived) {
    if (open) {
      body.push(
        ...ask.radio(
          'method',
          'How it came back',
          choicesOf({
            'in-person': 'In person',
            post: 'By post',
            'secure-email': 'Secure email (social worker)',
          }),
          { required: true },
        ),
      );
      actions.push(
        execute('Record application received', data(ctx, 'v01.checklist', 'v01.recordApplicationReceived')),
      );
    }
    return card(body, actions);
  }
  const items: CardElement[] = [];
  const next = CHECK_ITEM_KEYS.find((k) => !s.checks[k]);
  for (const k of CHECK_ITEM_KEYS) {
    const r = s.checks[k];
    if (r) items.push(doneItem(k, r));
    else if (k !== next)
      items.push(text(`☐ ${CHECK_ITEMS[k].label} (${CHECK_ITEMS[k].para})`, { subtle: true }));
  }
  body.push(section('Pre-approval checklist (V.01.02.1)', items));
  if (next && open) {
    body.push(section(`Next: ${CHECK_ITEMS[next].label} (${CHECK_ITEMS[next].para})`, itemForm(ctx, next)));
    actions.push(
      execute('Record as checked', data(ctx, 'v01.checklist', 'v01.checkItem', { item: next }), {
        style: 'positive',
      }),
    );
  }
  if (!next) body.push(text('All checks are recorded.', { tone: 'done', weight: 'Bolder' }));
  return card(body, actions);
}
