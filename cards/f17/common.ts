import { rolesAt } from '../../services/workflow/guards';
import { hasAnyRole } from '../../services/directory/person';
import type { Actor } from '../../services/directory/person';
import type { Role } from '../../services/directory/roles';
import {
  ASSESSMENT_ROLES,
  CASE_ROLES,
  INTELLIGENCE_VIEWERS,
  ROLE_SECTIONS,
  SECTIONS,
  STAGE_LABELS,
  facilitatorLabel,
  otherKey,
  sectionRecord,
  sectionTitle,
  specOf,
  stageOf,
} from '../../services/workflows/f17/model';
import type { F17State } from '../../services/workflows/f17/model';
import type { Stamp } from '../../services/workflow/stamp';
import { formatNz, nzLocalToUtc } from '../../services/time';
import { alert, facts, heading, notice, section, sectionsDetail, text, verdict, when } from '../kit';
import type { CardContext, CardElement } from '../types';

export type F17CardContext = CardContext<F17State>;

export function may(viewer: Actor, roles: readonly Role[], site: string): boolean {
  return hasAnyRole(viewer, roles, site);
}

/** The restricted intelligence section: intelligence, the reviewing managers and the decision maker. */
export function seesIntelligence(ctx: F17CardContext): boolean {
  return may(ctx.viewer, INTELLIGENCE_VIEWERS, ctx.app.site);
}

/** The GM's reasons and the reviewer's risk narrative may draw on intelligence: the same people, and the case team. */
export function seesReasons(ctx: F17CardContext): boolean {
  return may(ctx.viewer, [...INTELLIGENCE_VIEWERS, ...CASE_ROLES], ctx.app.site);
}

/** A stored calendar day (YYYY-MM-DD) as people read it, e.g. "Mon 2 Mar 2026". */
export function day(iso: string): string {
  const d = nzLocalToUtc(iso, '12:00');
  return d ? formatNz(d, false) : iso;
}

export function byLine(prefix: string, who: Stamp): string {
  return `${prefix} ${who.name} at ${when(who.at) ?? ''}`;
}

/** Action.Execute data: names and ids; never who the viewer is. */
export { data } from '../common';

export function notForYou(roles: readonly Role[], site: string): CardElement {
  return text(`This is for ${rolesAt(roles, site)}.`, { tone: 'caution', weight: 'Bolder' });
}

export function summaryFacts(ctx: F17CardContext): CardElement {
  const { app } = ctx;
  const d = app.state.details;
  return facts([
    ['Assessment', app._id],
    ['Prisoner', `${app.prisonerName} (${app.prisonerId}), accused (remand)`],
    ['Programme', d ? `${d.programmeName} (${d.programmeKind})` : undefined],
    ['Location', d ? `${d.location}, ${app.site}` : app.site],
    ['Facilitator', d ? facilitatorLabel(d.facilitator) : undefined],
    ['Stage', STAGE_LABELS[stageOf(app.state)]],
  ]);
}

/** Title, the one-line notice, and a banner when the prisoner has withdrawn consent. */
export function top(ctx: F17CardContext, title: string): CardElement[] {
  const s = ctx.app.state;
  const out = [
    ...heading(title, `${ctx.app.prisonerName} (${ctx.app.prisonerId}) · ${ctx.app._id}`),
    ...notice(ctx.notice),
  ];
  if (s.withdrawal) {
    out.push(
      alert('Consent withdrawn: this assessment has stopped.', [
        text(byLine('Recorded by', s.withdrawal.by), { subtle: true }),
      ]),
    );
  }
  return out;
}

/** Prisoner and programme details from the start form (F.17.02 first row). */
export function detailsFacts(ctx: F17CardContext): CardElement {
  const d = ctx.app.state.details;
  if (!d) return text('No details recorded.');
  return facts([
    ['Court date', day(d.courtDate)],
    ['Gang status', d.gangStatus],
    ['RMT status', d.rmtStatus],
    ['RMT level', d.rmtLevel],
    ['Participants', String(d.participants)],
  ]);
}

