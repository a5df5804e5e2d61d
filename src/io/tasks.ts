/**
 * A promise settled in a later task (a macrotask, in the browser as in Node; not in the core, which has no timers): long work split into
 * slices awaits it between two, so that the page draws and answers meanwhile. The one way of the
 * project to give the page its turn.
 */
export const nextTask = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, 0));
