import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import {
  GRAPH_FORMAT_VERSION,
  checkGraph,
  decompile,
  loadGraph,
  loadGraphText,
  loadReferential,
  type GraphDocument,
  type LoadIssue,
  type Referential,
} from '../src/core/index.ts';
import { withLayout } from '../src/core/layout.ts';
import { generateReferential } from '../bench/generate.ts';
import { baseReferential } from './support/check-fixtures.ts';
import { issueMessage } from '../src/present/issues.ts';
import { formatIssues } from '../src/present/issues.ts';

/*
 * Loading a logigramme document: a bad graph is refused with French issues located by JSON path
 * (wrong or newer formatVersion, unknown node kind, bad edge, bad JSON), and never by a throw;
 * decompiled samples load back to themselves.
 */

function mustLoad(data: unknown): Referential {
  const loaded = loadReferential(data);
  if (!loaded.ok) throw new Error(formatIssues(loaded.issues));
  return loaded.value;
}

const SAMPLE = mustLoad(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')));

/** A plain-JSON copy of the decompiled sample, to mutate. */
function sampleGraph(): Record<string, any> {
  return JSON.parse(JSON.stringify(decompile(SAMPLE))) as Record<string, any>;
}

/** Loads, expects a refusal, returns [code, path] of each issue after checking every message is French. */
function refused(data: unknown): Array<[string, string]> {
  const loaded = loadGraph(data);
  expect(loaded.ok).toBe(false);
  const issues: LoadIssue[] = loaded.ok ? [] : loaded.issues;
  for (const i of issues) {
    const message = issueMessage(i);
    expect(message.length).toBeGreaterThan(0);
    expect(message, message).not.toMatch(/\b(expected|received|invalid input|unrecognized)\b/i);
    expect(message, message).toMatch(/attendu|invalide|reconnue|récent|Trop|logigramme/i);
  }
  return issues.map((i) => [i.code, i.path]);
}

describe('formatVersion', () => {
  it('a newer format is refused, not guessed, and the message says to update', () => {
    const g = { ...sampleGraph(), formatVersion: GRAPH_FORMAT_VERSION + 1 };
    expect(refused(g)).toEqual([['format.version_newer', '$.formatVersion']]);
    const loaded = loadGraph(g);
    expect(loaded.ok ? null : loaded.issues[0]).toMatchObject({ code: 'format.version_newer', params: { document: 'graph' } });
  });
  it('a missing, zero, fractional or textual version is refused at $.formatVersion', () => {
    const missing = sampleGraph();
    delete missing.formatVersion;
    for (const g of [missing, { ...sampleGraph(), formatVersion: 0 }, { ...sampleGraph(), formatVersion: 1.5 }, { ...sampleGraph(), formatVersion: '1' }]) {
      expect(refused(g)).toEqual([['format.version_missing', '$.formatVersion']]);
    }
  });
  it('a document of another kind (a referential given as a graph) is refused at $.kind', () => {
    expect(refused({ ...sampleGraph(), kind: 'referentiel' })).toEqual([['schema.invalid_value', '$.kind']]);
    // The referential itself has no "kind", "nodes" of graph kinds, "edges" nor "layout".
    // (a format-1 referential, so that the format version alone does not refuse it first)
    const asGraph = refused({ ...JSON.parse(JSON.stringify(SAMPLE)), formatVersion: 1 });
    expect(asGraph).toContainEqual(['schema.invalid_value', '$.kind']);
    expect(asGraph).toContainEqual(['schema.invalid_type', '$.edges']);
  });
  it('anything but an object is refused at $', () => {
    for (const x of [null, [], 'logigramme', 42, true, undefined]) expect(refused(x)).toEqual([['format.not_object', '$']]);
  });
});

describe('nodes', () => {
  it('an unknown node kind is refused at its kind', () => {
    const g = sampleGraph();
    g.nodes[3] = { id: 'n-x', kind: 'decision', label: 'Décision' };
    expect(refused(g)).toEqual([['schema.invalid_union', '$.nodes[3].kind']]);
  });
  it('a node id with a space is refused at the id', () => {
    const g = sampleGraph();
    g.nodes[0].id = 'poste mécanicien';
    expect(refused(g)).toEqual([['schema.invalid_format', '$.nodes[0].id']]);
  });
  it('a field of another kind of node is refused (strict objects)', () => {
    const g = sampleGraph();
    const job = g.nodes.findIndex((n: { kind: string }) => n.kind === 'job');
    g.nodes[job].exposures = [];
    expect(refused(g)).toEqual([['schema.unrecognized_keys', `$.nodes[${job}]`]]);
  });
  it('a situation node with a bad exposure is refused at the exposure field', () => {
    const g = sampleGraph();
    const s = g.nodes.findIndex((n: { kind: string }) => n.kind === 'situation');
    g.nodes[s].exposures[0].duration.value = -1;
    expect(refused(g)).toEqual([['schema.too_small', `$.nodes[${s}].exposures[0].duration.value`]]);
  });
});

describe('edges', () => {
  const first = (g: Record<string, any>, kind: string) => g.edges.findIndex((e: { kind: string }) => e.kind === kind);
  it('an unknown edge kind is refused at its kind', () => {
    const g = sampleGraph();
    g.edges[1] = { id: 'e-lien', kind: 'link', source: 'mecanicien', target: 'carrosserie' };
    expect(refused(g)).toEqual([['schema.invalid_union', '$.edges[1].kind']]);
  });
  it('a weighting edge without share, or with a share over 100 %', () => {
    const g = sampleGraph();
    const w = first(g, 'weighting');
    delete g.edges[w].share;
    expect(refused(g)).toEqual([['schema.invalid_type', `$.edges[${w}].share`]]);
    const h = sampleGraph();
    h.edges[w].share = 150;
    expect(refused(h)).toEqual([['schema.too_big', `$.edges[${w}].share`]]);
  });
  it('a measure edge whose "applied" is not a boolean', () => {
    const g = sampleGraph();
    const m = first(g, 'measure');
    g.edges[m].applied = 'oui';
    expect(refused(g)).toEqual([['schema.invalid_type', `$.edges[${m}].applied`]]);
  });
  it('a branch edge with a malformed condition is refused at its condition', () => {
    const g = sampleGraph();
    const b = first(g, 'branch');
    g.edges[b].when = { is: 'oui' };
    const issues = refused(g);
    expect(issues).toHaveLength(1);
    expect(issues[0]![0]).toMatch(/^schema\./);
    expect(issues[0]![1]).toBe(`$.edges[${b}].when`);
  });
  it('an edge without target, with an extra key, or with a spaced id', () => {
    const g = sampleGraph();
    delete g.edges[1].target;
    g.edges[2].poids = 3;
    g.edges[3].id = 'arête 3';
    expect(refused(g)).toEqual([
      ['schema.invalid_type', '$.edges[1].target'],
      ['schema.unrecognized_keys', '$.edges[2]'],
      ['schema.invalid_format', '$.edges[3].id'],
    ]);
  });
  it('near miss: an edge to a node that does not exist loads (the checker reports it, located on the edge)', () => {
    const g = sampleGraph();
    g.edges.push({ id: 'e-nulle-part', kind: 'entry', source: 'carrosserie', target: 'ailleurs' });
    const loaded = loadGraph(g);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(checkGraph(loaded.value).findings.filter((f) => f.code === 'structure.dangling_edge').map((f) => f.element)).toEqual(['e-nulle-part']);
  });
});

describe('layout', () => {
  it('a missing layout, or a position that is not a number, is refused where it is', () => {
    const g = sampleGraph();
    delete g.layout;
    expect(refused(g)).toEqual([['schema.invalid_type', '$.layout']]);
    const h = sampleGraph();
    h.layout.nodes.mecanicien = { x: 'gauche', y: 0 };
    expect(refused(h)).toEqual([['schema.invalid_type', '$.layout.nodes.mecanicien.x']]);
  });
});

describe('JSON text', () => {
  it('a syntax error is located by line and column', () => {
    const loaded = loadGraphText('{\n  "formatVersion": 1,\n  "kind": "logigramme",\n  "nodes": [,]\n}');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.issues.map((i) => [i.code, i.path])).toEqual([['json.syntax', '$']]);
      // Line 4 is `  "nodes": [,]`; the comma is its 13th character.
      expect(loaded.issues[0]).toMatchObject({ line: 4, column: 13 });
    }
  });
  it('an empty text is refused, not thrown', () => {
    const loaded = loadGraphText('');
    expect(loaded.ok ? [] : loaded.issues.map((i) => i.code)).toEqual(['json.syntax']);
  });
  it('property: any JSON value, or a mutated sample, is loaded or refused with located issues — never thrown', () => {
    const sample = sampleGraph();
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.tuple(fc.nat(), fc.nat(), fc.jsonValue())), (input) => {
        let data: unknown = input;
        if (Array.isArray(input) && input.length === 3 && typeof input[0] === 'number' && typeof input[1] === 'number') {
          // Replace one field of one node or edge of the sample by an arbitrary JSON value.
          const g = structuredClone(sample);
          const list = input[0] % 2 === 0 ? g.nodes : g.edges;
          const item = list[input[1] % list.length] as Record<string, unknown>;
          const keys = Object.keys(item);
          item[keys[(input[0] >> 1) % keys.length]!] = input[2];
          data = g;
        }
        const loaded = loadGraph(data);
        if (!loaded.ok) {
          expect(loaded.issues.length).toBeGreaterThan(0);
          for (const i of loaded.issues) {
            expect(i.path.startsWith('$')).toBe(true);
            expect(typeof issueMessage(i)).toBe('string');
          }
        }
        expect(() => loadGraphText(JSON.stringify(data) ?? '')).not.toThrow();
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});

describe('decompiled samples load back to themselves', () => {
  const cases: Array<[string, Referential]> = [
    ['exemple-atelier', SAMPLE],
    ['the checker fixture', baseReferential()],
    ['a generated referential (2 jobs × 3 tasks)', generateReferential({ jobs: 2, tasks: 3, seed: 5 })],
  ];
  for (const [name, r] of cases) {
    it(`${name}: as an object, as text, and laid out`, async () => {
      const graph = decompile(r);
      const a = loadGraph(graph);
      expect(a.ok ? a.value : a.issues).toEqual(graph);
      const laidOut = await withLayout(graph);
      const b = loadGraphText(`\uFEFF${JSON.stringify(laidOut, null, 2)}`);
      expect(b.ok ? b.value : b.issues).toEqual(laidOut);
    });
  }
  it('defaults are filled in: scenarios [] and direction RIGHT', () => {
    const g = sampleGraph();
    delete g.referential.scenarios;
    delete g.layout.direction;
    const loaded = loadGraph(g);
    expect(loaded.ok).toBe(true);
    const value = loaded.ok ? loaded.value : ({} as GraphDocument);
    expect(value.referential.scenarios).toEqual([]);
    expect(value.layout.direction).toBe('RIGHT');
  });
  it('loading copies: the caller’s object is never changed', () => {
    const g = sampleGraph();
    const before = JSON.stringify(g);
    const loaded = loadGraph(g);
    expect(loaded.ok).toBe(true);
    expect(JSON.stringify(g)).toBe(before);
    if (loaded.ok) expect(loaded.value).not.toBe(g);
  });
});
