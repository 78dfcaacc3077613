export { v01Workflow, reviewDeadline, REVIEW_DAYS } from './application';
export {
  v01pWorkflow,
  isProhibitionInForce,
  prohibitsVisit,
  prohibitionsAgainst,
  prohibitionEnds,
  currentTerms,
} from './prohibition';
export type { V01State } from './model';
export type { V01PState } from './prohibition';
