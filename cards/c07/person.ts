import { INVOLVEMENT_LEVELS, INVOLVEMENT_SCALE_NOTE, huiStage } from '../../services/workflows/c07/model';
import {
  card,
  choiceInput,
  execute,
  formErrors,
  heading,
  keep,
  notice,
  section,
  text,
  textInput,
  toggleInput,
} from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { HuiCardContext } from './common';
import { act, open, supportPersonBlock, viewerIs } from './common';

const FIELDS = ['suitable', 'assessment', 'involvement', 'contactPlan', 'iomsRecorded', 'removeReason'];

/** The case manager's suitability assessment of one person (C.07.02). */
function suitabilityForm(ctx: HuiCardContext): CardElement {
  const e = ctx.errors;
  const v = (id: string) => keep(ctx.input, id, undefined);
  return section('Suitability assessment', [
    text(INVOLVEMENT_SCALE_NOTE, { subtle: true }),
    ...choiceInput({
      id: 'suitable',
      label: 'Is this person suitable to take part?',
      choices: [
        { title: 'Suitable', value: 'yes' },
        { title: 'Not suitable', value: 'no' },
      ],
      expanded: true,
      value: v('suitable'),
      errors: e,
    }),
    ...textInput({
      id: 'assessment',
      label: 'Suitability assessment',
      multiline: true,
      value: v('assessment'),
      errors: e,
    }),
    ...choiceInput({
      id: 'involvement',
      label: 'Level of pro-social involvement (this site’s scale)',
      choices: Object.entries(INVOLVEMENT_LEVELS).map(([value, title]) => ({ title, value })),
      value: v('involvement'),
      errors: e,
    }),
    ...textInput({
      id: 'contactPlan',
      label: 'When and how contact with them should occur',
      multiline: true,
      value: v('contactPlan'),
      errors: e,
    }),
    ...toggleInput({
      id: 'iomsRecorded',
      label: 'IOMS',
      title: 'I have recorded this in IOMS offender file notes (Case Management / Third Party Contact)',
      value: v('iomsRecorded'),
      errors: e,
    }),
  ]);
}

/**
 * One support person: the case manager's suitability assessment and level of pro-social involvement
 * (C.07.02), the third-party contact note for IOMS, and removal when they cannot take part.
 */
export function c07PersonCard(ctx: HuiCardContext): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
  const personId = String(ctx.params.personId ?? '');
  const p = s.supportPeople.find((x) => x.id === personId);
  const removed = s.removedPeople.find((x) => x.id === personId);
  if (!p) {
    return card(
      [
        ...heading('Support person', app.title),
        text(
          removed
            ? `${removed.name} was removed from this hui by ${removed.removed.byName}: ${removed.removed.reason}`
            : 'That person is not on this hui.',
        ),
      ],
      [open(app, 'Consent and suitability', 'c07.consent')],
    );
  }
  const e = ctx.errors;
  const v = (id: string, stored?: unknown) => keep(ctx.input, id, stored);
  const args = { personId: p.id };
  const body: CardElement[] = [
    ...heading(`Support person: ${p.name}`, app.title),
    ...notice(ctx.notice),
    ...formErrors(e, FIELDS),
    supportPersonBlock(p, { withContact: viewerIs.organiser(ctx), withAssessment: viewerIs.organiser(ctx) }),
  ];
  const actions: CardAction[] = [];
  const preparing = huiStage(s) === 'preparing';
  if (p.suitability && viewerIs.organiser(ctx)) {
    body.push(
      section('Third-party contact note (for IOMS: Case Management / Third Party Contact)', [
        text(p.suitability.contactNote),
        text(p.suitability.iomsRecorded ? 'Recorded in IOMS.' : 'Not yet confirmed as recorded in IOMS.', {
          subtle: true,
        }),
      ]),
    );
  } else if (preparing && p.consent?.given && viewerIs.caseManager(ctx)) {
    body.push(suitabilityForm(ctx));
    actions.push(
      execute('Save suitability', act(app, 'c07.consent', 'c07.recordSuitability', args), {
        style: 'positive',
      }),
    );
  }
  if (!app.closed && viewerIs.organiser(ctx)) {
    body.push(
      section('Remove from this hui', [
        ...textInput({
          id: 'removeReason',
          label: 'Why they are removed',
          multiline: true,
          value: v('removeReason'),
          errors: e,
        }),
        ...(huiStage(s) === 'signed-off'
          ? [
              text('The hui is signed off: removing someone sends it back to the manager for sign-off.', {
                color: 'Warning',
              }),
            ]
          : []),
      ]),
    );
    actions.push(
      execute('Remove from hui', act(app, 'c07.consent', 'c07.removeSupportPerson', args), {
        style: 'destructive',
      }),
    );
  }
  actions.push(open(app, 'Back', 'c07.consent'));
  return card(body, actions);
}
