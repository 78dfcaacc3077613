import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { byLine, data, may, notForYou } from '../common';
import { deliveryChoices } from '../visitor';
import { CHECK_ITEMS, CHECK_ITEM_KEYS, restrictionBlock } from '../../services/workflows/v01/model';
import type { CheckItem, CheckRecord } from '../../services/workflows/v01/model';
import { card, choiceInput, execute, facts, keep, section, text, textInput, toggleInput } from '../kit';
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
  const e = ctx.errors;
  const v = (id: string) => keep(ctx.input, id, undefined);
  const note = (label: string, required = false) =>
    textInput({ id: 'note', label, value: v('note'), required, errors: e, multiline: true, maxLength: 2000 });
  switch (item) {
    case 'authority':
      return [
        ...choiceInput({
          id: 'authorityGiven',
          label:
            'Did the visitor give authority to check official records (and for later checks while approved)?',
          value: v('authorityGiven'),
          required: true,
          errors: e,
          choices: yesNoChoices,
          expanded: true,
        }),
        ...note('Note'),
      ];
    case 'visitor-entered':
      return [
        ...(ctx.app.state.nomination?.visitor.minor
          ? toggleInput({
              id: 'minorSelected',
              label: 'Minor',
              title: '“Minor” is selected in the Visitor Type menu in IOMS',
              value: v('minorSelected'),
              errors: e,
            })
          : []),
        ...note('Note'),
      ];
    case 'security-checks':
      return [
        ...choiceInput({
          id: 'everImprisoned',
          label: 'Has the visitor ever served a sentence of imprisonment?',
          value: v('everImprisoned'),
          required: true,
          errors: e,
          choices: yesNoChoices,
          expanded: true,
        }),
        ...textInput({ id: 'imprisonedWhen', label: 'If so, when', value: v('imprisonedWhen'), errors: e }),
        ...choiceInput({
          id: 'onBail',
          label: 'Is the visitor currently on bail?',
          value: v('onBail'),
          required: true,
          errors: e,
          choices: yesNoChoices,
          expanded: true,
        }),
        ...choiceInput({
          id: 'convictedLastTwoYears',
          label: 'Convicted of an offence in the last 2 years?',
          value: v('convictedLastTwoYears'),
          required: true,
          errors: e,
          choices: yesNoChoices,
          expanded: true,
        }),
        text('Current or past offending is not on its own a reason to refuse (V.01.03.1).', { subtle: true }),
        ...note('Note'),
      ];
    case 'further-information':
      return [
        ...choiceInput({
          id: 'furtherInformationTo',
          label: 'Does anything need further information or investigation?',
          value: v('furtherInformationTo'),
          required: true,
          errors: e,
          choices: [
            { title: 'No', value: 'none' },
            {
              title: 'Yes: brought to the general manager custodial (or delegate)',
              value: 'general-manager',
            },
            { title: 'Yes: brought to the advisory panel', value: 'advisory-panel' },
          ],
        }),
        ...note('What needs more information'),
      ];
    default:
      return note('Note');
  }
}

/** V.01.01.3–6 and V.01.02.1: forms out, application back, then each pre-approval check with who and when. */
export function v01ChecklistCard(ctx: V01Ctx): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
  const e = ctx.errors;
  const v = (id: string) => keep(ctx.input, id, undefined);
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
        ...choiceInput({
          id: 'inCare',
          label: 'Is the child in Oranga Tamariki care?',
          value: v('inCare'),
          required: true,
          errors: e,
          choices: yesNoChoices,
          expanded: true,
        }),
        ...textInput({
          id: 'socialWorkerName',
          label: 'If yes: assigned social worker',
          value: v('socialWorkerName'),
          errors: e,
        }),
        ...textInput({
          id: 'socialWorkerEmail',
          label: 'If yes: social worker’s email',
          value: v('socialWorkerEmail'),
          errors: e,
        }),
        text('If no: who will consent for the child', { weight: 'Bolder' }),
        ...choiceInput({
          id: 'consenterKind',
          label: 'Who will consent',
          value: v('consenterKind'),
          errors: e,
          choices: [
            { title: 'Guardian', value: 'guardian' },
            { title: 'Another appropriate person', value: 'other' },
          ],
        }),
        ...textInput({ id: 'consenterName', label: 'Name', value: v('consenterName'), errors: e }),
        ...textInput({
          id: 'consenterRelationship',
          label: 'Relationship to the child',
          value: v('consenterRelationship'),
          errors: e,
        }),
        ...textInput({
          id: 'consenterAddress',
          label: 'Last known address',
          value: v('consenterAddress'),
          errors: e,
          maxLength: 400,
        }),
        ...textInput({
          id: 'consenterReason',
          label: 'Why not the guardian',
          value: v('consenterReason'),
          errors: e,
          multiline: true,
          maxLength: 1000,
        }),
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
        ...textInput({
          id: 'sentTo',
          label: 'Sent to',
          value: v('sentTo') ?? to,
          required: true,
          errors: e,
          maxLength: 400,
        }),
        ...choiceInput({
          id: 'method',
          label: 'How',
          value: v('method'),
          required: true,
          errors: e,
          choices: deliveryChoices,
        }),
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
        ...choiceInput({
          id: 'method',
          label: 'How it came back',
          value: v('method'),
          required: true,
          errors: e,
          // Three ways: shown as radio buttons, one click and all in view.
          expanded: true,
          choices: [
            { title: 'In person', value: 'in-person' },
            { title: 'By post', value: 'post' },
            { title: 'Secure email (social worker)', value: 'secure-email' },
          ],
        }),
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
  if (!next) body.push(text('All checks are recorded.', { color: 'Good', weight: 'Bolder' }));
  return card(body, actions);
}
