/*
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`) as plain strings and day numbers, in UTC, so that
 * results never depend on the machine's time zone. The core never reads the clock: callers pass dates.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parts(date: string): { year: number; month: number; day: number } {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = parts(date);
  const t = new Date(Date.UTC(year, month - 1, day + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * Same day `n` months later; when that month is shorter, the last day of the month (31 January plus
 * one month is 28 or 29 February), the usual reading of "one month" in French labour law.
 */
export function addMonths(date: string, n: number): string {
  const { year, month, day } = parts(date);
  const total = year * 12 + (month - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return format(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * Whole months from `start` to `end` inclusive: 2024-01-01 → 2024-01-31 is 1 month,
 * 2024-02-15 → 2024-12-31 is 10 months (the 11th would end on 2025-01-14).
 */
export function wholeMonths(start: string, end: string): number {
  const after = addDays(end, 1);
  const s = parts(start);
  const a = parts(after);
  // At most one month too many from the calendar difference; month-end clamping decides.
  let months = (a.year - s.year) * 12 + (a.month - s.month);
  if (months > 0 && addMonths(start, months) > after) months--;
  return Math.max(0, months);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
  return Math.round(day(b) - day(a));
}

export const maxDate = (a: string, b: string) => (a > b ? a : b);
export const minDate = (a: string, b: string) => (a < b ? a : b);
