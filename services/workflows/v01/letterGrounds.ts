import { GROUNDS } from '../../policy/v01';
import type { Ground } from '../../policy/v01';
import { isSpecifiedFamily } from './model';
import type { VisitorType } from './model';

/**
 * V.01.06.6 against V.01.03.5: a private visitor's decline letter "must state the reason for
 * declining the visitor (these have to relate to one or more of the factors listed under V.01.03
 * (2 or 3) …)", yet V.01.03.5 and .6 let the reception/movements manager decline on security,
 * welfare and safety grounds, or a prohibition elsewhere. Reading chosen: the letter states only the
 * V.01.03.2–3 grounds, in their fixed words; other grounds stay on the decision and the letter says
 * that other matters were considered and cannot be stated. (Security and safety grounds often rest
 * on intelligence or on other people's circumstances, which V.01.06.6 also forbids a letter to
 * breach.) The other reading — every V.01.03 ground stated in its fixed words — is this one line:
 *   export const LETTER_PARAS = ['V.01.03.2', 'V.01.03.3', 'V.01.03.5', 'V.01.03.6'];
 * A specified visitor's decline (V.01.11.2: "must provide reasons") states every ground.
 */
export const LETTER_PARAS: readonly string[] = ['V.01.03.2', 'V.01.03.3'];

const inLetter = (g: Ground) =>
  LETTER_PARAS.some((p) => GROUNDS[g].para === p || GROUNDS[g].para.startsWith(`${p}.`));

export function letterGrounds(grounds: readonly Ground[], visitorType: VisitorType) {
  if (isSpecifiedFamily(visitorType)) return { stated: [...grounds], withheld: [] as Ground[] };
  return { stated: grounds.filter(inLetter), withheld: grounds.filter((g) => !inLetter(g)) };
}

/** The reasons part of a decline letter (to the visitor or the prisoner). */
export function declineReasonLines(grounds: readonly Ground[], visitorType: VisitorType): string[] {
  const { stated, withheld } = letterGrounds(grounds, visitorType);
  const lines = stated.map((g) => `- ${GROUNDS[g].notice}`);
  if (withheld.length && stated.length)
    lines.push(
      'Other matters under V.01.03 were also considered; they cannot be stated in this letter without breaching the privacy of others or the security of the prison.',
    );
  if (withheld.length && !stated.length)
    lines.push(
      '- the matters the reception/movements manager must consider under V.01.03 (the Corrections Regulations 2005); the specific reasons cannot be stated in this letter without breaching the privacy of others or the security of the prison.',
    );
  return lines;
}
