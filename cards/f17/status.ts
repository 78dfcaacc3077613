import { rolesAt } from '../../services/workflow/guards';
import {
  CASE_ROLES,
  DISCLOSURE_ROLES,
  sectionRecord,
  sectionTitle,
  specOf,
} from '../../services/workflows/f17/model';
import { EV } from '../../services/workflows/f17/evolve';
import { f17Definition } from '../../services/workflows/f17/definition';
import { eventLabel } from '../../services/workflow/types';
import { card, execute, facts, section, sectionsDetail, text, timelineDetail, when } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { F17CardContext } from './common';
import {
  allSectionKeys,
  byLine,
  day,
  consentFacts,
  data,
  detailsFacts,
  may,
  outcomeBlock,
  reviewBlock,
  sectionAnswers,
  summaryFacts,
  top,
} from './common';
import { openInTautoko } from '../links';

const TASK_TITLES: Record<string, string> = {
  consent: 'The prisoner’s consent to be recorded',
  review: 'The review',
  decide: 'The decision',
  informPrisoner: 'Confirmation that the prisoner was told',
  consentForm: 'Confirmation that the consent to mix form is in IOMS',
};

function who(ctx: F17CardContext, key: string): string {
  const s = ctx.app.state;
  const rec = sectionRecord(s, key);
  if (rec?.submitted) return byLine('Answered by', rec.submitted.by);
  const spec = specOf(key);
  const owner = key.startsWith('other:')
    ? (s.contributors.find((c) => `other:${c.aadObjectId}` === key)?.name ?? 'named contributor')
    : rolesAt(spec.roles, ctx.app.site);
  const draft = rec?.draft ? ` (${byLine('draft saved by', rec.draft.by)})` : '';
  return `${spec.required ? 'Outstanding' : 'Optional, not given'}: ${owner}${draft}`;
}

function timeline(ctx: F17CardContext): CardElement[] {
  return timelineDetail(
    (ctx.history ?? []).map((e): [string, string] => {
      const what = eventLabel(f17Definition, e.type);
      const sec =
        typeof e.payload.section === 'string' ? `: ${sectionTitle(ctx.app.state, e.payload.section)}` : '';
      const outcome = e.type === EV.decided ? `: ${String(e.payload.outcome)}` : '';
      return [when(e.at) ?? '', `${what}${sec}${outcome} (${e.actor.name})`];
    }),
  );
}

/** `status <id>`: stage, who has answered and who is outstanding, the decision, and the timeline. */
export function f17StatusCard(ctx: F17CardContext): AdaptiveCard {
  const { app, viewer } = ctx;
  const s = app.state;
  // Summary first: who, the stage, what it waits for and the outcome; the record behind "Show sections".
  const body: CardElement[] = [...top(ctx, 'Suitability to mix assessment'), summaryFacts(ctx)];
  const record: CardElement[] = [detailsFacts(ctx), section('Consent', consentFacts(ctx))];
  if (s.consent) {
    record.push(
      section(
        'Stakeholder input',
        allSectionKeys(s).map((k) => ({
          type: 'Container',
          items: [
            text(sectionTitle(s, k), { weight: 'Bolder' }),
            text(who(ctx, k), { subtle: true }),
            ...(sectionRecord(s, k)?.submitted ? sectionAnswers(ctx, k).slice(1) : []),
          ],
        })),
      ),
    );
  }
  // Steps other than sections (consent, review, decision, follow-ups), and who they wait for.
  const waiting = app.openTasks.filter((t) => !t.key.startsWith('section:'));
  if (waiting.length > 0) {
    body.push(
      section(
        'Waiting for',
        waiting.map((t) => text(`${TASK_TITLES[t.key] ?? t.label}: ${rolesAt(t.roles, t.site)}`)),
      ),
    );
  }
  body.push(...outcomeBlock(ctx));
  record.push(...reviewBlock(ctx));
  if (s.decision) {
    const followUps: Array<[string, string | undefined]> = [
      [
        'Prisoner told',
        s.prisonerInformed
          ? `${day(s.prisonerInformed.informedOn)}, ${s.prisonerInformed.how} (${s.prisonerInformed.by.name})`
          : 'Outstanding',
      ],
    ];
    if (s.decision.outcome === 'approved') {
      followUps.push([
        'Consent to mix form in IOMS',
        s.consentFormUploaded
          ? `${s.consentFormUploaded.reference} (${s.consentFormUploaded.by.name})`
          : 'Outstanding',
      ]);
    }
    record.push(section('Follow-ups', [facts(followUps)]));
  }
  if (s.withdrawal)
    record.push(
      section('Consent withdrawn', [
        text(s.withdrawal.note),
        text(byLine('Recorded by', s.withdrawal.by), { subtle: true }),
      ]),
    );
  if (s.fileNotes.length > 0) {
    record.push(
      section(
        'File notes',
        s.fileNotes.map((n) => text(`${when(n.at) ?? ''} (${n.by}): ${n.text}`)),
      ),
    );
  }
  body.push(...sectionsDetail(record), ...timeline(ctx));

  const actions: CardAction[] = [];
  const caseTeam = may(viewer, CASE_ROLES, app.site);
  if (caseTeam && !s.withdrawal && !s.decision && s.consent) {
    actions.push(execute('Ask someone else for input', data(ctx, 'f17.contributor'), { validate: false }));
  }
  // F.17.04: consent may be withdrawn at any time, an approval included; a decline leaves nothing to withdraw.
  if (caseTeam && !s.withdrawal && s.decision?.outcome !== 'declined') {
    actions.push(
      execute('Withdraw consent', data(ctx, 'f17.withdraw'), { style: 'destructive', validate: false }),
    );
  }
  if (s.decision && may(viewer, DISCLOSURE_ROLES, app.site)) {
    actions.push(execute('Privacy Act disclosure', data(ctx, 'f17.disclosure'), { validate: false }));
  }
  actions.push(execute('Refresh', data(ctx, 'f17.status'), { validate: false }));
  return card(body, [...actions, ...openInTautoko(ctx)]);
}
