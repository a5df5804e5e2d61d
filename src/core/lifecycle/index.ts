/**
 * The lifecycle of a referential version (draft → review → submission → homologation → expiry or
 * replacement) as pure rules, the homologation calendar, version numbers, and the exports that go with
 * a submission. No clock: dates and timestamps are passed in.
 */
export * from './dates.ts';
export * from './presumption.ts';
export * from './version.ts';
export * from './readiness.ts';
export * from './rules.ts';
export * from './publish.ts';
export * from './chain.ts';
export * from './report.ts';
export * from './dossier.ts';
