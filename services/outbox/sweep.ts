import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Store } from '../store/types';
import { viewUpdates } from './views';

export interface SweepOptions {
  /** With no saved watermark (first start), look this far back. */
  lookbackMs?: number;
  /** Look again this far behind the watermark: events stamped by another process's clock may land late. */
  overlapMs?: number;
  /** Events read per pass. */
  batch?: number;
  /** Applications brought up to date at the same time. */
  concurrency?: number;
}

/** Where the sweep has got to, kept in the database so a new lease holder carries on from there. */
const WATERMARK_KEY = 'tautoko:outbox:sweep';

/**
 * The reconcile sweep, run by the outbox worker under its lease: every application with new audit
 * events is brought up to its trail (snapshot and outbox, `repair`) without waiting for a reader —
 * so a crash between writing events and writing the outbox still sends its notifications — and
 * every card people hold for it is edited to its current view (see `viewUpdates`). Idle, it costs
 * one indexed query a pass (events after the watermark).
 */
export class ReconcileSweep {
  private watermark: Date | undefined;
  private behind = false;
  private readonly done = new Map<string, { seq: number; at: Date }>();
  private readonly opts: Required<SweepOptions>;

  constructor(
    private readonly store: Store,
    private readonly repair: (applicationId: string) => Promise<unknown>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: SweepOptions = {},
  ) {
    this.opts = { lookbackMs: 24 * 3_600_000, overlapMs: 60_000, batch: 200, concurrency: 8, ...options };
  }

  /** One pass; returns how many applications it brought up to date. */
  async run(): Promise<number> {
    const from = await this.from();
    // Caught up: look a little behind the watermark for late landings. Behind: page on from it.
    const after = this.behind ? from : new Date(from.getTime() - this.opts.overlapMs);
    const recent = await this.store.events.since(after, this.opts.batch);
    this.behind = recent.length === this.opts.batch;
    if (recent.length === 0) return 0;
    const latest = new Map<string, { seq: number; at: Date }>();
    for (const e of recent) {
      const cur = latest.get(e.applicationId);
      if (!cur || e.seq > cur.seq) latest.set(e.applicationId, { seq: e.seq, at: e.at });
    }
    const due = [...latest].filter(([id, last]) => (this.done.get(id)?.seq ?? 0) < last.seq);
    // Several applications at a time: after a busy minute there are hundreds, each a few requests.
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < due.length; i = next++) {
        const [applicationId, last] = due[i]!;
        await this.repair(applicationId);
        const held = await this.store.outbox.heldCards(applicationId);
        const edits = viewUpdates(held, `${applicationId}#${last.seq}`, last.seq, last.at);
        if (edits.length > 0) await this.store.outbox.enqueue(edits);
        this.done.set(applicationId, last);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, due.length) }, worker));
    const handled = due.length;
    const newest = recent[recent.length - 1]!.at;
    this.forget(new Date(newest.getTime() - 2 * this.opts.overlapMs));
    if (newest.getTime() > from.getTime()) await this.save(newest);
    return handled;
  }

  /** Applications already brought up to date in this process, so the overlap costs no database work. */
  private forget(before: Date): void {
    for (const [id, last] of this.done) if (last.at.getTime() < before.getTime()) this.done.delete(id);
  }

  private async from(): Promise<Date> {
    if (this.watermark) return this.watermark;
    const [doc] = await this.store.state.read([WATERMARK_KEY]);
    const saved = doc ? new Date(JSON.parse(doc.data) as string) : undefined;
    this.watermark =
      saved && !Number.isNaN(saved.getTime())
        ? saved
        : new Date(this.clock.now().getTime() - this.opts.lookbackMs);
    return this.watermark;
  }

  private async save(at: Date): Promise<void> {
    this.watermark = at;
    await this.store.state
      .write(WATERMARK_KEY, JSON.stringify(at.toISOString()), String(at.getTime()), '*')
      .catch((e: unknown) => this.logger.warn({ err: e }, 'could not save the sweep watermark'));
  }
}
