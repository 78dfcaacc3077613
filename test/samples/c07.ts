import type { Actor } from '../../services/directory/person';
import type { CardSample } from './types';
import type { AdaptiveCard, CardContext } from '../../cards/types';
import type { HuiState } from '../../services/workflows/c07/model';
import { c07Cards, c07StartForm } from '../../cards/c07';
import {
  FIXTURE_NOW,
  PureHui,
  clearAllSupportPeople,
  huiPeople,
  huiStartInput,
  sentHui,
  signedOffHui,
} from '../fixtures/c07';

const AFTER_HUI = new Date('2026-04-05T01:00:00Z');

function render(
  name: string,
  h: PureHui,
  viewer: Actor,
  opts: {
    params?: CardContext['params'];
    now?: Date;
    errors?: CardContext['errors'];
    input?: CardContext['input'];
  } = {},
): AdaptiveCard {
  const renderer = c07Cards[name];
  if (!renderer) throw new Error(`no card ${name}`);
  const ctx: CardContext<HuiState> = {
    app: h.app,
    viewer,
    now: opts.now ?? h.now,
    params: opts.params ?? {},
    history: h.history,
    ...(opts.errors ? { errors: opts.errors } : {}),
    ...(opts.input ? { input: opts.input } : {}),
  };
  return renderer(ctx);
}

