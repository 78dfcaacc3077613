import { defineEvents } from '../../workflow/events';
import type { AuditEvent } from '../../workflow/domain';
import { payloadOf } from '../../workflow/guards';
import { stampOf } from '../../workflow/stamp';
import type { Stamp } from '../../workflow/stamp';
import type { AppliedEvent } from '../../workflow/types';
import type {
  CheckRecord,
  Nomination,
  PanelEntry,
  Person,
  Redecision,
  Review,
  Suspension,
  V01State,
} from './model';

/**
 * Event types (`EV.x` is 'v01.x', as written to the audit trail: never rename a key) and how
 * each reads in a timeline.
 */
export const { EV, EVENT_LABELS } = defineEvents('v01', {
  started: 'Nomination recorded',
  protectedPersonContacted: 'Protected person contacted the prison',
  courtExemptionRecorded: 'Court exemption recorded',
  restrictionUpdated: 'Contact restriction changed',
  cppAlertRecorded: 'Child Protection Policy alert recorded',
  orangaTamarikiChecked: 'Oranga Tamariki care answered',
  formsSent: 'Forms sent',
  applicationReceived: 'Completed application received',
  checked: 'Check recorded',
  riskChecked: 'Other risks to the child checked',
  managerConsulted: 'Reception/movements manager consulted',
  routed: 'Routed',
  panelConvened: 'Advisory panel convened',
  panelAssessed: 'Panel assessment recorded',
  responseOffered: 'Applicant given a chance to respond',
  responseRecorded: 'Applicant’s response recorded',
  referredInPerson: 'Referred to an in-person panel',
  decided: 'Decided',
  noticeGiven: 'Notice given',
  followUpRecorded: 'Follow-up recorded',
  reviewRequested: 'Review requested',
  reviewDecided: 'Review outcome recorded',
  withdrawn: 'Closed without a decision',
  approvalSuspended: 'Approval suspended: new contact restriction',
  redecided: 'Decided again after the suspension',
});

/** Event detail that is safe in a timeline: names of steps and outcomes, never assessments or reasons. */
export function eventDetail(e: AuditEvent): string {
  const p = e.payload;
  if (e.type === EV.checked && typeof p['item'] === 'string') return `: ${p['item']}`;
  if (e.type === EV.routed) return `: ${String(p['to'])}`;
  if (e.type === EV.decided || e.type === EV.reviewDecided || e.type === EV.redecided)
    return `: ${String(p['outcome'])}`;
  if (e.type === EV.noticeGiven) return `: ${String(p['notice'])}`;
  if (e.type === EV.followUpRecorded) return `: ${String(p['item'])}`;
  return '';
}

/** Events recorded as one stamped fact: the payload as it was decided, with who and when. */
const STAMPED: Partial<Record<string, keyof V01State>> = {
  [EV.protectedPersonContacted]: 'protectedContact',
  [EV.courtExemptionRecorded]: 'courtExemption',
  [EV.formsSent]: 'formsSent',
  [EV.applicationReceived]: 'applicationReceived',
  [EV.riskChecked]: 'riskCheck',
  [EV.managerConsulted]: 'managerConsulted',
  [EV.routed]: 'routing',
  [EV.referredInPerson]: 'referral',
  [EV.decided]: 'decision',
  [EV.withdrawn]: 'withdrawn',
};

