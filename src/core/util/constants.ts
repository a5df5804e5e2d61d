/*
 * Numbers that several parts of the project must agree on, said once.
 */

/**
 * How far from 100 % the shares of a job's tasks (or of an employee's jobs) may total and still count as
 * 100 %: shares are typed as decimals (33.33 + 33.33 + 33.34), so an exact comparison would refuse sums
 * that are 100 to the hundredth of a percent.
 */
export const SHARE_TOLERANCE = 0.01;

/**
 * The most hours a year can hold: 366 days × 24 h = 8 784 h (a leap year). No working time, duration
 * threshold or stated annual hours can exceed it.
 */
export const MAX_ANNUAL_HOURS = 366 * 24;

/** Whether shares totalling `sum` percent make a whole (100 % within `SHARE_TOLERANCE`). */
export function sharesComplete(sum: number): boolean {
  return Math.abs(sum - 100) <= SHARE_TOLERANCE;
}
