/**
 * A process's event types and what each is called on a timeline, from one table of labels: the
 * type of `key` is `<prefix>.<key>`. Types are stored in the audit trail: never rename a key.
 *
 *   export const { EV, EVENT_LABELS } = defineEvents('f17', { started: 'Assessment started', … });
 *   EV.started === 'f17.started'; EVENT_LABELS['f17.started'] === 'Assessment started'
 */
export function defineEvents<P extends string, K extends string>(
  prefix: P,
  labels: Readonly<Record<K, string>>,
): {
  EV: { readonly [k in K]: `${P}.${k}` };
  EVENT_LABELS: Readonly<Record<`${P}.${K}`, string>>;
} {
  const types: Record<string, string> = {};
  const named: Record<string, string> = {};
  for (const [key, label] of Object.entries<string>(labels)) {
    types[key] = `${prefix}.${key}`;
    named[`${prefix}.${key}`] = label;
  }
  return {
    EV: types as { readonly [k in K]: `${P}.${k}` },
    EVENT_LABELS: named as Readonly<Record<`${P}.${K}`, string>>,
  };
}
