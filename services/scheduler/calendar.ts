import Holidays from 'date-holidays';
import { addDays, daysFromTo, isoWeekday, nzAt, nzDateOf } from '../time';

/** A local time of day in New Zealand. */
export interface LocalTime {
  hour: number;
  minute: number;
}

export interface CalendarSettings {
  /** Site -> date-holidays region code (e.g. WGN), so the site's regional anniversary day is a holiday. */
  siteRegions: Record<string, string>;
  /** Region for a site not in `siteRegions`; undefined means national public holidays only. */
  defaultRegion: string | undefined;
  /** Working hours in Pacific/Auckland: nothing is sent outside them. */
  workStart: LocalTime;
  workEnd: LocalTime;
}

/** The regions date-holidays knows for New Zealand (provincial anniversary days differ by region). */
export function nzRegions(): string[] {
  return Object.keys(new Holidays().getStates('NZ') ?? {});
}

/**
 * Working days and hours in New Zealand: Monday to Friday, less the public holidays (from the
 * maintained `date-holidays` data, Mondayised days included) and the site's regional anniversary
 * day. Every calculation is on New Zealand calendar dates, so daylight-saving days are ordinary days.
 */
export class WorkingCalendar {
  private readonly holidays = new Map<string, Map<string, string>>();

  constructor(readonly settings: CalendarSettings) {}

  regionOf(site: string): string | undefined {
    return this.settings.siteRegions[site] ?? this.settings.defaultRegion;
  }

  /** The public holiday on this NZ date (YYYY-MM-DD) at this site, if any. */
  holidayOn(date: string, site: string): string | undefined {
    const region = this.regionOf(site);
    const year = Number(date.slice(0, 4));
    const key = `${region ?? ''}:${year}`;
    let days = this.holidays.get(key);
    if (!days) {
      const lib = region ? new Holidays('NZ', region) : new Holidays('NZ');
      days = new Map(
        lib
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => [h.date.slice(0, 10), h.name] as const),
      );
      this.holidays.set(key, days);
    }
    return days.get(date);
  }

  isWorkingDay(date: string, site: string): boolean {
    const weekday = isoWeekday(date);
    return weekday <= 5 && this.holidayOn(date, site) === undefined;
  }

  /** When working hours open on this NZ date. */
  opening(date: string): Date {
    return at(date, this.settings.workStart);
  }

  /** When working hours close on this NZ date. */
  closing(date: string): Date {
    return at(date, this.settings.workEnd);
  }

  /** The `n`th working day after this NZ date (n = 0: the date itself if it is a working day, else the next). */
  workingDayAfter(date: string, n: number, site: string): string {
    let d = date;
    if (n === 0) {
      while (!this.isWorkingDay(d, site)) d = nextDate(d);
      return d;
    }
    let left = n;
    while (left > 0) {
      d = nextDate(d);
      if (this.isWorkingDay(d, site)) left--;
    }
    return d;
  }

  /** The `n`th working day before this NZ date (n >= 1). */
  workingDayBefore(date: string, n: number, site: string): string {
    let d = date;
    let left = n;
    while (left > 0) {
      d = previousDate(d);
      if (this.isWorkingDay(d, site)) left--;
    }
    return d;
  }

  /** The latest working day on or before this NZ date. */
  workingDayOnOrBefore(date: string, site: string): string {
    let d = date;
    while (!this.isWorkingDay(d, site)) d = previousDate(d);
    return d;
  }

  /**
   * A due date `n` working days after `from`: the close of working hours on the `n`th working day
   * after the day it arrived (a task that arrives on Saturday with 5 days is due on Friday).
   */
  addWorkingDays(from: Date, n: number, site: string): Date {
    return this.closing(this.workingDayAfter(nzDate(from), n, site));
  }

  /** Whether `instant` falls inside working hours on a working day at this site. */
  isWorkingTime(instant: Date, site: string): boolean {
    const date = nzDate(instant);
    if (!this.isWorkingDay(date, site)) return false;
    const t = instant.getTime();
    return t >= this.opening(date).getTime() && t < this.closing(date).getTime();
  }

  /** `instant` itself when it is working time, else the opening of the next working morning. */
  nextWorkingTime(instant: Date, site: string): Date {
    if (this.isWorkingTime(instant, site)) return instant;
    const date = nzDate(instant);
    if (this.isWorkingDay(date, site) && instant.getTime() < this.opening(date).getTime())
      return this.opening(date);
    return this.opening(this.workingDayAfter(date, 1, site));
  }
}

/** The New Zealand calendar date (YYYY-MM-DD) of an instant. */
export function nzDate(instant: Date): string {
  return nzDateOf(instant);
}

export function nextDate(date: string): string {
  return addDays(date, 1);
}

export function previousDate(date: string): string {
  return addDays(date, -1);
}

/** Whole calendar days between two NZ dates (b - a). */
export function daysBetween(a: string, b: string): number {
  return daysFromTo(a, b);
}

export function minusDays(date: string, days: number): string {
  return addDays(date, -days);
}

function at(date: string, time: LocalTime): Date {
  return nzAt(date, time.hour, time.minute);
}
