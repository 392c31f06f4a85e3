import { DISTRICT_TIME_ZONE, districtDate } from '../requests/lifecycle';

/**
 * Days and weeks as the district counts them (its own time zone, weeks from
 * Monday), so a request made on Sunday evening in Ottawa falls in the week
 * people remember, whatever the server's clock says.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Minutes east of UTC in the district at that instant (-300 in Ottawa's winter). */
export function zoneOffsetMinutes(at: Date, timeZone: string = DISTRICT_TIME_ZONE): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The instant a district day starts (local midnight), DST included. */
export function districtDayStart(day: string, timeZone: string = DISTRICT_TIME_ZONE): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const first = zoneOffsetMinutes(new Date(utcMidnight), timeZone);
  let at = utcMidnight - first * 60_000;
  const second = zoneOffsetMinutes(new Date(at), timeZone);
  if (second !== first) at = utcMidnight - second * 60_000;
  return new Date(at);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday (YYYY-MM-DD) of the district week an instant falls in. */
export function districtWeekOf(at: Date | string): string {
  const day = districtDate(typeof at === 'string' ? new Date(at) : at);
  const dow = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
}

/** Every week (by its Monday) from the one holding `fromDay` to the one holding `toDay`. */
export function weeksBetween(fromDay: string, toDay: string, max = 260): string[] {
  const start = districtWeekOf(districtDayStart(fromDay));
  const end = districtWeekOf(districtDayStart(toDay));
  const weeks: string[] = [];
  for (let w = start; w <= end && weeks.length < max; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

/** A date range of district days as ISO instants: from the start of `from` to the start of the day after `to`. */
export function instantRange(from: string, to: string): { since: string; until: string } {
  return { since: districtDayStart(from).toISOString(), until: districtDayStart(addDays(to, 1)).toISOString() };
}

/** "Mar 2" for a week label. */
export function shortDay(day: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(new Date(`${day}T12:00:00Z`));
}
