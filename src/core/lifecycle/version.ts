/*
 * Version numbers of a referential (`major.minor.patch`). A published version never changes: every new
 * content gets a new number. A minor bump is the default for a re-evaluation; a major one marks a
 * rewrite; a patch bump is what a version returned after submission becomes (the submitted one stays
 * as it was filed).
 */

export type VersionBump = 'major' | 'minor' | 'patch';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

export function isVersion(text: string): boolean {
  return SEMVER.test(text);
}

function parse(version: string): [number, number, number] {
  const m = SEMVER.exec(version);
  if (!m) throw new RangeError(`not a version number: ${version}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Negative, zero or positive, as for `Array.prototype.sort`. */
export function compareVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
}

/**
 * The next version number after the highest of `versions`.
 *
 * @example nextVersion(['1.2.3'], 'minor') // '1.3.0'
 * @example nextVersion(['1.2.3', '1.4.0'], 'major') // '2.0.0'
 */
export function nextVersion(versions: readonly string[], bump: VersionBump = 'minor'): string {
  const highest = versions.filter(isVersion).sort(compareVersions).pop() ?? '0.0.0';
  const [major, minor, patch] = parse(highest);
  switch (bump) {
    case 'major':
      return `${major + 1}.0.0`;
    case 'minor':
      return `${major}.${minor + 1}.0`;
    case 'patch':
      return `${major}.${minor}.${patch + 1}`;
  }
}
