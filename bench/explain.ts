import type { Document } from 'mongodb';

/** What the database says it did for one query: an index scan or a collection scan. */
export interface PlanSummary {
  query: string;
  /** The winning plan's stages, outermost first (MongoDB), or the backend's plan lines (FerretDB). */
  plan: string;
  /** IXSCAN (an index was used) or COLLSCAN (every document was read). */
  winning: 'IXSCAN' | 'COLLSCAN' | 'IDHACK' | 'UNKNOWN';
  indexes: string[];
  docsExamined?: number;
  returned?: number;
  /** FerretDB only: whether the filter was handed to the backend at all. */
  filterPushdown?: boolean;
}

function stagesOf(plan: Document | undefined, out: Array<{ stage: string; index?: string }>): void {
  if (!plan) return;
  const node = (plan.queryPlan as Document | undefined) ?? plan;
  if (typeof node.stage === 'string')
    out.push({ stage: node.stage, ...(typeof node.indexName === 'string' ? { index: node.indexName } : {}) });
  if (node.inputStage) stagesOf(node.inputStage as Document, out);
  for (const s of (node.inputStages as Document[] | undefined) ?? []) stagesOf(s, out);
}

/**
 * Reads an explain() answer from MongoDB (winningPlan stages) or FerretDB (its backend's plan:
 * SQLite "SCAN t" / "SEARCH t USING INDEX i", PostgreSQL "Seq Scan" / "Index Scan").
 */
export function summarisePlan(query: string, explain: Document): PlanSummary {
  const qp = (explain.queryPlanner ?? {}) as Document;
  const stats = explain.executionStats as Document | undefined;
  const counts = {
    ...(typeof stats?.totalDocsExamined === 'number' ? { docsExamined: stats.totalDocsExamined } : {}),
    ...(typeof stats?.nReturned === 'number' ? { returned: stats.nReturned } : {}),
  };
  if (qp.winningPlan) {
    const stages: Array<{ stage: string; index?: string }> = [];
    stagesOf(qp.winningPlan as Document, stages);
    const names = stages.map((s) => s.stage);
    const indexes = stages.flatMap((s) => (s.index ? [s.index] : []));
    const winning = names.includes('COLLSCAN')
      ? 'COLLSCAN'
      : names.includes('IXSCAN')
        ? 'IXSCAN'
        : names.some((n) => n.includes('IDHACK') || n === 'EXPRESS_IXSCAN')
          ? 'IDHACK'
          : 'UNKNOWN';
    return {
      query,
      plan: stages.map((s) => (s.index ? `${s.stage}(${s.index})` : s.stage)).join(' <- '),
      winning,
      indexes,
      ...counts,
    };
  }
  // FerretDB: the backend's own plan.
  const raw = qp.Plan ?? qp;
  const lines = Array.isArray(raw) ? raw.map(String) : [JSON.stringify(raw)];
  const text = lines.join(' | ');
  const indexes = [
    ...text.matchAll(/USING (?:COVERING )?INDEX (\S+)|Index (?:Only )?Scan (?:Backward )?using (\S+)/g),
  ].map((m) => m[1] ?? m[2] ?? '');
  const scans = /\bSCAN\b(?! .*USING)|Seq Scan/.test(text) && !/SEARCH/.test(text);
  const winning = scans
    ? 'COLLSCAN'
    : indexes.length > 0 || /SEARCH|Index Scan/.test(text)
      ? 'IXSCAN'
      : 'UNKNOWN';
  return {
    query,
    plan: lines.map((l) => l.replace(/^id=\d+ parent=\d+ notused=\d+ detail=/, '')).join(' | '),
    winning,
    indexes,
    ...counts,
    ...(typeof explain.filterPushdown === 'boolean' ? { filterPushdown: explain.filterPushdown } : {}),
  };
}
