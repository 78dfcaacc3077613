import { FOLLOW_UP_ROLES } from '../../services/workflows/f17/model';
import { nzDateOf } from '../../services/time';
import { card, execute, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import type { F17CardContext } from './common';
import { byLine, data, day, may, notForYou, outcomeBlock, summaryFacts, top } from './common';

function fileNotes(ctx: F17CardContext): CardElement[] {
  const notes = ctx.app.state.fileNotes;
  if (notes.length === 0) return [];
  return [
    section(
      'File note recorded by the bot (add the same note in IOMS)',
      notes.map((n) => text(n.text)),
    ),
  ];
}

/** F.17.03: tell the prisoner promptly, then confirm; shown in `my tasks` until done. */
export function f17InformPrisonerCard(ctx: F17CardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app, viewer } = ctx;
  const s = app.state;
  const body = [...top(ctx, 'Tell the prisoner the decision'), summaryFacts(ctx), ...outcomeBlock(ctx)];
  if (!s.decision) return card([...body, text('No decision yet.')]);
  if (s.prisonerInformed) {
    const p = s.prisonerInformed;
    return card([
      ...body,
      text(`Prisoner told on ${day(p.informedOn)}: ${p.how}.`),
      text(byLine('Recorded by', p.by), { subtle: true }),
      ...fileNotes(ctx),
    ]);
  }
  if (!may(viewer, FOLLOW_UP_ROLES, app.site)) return card([...body, notForYou(FOLLOW_UP_ROLES, app.site)]);
  return card(
    [
      ...body,
      ...fileNotes(ctx),
      ...ask.date('informedOn', 'Date you told the prisoner', { stored: nzDateOf(ctx.now), required: true }),
      ...ask.text('howInformed', 'How you told them', {
        required: true,
        placeholder: 'e.g. in person in the unit',
      }),
    ],
    [
      execute('Confirm I told the prisoner', data(ctx, 'f17.informPrisoner', 'f17.confirmPrisonerInformed'), {
        style: 'positive',
      }),
    ],
  );
}

/** F.17.03 on approval: the consent to mix form goes into IOMS; the bot records the confirmation. */
export function f17ConsentFormCard(ctx: F17CardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app, viewer } = ctx;
  const s = app.state;
  const body = [...top(ctx, 'Upload the consent to mix form'), summaryFacts(ctx)];
  if (s.decision?.outcome !== 'approved')
    return card([...body, text('Only needed once the assessment is approved.')]);
  if (s.consentFormUploaded) {
    return card([
      ...body,
      text(`Uploaded to IOMS: ${s.consentFormUploaded.reference}.`),
      text(byLine('Confirmed by', s.consentFormUploaded.by), { subtle: true }),
    ]);
  }
  if (!may(viewer, FOLLOW_UP_ROLES, app.site)) return card([...body, notForYou(FOLLOW_UP_ROLES, app.site)]);
  return card(
    [
      ...body,
      text(
        'Upload the signed Consent to Mix form to the prisoner’s IOMS under Rehabilitation/Re-integration > Programmes/counselling documents, then confirm here.',
      ),
      ...ask.text('uploadReference', 'IOMS document reference', {
        stored: s.consent?.formReference,
        required: true,
      }),
    ],
    [
      execute('Confirm uploaded', data(ctx, 'f17.consentForm', 'f17.confirmConsentFormUploaded'), {
        style: 'positive',
      }),
    ],
  );
}
