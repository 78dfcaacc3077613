import { choicesOf } from '../common';
import { rolesAt } from '../../services/workflow/guards';
import {
  SECTION_KEYS,
  otherKey,
  sectionRecord,
  sectionTitle,
  specOf,
} from '../../services/workflows/f17/model';
import type { SectionKey } from '../../services/workflows/f17/model';
import { card, execute, keep, refreshFor, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import type { F17CardContext } from './common';
import { byLine, data, may, notForYou, sectionAnswers, summaryFacts, top, detailsFacts } from './common';

function sectionParam(ctx: F17CardContext): SectionKey | undefined {
  const p = ctx.params.section;
  return typeof p === 'string' && (SECTION_KEYS as readonly string[]).includes(p)
    ? (p as SectionKey)
    : undefined;
}

/**
 * One stakeholder's section of F.17.Form.01 (params.section). Any holder of the role may
 * answer; the first submission wins and everyone else then sees who answered and when.
 */
export function f17SectionCard(ctx: F17CardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app, viewer } = ctx;
  const s = app.state;
  const section = sectionParam(ctx);
  if (!section)
    return card([...top(ctx, 'Suitability to mix assessment'), text('This section does not exist.')]);
  const isOther = section === 'other';
  const named = s.contributors.find((c) => c.aadObjectId === viewer.aadObjectId);
  const key = isOther && named ? otherKey(viewer.aadObjectId) : section;
  const spec = specOf(key);
  const title = sectionTitle(s, key);
  const body: CardElement[] = [...top(ctx, title), summaryFacts(ctx), detailsFacts(ctx)];
  const rec = sectionRecord(s, key);
  const view = data(ctx, 'f17.section', undefined, undefined, { section });

  if (rec?.submitted) return card([...body, ...sectionAnswers(ctx, key)]);
  if (s.withdrawal) return card(body);
  if (s.decision)
    return card([...body, text('No longer needed: the general manager custodial has decided.')]);

  const allowed = isOther ? named !== undefined : may(viewer, spec.roles, app.site);
  if (!allowed) {
    return card([
      ...body,
      isOther
        ? text('This is for the people the case manager named for further input on this assessment.', {
            tone: 'caution',
            weight: 'Bolder',
          })
        : notForYou(spec.roles, app.site),
    ]);
  }
  if (!s.consent)
    return card([
      ...body,
      text('Waiting for the prisoner’s consent to be recorded; nothing is needed from you yet.'),
    ]);

  const draft = rec?.draft;
  const inputs: CardElement[] = [];
  for (const f of spec.fields) {
    const value = keep(ctx.input, f.id, draft?.answers[f.id]);
    // No isRequired: a draft may be saved half-done, and submission is checked by the server.
    if (f.kind === 'yesno') {
      inputs.push(...ask.radio(f.id, f.label, choicesOf({ yes: 'Yes', no: 'No' }), { value: value }));
    } else {
      inputs.push(...ask.paragraph(f.id, f.required ? f.label : `${f.label} (optional)`, { value: value }));
    }
  }
  const args = { section };
  return card(
    [
      ...body,
      ...(spec.restricted
        ? [
            text(
              'Restricted: only intelligence, the reviewing manager and the general manager custodial will see this section.',
              { tone: 'caution' },
            ),
          ]
        : []),
      ...(isOther && named
        ? [text(`Asked by ${named.namedBy.name}: ${named.description}.`, { subtle: true })]
        : []),
      ...(spec.roles.length > 0
        ? [
            text(`For ${rolesAt(spec.roles, app.site)}; the first to submit answers for everyone.`, {
              subtle: true,
            }),
          ]
        : []),
      ...(draft ? [text(byLine('Draft saved by', draft.by), { subtle: true })] : []),
      ...inputs,
    ],
    [
      execute('Save draft', data(ctx, 'f17.section', 'f17.saveSectionDraft', args, { section })),
      execute('Submit', data(ctx, 'f17.section', 'f17.submitSection', args, { section }), {
        style: 'positive',
      }),
    ],
    refreshFor(view, [viewer.aadObjectId]),
  );
}
