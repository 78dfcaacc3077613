import { CASE_ROLES } from '../../services/workflows/f17/model';
import { nzDateOf } from '../../services/time';
import { card, dateInput, execute, keep, section, text, textInput } from '../kit';
import type { AdaptiveCard } from '../types';
import type { F17CardContext } from './common';
import { consentFacts, data, may, notForYou, summaryFacts, top } from './common';

/** F.17.02: consent is recorded before any stakeholder is asked for input. */
export function f17ConsentCard(ctx: F17CardContext): AdaptiveCard {
  const { app, viewer } = ctx;
  const s = app.state;
  const body = [...top(ctx, 'Prisoner’s consent to mix'), summaryFacts(ctx)];
  if (s.consent || s.withdrawal) return card([...body, section('Consent', consentFacts(ctx))]);
  if (!may(viewer, CASE_ROLES, app.site)) return card([...body, notForYou(CASE_ROLES, app.site)]);
  const e = ctx.errors;
  return card(
    [
      ...body,
      text(
        'Consult the prisoner and get their signed consent to mix with sentenced or convicted prisoners for this programme. Upload the form to IOMS under Rehabilitation/Re-integration > Programmes/counselling documents, then record it here. Nobody is asked for input until you do.',
      ),
      ...textInput({
        id: 'consentObtainedBy',
        label: 'Consulted by',
        value: keep(ctx.input, 'consentObtainedBy', viewer.name),
        required: true,
        errors: e,
      }),
      ...dateInput({
        id: 'consentDate',
        label: 'Date consent was given',
        value: keep(ctx.input, 'consentDate', nzDateOf(ctx.now)),
        required: true,
        errors: e,
      }),
      ...textInput({
        id: 'consentFormReference',
        label: 'Consent form reference (IOMS document)',
        value: keep(ctx.input, 'consentFormReference', undefined),
        required: true,
        errors: e,
      }),
    ],
    [execute('Record consent', data(ctx, 'f17.consent', 'f17.recordConsent'), { style: 'positive' })],
  );
}