export function consentFacts(ctx: F17CardContext): CardElement[] {
  const c = ctx.app.state.consent;
  if (!c) return [text('The prisoner’s consent has not been recorded yet.', { tone: 'caution' })];
  return [
    facts([
      ['Consulted by', c.obtainedBy],
      ['Consent given on', day(c.consentDate)],
      ['Consent form', c.formReference],
    ]),
    text(byLine('Recorded by', c.recordedBy), { subtle: true }),
  ];
}

/** One section's answers, or why they are not shown to this viewer. */
export function sectionAnswers(ctx: F17CardContext, key: string): CardElement[] {
  const rec = sectionRecord(ctx.app.state, key);
  const spec = specOf(key);
  const sub = rec?.submitted;
  if (!sub) return [text('Not answered yet.', { subtle: true })];
  const out: CardElement[] = [text(byLine('Answered by', sub.by), { subtle: true })];
  if (!may(ctx.viewer, ASSESSMENT_ROLES, ctx.app.site)) {
    // Scheduling, entry staff and facilitators see who answered, not what: answers hold personal information.
    out.push(text('The answers are shown to the staff taking part in the assessment.'));
    return out;
  }
  if (spec.restricted && !seesIntelligence(ctx)) {
    out.push(
      text(
        'Restricted: shown only to intelligence, the reviewing manager and the general manager custodial.',
      ),
    );
    return out;
  }
  out.push(
    facts(
      spec.fields.map((f): [string, string | undefined] => [
        f.label,
        f.kind === 'yesno'
          ? sub.answers[f.id] === 'yes'
            ? 'Yes'
            : sub.answers[f.id] === 'no'
              ? 'No'
              : undefined
          : sub.answers[f.id],
      ]),
    ),
  );
  return out;
}

/** Every section in policy order, with named contributors after the role sections. */
export function allSectionKeys(state: F17State): string[] {
  return [...ROLE_SECTIONS, ...state.contributors.map((c) => otherKey(c.aadObjectId))];
}

export function sectionsBlock(ctx: F17CardContext): CardElement[] {
  const s = ctx.app.state;
  return allSectionKeys(s)
    .filter((k) =>
      k in SECTIONS ? SECTIONS[k as keyof typeof SECTIONS].required || sectionRecord(s, k)?.submitted : true,
    )
    .map((k) => section(sectionTitle(s, k), sectionAnswers(ctx, k)));
}

/** The assessment so far behind "Show sections": details, consent and every section's answers. */
export function caseFile(ctx: F17CardContext, more: CardElement[] = []): CardElement[] {
  return sectionsDetail([
    detailsFacts(ctx),
    section('Consent', consentFacts(ctx)),
    ...sectionsBlock(ctx),
    ...more,
  ]);
}

/** A recorded step: its section, what was decided, by whom, and the reasons for those who may see them. */
function stepBlock(
  ctx: F17CardContext,
  title: string,
  head: CardElement,
  by: string,
  reasons: Array<[string, string | undefined]>,
): CardElement[] {
  const items: CardElement[] = [head, text(by, { subtle: true })];
  if (seesReasons(ctx)) items.push(facts(reasons));
  return [section(title, items)];
}

export function reviewBlock(ctx: F17CardContext): CardElement[] {
  const r = ctx.app.state.review;
  if (!r) return [];
  return stepBlock(
    ctx,
    'Review (custodial systems manager / security manager)',
    facts([['Recommendation', r.recommendation === 'supported' ? 'Supported' : 'Not supported']]),
    byLine('Reviewed by', r.by),
    [
      ['Summary', r.summary],
      ['Risks identified', r.risks],
      ['How the risks will be managed', r.riskManagement],
    ],
  );
}

export function outcomeBlock(ctx: F17CardContext): CardElement[] {
  const d = ctx.app.state.decision;
  if (!d) return [];
  const approved = d.outcome === 'approved';
  return stepBlock(
    ctx,
    'Decision (general manager custodial)',
    verdict(
      approved
        ? 'Approved: the prisoner may mix for this programme.'
        : 'Declined: the prisoner may not mix for this programme.',
      approved,
    ),
    byLine('Decided by', d.by),
    [
      ['Consideration and opinion (internal)', d.consideration],
      ['Reasons (internal)', d.reasons],
      ['Reasons that may be released', d.releasableReasons],
    ],
  );
}