/** Folds one event into the state. Unknown events change nothing (older or newer records stay readable). */
export function evolve(s: V01State, e: AppliedEvent): V01State {
  const st = stampOf(e);
  const field = STAMPED[e.type];
  if (field) return { ...s, [field]: { ...st, ...e.payload } };
  switch (e.type) {
    case EV.started:
      return { ...s, nomination: payloadOf<{ nomination: Nomination }>(e).nomination, started: st };
    case EV.restrictionUpdated: {
      // A new order or condition supersedes what was recorded against the old one.
      const { protectedContact: _p, courtExemption: _c, ...rest } = s;
      void _p;
      void _c;
      return {
        ...rest,
        restrictionUpdates: [
          ...s.restrictionUpdates,
          { ...st, ...payloadOf<V01State['restrictionUpdates'][number]>(e) },
        ],
      };
    }
    case EV.cppAlertRecorded:
      return { ...s, cppAlertAdded: st };
    case EV.orangaTamarikiChecked: {
      const { consenter, ...check } = payloadOf<{ inCare: boolean; consenter?: Nomination['consenter'] }>(e);
      return {
        ...s,
        orangaTamariki: { ...st, ...check },
        ...(consenter && s.nomination ? { nomination: { ...s.nomination, consenter } } : {}),
      };
    }
    case EV.checked: {
      const p = payloadOf<{ item: keyof V01State['checks']; record: Omit<CheckRecord, keyof Stamp> }>(e);
      return { ...s, checks: { ...s.checks, [p.item]: { ...p.record, ...st } } };
    }
    default:
      return evolveLists(s, e, st);
  }
}

/** The panel, the response offers, notices, follow-ups and reviews: facts that accumulate. */
function evolveLists(s: V01State, e: AppliedEvent, st: Stamp): V01State {
  switch (e.type) {
    case EV.panelConvened:
      return {
        ...s,
        panel: {
          convened: st,
          coreMembers: payloadOf<{ coreMembers: Person[] }>(e).coreMembers,
          entries: {},
        },
      };
    case EV.panelAssessed: {
      if (!s.panel) return s;
      const { completesPanel: _x, ...entry } = payloadOf<
        Omit<PanelEntry, keyof Stamp> & { completesPanel: boolean }
      >(e);
      void _x;
      return {
        ...s,
        panel: { ...s.panel, entries: { ...s.panel.entries, [st.aadObjectId]: { ...entry, ...st } } },
      };
    }
    case EV.responseOffered:
      return {
        ...s,
        responseOffers: [
          ...s.responseOffers,
          { ...st, ...payloadOf<{ grounds: never[]; details: string }>(e) },
        ],
      };
    case EV.responseRecorded: {
      const text = payloadOf<{ text: string }>(e).text;
      return {
        ...s,
        responseOffers: s.responseOffers.map((o) => (o.response ? o : { ...o, response: { ...st, text } })),
      };
    }
    case EV.noticeGiven: {
      const p = payloadOf<{ notice: string; method: 'post' }>(e);
      return { ...s, notices: { ...s.notices, [p.notice]: { ...st, method: p.method } } };
    }
    case EV.followUpRecorded: {
      const { item, ...rest } = payloadOf<{ item: string; note?: string; date?: string }>(e);
      return { ...s, followUps: { ...s.followUps, [item]: { ...st, ...rest } } };
    }
    case EV.reviewRequested:
      return {
        ...s,
        reviews: [...s.reviews, { ...payloadOf<Omit<Review, 'recorded' | 'result'>>(e), recorded: st }],
      };
    case EV.reviewDecided: {
      const { n, ...result } = payloadOf<{ n: number } & Omit<NonNullable<Review['result']>, keyof Stamp>>(e);
      return {
        ...s,
        reviews: s.reviews.map((r) => (r.n === n ? { ...r, result: { ...st, ...result } } : r)),
      };
    }
    case EV.approvalSuspended: {
      const p = payloadOf<Omit<Suspension, keyof Stamp | 'redecision'>>(e);
      return { ...s, suspensions: [...(s.suspensions ?? []), { ...p, ...st }] };
    }
    case EV.redecided: {
      const { n, ...redecision } = payloadOf<{ n: number } & Omit<Redecision, keyof Stamp>>(e);
      const suspensions = (s.suspensions ?? []).map((x) =>
        x.n === n ? { ...x, redecision: { ...redecision, ...st } } : x,
      );
      return { ...s, suspensions };
    }
    default:
      return s;
  }
}
