/** Outcome of an operation on user data: loading never throws, it returns located issues. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; issues: E[] };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(issues: E[]): Result<never, E> => ({ ok: false, issues });
