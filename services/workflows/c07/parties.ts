import type { z } from 'zod';
import type { AgencyAttendance, AgencyDetails, HuiKind } from './model';

/**
 * Who besides the prisoner takes part in the hui kinds that have other parties:
 * - a restorative justice conference "will only go ahead if all parties give their informed
 *   consent": its parties include the victim (or their representative), named at the start;
 * - a family group conference is organised "through Oranga Tamariki Youth Justice Co-ordinator",
 *   and a hui another agency organises through that agency's co-ordinator (C.07.04): the agency and
 *   co-ordinator are kept for both.
 */

export interface VictimPartyInput {
  name: string;
  description: string;
}

type Issue = (field: string, message: string) => void;
const issueOn =
  (ctx: z.RefinementCtx): Issue =>
  (field, message) =>
    ctx.addIssue({ code: 'custom', path: [field], message });

/** "Name — who they are", one per line (an en dash, a hyphen with spaces, or a comma separates). */
export function readVictims(
  raw: { huiKind: HuiKind; rjVictims?: string },
  ctx: z.RefinementCtx,
): VictimPartyInput[] | undefined {
  if (raw.huiKind !== 'restorative-justice') return undefined;
  const lines = (raw.rjVictims ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) {
    issueOn(ctx)(
      'rjVictims',
      'A restorative justice conference needs the victim party (or their representative): one per line, name — who they are.',
    );
    return undefined;
  }
  return lines.map((line) => {
    const m = /^(.+?)\s*(?:—|–| - |,)\s*(.+)$/.exec(line);
    return m?.[1] && m[2] ? { name: m[1], description: m[2] } : { name: line, description: 'victim party' };
  });
}

interface AgencyRaw {
  huiKind: HuiKind;
  agency?: string;
  agencyCoordinator?: string;
  agencyCoordinatorContact?: string;
  agencyAttendance?: AgencyAttendance;
}

/** The organising agency and co-ordinator, required for another agency's hui and a family group conference. */
export function readAgency(raw: AgencyRaw, ctx: z.RefinementCtx): AgencyDetails | undefined {
  const otherAgency = raw.huiKind === 'other-agency';
  if (!otherAgency && raw.huiKind !== 'family-group-conference') return undefined;
  const need = issueOn(ctx);
  if (!raw.agency)
    need(
      'agency',
      otherAgency ? 'Enter the agency organising the hui.' : 'Enter the agency (e.g. Oranga Tamariki).',
    );
  if (!raw.agencyCoordinator)
    need(
      'agencyCoordinator',
      otherAgency ? 'Enter the agency’s co-ordinator.' : 'Enter the Youth Justice Co-ordinator.',
    );
  if (!raw.agencyCoordinatorContact) need('agencyCoordinatorContact', 'Enter how to reach the co-ordinator.');
  // How the prisoner attends is asked for another agency's hui (C.07.04); for a family group
  // conference it is recorded when known.
  if (otherAgency && !raw.agencyAttendance) need('agencyAttendance', 'Choose how the prisoner attends.');
  if (!raw.agency || !raw.agencyCoordinator || !raw.agencyCoordinatorContact) return undefined;
  if (otherAgency && !raw.agencyAttendance) return undefined;
  return {
    agency: raw.agency,
    coordinator: raw.agencyCoordinator,
    coordinatorContact: raw.agencyCoordinatorContact,
    ...(raw.agencyAttendance ? { attendance: raw.agencyAttendance } : {}),
  };
}
