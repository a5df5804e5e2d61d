/*
 * Vitest setup file. On this 2-core machine shared with other test runs, a screen can take more than a
 * second to appear in jsdom (a lazily loaded screen is transformed on its first import), so findBy* and
 * waitFor wait up to 5 s instead of Testing Library's default 1 s. It changes nothing for a test that
 * passes, nor for assertions that something stays absent (queryBy*).
 */
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: 5_000 });
}

export {};
