import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentHash, decompile, loadGraphText, loadReferential, loadReferentialText, type GraphDocument } from '../src/core/index.ts';
import { layoutGraph } from '../src/core/layout.ts';
import { verifyPublicationLog, type LifecycleCommand } from '../src/core/lifecycle/index.ts';
import {
  applyTransition,
  createDraft,
  draftFromStored,
  expireStoredVersions,
  exportBackup,
  exportCheckReport,
  exportGraph,
  exportReferential,
  importBackup,
  importDraftText,
  importReferentialText,
  LogigrammeDb,
  openDraft,
  PUBLICATION_LOG_KEY,
  readPublicationLog,
  publishVersion,
  revisionOf,
  saveDraftGraph,
  startNewVersion,
  versionHistory,
} from '../src/storage/index.ts';
import { openOrCreateDraft } from '../src/ui/editor/persistence.ts';
import { issueMessage } from '../src/present/issues.ts';

/*
 * Drafts, their lifecycle as persisted, published snapshots, imports into a draft, exports and the
 * whole-database backup — over fake-indexeddb, one fresh database per test.
 */

const ROOT = join(import.meta.dirname, '..');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8');
const OLD_SAMPLE_TEXT = readFileSync(join(ROOT, 'referentials', 'fp2e-eau.json'), 'utf8');
const NOW = () => '2026-01-15T10:00:00.000+01:00';

