/**
 * Exposures are compared with thresholds after rounding to a millionth of their unit, so that float
 * sums such as 100.3 + 512.3 + 287.4 = 899.9999999999999 h count as the 900 h they are. The evaluator,
 * the checker and the what-if all go through this one rule.
 */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** "At least" (≥) on rounded exposure, the decree's reading of every threshold. */
export const reaches = (exposure: number, threshold: number): boolean => round6(exposure) >= threshold;
