export type PathSegment = string | number;

/**
 * JSONPath-like rendering of a location, `$.jobs[0].tasks[2].entry`, the form every error message
 * of the project uses to point into a JSON document.
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