let counter = 0;
const opened: LogigrammeDb[] = [];
function freshDb(): LogigrammeDb {
  const db = new LogigrammeDb(`drafts-test-${++counter}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  const dbs = opened.splice(0);
  for (const db of dbs) db.close();
  for (const db of dbs) await db.delete();
});

const signed = (at: string, author = 'Claire Martin', note = '') => ({ at, author, note });
const review: LifecycleCommand = { type: 'review.request', ...signed('2026-01-20T09:00:00+01:00') };
const submit: LifecycleCommand = { type: 'submit', ...signed('2026-02-01T09:00:00+01:00') };
const homologate = (arreteDate = '2026-06-01', at = '2026-06-10T09:00:00+02:00'): LifecycleCommand => ({ type: 'homologate', arreteDate, arreteReference: 'Arrêté du 1er juin 2026', ...signed(at) });

/** The sample stored as a published file, and a draft started from it (version 1.1.0). */
async function sampleDraft(db: LogigrammeDb) {
  await importReferentialText(db, SAMPLE_TEXT, NOW);
  const created = await draftFromStored(db, 'exemple-atelier@1.0.0', NOW, { layout: layoutGraph });
  if (created.kind !== 'created') throw new Error(created.kind);
  return created.record;
}

async function snapshot(db: LogigrammeDb) {
  return { referentials: await db.referentials.toArray(), drafts: await db.drafts.toArray(), meta: await db.meta.toArray() };
}

describe('creating and saving drafts', () => {
  it('creates an empty logigramme with the identity, the latest regulation and the default working year', async () => {
    const db = freshDb();
    const outcome = await createDraft(db, { id: 'btp-chantiers', title: 'Chantiers du BTP', branch: 'Bâtiment', idcc: '1597', authors: ['FFB'] }, NOW);
    expect(outcome.kind).toBe('created');
    const record = await openDraft(db, 'btp-chantiers');
    expect(record?.graph.referential).toEqual({
      id: 'btp-chantiers',
      identity: { branch: 'Bâtiment', title: 'Chantiers du BTP', idcc: '1597', version: '1.0.0', status: 'draft', authors: ['FFB'], created: '2026-01-15' },
      regulation: '2023-09-01',
      workingYear: { annualHours: 1607, workingDays: 228 },
      factors: { retained: [], excluded: [] },
      questions: [],
      measures: [],
      scenarios: [],
    });
    expect(record?.graph.nodes).toEqual([]);
    expect(record?.lifecycle).toEqual({ state: 'draft', transitions: [] });
    expect(record?.updatedAt).toBe(NOW());
  });

  it('refuses an invalid identity or a taken id, storing nothing', async () => {
    const db = freshDb();
    const invalid = await createDraft(db, { id: 'pas d’espace', title: ' ', branch: 'B' }, NOW);
    expect(invalid.kind).toBe('invalid');
    if (invalid.kind === 'invalid') expect(invalid.issues.map((i) => i.path)).toEqual(['$.referential.id', '$.referential.identity.title']);
    expect(await db.drafts.count()).toBe(0);
    await createDraft(db, { id: 'a', title: 'A', branch: 'B' }, NOW);
    expect((await createDraft(db, { id: 'a', title: 'A2', branch: 'B' }, NOW)).kind).toBe('exists');
    await importReferentialText(db, SAMPLE_TEXT, NOW);
    expect(await createDraft(db, { id: 'exemple-atelier', title: 'X', branch: 'B' }, NOW)).toEqual({ kind: 'exists', by: 'referential' });
  });

  it('autosaves the whole record while a draft, and refuses once it is under review', async () => {
    const db = freshDb();
    const draft = await sampleDraft(db);
    const edited: GraphDocument = { ...draft.graph, nodes: draft.graph.nodes.map((n) => (n.id === 'mecanicien' && n.kind === 'job' ? { ...n, label: 'Mécanicien agricole' } : n)) };
    const saved = await saveDraftGraph(db, draft.id, edited, { baseRevision: revisionOf(draft), now: () => '2026-01-16T08:00:00.000Z' });
    expect(saved.kind).toBe('saved');
    expect((await openDraft(db, draft.id))?.updatedAt).toBe('2026-01-16T08:00:00.000Z');
    expect((await openDraft(db, draft.id))?.graph.nodes.find((n) => n.id === 'mecanicien')).toMatchObject({ label: 'Mécanicien agricole' });
    await applyTransition(db, draft.id, review);
    const locked = await saveDraftGraph(db, draft.id, draft.graph, { baseRevision: revisionOf((await openDraft(db, draft.id))!) });
    expect(locked).toEqual({ kind: 'refused', reasons: [{ code: 'lifecycle.locked_in_review', params: { state: 'in_review' } }] });
    expect(await saveDraftGraph(db, 'inconnu', draft.graph, { baseRevision: 0 })).toEqual({ kind: 'missing' });
  });
});

describe('a draft from a stored version', () => {
  it('lays the decompiled graph out with the layout function it is given (the editor’s Web Worker)', async () => {
    const db = freshDb();
    await importReferentialText(db, SAMPLE_TEXT, NOW);
    const seen: GraphDocument[] = [];
    const layout = async (graph: GraphDocument) => {
      seen.push(graph);
      return Object.fromEntries(graph.nodes.map((n, i) => [n.id, { x: i * 10, y: 7 }]));
    };
    const created = await draftFromStored(db, 'exemple-atelier@1.0.0', NOW, { layout });
    if (created.kind !== 'created') throw new Error(created.kind);
    expect(seen).toHaveLength(1);
    // It received the decompiled graph, without positions, and its positions are the draft's.
    expect(seen[0]!.layout.nodes).toEqual({});
    expect(seen[0]!.nodes.map((n) => n.id)).toEqual(created.record.graph.nodes.map((n) => n.id));
    const positions = Object.values(created.record.graph.layout.nodes);
    expect(positions.length).toBe(created.record.graph.nodes.length);
    expect(positions.every((p) => p.y === 7)).toBe(true);
    expect(created.record.graph.referential.identity.version).toBe('1.1.0');
  });

  it('a referential file imported into a draft is laid out with the layout function it is given', async () => {
    const db = freshDb();
    const seen: GraphDocument[] = [];
    const layout = async (graph: GraphDocument) => {
      seen.push(graph);
      return Object.fromEntries(graph.nodes.map((n) => [n.id, { x: 1, y: 2 }]));
    };
    const outcome = await importDraftText(db, SAMPLE_TEXT, { now: NOW, layout });
    expect(outcome.kind).not.toBe('invalid');
    expect(seen).toHaveLength(1);
    const draft = await db.drafts.get('exemple-atelier');
    expect(Object.values(draft!.graph.layout.nodes).every((p) => p.x === 1 && p.y === 2)).toBe(true);
  });

  it('lays out with layoutGraph in Node', async () => {
    const db = freshDb();
    const record = await sampleDraft(db);
    const xs = new Set(Object.values(record.graph.layout.nodes).map((p) => p.x));
    expect(xs.size).toBeGreaterThan(2);
  });

  it('the editor’s opening says when it lays out a stored version, and passes its layout along', async () => {
    const db = freshDb();
    await importReferentialText(db, SAMPLE_TEXT, NOW);
    const stages: string[] = [];
    let calls = 0;
    const layout = async (graph: GraphDocument) => {
      calls++;
      return Object.fromEntries(graph.nodes.map((n) => [n.id, { x: 1, y: 2 }]));
    };
    const record = await openOrCreateDraft(db, 'exemple-atelier', NOW, { layout, onStage: (s) => stages.push(s) });
    expect(stages).toEqual(['layout']);
    expect(calls).toBe(1);
    expect(record.graph.layout.nodes[record.graph.nodes[0]!.id]).toEqual({ x: 1, y: 2 });
    // Opened again: the stored draft, no layout.
    await openOrCreateDraft(db, 'exemple-atelier', NOW, { layout, onStage: (s) => stages.push(s) });
    expect(stages).toEqual(['layout']);
    expect(calls).toBe(1);
  });
});

describe('the lifecycle, persisted', () => {
  it('records every transition and publishes immutable snapshots on submission and homologation', async () => {
    const db = freshDb();
    const draft = await sampleDraft(db);
    expect(draft.graph.referential.identity.version).toBe('1.1.0');

    const inReview = await applyTransition(db, draft.id, review);
    expect(inReview.kind).toBe('applied');
    expect(await db.referentials.get('exemple-atelier@1.1.0')).toBeUndefined();

    const submitted = await applyTransition(db, draft.id, submit);
    if (submitted.kind !== 'applied') throw new Error(submitted.kind);
    expect(submitted.published?.kind).toBe('stored');
    const filed = await db.referentials.get('exemple-atelier@1.1.0');
    expect(filed).toMatchObject({ status: 'submitted', version: '1.1.0', source: 'published' });
    // The stored document states its own hash, which loads and verifies.
    const filedDoc = loadReferential(filed!.document);
    expect(filedDoc.ok && filedDoc.value.contentHash).toBe(filed!.contentHash);
    expect(filed!.contentHash).toBe(contentHash(filedDoc.ok ? filedDoc.value : {}));

    const homologated = await applyTransition(db, draft.id, homologate());
    if (homologated.kind !== 'applied') throw new Error(homologated.kind);
    expect(homologated.published).toMatchObject({ kind: 'homologated', submittedHash: filed!.contentHash });
    const record = await db.referentials.get('exemple-atelier@1.1.0');
    expect(record?.status).toBe('homologated');
    // The content hash leaves out status and homologation: the homologated version has the filed hash.
    expect(record?.contentHash).toBe(filed!.contentHash);
    expect((record?.document as any).identity.homologation).toEqual({ arreteDate: '2026-06-01', arreteReference: 'Arrêté du 1er juin 2026', expires: '2031-06-01' });

    const stored = await openDraft(db, draft.id);
    expect(stored?.lifecycle.state).toBe('homologated');
    expect(stored?.lifecycle.homologation?.expires).toBe('2031-06-01');
    expect(stored?.lifecycle.transitions.map((t) => [t.from, t.to, t.at, t.author])).toEqual([
      ['draft', 'in_review', '2026-01-20T09:00:00+01:00', 'Claire Martin'],
      ['in_review', 'submitted', '2026-02-01T09:00:00+01:00', 'Claire Martin'],
      ['submitted', 'homologated', '2026-06-10T09:00:00+02:00', 'Claire Martin'],
    ]);
    // The publication log: one chained entry per stored snapshot, with its author and, once homologated, the arrêté.
    const chain = verifyPublicationLog(await readPublicationLog(db));
    expect(chain.breaks).toEqual([]);
    expect(chain.entries.map((e) => [e?.action, e?.key, e?.from, e?.to, e?.contentHash, e?.at, e?.author])).toEqual([
      ['publish', 'exemple-atelier@1.1.0', null, 'submitted', filed!.contentHash, '2026-02-01T09:00:00+01:00', 'Claire Martin'],
      ['publish', 'exemple-atelier@1.1.0', 'submitted', 'homologated', record!.contentHash, '2026-06-10T09:00:00+02:00', 'Claire Martin'],
    ]);
    expect(chain.entries[1]?.homologation).toEqual({ arreteDate: '2026-06-01', arreteReference: 'Arrêté du 1er juin 2026', expires: '2031-06-01' });
    expect(chain.entries[1]?.previous).toBe(chain.entries[0]?.hash);

    // Frozen: no edit, no second homologation.
    expect((await saveDraftGraph(db, draft.id, stored!.graph, { baseRevision: revisionOf(stored!) })).kind).toBe('refused');
    expect((await applyTransition(db, draft.id, homologate())).kind).toBe('refused');
  });

  it('refuses to go to review with an error-level finding, changing nothing', async () => {
    const db = freshDb();
    const draft = await sampleDraft(db);
    const broken = structuredClone(draft.graph);
    broken.referential.factors.excluded[0]!.justification = '';
    await saveDraftGraph(db, draft.id, broken, { baseRevision: revisionOf(draft) });
    const before = await snapshot(db);
    const outcome = await applyTransition(db, draft.id, review);
    expect(outcome.kind).toBe('refused');
    if (outcome.kind === 'refused') expect(outcome.reasons.map((r) => r.code)).toEqual(['lifecycle.check_errors']);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses to publish over a stored version with another hash: the submission does not happen', async () => {
    const db = freshDb();
    const draft = await sampleDraft(db);
    // Someone stored another 1.1.0 meanwhile (an imported file).
    const other = JSON.parse(SAMPLE_TEXT);
    other.identity.version = '1.1.0';
    other.identity.title = 'Une autre 1.1.0';
    expect((await importReferentialText(db, JSON.stringify(other), NOW)).kind).toBe('stored');
    await applyTransition(db, draft.id, review);
    const before = await snapshot(db);
    const outcome = await applyTransition(db, draft.id, submit);
    expect(outcome.kind).toBe('not_published');
    if (outcome.kind === 'not_published') expect(outcome.outcome.kind).toBe('conflict');
    expect(await snapshot(db)).toEqual(before);
    // Publishing the same content twice is harmless.
    const graph = (await openDraft(db, draft.id))!.graph;
    const g2 = { ...graph, referential: { ...graph.referential, identity: { ...graph.referential.identity, version: '1.2.0', status: 'submitted' as const } } };
    expect((await publishVersion(db, g2, NOW())).kind).toBe('stored');
    expect((await publishVersion(db, g2, NOW())).kind).toBe('unchanged');
  });

  it('a version returned after submission stays filed; the draft continues as the next patch', async () => {
    const db = freshDb();
    const draft = await sampleDraft(db);
    await applyTransition(db, draft.id, review);
    await applyTransition(db, draft.id, submit);
    const back = await applyTransition(db, draft.id, { type: 'review.return', ...signed('2026-03-01T09:00:00+01:00', 'DGT', 'Justifier l’exclusion des vibrations.') });
    if (back.kind !== 'applied') throw new Error(back.kind);
    expect(back.record.graph.referential.identity.version).toBe('1.1.1');
    expect(back.record.lifecycle.reviewNote).toBe('Justifier l’exclusion des vibrations.');
    expect((await db.referentials.get('exemple-atelier@1.1.0'))?.status).toBe('submitted');
    await applyTransition(db, draft.id, review);
    const again = await applyTransition(db, draft.id, submit);
    expect(again.kind === 'applied' && again.published?.kind).toBe('stored');
    expect((await versionHistory(db, draft.id)).map((v) => [v.version, v.status])).toEqual([
      ['1.1.1', 'submitted'],
      ['1.1.0', 'submitted'],
      ['1.0.0', 'draft'],
    ]);
  });

  it('starts a new version from the homologated one; its homologation supersedes the older one', async () => {
    const db = freshDb();
    const draft = await sampleDraft(db);
    for (const c of [review, submit, homologate()]) expect((await applyTransition(db, draft.id, c)).kind).toBe('applied');

    const next = await startNewVersion(db, draft.id, { ...signed('2030-09-01T09:00:00+02:00', 'Claire Martin', 'Réévaluation avant échéance') });
    if (next.kind !== 'applied') throw new Error(next.kind);
    expect(next.record.graph.referential.identity).toMatchObject({ version: '1.2.0', status: 'draft' });
    expect(next.record.graph.referential.identity.homologation).toBeUndefined();
    expect(next.record.lifecycle.state).toBe('draft');
    // The homologated snapshot is untouched.
    expect((await db.referentials.get('exemple-atelier@1.1.0'))?.status).toBe('homologated');

    for (const c of [
      { ...review, at: '2030-10-01T09:00:00+02:00' },
      { ...submit, at: '2030-10-15T09:00:00+02:00' },
      homologate('2031-01-10', '2031-01-20T09:00:00+01:00'),
    ]) {
      expect((await applyTransition(db, draft.id, c)).kind).toBe('applied');
    }
    expect((await db.referentials.get('exemple-atelier@1.1.0'))?.status).toBe('superseded');
    const history = await versionHistory(db, draft.id);
    expect(history.map((v) => [v.version, v.status])).toEqual([
      ['1.2.0', 'homologated'],
      ['1.1.0', 'superseded'],
      ['1.0.0', 'draft'],
    ]);
    expect(history[1]!.publications.at(-1)).toMatchObject({ action: 'status', from: 'homologated', to: 'superseded', at: '2031-01-20T09:00:00+01:00', by: '1.2.0', author: 'Claire Martin' });
    expect(history[0]!.homologation).toEqual({ arreteDate: '2031-01-10', arreteReference: 'Arrêté du 1er juin 2026', expires: '2036-01-10' });

    // A major version on request.
    const major = await startNewVersion(db, draft.id, { ...signed('2032-01-01T09:00:00+01:00'), bump: 'major' });
    expect(major.kind === 'applied' && major.record.graph.referential.identity.version).toBe('2.0.0');
  });

  it('expires on the expiry date: the draft and the stored version', async () => {
    const db = freshDb();
    const draft = await sampleDraft(db);
    for (const c of [review, submit, homologate()]) await applyTransition(db, draft.id, c);
    const early = await applyTransition(db, draft.id, { type: 'expire', ...signed('2031-05-31T23:00:00+02:00') });
    expect(early.kind === 'refused' && early.reasons).toEqual([{ code: 'lifecycle.not_expired', params: { expires: '2031-06-01' } }]);
    expect(await expireStoredVersions(db, draft.id, '2031-05-31T23:00:00+02:00')).toEqual([]);
    const expired = await applyTransition(db, draft.id, { type: 'expire', ...signed('2031-06-01T08:00:00+02:00') });
    expect(expired.kind).toBe('applied');
    expect((await db.referentials.get('exemple-atelier@1.1.0'))?.status).toBe('expired');
  });
});

describe('importing into a draft', () => {
  it('imports a logigramme file as it is', async () => {
    const db = freshDb();
    const graphText = readFileSync(join(ROOT, 'referentials', 'fp2e-eau.graph.json'), 'utf8');
    const outcome = await importDraftText(db, graphText, { now: NOW, layout: layoutGraph });
    if (outcome.kind !== 'imported') throw new Error(outcome.kind);
    const expected = loadGraphText(graphText);
    expect(expected.ok && outcome.record.graph).toEqual(expected.ok && expected.value);
    expect(outcome.replaced).toBe(false);
  });

  it('imports a referential file as a laid-out logigramme, as a draft, renumbered when its version is stored', async () => {
    const db = freshDb();
    await importReferentialText(db, SAMPLE_TEXT, NOW);
    const homologatedFile = JSON.parse(SAMPLE_TEXT);
    homologatedFile.identity.status = 'homologated';
    homologatedFile.identity.homologation = { arreteDate: '2026-06-01', arreteReference: 'Arrêté' };
    const outcome = await importDraftText(db, JSON.stringify(homologatedFile), { now: NOW, layout: layoutGraph });
    if (outcome.kind !== 'imported') throw new Error(outcome.kind);
    expect(outcome.renumbered).toEqual({ from: '1.0.0', to: '1.1.0' });
    expect(outcome.statusReset).toBe('homologated');
    const identity = outcome.record.graph.referential.identity;
    expect(identity).toMatchObject({ version: '1.1.0', status: 'draft' });
    expect(identity.homologation).toBeUndefined();
    expect(Object.keys(outcome.record.graph.layout.nodes).length).toBe(outcome.record.graph.nodes.length);
    // A second import without `replace` does not overwrite the draft; with it, it does.
    expect((await importDraftText(db, SAMPLE_TEXT, { now: NOW, layout: layoutGraph })).kind).toBe('exists');
    expect((await importDraftText(db, SAMPLE_TEXT, { now: NOW, replace: true, layout: layoutGraph })).kind).toBe('imported');
  });

  it('refuses a broken file with located errors, another referential, or a draft under review — storing nothing', async () => {
    const db = freshDb();
    const syntax = await importDraftText(db, '{ "kind": "logigramme",', { now: NOW, layout: layoutGraph });
    expect(syntax.kind === 'invalid' && syntax.issues[0]).toMatchObject({ code: 'json.syntax', line: 1 });
    const broken = JSON.parse(SAMPLE_TEXT);
    broken.jobs[0].tasks[0].entry = 'nulle-part';
    const invalid = await importDraftText(db, JSON.stringify(broken), { now: NOW, layout: layoutGraph });
    expect(invalid.kind === 'invalid' && invalid.issues.map((i) => i.path)).toContain('$.jobs[0].tasks[0].entry');
    const graph = JSON.parse(readFileSync(join(ROOT, 'referentials', 'fp2e-eau.graph.json'), 'utf8'));
    graph.nodes[0].kind = 'inconnu';
    const badGraph = await importDraftText(db, JSON.stringify(graph), { now: NOW, layout: layoutGraph });
    expect(badGraph.kind === 'invalid' && badGraph.issues[0]!.path).toMatch(/^\$\.nodes\[0\]/);
    expect(await importDraftText(db, SAMPLE_TEXT, { expectedId: 'autre', now: NOW, layout: layoutGraph })).toEqual({ kind: 'mismatch', expected: 'autre', found: 'exemple-atelier' });
    expect(await db.drafts.count()).toBe(0);

    await importDraftText(db, SAMPLE_TEXT, { now: NOW, layout: layoutGraph });
    await applyTransition(db, 'exemple-atelier', review);
    expect(await importDraftText(db, SAMPLE_TEXT, { now: NOW, replace: true, layout: layoutGraph })).toEqual({ kind: 'locked', state: 'in_review' });
  });
});

describe('exports', () => {
  it('exports the graph (imports back), the compiled referential with its hash, and the check report', async () => {
    const db = freshDb();
    const draft = await sampleDraft(db);
    const graphFile = exportGraph(draft.graph);
    expect(graphFile.name).toBe('exemple-atelier-1.1.0.graph.json');
    const back = loadGraphText(graphFile.text);
    expect(back.ok && back.value).toEqual(draft.graph);

    const refFile = exportReferential(draft.graph);
    expect(refFile.name).toBe('exemple-atelier-1.1.0.json');
    const loaded = loadReferentialText(refFile.text);
    expect(loaded.ok).toBe(true);
    expect(JSON.parse(refFile.text).contentHash).toBe(loaded.ok && contentHash(loaded.value));

    const { json, markdown } = exportCheckReport(draft.graph, '2026-01-15T10:00:00+01:00');
    const report = JSON.parse(json.text);
    expect(report).toMatchObject({ kind: 'logigramme-check-report', counts: { error: 0 }, referential: { id: 'exemple-atelier', version: '1.1.0', contentHash: JSON.parse(refFile.text).contentHash } });
    expect(report.scenarios).toHaveLength(5);
    expect(report.whatIf).toBeUndefined();
    expect(markdown.name).toBe('exemple-atelier-1.1.0.verification.md');
    expect(markdown.text).toContain('# Rapport de vérification — Atelier de maintenance — référentiel d’exemple');
    expect(markdown.text).toContain('**Bilan : 0 erreur,');
    expect(markdown.text).toContain('5 sur 5 réussis.');
  });

  it('reports the what-if against 2023-09-01 for a referential on an older regulation version', () => {
    const loaded = loadReferentialText(OLD_SAMPLE_TEXT);
    if (!loaded.ok) throw new Error('fp2e does not load');
    const { json, markdown } = exportCheckReport(decompile(loaded.value), '2026-01-15T10:00:00+01:00');
    expect(JSON.parse(json.text).whatIf).toMatchObject({ from: '2016-07-01', to: '2023-09-01' });
    expect(markdown.text).toMatch(/## Comparaison avec la version réglementaire/);
  });
});

describe('backup', () => {
  async function populated() {
    const db = freshDb();
    const draft = await sampleDraft(db);
    await applyTransition(db, draft.id, review);
    await applyTransition(db, draft.id, submit);
    await db.companies.put({ id: 'c1', profile: { name: 'Garage Dupont' }, year: 2025, answers: { 'q-activite': 'atelier' }, measures: [], updatedAt: NOW() });
    await db.staff.put({ key: 'c1@2025', companyId: 'c1', year: 2025, employees: [{ id: 'E1', annualHours: 1607, contract: {}, jobs: [{ job: 'mecanicien', share: 100 }] }], updatedAt: NOW() });
    await db.evaluations.put({ key: 'c1@2025', companyId: 'c1', year: 2025, referentialKey: 'exemple-atelier@1.0.0', contentHash: 'sha256:x', results: { n: 1 }, evaluatedAt: NOW() });
    await db.meta.put({ key: 'persistenceRequested', value: { granted: true } });
    return db;
  }

  it('exports everything to one file and restores it into another database', async () => {
    const source = await populated();
    const backup = await exportBackup(source, NOW);
    expect(backup.counts).toEqual({ referentials: 2, drafts: 1, companies: 1, staff: 1, evaluations: 1, meta: 1, versionComments: 0, declarations: 0, actionPlans: 0 });
    const file = JSON.parse(backup.text);
    expect(file).toMatchObject({ format: 'logigramme-backup', formatVersion: 1, exportedAt: NOW(), databaseVersion: 7 });
    // The browser's own persistence flag is not data.
    expect(file.tables.meta.map((m: { key: string }) => m.key)).not.toContain('persistenceRequested');

    // A database not opened yet learns its schema version first.
    const unopened = freshDb();
    expect(await importBackup(unopened, backup.text)).toMatchObject({ ok: true, counts: backup.counts });

    const target = freshDb();
    await importDraftText(target, OLD_SAMPLE_TEXT, { now: NOW, layout: layoutGraph });
    await target.meta.put({ key: 'persistenceRequested', value: { granted: false } });
    const restored = await importBackup(target, backup.text);
    expect(restored).toEqual({ ok: true, counts: backup.counts, head: (await readPublicationLog(source)).head });
    for (const table of ['referentials', 'drafts', 'companies', 'staff', 'evaluations'] as const) {
      expect(await target[table].toArray()).toEqual(await source[table].toArray());
    }
    expect((await target.drafts.toArray()).map((d) => d.id)).toEqual(['exemple-atelier']);
    // The target browser keeps its own persistence flag.
    expect((await target.meta.toArray()).map((m) => m.key).sort()).toEqual(['persistenceRequested', PUBLICATION_LOG_KEY]);
    expect((await target.meta.get('persistenceRequested'))?.value).toEqual({ granted: false });
  });

  it('validates the whole file first: located errors, nothing changed', async () => {
    const source = await populated();
    const good = JSON.parse((await exportBackup(source, NOW)).text);
    const bad = structuredClone(good);
    bad.tables.referentials[0].document.identity.title = 'Modifié en douce';
    bad.tables.drafts[0].graph.nodes[0].id = 'un id invalide';
    bad.tables.drafts[0].lifecycle.state = 'approuvé';
    bad.tables.staff[0].employees[0].annualHours = -1;
    bad.tables.companies.push(bad.tables.companies[0]);

    const target = freshDb();
    await sampleDraft(target);
    const before = await snapshot(target);
    const outcome = await importBackup(target, JSON.stringify(bad));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      const paths = outcome.issues.map((i) => i.path);
      expect(paths).toContain('$.tables.referentials[0].contentHash');
      expect(paths).toContain('$.tables.drafts[0].lifecycle.state');
      expect(paths).toContain('$.tables.staff[0].employees[0].annualHours');
      expect(paths).toContain('$.tables.companies[1]');
      expect(issueMessage(outcome.issues.find((i) => i.code === 'backup.hash_mismatch')!)).toMatch(/le document a été modifié/);
    }
    expect(await snapshot(target)).toEqual(before);

    // Graph errors are located inside the draft record.
    const badGraph = structuredClone(good);
    badGraph.tables.drafts[0].graph.nodes[0].id = 'un id invalide';
    const graphOutcome = await importBackup(target, JSON.stringify(badGraph));
    expect(!graphOutcome.ok && graphOutcome.issues.map((i) => i.path)).toEqual(['$.tables.drafts[0].graph.nodes[0].id']);

    expect(await importBackup(target, '{"format": "autre"}')).toMatchObject({ ok: false, issues: [{ path: '$.format' }, { path: '$.formatVersion' }, { path: '$.exportedAt' }, { path: '$.tables' }] });
    expect(await importBackup(target, JSON.stringify({ ...good, formatVersion: 2 }))).toMatchObject({ ok: false, issues: [{ code: 'backup.newer', path: '$.formatVersion' }] });
    expect(await importBackup(target, JSON.stringify({ ...good, databaseVersion: 99 }))).toMatchObject({ ok: false, issues: [{ code: 'backup.newer', path: '$.databaseVersion' }] });
    const syntax = await importBackup(target, '{');
    expect(!syntax.ok && syntax.issues[0]!.code).toBe('json.syntax');
    expect(await snapshot(target)).toEqual(before);
  });
});
