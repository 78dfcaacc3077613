import { answers, decisionInput, F17Fixture, review } from '../test/fixtures/f17';
import { GENESIS_HASH, hashEvent } from '../services/audit/hashChain';
import type { Actor, Person } from '../services/directory/person';
import type { Role } from '../services/directory/roles';
import type { ApplicationDoc, AuditEvent } from '../services/workflow/domain';

/**
 * The bench's world: a directory of sites each staffed for F.17, and assessments built by the
 * workflow's own start/decide/evolve (test/fixtures/f17.ts), so every stored document and audit
 * event is one the real workflow produces, hash chain included.
 */

const HOUR = 3_600_000;

const STAFF_ROLES = {
  cm: 'case-manager',
  co: 'case-officer',
  intel: 'intelligence',
  csm: 'custodial-systems-manager',
  gm: 'general-manager-custodial',
  sched: 'scheduling-coordinator',
  facil: 'programme-facilitator',
} as const satisfies Record<string, Role>;
type StaffKey = keyof typeof STAFF_ROLES;

export type SiteStaff = { site: string } & Record<StaffKey, Actor[]>;

export interface World {
  perRole: number;
  people: Person[];
  sites: SiteStaff[];
  admin: Person;
}

export function siteName(s: number): string {
  return `Bench-${String(s).padStart(2, '0')}`;
}

/**
 * `siteCount` sites with `perRole` people in each F.17 role: 20 x 5 gives 100 distinct users per
 * role for 100 connections (and a 701-person directory, which every card render reads).
 */
export function buildWorld(siteCount: number, perRole: number): World {
  const people: Person[] = [];
  const sites: SiteStaff[] = [];
  for (let s = 0; s < siteCount; s++) {
    const site = siteName(s);
    const staff = { site } as SiteStaff;
    for (const [key, role] of Object.entries(STAFF_ROLES) as Array<[StaffKey, Role]>) {
      staff[key] = [];
      for (let k = 0; k < perRole; k++) {
        const aadObjectId = `bench-${key}-${s}-${k}`;
        const name = `Bench ${key.toUpperCase()} ${s}-${k}`;
        people.push({
          aadObjectId,
          name,
          email: `${aadObjectId}@bench.example.govt.nz`,
          roles: [{ role, site }],
        });
        staff[key].push({ aadObjectId, name, roles: [{ role, site }] });
      }
    }
    sites.push(staff);
  }
  const admin: Person = {
    aadObjectId: 'bench-admin',
    name: 'Bench Admin',
    email: 'bench-admin@bench.example.govt.nz',
    roles: [{ role: 'admin', site: siteName(0) }],
  };
  people.push(admin);
  return { perRole, people, sites, admin };
}

/** How far along the F.17 process an assessment is. */
export type Progress = 'awaitingConsent' | 'consented' | 'readyForReview' | 'awaitingDecision' | 'approved';

export interface BuiltApplication {
  app: ApplicationDoc;
  events: AuditEvent[];
}

export function applicationId(n: number): string {
  return `MIX-2026-${String(n).padStart(6, '0')}`;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const ID_TOKEN = 'MIX-2026-QQIDQQ';
const PRISONER_TOKEN = 'QQPRNQQ';
const N_TOKEN = 'QQNQQ';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Builds assessments fast: the workflow runs once per (progress, site) to make a template, and each
 * assessment is the template with its own id, prisoner, programme and times, its audit events
 * re-hashed into a valid chain. Running the workflow for each of 100,000 would take minutes.
 */
export class ApplicationFactory {
  private readonly templates = new Map<string, string>();

  constructor(private readonly world: World) {}

  build(
    n: number,
    progress: Progress,
    siteIndex: number,
    prisonerId: string,
    startedAt: Date,
  ): BuiltApplication {
    const staff = this.world.sites[siteIndex % this.world.sites.length]!;
    const key = `${progress}|${staff.site}`;
    let json = this.templates.get(key);
    if (json === undefined) {
      json = JSON.stringify(runWorkflow(progress, staff, PRISONER_TOKEN, N_TOKEN, ID_TOKEN, TEMPLATE_START));
      this.templates.set(key, json);
    }
    const filled = json
      .replaceAll(ID_TOKEN, applicationId(n))
      .replaceAll(PRISONER_TOKEN, prisonerId)
      .replaceAll(N_TOKEN, String(n))
      .replaceAll(N_TOKEN.toLowerCase(), String(n));
    const shift = startedAt.getTime() - TEMPLATE_START.getTime();
    const built = JSON.parse(filled, (_k, v: unknown) =>
      typeof v === 'string' && ISO_DATE.test(v) ? new Date(Date.parse(v) + shift) : v,
    ) as BuiltApplication;
    let prevHash = GENESIS_HASH;
    for (const e of built.events) {
      e.prevHash = prevHash;
      const { hash: _old, ...rest } = e;
      e.hash = hashEvent(rest);
      prevHash = e.hash;
    }
    built.app.lastHash = prevHash;
    return built;
  }
}

const TEMPLATE_START = new Date('2026-01-05T21:00:00.000Z');

/**
 * One assessment at `progress`, driven through the F.17 definition by the site's first staff.
 * Its notifications count as delivered (`notifiedThrough = version`): the bench measures the
 * requests it sends, not a backlog of set-up messages.
 */
function runWorkflow(
  progress: Progress,
  staff: SiteStaff,
  prisonerId: string,
  n: string,
  id: string,
  startedAt: Date,
): BuiltApplication {
  const pick = (key: StaffKey) => staff[key][0]!;
  const cm = pick('cm');
  const facil = pick('facil');
  const f = F17Fixture.start(
    {
      prisonerId,
      prisonerName: `Prisoner ${prisonerId}`,
      programmeName: `Bench programme ${n}`,
      facilitatorId: facil.aadObjectId,
      facilitatorName: facil.name,
      site: staff.site,
      courtDate: isoDay(new Date(startedAt.getTime() + 60 * 24 * HOUR)),
    },
    cm,
    startedAt,
    id,
  );
  if (progress !== 'awaitingConsent') {
    f.run(cm, {
      type: 'f17.recordConsent',
      consentObtainedBy: cm.name,
      consentDate: isoDay(new Date(startedAt.getTime() - 24 * HOUR)),
      consentFormReference: `IOMS doc ${n}`,
    });
  }
  if (progress === 'readyForReview' || progress === 'awaitingDecision' || progress === 'approved') {
    f.run(cm, { type: 'f17.submitSection', section: 'caseManagement', ...answers.caseManagement });
    f.run(pick('co'), { type: 'f17.submitSection', section: 'unit', ...answers.unit });
    f.run(pick('intel'), { type: 'f17.submitSection', section: 'intelligence', ...answers.intelligence });
  }
  if (progress === 'awaitingDecision' || progress === 'approved')
    f.run(pick('csm'), { type: 'f17.submitReview', ...review });
  if (progress === 'approved')
    f.run(pick('gm'), { type: 'f17.decide', outcome: 'approved', ...decisionInput });
  const app = { ...f.app, notifiedThrough: f.app.version } as ApplicationDoc;
  return { app, events: f.history };
}
