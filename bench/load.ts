import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Request bodies, used in order; the run stops after the last one (bounded count). */
  bodies: string[];
  /** Hard stop for the whole run (bounded time). */
  maxSeconds: number;
  /** Pid whose memory is sampled while the load runs. */
  pid?: number;
  /** Classifies a response as a success (status 2xx is required as well). */
  accept?: (body: string) => boolean;
}

export interface LoadResult {
  connections: number;
  sent: number;
  completed: number;
  ok: number;
  failed: number;
  timeouts: number;
  errors: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rssPeakMb?: number;
  rssEndMb?: number;
  stoppedByTime: boolean;
}

/** Resident set size of a process (Linux /proc), in MB; undefined elsewhere. */
export function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * One autocannon run over loopback: `connections` concurrent clients, each request taking the next
 * body, at most `bodies.length` requests and at most `maxSeconds`. Latencies are kept per request
 * (autocannon's histogram has no p95), so percentiles are exact.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let failed = 0;
  let rssPeak = 0;
  const sample = () => {
    if (o.pid === undefined) return;
    const r = rssMb(o.pid);
    if (r !== undefined && r > rssPeak) rssPeak = r;
  };
  const sampler = setInterval(sample, 100);
  const started = process.hrtime.bigint();
  let finish: (err: unknown, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (err, result) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result);
  });
  const instance = autocannon(
    {
      url: o.url,
      connections: o.connections,
      amount: o.bodies.length,
      timeout: Math.max(10, Math.ceil(o.maxSeconds)),
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          // Connections prepare their next request early; past the last body they get the last one again, never sent because of `amount`.
          setupRequest: (req) => ({ ...req, body: o.bodies[Math.min(next++, o.bodies.length - 1)]! }),
          onResponse: (status, body) => {
            if (status >= 200 && status < 300 && (!o.accept || o.accept(body))) ok++;
            else failed++;
          },
        },
      ],
    },
    (err, result) => finish(err, result),
  );
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  let stoppedByTime = false;
  const timer = setTimeout(() => {
    stoppedByTime = true;
    instance.stop();
  }, o.maxSeconds * 1000);
  const result = await done.finally(() => {
    clearTimeout(timer);
    clearInterval(sampler);
  });
  sample();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  const end = o.pid !== undefined ? rssMb(o.pid) : undefined;
  return {
    connections: o.connections,
    sent: result.requests.sent,
    completed: latencies.length,
    ok,
    failed,
    timeouts: result.timeouts,
    errors: result.errors,
    seconds: round(seconds),
    reqPerSec: round(latencies.length / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? NaN),
    ...(o.pid !== undefined
      ? { rssPeakMb: rssPeak || undefined, ...(end !== undefined ? { rssEndMb: end } : {}) }
      : {}),
    stoppedByTime,
  };
}
