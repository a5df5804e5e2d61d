#!/usr/bin/env node
// The core must run unchanged in the browser and in Node: it may import only itself and the few
// pure libraries below. Fails with the file and line of every forbidden import.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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

walk(core);
if (problems.length > 0) {
  console.error(`src/core boundary violations:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('src/core boundaries: ok');
