import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendSystemEvent } from './audit/systemLog';
import { canSeeApplication } from './access';
import { toCsv } from './csv';
import type { Actor } from './directory/person';
import { holdsRoleAnywhere, siteSchema, sitesOf } from './directory/person';
import { NATIONAL_SITE } from './directory/roles';
import type { Role } from './directory/roles';
import { isOverdue } from './store/search';
import type { ApplicationSearch } from './store/search';
import type { Store } from './store/types';
import type { ApplicationDoc } from './workflow/domain';
import { formatNz } from './time';

export const PAGE_SIZE = 20;
/** An export is a list, not a dump: past this many rows, narrow the filter. */
export const EXPORT_LIMIT = 5000;

/** The Applications page's filter, from the query string. Unknown values are refused, not ignored. */
export const listFilterSchema = z.object({
  kind: z.enum(['F17', 'C07', 'V01', 'V01P']).optional(),
  stage: z.string().trim().min(1).max(100).optional(),
  site: siteSchema.optional(),
  state: z.enum(['open', 'closed', 'overdue']).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type ListFilter = z.infer<typeof listFilterSchema>;

/** Managers may export (the people who run the processes and answer for them); see README "My work tab". */
export const EXPORT_ROLES: readonly Role[] = [
  'custodial-systems-manager',
  'security-manager',
  'general-manager-custodial',
  'prison-director',
  'service-manager',
  'reception-movements-manager',
];

export function canExport(actor: Actor): boolean {
  return holdsRoleAnywhere(actor, EXPORT_ROLES);
}

export interface ListRow {
  id: string;
  kind: ApplicationDoc['kind'];
  title: string;
  prisonerId: string;
  prisonerName: string;
  site: string;
  stage: string;
  closed: boolean;
  nextDue: string | undefined;
  overdue: boolean;
  updatedAt: string;
}

/**
 * The tab's Applications list and its export. The store is asked only within the asker's scope
 * (the rule of `canSeeApplication`) and every row is checked against that rule again, so the list
 * can never hold an application that `status` would refuse.
 */
export class ApplicationListQueries {
  constructor(private readonly store: Store) {}

  async list(
    actor: Actor,
    filter: ListFilter,
    now: Date,
  ): Promise<{ rows: ListRow[]; total: number; page: number; pageSize: number }> {
    const page = await this.store.applications.search(
      this.searchOf(actor, filter, now, (filter.page - 1) * PAGE_SIZE, PAGE_SIZE),
    );
    const visible = page.items.filter((a) => canSeeApplication(a, actor));
    return {
      rows: visible.map((a) => rowOf(a, now)),
      total: page.total,
      page: filter.page,
      pageSize: PAGE_SIZE,
    };
  }

  /**
   * The whole filtered list as CSV, for a manager; the export itself is a system audit event
   * (who, when, the filter and which applications), written before the file is handed over.
   */
  async exportCsv(
    actor: Actor,
    filter: ListFilter,
    now: Date,
    origin: { activityId: string; correlationId: string } = {
      activityId: `tab:${randomUUID()}`,
      correlationId: randomUUID(),
    },
  ): Promise<{ csv: string; rows: number; truncated: boolean } | null> {
    if (!canExport(actor)) return null;
    const page = await this.store.applications.search(this.searchOf(actor, filter, now, 0, EXPORT_LIMIT));
    const apps = page.items.filter((a) => canSeeApplication(a, actor));
    const { page: _page, ...criteria } = filter;
    await appendSystemEvent(
      this.store,
      'tab.export',
      { filter: criteria, rows: apps.length, total: page.total, applicationIds: apps.map((a) => a._id) },
      actor,
      origin,
      now,
    );
    const rows = apps.map((a) => rowOf(a, now));
    return {
      csv: toCsv(CSV_HEADER, rows.map(csvCells)),
      rows: rows.length,
      truncated: page.total > apps.length,
    };
  }

  private searchOf(actor: Actor, f: ListFilter, now: Date, skip: number, limit: number): ApplicationSearch {
    return {
      scope: {
        participant: actor.aadObjectId,
        sites: sitesOf(actor).filter((s) => s !== NATIONAL_SITE),
        allSites: actor.roles.some((g) => g.site === NATIONAL_SITE),
      },
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.stage ? { stage: f.stage } : {}),
      ...(f.site ? { site: f.site } : {}),
      ...(f.state ? { state: f.state } : {}),
      ...(f.q ? { text: f.q } : {}),
      now,
      skip,
      limit,
    };
  }
}

function rowOf(a: ApplicationDoc, now: Date): ListRow {
  const due = a.closed
    ? undefined
    : a.openTasks
        .map((t) => t.dueAt)
        .filter((d): d is Date => d !== undefined)
        .sort((x, y) => x.getTime() - y.getTime())[0];
  return {
    id: a._id,
    kind: a.kind,
    title: a.title,
    prisonerId: a.prisonerId,
    prisonerName: a.prisonerName,
    site: a.site,
    stage: a.stage,
    closed: a.closed,
    nextDue: due?.toISOString(),
    overdue: !a.closed && isOverdue(a, now),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** The columns of the list page, which anyone who may see an application sees in `status` too. */
const CSV_HEADER = [
  'Application',
  'Process',
  'Prisoner ID',
  'Prisoner name',
  'Site',
  'Stage',
  'Open or closed',
  'Next due (NZ time)',
  'Overdue',
  'Last updated (NZ time)',
];

function csvCells(r: ListRow): string[] {
  return [
    r.id,
    r.title,
    r.prisonerId,
    r.prisonerName,
    r.site,
    r.stage,
    r.closed ? 'Closed' : 'Open',
    r.nextDue ? formatNz(new Date(r.nextDue)) : '',
    r.overdue ? 'Yes' : 'No',
    formatNz(new Date(r.updatedAt)),
  ];
}
