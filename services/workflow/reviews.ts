import { formatNz } from '../time';
import { alreadyDone, invalid, wrongStage } from './guards';
import type { Stamp } from './stamp';

/**
 * A review of a decision that a process records in turn: applied for (numbered from 1, with the
 * date it is due), then decided once. V.01 applications (V.01.07) and prohibition orders
 * (V.01.09) both keep a list of these; the rules that read the same in both live here.
 */
export interface NumberedReview {
  n: number;
  dueAt: string;
  result?: Pick<Stamp, 'name' | 'at'>;
}

/** The review still waiting for its outcome, if any. */
export function openReviewOf<R extends NumberedReview>(reviews: readonly R[]): R | undefined {
  return reviews.find((r) => !r.result);
}

/** One review at a time: a new application waits until the open one is decided. */
export function requireNoOpenReview(reviews: readonly NumberedReview[]): void {
  const open = openReviewOf(reviews);
  if (open) wrongStage(`Review ${open.n} is still open (due ${formatNz(new Date(open.dueAt), false)}).`);
}

/**
 * The review an outcome is for: the open one. Otherwise a second click on the outcome is told who
 * recorded it, and anything else is refused with `none`.
 */
export function reviewToDecide<R extends NumberedReview>(reviews: readonly R[], none: string): R {
  const open = openReviewOf(reviews);
  if (open) return open;
  const last = reviews[reviews.length - 1];
  if (last?.result) alreadyDone(`Review ${last.n} outcome was already recorded`, last.result);
  wrongStage(none);
}

/**
 * A review refused as a repeat names the earlier review it is substantially the same as, and
 * confirms (in the words of `noChange`) that nothing material has changed since.
 */
export function requireRepeatShown(
  c: { earlierReview?: string; noMaterialChange?: boolean },
  noChange: string,
): void {
  if (!c.earlierReview)
    invalid('earlierReview', 'Name the earlier review this one is substantially the same as');
  if (!c.noMaterialChange) invalid('noMaterialChange', noChange);
}
