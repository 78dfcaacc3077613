import type { Clock } from '../clock';
import { systemClock } from '../clock';

/**
 * A clock you can move, for local development only (the bot refuses it in production
 * configuration): `DEV_CLOCK_OFFSET=+3d` at start-up, or an admin's `dev clock +3d` in chat, so
 * reminders and escalations can be shown without waiting days.
 */
export class MovableClock implements Clock {
  constructor(
    private offsetMs = 0,
    private readonly base: Clock = systemClock,
  ) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  move(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }

  /** Moves the clock so that it is now `instant`. */
  setTo(instant: Date): void {
    this.offsetMs = instant.getTime() - this.base.now().getTime();
  }
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3600_000, d: 24 * 3600_000, w: 7 * 24 * 3600_000 };

/** "+3d", "-2h", "90m", "+1w": an offset in milliseconds, or undefined when it is not one. */
export function parseOffset(text: string): number | undefined {
  const m = /^([+-]?)(\d{1,4})([mhdw])$/i.exec(text.trim());
  if (!m) return undefined;
  const ms = Number(m[2]) * UNIT_MS[m[3]!.toLowerCase()]!;
  return m[1] === '-' ? -ms : ms;
}
