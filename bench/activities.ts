import { randomUUID } from 'node:crypto';

/** The tenant the bench's activities claim; the bot runs in local-development mode and accepts any. */
export const BENCH_TENANT = '00000000-0000-0000-0000-00000000bec4';

export interface BenchUser {
  aadObjectId: string;
  name: string;
}

/** The id of a user's 1:1 chat with the bot, as Teams shapes it. */
export function personalConversation(user: BenchUser): string {
  return `a:personal-${user.aadObjectId}`;
}

/** The envelope every Teams activity carries (same shape as test/helpers/botHarness.ts). */
export function baseActivity(
  serviceUrl: string,
  user: BenchUser,
  conversation?: { id: string; type: 'personal' | 'channel' },
) {
  const conv = conversation ?? { id: personalConversation(user), type: 'personal' as const };
  return {
    id: `act-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name },
    conversation: {
      id: conv.id,
      conversationType: conv.type,
      tenantId: BENCH_TENANT,
      ...(conv.type === 'channel' ? { isGroup: true } : {}),
    },
    recipient: { id: '28:tautoko', name: 'Tautoko' },
    channelData: {
      tenant: { id: BENCH_TENANT },
      ...(conv.type === 'channel' ? { channel: { id: conv.id }, team: { id: 'bench-team' } } : {}),
    },
    locale: 'en-NZ',
  };
}

export function messageActivity(serviceUrl: string, user: BenchUser, text: string): Record<string, unknown> {
  return { ...baseActivity(serviceUrl, user), type: 'message', text };
}

/** An Action.Execute Submit click carrying a card's data and inputs, as Teams sends it. */
export function actionActivity(
  serviceUrl: string,
  user: BenchUser,
  data: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...baseActivity(serviceUrl, user),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: 'submit', data }, trigger: 'manual' },
  };
}

/** The application an activity is about, for the baseline's findOne: `status <id>`, a click's data, else none. */
export function applicationIdOf(activity: Record<string, unknown>): string | undefined {
  const text = typeof activity.text === 'string' ? activity.text : '';
  const m = /^status\s+(\S+)$/i.exec(text.trim());
  if (m) return m[1]!.toUpperCase();
  const value = activity.value as { action?: { data?: { applicationId?: unknown } } } | undefined;
  const id = value?.action?.data?.applicationId;
  return typeof id === 'string' ? id : undefined;
}
