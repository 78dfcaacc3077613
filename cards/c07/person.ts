import { choicesOf } from '../common';
import { huiStage } from '../../services/workflows/c07/model';
import { scaleNote, scaleOf } from '../../services/workflows/c07/involvement';
import { card, execute, formErrors, heading, notice, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { HuiCardContext } from './common';
import { act, open, supportPersonBlock, viewerIs, hui } from './common';
import { CHECK_FIELDS, supportChecksSection } from './checks';

const FIELDS = ['suitable', 'assessment', 'involvement', 'contactPlan', 'iomsRecorded', 'removeReason'];

/** The case manager's suitability assessment of one person (C.07.02). */
function suitabilityForm(ctx: HuiCardContext): CardElement {
  const ask = inputsFor(ctx);
  const s = ctx.app.state;
  const scale = scaleOf(s);
  return section('Suitability assessment', [
    text(scaleNote(scale, s.site), { subtle: true }),
    ...ask.radio(
      'suitable',
      'Is this person suitable to take part?',
      choicesOf({ yes: 'Suitable', no: 'Not suitable' }),
    ),
    ...ask.paragraph('assessment', 'Suitability assessment'),
    ...ask.choice(
      'involvement',
      `Level of pro-social involvement (${scale.isDefault ? 'Tautoko’s default scale' : 'this site’s scale'})`,
      scale.levels.map((l) => ({ title: l.label, value: l.key })),
    ),
    ...ask.paragraph('contactPlan', 'When and how contact with them should occur'),
    ...ask.toggle(
      'iomsRecorded',
      'IOMS',
      'I have recorded this in IOMS offender file notes (Case Management / Third Party Contact)',
    ),
  ]);
}

/**
 * One support person: the case manager's suitability assessment and level of pro-social involvement
 * (C.07.02), the third-party contact note for IOMS, and removal when they cannot take part.
 */
export function c07PersonCard(ctx: HuiCardContext): AdaptiveCard {
  const { app, s, ask } = hui(ctx);
  const personId = String(ctx.params.personId ?? '');
  const p = s.supportPeople.find((x) => x.id === personId);
  const removed = s.removedPeople.find((x) => x.id === personId);
  if (!p) {
    return card(
      [
        ...heading('Support person', app.title),
        text(
          removed
            ? `${removed.name} was removed from this hui by ${removed.removed.name}: ${removed.removed.reason}`
            : 'That person is not on this hui.',
        ),
      ],
      [open(app, 'Consent and suitability', 'c07.consent')],
    );
  }
  const e = ctx.errors;
  const args = { personId: p.id };
  const body: CardElement[] = [
    ...heading(`Support person: ${p.name}`, app.title),
    ...notice(ctx.notice),
    ...formErrors(e, [...FIELDS, ...CHECK_FIELDS]),
    supportPersonBlock(p, { withContact: viewerIs.organiser(ctx), withAssessment: viewerIs.organiser(ctx) }),
    ...supportChecksSection(ctx, 'c07.person', p.id),
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
        ...ask.paragraph('removeReason', 'Why they are removed'),
        ...(huiStage(s) === 'signed-off'
          ? [
              text('The hui is signed off: removing someone sends it back to the manager for sign-off.', {
                tone: 'caution',
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
