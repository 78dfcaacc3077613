/** The bench's options and its load plan: requests per scenario and connection level. */

export type Mode = 'quick' | 'full' | 'scale';

export interface Args {
  mode: Mode;
  quick: boolean;
  sizes: number[];
  keep: boolean;
  /** `--profile`: the bot runs under `node --cpu-prof`, its profiles written here. */
  profileDir: string | undefined;
}

export const CONNECTIONS = [1, 10, 100] as const;

export interface Plan {
  /** Requests per connection level, per scenario. */
  counts: Record<Scenario, Record<(typeof CONNECTIONS)[number], number>>;
  /**
   * A safety cap per run, not the measure: runs are sized by request count so that they finish and
   * every request's latency counts. A run that hits it is reported and the bot restarted.
   */
  maxSeconds: number;
  /** Applications the status requests read, round-robin. */
  statusApplications: number;
  /** How long to wait after the decision runs for the outbox worker to drain what they queued. */
  outboxWaitSeconds: number;
  /** Messages put in the outbox at once to measure how fast a backlog drains (the per-app cap at most). */
  burstMessages: number;
  /** Decisions posted at 2 a second to measure enqueue-to-delivery delay below the per-app cap. */
  steadyDecisions: number;
  /** The window over which an idle process's requests are counted (a scheduler tick is 60 s). */
  idleWindowSeconds: number;
}

export type Scenario = 'status' | 'section' | 'decision';

export const PLANS: Record<'quick' | 'full', Plan> = {
  quick: {
    counts: {
      status: { 1: 5, 10: 20, 100: 100 },
      section: { 1: 3, 10: 10, 100: 100 },
      decision: { 1: 3, 10: 10, 100: 100 },
    },
    statusApplications: 5,
    maxSeconds: 240,
    outboxWaitSeconds: 60,
    steadyDecisions: 20,
    burstMessages: 500,
    idleWindowSeconds: 12,
  },
  full: {
    counts: {
      status: { 1: 100, 10: 500, 100: 1000 },
      section: { 1: 60, 10: 200, 100: 500 },
      decision: { 1: 40, 10: 150, 100: 400 },
    },
    statusApplications: 200,
    maxSeconds: 300,
    outboxWaitSeconds: 45,
    steadyDecisions: 60,
    burstMessages: 1000,
    idleWindowSeconds: 65,
  },
};

export const SCENARIO_TEXT: Record<Scenario, string> = {
  status: '`status <id>` message (read path; card sent to the connector stub)',
  section:
    'F.17 unit section Submit via Action.Execute (write path: validation, versioned update, audit event, card returned); a different consent-recorded application per request',
  decision:
    'F.17 Approve via Action.Execute (write path + outbox entries); a different application at the decision stage per request',
};
