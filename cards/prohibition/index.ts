import type { CardRenderer } from '../types';
import { orderCard } from './order';
import { reviewCard } from './review';
import { prohibitionStartForm } from './startForm';
import { statusCard } from './status';

/** Every prohibition order card by registry name (v01p.*: the names stored in outbox messages and buttons). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const prohibitionCards: Record<string, CardRenderer<any>> = {
  'v01p.status': statusCard,
  'v01p.order': orderCard,
  'v01p.review': reviewCard,
};

export { prohibitionStartForm };
