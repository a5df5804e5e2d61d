import { describe, expect, it } from 'vitest';
import {
  applyResolutions,
  baseOfGraph,
  baseOfReferential,
  compile,
  contentHash,
  decompile,
  exportableGraph,
  findCommonBase,
  GRAPH_FORMAT_VERSION,
  graphHash,
  loadReferential,
  mergeReferentials,
  type GraphDocument,
  type Referential,
} from '../src/core/index.ts';
import { mergeBase } from './support/merge-edits.ts';
import { commonBaseMessage } from '../src/present/merge.ts';

/*
 * Where a logigramme started from (the `base` it records on export), how the common base of two
 * copies is found among stored versions and snapshots, and the merge of portable referentials.
 */

const G = mergeBase();
const V1: Referential = (() => {
  const loaded = loadReferential(compile(G).referential);
  if (!loaded.ok) throw new Error('sample does not compile');
  return loaded.value;
})();
const copy = (g: GraphDocument, change: (x: GraphDocument) => void): GraphDocument => {
  const x = structuredClone(g);
  change(x);
  return x;
};

describe('the recorded base', () => {
  it('graphHash fingerprints a snapshot: comments and the recorded base aside, layout included', () => {
    expect(graphHash(copy(G, (x) => (x.comments = [])))).toBe(graphHash(G));
    expect(graphHash(copy(G, (x) => delete x.base))).toBe(graphHash(G));
    expect(graphHash(copy(G, (x) => (x.layout.nodes.mecanicien = { x: 1, y: 1 })))).not.toBe(graphHash(G));
  });

  it('a stored version is named by id, version and content hash; a snapshot also by its graph hash', () => {
    expect(baseOfReferential(V1)).toEqual({ id: 'exemple-atelier', version: '1.0.0', contentHash: contentHash(V1) });
    expect(baseOfGraph(G)).toEqual({ id: 'exemple-atelier', version: '1.0.0', contentHash: contentHash(V1), snapshot: graphHash(G) });
  });

  it('an exported logigramme records where it started, at the current format version', () => {
    const old = { ...structuredClone(G), formatVersion: 1 } as unknown as GraphDocument;
    delete old.base;
    const exported = exportableGraph(old, baseOfReferential(V1));
    expect(exported.formatVersion).toBe(GRAPH_FORMAT_VERSION);
    expect(exported.base).toEqual(baseOfReferential(V1));
    expect(exportableGraph(exported).base).toEqual(baseOfReferential(V1));
    expect(exportableGraph(old)).not.toHaveProperty('base');
  });
});

describe('findCommonBase', () => {
  const fromV1 = copy(G, (x) => (x.base = baseOfReferential(V1)));
  const ours = copy(fromV1, (x) => (x.nodes[0] = { ...x.nodes[0]!, label: 'Ours' } as GraphDocument['nodes'][number]));
  const theirs = copy(fromV1, (x) => (x.nodes[1] = { ...x.nodes[1]!, label: 'Theirs' } as GraphDocument['nodes'][number]));

  it('both started from a stored version: that version, as a logigramme', () => {
    const found = findCommonBase(ours, theirs, [{ ...V1, identity: { ...V1.identity, version: '0.9.0' } }, V1]);
    expect(found).toMatchObject({ found: true, how: 'recorded', candidate: 1 });
    expect(found.found && compile(found.base).referential).toEqual(compile(decompile(V1)).referential);
  });

  it('one copy started from the other: the other is the base', () => {
    const later = copy(ours, (x) => (x.base = baseOfGraph(ours)));
    expect(findCommonBase(ours, later, [])).toMatchObject({ found: true, how: 'ancestor', base: ours });
    expect(findCommonBase(later, ours, [])).toMatchObject({ found: true, how: 'ancestor', base: ours });
  });

  it('ancestry is followed through snapshots kept with the draft', () => {
    const snapshot = copy(fromV1, (x) => (x.nodes[2] = { ...x.nodes[2]!, label: 'Snapshot' } as GraphDocument['nodes'][number]));
    const fromSnapshot = copy(snapshot, (x) => {
      x.base = baseOfGraph(snapshot);
      x.referential.identity.title = 'Après la copie';
    });
    const found = findCommonBase(fromSnapshot, theirs, [snapshot, V1]);
    expect(found).toMatchObject({ found: true, how: 'recorded', candidate: 1 });
    // Both from the snapshot: the snapshot itself, layout and notes included.
    expect(findCommonBase(fromSnapshot, copy(fromSnapshot, (x) => (x.referential.regulation = '2017-10-01')), [V1, snapshot])).toMatchObject({ found: true, candidate: 1, base: snapshot });
  });

  it('says why not: another referential, no recorded base, a base not available, no common base', () => {
    expect(findCommonBase(ours, copy(theirs, (x) => (x.referential.id = 'autre')), [V1])).toMatchObject({ found: false, reason: 'other_referential' });
    const none = copy(ours, (x) => delete x.base);
    expect(findCommonBase(none, copy(theirs, (x) => delete x.base), [V1])).toMatchObject({ found: false, reason: 'no_base_recorded' });
    const missing = findCommonBase(ours, theirs, []);
    expect(missing).toMatchObject({ found: false, reason: 'base_missing', missing: baseOfReferential(V1) });
    expect(missing.found ? '' : commonBaseMessage(missing)).toMatch(/^La version de départ commune \(exemple-atelier 1\.0\.0, empreinte sha256:/);
    const elsewhere = copy(theirs, (x) => (x.base = { ...baseOfReferential(V1), version: '0.5.0', contentHash: 'sha256:autre' }));
    expect(findCommonBase(ours, elsewhere, [V1])).toMatchObject({ found: false, reason: 'no_common_base' });
  });
});

describe('mergeReferentials', () => {
  const rename = (r: Referential, label: string): Referential => ({ ...r, jobs: r.jobs.map((j) => ({ ...j, tasks: j.tasks.map((t) => (t.id === 'carrosserie' ? { ...t, label } : t)) })) });
  const duration = (r: Referential, value: number): Referential => ({
    ...r,
    situations: r.situations.map((s) => (s.id === 's-nuit-fixe' ? { ...s, exposures: s.exposures.map((e) => ({ ...e, duration: { value, unit: e.duration!.unit } })) } : s)),
  });
  const withHash = (r: Referential) => ({ ...r, contentHash: contentHash(r) });

  it('merges through the logigrammes and compiles back: both changes, a referential that loads, no stale hash', () => {
    const merged = mergeReferentials(withHash(V1), withHash(rename(V1, 'Carrosserie')), withHash(duration(V1, 120)));
    expect(merged.conflicts).toEqual([]);
    expect(merged.problems).toEqual([]);
    expect(merged.document).not.toHaveProperty('contentHash');
    expect(merged.document).toEqual(duration(rename(V1, 'Carrosserie'), 120));
    expect(mergeReferentials(V1, rename(V1, 'X'), V1).document).toEqual(rename(V1, 'X'));
  });

  it('a conflict names the element by its label, and is decided the same way', () => {
    const merged = mergeReferentials(V1, duration(V1, 105), duration(V1, 120));
    expect(merged.conflicts.map((c) => [c.id, c.element.label])).toEqual([['node:s-nuit-fixe:exposures[night_work/night]:duration', 'Poste de nuit fixe']]);
    expect(merged.document).toEqual(duration(V1, 105));
    const resolved = applyResolutions(merged, { [merged.conflicts[0]!.id]: 'theirs' });
    expect(resolved.document).toEqual(duration(V1, 120));
    expect(resolved.problems).toEqual([]);
  });
});
