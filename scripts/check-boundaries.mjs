#!/usr/bin/env node
// The core must run unchanged in the browser and in Node: it may import only itself and the few
// pure libraries below. Fails with the file and line of every forbidden import, and on any import
// cycle in src/ (type-only imports included: a cycle of types still ties two modules together).
// README.md ("What is here") states the same list of packages; keep the two equal.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';

const ALLOWED_PACKAGES = new Set(['zod', 'canonicalize', '@noble/hashes/sha2.js', '@noble/hashes/utils.js', 'jsonc-parser', 'd3-hierarchy', 'fast-deep-equal']);
const FORBIDDEN_GLOBALS = [/\bDate\.now\s*\(/, /\bMath\.random\s*\(/, /\bconsole\./, /\bdocument\.[a-zA-Z]/, /\bwindow\.[a-zA-Z]/];
const root = new URL('..', import.meta.url).pathname;
const core = join(root, 'src/core');
const problems = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.tsx?$/.test(name)) check(path);
  }
}

function check(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const where = `${relative(root, path)}:${i + 1}`;
    for (const m of line.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (spec.startsWith('.')) {
        const target = join(path, '..', spec);
        if (!target.startsWith(core)) problems.push(`${where}: core imports outside src/core (${spec})`);
      } else if (!ALLOWED_PACKAGES.has(spec)) {
        problems.push(`${where}: core imports '${spec}' (only ${[...ALLOWED_PACKAGES].join(', ')} are allowed)`);
      }
    }
    if (!/^\s*(\/\/|\*|\/\*)/.test(line)) {
      for (const re of FORBIDDEN_GLOBALS) if (re.test(line)) problems.push(`${where}: core uses ${re.source.replace(/\\/g, '')} (pass it in instead)`);
    }
  });
}

/** A cycle as one string, whatever module it is reported from. */
function cycleKey(files) {
  const start = files.indexOf([...files].sort()[0]);
  return [...files.slice(start), ...files.slice(0, start)].join(' -> ');
}

async function cycles() {
  const tree = await parseDependencyTree(['src/**/*.ts', 'src/**/*.tsx'], { context: root, cwd: root, transform: false, tsconfig: join(root, 'tsconfig.json') });
  const found = parseCircular(tree, false).map(cycleKey);
  for (const key of found) problems.push(`import cycle: ${key} -> (back to the first)`);
  return found.length;
}

walk(core);
await cycles();
if (problems.length > 0) {
  console.error(`boundary violations:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log("src/core boundaries: ok; import cycles in src/: none");
