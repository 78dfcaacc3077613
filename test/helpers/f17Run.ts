import { randomUUID } from 'node:crypto';
import type { Person } from '../../services/directory/person';
import { actorFromPerson } from '../../services/directory/person';
import type { WorkflowEngine } from '../../services/workflow/engine';
import { person } from './botHarness';

/** The people of one F.17 at Site-A, one role each. */
export const SITE = 'Site-A';
export const f17People = {
  cm: person('aad-cm', 'Mere Case', [['case-manager', SITE]]),
  co: person('aad-co', 'Tane Officer', [['case-officer', SITE]]),
  intel: person('aad-intel', 'Ira Intel', [['intelligence', SITE]]),
  csm: person('aad-csm', 'Carla Systems', [['custodial-systems-manager', SITE]]),
  gm: person('aad-gm', 'Grace Manager', [['general-manager-custodial', SITE]]),
  gm2: person('aad-gm2', 'Hemi Manager', [['general-manager-custodial', SITE]]),
  sched: person('aad-sched', 'Sione Schedule', [['scheduling-coordinator', SITE]]),
  facil: person('aad-facil', 'Fetu Facilitator', [['programme-facilitator', SITE]]),
};
export const f17Everyone: Person[] = Object.values(f17People);

export const f17Start = {
  prisonerId: 'PRN-10042',
  prisonerName: 'Wiremu Tāne',
  accusedStatus: 'remand',
  courtDate: '2027-02-14',
  gangStatus: 'none',
  rmtStatus: 'assessed',
  rmtLevel: 'low',
  programmeName: 'Te Reo Māori level 1',
  programmeKind: 'te ao Māori',
  participants: '8',
  facilitatorId: f17People.facil.aadObjectId,
  location: 'Education block',
  site: SITE,
};

const origin = () => ({ activityId: `act-${randomUUID()}`, correlationId: randomUUID() });
const as = (p: Person) => actorFromPerson(p);

/** F.17 steps through the engine (the layer above delivery), each enqueueing what the process sends. */
export class F17Run {
  id = '';
  constructor(private readonly engine: WorkflowEngine) {}

  async start(prisonerId = f17Start.prisonerId): Promise<string> {
    const app = await this.engine.start('F17', { ...f17Start, prisonerId }, as(f17People.cm), origin());
    this.id = app._id;
    return this.id;
  }

  async consent(): Promise<void> {
    await this.engine.execute(
      this.id,
      {
        type: 'f17.recordConsent',
        consentObtainedBy: 'Mere Case',
        consentDate: '2026-11-20',
        consentFormReference: 'IOMS-DOC-5531',
      },
      as(f17People.cm),
      origin(),
    );
  }

  async sections(): Promise<void> {
    const answers: Array<[Person, string, Record<string, string>]> = [
      [
        f17People.cm,
        'caseManagement',
        {
          categoriesMixedWith: 'Sentenced, minimum security',
          withoutMixing: 'no',
          withoutMixingDetail: 'Only one class runs',
          motivation: 'Keen to learn te reo',
          reintegrationNeeds: 'Education, whānau connection',
          promotesReintegration: 'Builds identity and connection to whānau',
        },
      ],
      [
        f17People.co,
        'unit',
        { observations: 'Settled', behaviour: 'Compliant', misconducts: 'None', alerts: 'None' },
      ],
      [f17People.intel, 'intelligence', { risksMixing: 'None known', risksOtherPrisoners: 'None known' }],
    ];
    for (const [p, section, a] of answers)
      await this.engine.execute(this.id, { type: 'f17.submitSection', section, ...a }, as(p), origin());
  }

  async review(): Promise<void> {
    await this.engine.execute(
      this.id,
      {
        type: 'f17.submitReview',
        summary: 'All inputs received',
        risks: 'Low',
        riskManagement: 'Unit staff escort',
        recommendation: 'supported',
      },
      as(f17People.csm),
      origin(),
    );
  }

  async decide(by: Person = f17People.gm): Promise<void> {
    await this.engine.execute(
      this.id,
      {
        type: 'f17.decide',
        outcome: 'approved',
        consideration: 'Supported by security',
        reasons: 'Low risk; programme supports reintegration',
        releasableReasons: 'The programme supports your reintegration',
        releasableChecked: 'true',
      },
      as(by),
      origin(),
    );
  }

  async withdraw(): Promise<void> {
    await this.engine.execute(
      this.id,
      { type: 'f17.withdrawConsent', withdrawalNote: 'The prisoner withdrew consent in the unit today.' },
      as(f17People.cm),
      origin(),
    );
  }
}
