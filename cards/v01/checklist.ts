import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { byLine, data, may, notForYou, choicesOf } from '../common';
import { deliveryChoices } from '../visitor';
import { CHECK_ITEMS, CHECK_ITEM_KEYS, restrictionBlock } from '../../services/workflows/v01/model';
import type { CheckItem, CheckRecord } from '../../services/workflows/v01/model';
import { card, execute, facts, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { top } from './common';
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
        ...ask.yesNo(
          'authorityGiven',
          'Did the visitor give authority to check official records (and for later checks while approved)?',
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
        ...ask.yesNo('everImprisoned', 'Has the visitor ever served a sentence of imprisonment?'),
        ...ask.text('imprisonedWhen', 'If so, when'),
        ...ask.yesNo('onBail', 'Is the visitor currently on bail?'),
        ...ask.yesNo('convictedLastTwoYears', 'Convicted of an offence in the last 2 years?'),
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

/** What each part of the checklist card draws into, and whether the viewer may record now. */
interface Drawing {
  ctx: V01Ctx;
  s: V01Ctx['app']['state'];
  open: boolean;
  body: CardElement[];
  actions: CardAction[];
}

/** V.01.01.3–6 and V.01.02.1: forms out, application back, then each pre-approval check with who and when. */
export function v01ChecklistCard(ctx: V01Ctx): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
  const staff = may(ctx.viewer, DESIGNATED_STAFF, app.site);
  const d: Drawing = {
    ctx,
    s,
    open: staff && !s.decision && !s.withdrawn && !restrictionBlock(s),
    body: [...top(ctx, 'Forms and pre-approval checks')],
    actions: [],
  };
  if (!staff) d.body.push(notForYou(DESIGNATED_STAFF, app.site));
  // Each part ends the card while its step is outstanding; the checks come once the application is back.
  if (!(orangaTamarikiPart(d) || formsSentPart(d) || applicationPart(d))) checksPart(d);
  return card(d.body, d.actions);
}

/** V.01.02.01: for a child said to be in care, Oranga Tamariki's answer comes before the forms. */
function orangaTamarikiPart({ ctx, s, open, body, actions }: Drawing): boolean {
  if (!s.nomination?.orangaTamarikiCare) return false;
  const ask = inputsFor(ctx);
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
      ...ask.yesNo('inCare', 'Is the child in Oranga Tamariki care?'),
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
    return true;
  }
  return false;
}

/**
 * One step the application waits on: its section (what was recorded, or what happens meanwhile) and,
 * while it is outstanding, the form that records it when the viewer may. True while it is outstanding.
 */
function waitsOn(
  d: Drawing,
  title: string,
  recorded: CardElement[] | undefined,
  meanwhile: string,
  form: { inputs: CardElement[]; button: CardAction } | undefined,
): boolean {
  d.body.push(section(title, recorded ?? [text(meanwhile, { subtle: true })]));
  if (recorded) return false;
  if (form) {
    d.body.push(...form.inputs);
    d.actions.push(form.button);
  }
  return true;
}

/** Who the forms go to: the social worker for a child in care, else the consenting adult, else the visitor. */
function formsTo(s: Drawing['s']): string {
  if (s.orangaTamariki?.inCare)
    return `${s.orangaTamariki.socialWorkerName ?? ''} <${s.orangaTamariki.socialWorkerEmail ?? ''}> (V.01.Form.01.14 by secure email)`;
  if (s.nomination?.consenter) return `${s.nomination.consenter.name}, ${s.nomination.consenter.address}`;
  return s.nomination ? `${s.nomination.visitor.name}, ${s.nomination.visitor.address}` : '';
}

/** V.01.01.3 and V.01.01.5: the application forms, to the visitor, the consenting adult or the social worker. */
function formsSentPart(d: Drawing): boolean {
  const { ctx, s } = d;
  const ask = inputsFor(ctx);
  const sent = s.formsSent;
  const canSend = d.open && !(s.nomination?.orangaTamarikiCare && !s.orangaTamariki);
  return waitsOn(
    d,
    'Forms sent (V.01.01.3, V.01.01.5)',
    sent && [
      facts([
        ['Sent to', sent.to],
        ['How', sent.method],
      ]),
      text(byLine('Recorded by', sent), { subtle: true }),
    ],
    'Not sent yet.',
    canSend
      ? {
          inputs: [
            ...ask.text('sentTo', 'Sent to', {
              value: ask.kept('sentTo') ?? formsTo(s),
              required: true,
              maxLength: 400,
            }),
            ...ask.choice('method', 'How', deliveryChoices, { required: true }),
          ],
          button: execute('Record forms sent', data(ctx, 'v01.checklist', 'v01.recordFormsSent')),
        }
      : undefined,
  );
}

const RETURNED_BY = choicesOf({
  'in-person': 'In person',
  post: 'By post',
  'secure-email': 'Secure email (social worker)',
});

/** V.01.01.6: the completed application back, in person, by post or by secure email. */
function applicationPart(d: Drawing): boolean {
  const received = d.s.applicationReceived;
  return waitsOn(
    d,
    'Completed application received (V.01.01.6)',
    received && [facts([['How', received.method]]), text(byLine('Recorded by', received), { subtle: true })],
    'Not received yet. The visitor (or the child’s guardian) returns it in person or by post.',
    d.open
      ? {
          inputs: inputsFor(d.ctx).radio('method', 'How it came back', RETURNED_BY, { required: true }),
          button: execute(
            'Record application received',
            data(d.ctx, 'v01.checklist', 'v01.recordApplicationReceived'),
          ),
        }
      : undefined,
  );
}

/** V.01.02.1: each check done with who and when; only the next outstanding one is open. */
function checksPart({ ctx, s, open, body, actions }: Drawing): void {
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
}
