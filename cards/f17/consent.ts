import { CASE_ROLES } from '../../services/workflows/f17/model';
import { nzDateOf } from '../../services/time';
import { card, execute, section, text, inputsFor } from '../kit';
import type { AdaptiveCard } from '../types';
import type { F17CardContext } from './common';
import { consentFacts, data, may, notForYou, summaryFacts, top } from './common';

/** F.17.02: consent is recorded before any stakeholder is asked for input. */
export function f17ConsentCard(ctx: F17CardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app, viewer } = ctx;
  const s = app.state;
  const body = [...top(ctx, 'Prisoner’s consent to mix'), summaryFacts(ctx)];
  if (s.consent || s.withdrawal) return card([...body, section('Consent', consentFacts(ctx))]);
  if (!may(viewer, CASE_ROLES, app.site)) return card([...body, notForYou(CASE_ROLES, app.site)]);
  return card(
    [
      ...body,
      text(
        'Consult the prisoner and get their signed consent to mix with sentenced or convicted prisoners for this programme. Upload the form to IOMS under Rehabilitation/Re-integration > Programmes/counselling documents, then record it here. Nobody is asked for input until you do.',
      ),
      ...ask.text('consentObtainedBy', 'Consulted by', { stored: viewer.name, required: true }),
      ...ask.date('consentDate', 'Date consent was given', { stored: nzDateOf(ctx.now), required: true }),
      ...ask.text('consentFormReference', 'Consent form reference (IOMS document)', { required: true }),
    ],
    [execute('Record consent', data(ctx, 'f17.consent', 'f17.recordConsent'), { style: 'positive' })],
  );
}