/** Every C.07 card in each state and for each kind of viewer, drawn from hui run through the definition. */
export function buildC07Samples(): CardSample[] {
  const { caseManager: cm, director, caseOfficer } = huiPeople;
  const out: CardSample[] = [];
  const add = (name: string, description: string, card: AdaptiveCard) =>
    out.push({ name, description, card });

  add('c07.start', 'New hui form, empty', c07StartForm({ viewer: cm, now: FIXTURE_NOW }));
  add(
    'c07.start.people',
    'New hui form with directory people to pick the case manager from',
    c07StartForm({
      viewer: caseOfficer,
      now: FIXTURE_NOW,
      people: [cm, huiPeople.director, caseOfficer].map((p) => ({
        aadObjectId: p.aadObjectId,
        name: p.name,
      })),
    }),
  );
  add(
    'c07.start.errors',
    'New hui form after a submission with a time skipped by daylight saving and a half-filled support person',
    c07StartForm({
      viewer: caseOfficer,
      now: FIXTURE_NOW,
      input: huiStartInput({ date: '2026-09-27', time: '02:30', sp2Contact: '' }),
      errors: [
        {
          field: 'time',
          message:
            '02:30 does not exist in New Zealand on 2026-09-27 (the clocks go forward); choose another time.',
        },
        { field: 'sp2Contact', message: 'Enter how to contact them.' },
        {
          field: 'caseManagerId',
          message: 'Name the prisoner’s case manager: they must be involved in every hui.',
        },
      ],
    }),
  );

  const fresh = new PureHui();
  add(
    'c07.consent.new',
    'Consent and suitability, just organised, case manager view',
    render('c07.consent', fresh, cm),
  );
  add(
    'c07.status.preparing',
    'Status while consents are outstanding, prison director view',
    render('c07.status', fresh, director),
  );

  const partway = new PureHui();
  const [mere, hemi] = partway.state.supportPeople;
  partway.run({ type: 'c07.recordPrisonerConsent', personId: mere!.id, prisonerConsent: 'given' }, cm);
  partway.run({ type: 'c07.recordSupportConsent', personId: mere!.id, supportConsent: 'given' }, cm);
  partway.run({ type: 'c07.recordPrisonerConsent', personId: hemi!.id, prisonerConsent: 'refused' }, cm);
  add(
    'c07.consent.partway',
    'One person consented, the prisoner refused contact with the other',
    render('c07.consent', partway, cm),
  );
  add(
    'c07.person.assess',
    'Suitability form for a consenting support person',
    render('c07.person', partway, cm, { params: { personId: mere!.id } }),
  );
  add(
    'c07.person.assess.errors',
    'Suitability form returned with errors, answers kept',
    render('c07.person', partway, cm, {
      params: { personId: mere!.id },
      input: { suitable: 'yes', assessment: '' },
      errors: [
        { field: 'assessment', message: 'Enter the suitability assessment.' },
        { field: 'involvement', message: 'Choose the level of pro-social involvement.' },
      ],
    }),
  );
  add(
    'c07.person.remove',
    'A person the prisoner did not consent to contact: remove',
    render('c07.person', partway, cm, { params: { personId: hemi!.id } }),
  );

  const ready = new PureHui();
  clearAllSupportPeople(ready);
  add('c07.consent.ready', 'Everything recorded: Send for sign-off', render('c07.consent', ready, cm));
  add(
    'c07.person.assessed',
    'A person assessed as suitable, with the IOMS third-party contact note',
    render('c07.person', ready, cm, { params: { personId: ready.state.supportPeople[0]!.id } }),
  );
  add('c07.attendees', 'Change attendees form', render('c07.attendees', ready, cm));

  const sent = sentHui();
  add(
    'c07.notification.manager',
    'Notification for the prison director: Ask a question / Require safety measures / Sign off',
    render('c07.notification', sent, director),
  );
  add(
    'c07.notification.other',
    'The same notification seen by the case officer: no buttons',
    render('c07.notification', sent, caseOfficer),
  );
  sent.run(
    {
      type: 'c07.askQuestion',
      question: 'Who supervises the whānau room, and is a second officer available for the first half hour?',
    },
    director,
  );
  const qid = sent.state.questions[0]!.id;
  add(
    'c07.question.open',
    'The manager’s question as the case manager gets it',
    render('c07.question', sent, cm, { params: { questionId: qid } }),
  );
  sent.run(
    {
      type: 'c07.answerQuestion',
      questionId: qid,
      answer: 'Sam Lee supervises throughout; the unit PCO has rostered a second officer 10:00–10:30.',
    },
    cm,
  );
  sent.run(
    {
      type: 'c07.requireSafetyMeasures',
      measures: 'Search of visitors’ bags at entry; no food brought in; officer present at all times.',
    },
    director,
  );
  add(
    'c07.question.answered',
    'The answered question and thread',
    render('c07.question', sent, director, { params: { questionId: qid } }),
  );
  add(
    'c07.notification.thread',
    'Notification with the question thread and safety measures, manager view',
    render('c07.notification', sent, director),
  );

  sent.run({ type: 'c07.signOff' }, director);
  add(
    'c07.notification.signed',
    'Notification after sign-off, manager view (no buttons)',
    render('c07.notification', sent, director),
  );
  add(
    'c07.entrypost.signed',
    'Entry-staff channel post after sign-off',
    render('c07.entrypost', sent, caseOfficer),
  );
  add('c07.status.signed', 'Status after sign-off, with timeline', render('c07.status', sent, cm));
  add('c07.outcome.before', 'Outcome card before the hui has finished', render('c07.outcome', sent, cm));
  add('c07.reschedule', 'Reschedule form for a signed-off hui', render('c07.reschedule', sent, cm));
  add(
    'c07.cancel',
    'Cancel form for a signed-off hui (manager and entry staff will be told)',
    render('c07.cancel', sent, cm),
  );

  const moved = signedOffHui();
  moved.run(
    {
      type: 'c07.reschedule',
      newDate: '2026-04-12',
      newTime: '13:30',
      newDuration: '120',
      rescheduleReason: 'Mere cannot travel on the 5th.',
    },
    cm,
  );
  add(
    'c07.entrypost.changed',
    'Entry-staff post after a change, awaiting sign-off again',
    render('c07.entrypost', moved, caseOfficer),
  );
  add(
    'c07.notification.resign',
    'Notification asking for sign-off again after rescheduling',
    render('c07.notification', moved, director),
  );
  moved.run({ type: 'c07.signOff' }, huiPeople.deputyDirector);
  add(
    'c07.entrypost.updated',
    'Entry-staff post updated after the second sign-off',
    render('c07.entrypost', moved, caseOfficer),
  );

  const held = signedOffHui();
  add('c07.outcome.form', 'Outcome form after the hui', render('c07.outcome', held, cm, { now: AFTER_HUI }));
  held.run(
    {
      type: 'c07.recordOutcome',
      outcomeActions:
        'Mere confirms Tama can live with her; Aroha to start mentoring two weeks before release.',
      iomsRecorded: 'true',
    },
    cm,
    AFTER_HUI,
  );
  add('c07.outcome.recorded', 'Outcome recorded', render('c07.outcome', held, cm));
  add('c07.status.completed', 'Status of a completed hui', render('c07.status', held, director));

  const cancelled = signedOffHui();
  cancelled.run({ type: 'c07.cancel', cancelReason: 'Tama transferred to another prison.' }, cm);
  add(
    'c07.entrypost.cancelled',
    'Entry-staff post after cancellation',
    render('c07.entrypost', cancelled, caseOfficer),
  );
  add('c07.status.cancelled', 'Status of a cancelled hui', render('c07.status', cancelled, cm));

  const rj = new PureHui(
    huiStartInput({
      huiKind: 'restorative-justice',
      pv1Org: 'Restorative Justice Aotearoa',
      pv1Person: 'Jo Tane (facilitator)',
      rjVictims: 'Ana Rewi — the person harmed',
    }),
  );
  add(
    'c07.consent.rj',
    'Restorative justice conference: informed consent of every party',
    render('c07.consent', rj, cm),
  );

  const agency = new PureHui(
    huiStartInput({
      huiKind: 'family-group-conference',
      locationType: 'agency-office',
      place: 'Oranga Tamariki, Lower Hutt site office',
      mode: 'avl',
      agency: 'Oranga Tamariki',
      agencyCoordinator: 'Sina Tuilagi (Youth Justice Co-ordinator)',
      agencyCoordinatorContact: '04 555 0303',
      agencyAttendance: 'avl',
    }),
  );
  const other = sentHui(
    huiStartInput({
      huiKind: 'other-agency',
      locationType: 'agency-office',
      place: 'Ministry of Social Development, Porirua',
      mode: 'phone',
      agency: 'Ministry of Social Development',
      agencyCoordinator: 'Tui Henare',
      agencyCoordinatorContact: '04 555 0404',
      agencyAttendance: 'phone',
      sp1Name: '',
      sp1Relationship: '',
      sp1Contact: '',
      sp2Name: '',
      sp2Relationship: '',
      sp2Contact: '',
    }),
  );
  add(
    'c07.status.agency-office',
    'Family group conference at an agency office',
    render('c07.status', agency, cm),
  );
  add(
    'c07.notification.other-agency',
    'A hui another agency organises, for the prison director',
    render('c07.notification', other, director),
  );
  other.run({ type: 'c07.signOff' }, director);
  add(
    'c07.status.external-copy',
    'Signed-off hui at another agency’s office: the case manager records the copy given to its entry staff',
    render('c07.status', other, cm),
  );
  other.run(
    { type: 'c07.recordExternalCopy', copySentTo: 'MSD Porirua reception (Tui Henare), by email' },
    cm,
  );
  add(
    'c07.status.external-copy.done',
    'The same hui after the copy was recorded',
    render('c07.status', other, director),
  );
  return out;
}

/** Built once on import: the card gallery and the schema tests read this list. */
export const c07Samples: CardSample[] = buildC07Samples();
