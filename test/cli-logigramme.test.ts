import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, decompile, loadReferentialText, type CheckReport, type GraphDocument, type Referential } from '../src/core/index.ts';
import { checkCommand } from '../src/cli/commands/check.ts';
import { compileCommand } from '../src/cli/commands/compile.ts';
import { decompileCommand } from '../src/cli/commands/decompile.ts';
import type { CliIo } from '../src/cli/io.ts';
import { run } from '../src/cli/run.ts';

const root = join(import.meta.dirname, '..');
const REF = 'referentials/exemple-atelier.json';
const refText = readFileSync(join(root, REF), 'utf8');
const loaded = loadReferentialText(refText);
if (!loaded.ok) throw new Error('fixture: the sample referential does not load');
const referential: Referential = loaded.value;
/** The sample as its logigramme (no positions: compile does not need them). */
const sampleGraph = (): GraphDocument => JSON.parse(JSON.stringify(decompile(referential))) as GraphDocument;
const refDoc = () => JSON.parse(refText) as { jobs: Array<{ tasks: Array<{ defaultShare: number; entry: string }> }> } & Record<string, unknown>;
/** What a compiled referential must equal: the sample as the loader reads it, without its own hash. */
const expected = (r: Referential) => {
  const { contentHash: _hash, $schema: _schema, ...rest } = r as Referential & { $schema?: string };
  return canonicalJson(rest);
};

/** In-process I/O: captured output, virtual files over the repository's real ones, captured writes. */
function fakeIo(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: (path) => {
      if (path in written) return written[path]!;
      if (path in files) return files[path]!;
      return readFileSync(join(root, path), 'utf8');
    },
    writeFile: (path, text) => void (written[path] = text),
    now: () => new Date('2024-06-15T12:00:00Z'),
  };
  return { io, written, out: () => out.join('\n'), err: () => err.join('\n') };
}

/** The same, where nothing may be read (usage errors come before any file). */
const noFiles = (t: ReturnType<typeof fakeIo>): CliIo => ({
  ...t.io,
  readFile: () => {
    throw new Error('no file should be read');
  },
});

describe('compile', () => {
  it('compiles the sample logigramme to the sample referential, pretty-printed, with a summary on stderr', async () => {
    const t = fakeIo({ 'atelier.graph.json': JSON.stringify(sampleGraph()) });
    expect(await compileCommand(['atelier.graph.json', '-o', 'atelier.json'], t.io)).toBe(0);
    const text = t.written['atelier.json']!;
    expect(text).toBeDefined();
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(canonicalJson(JSON.parse(text))).toBe(expected(referential));
    expect(t.out()).toBe('');
    // 2 jobs (mecanicien, agent-nuit), 3 tasks (60 % + 40 %, 100 %), 6 situations; same content, same hash.
    expect(t.err()).toBe(`atelier.graph.json : compilé dans atelier.json — 2 postes, 3 tâches, 6 situations, empreinte ${contentHash(referential)}`);
    // what was written loads as a referential
    expect(loadReferentialText(text).ok).toBe(true);
  });

  it('without -o: the referential on stdout, the summary on stderr; --output is the long form', async () => {
    const t = fakeIo({ 'g.json': JSON.stringify(sampleGraph()) });
    expect(await compileCommand(['g.json'], t.io)).toBe(0);
    expect(canonicalJson(JSON.parse(t.out()))).toBe(expected(referential));
    expect(t.written).toEqual({});
    expect(t.err()).toContain('g.json : compilé — 2 postes, 3 tâches, 6 situations, empreinte sha256:');
    const t2 = fakeIo({ 'g.json': JSON.stringify(sampleGraph()) });
    expect(await compileCommand(['g.json', '--output', 'r.json'], t2.io)).toBe(0);
    expect(Object.keys(t2.written)).toEqual(['r.json']);
  });

  it('the sample logigrammes of referentials/ (*.graph.json) compile, to their referential when it is there', async () => {
    const samples = readdirSync(join(root, 'referentials')).filter((f) => f.endsWith('.graph.json'));
    for (const sample of samples) {
      const t = fakeIo();
      const path = `referentials/${sample}`;
      expect(await compileCommand([path], t.io), `${path}\n${t.err()}`).toBe(0);
      const pair = `referentials/${sample.replace(/\.graph\.json$/, '.json')}`;
      if (!existsSync(join(root, pair))) continue;
      const r = loadReferentialText(readFileSync(join(root, pair), 'utf8'));
      if (!r.ok) continue;
      expect(canonicalJson(JSON.parse(t.out())), `${path} → ${pair}`).toBe(expected(r.value));
    }
  });

  it('a broken drawing: every structural issue located by node (or edge) id, exit 1, nothing written', async () => {
    const graph = sampleGraph();
    // a dangling edge: the night task now enters a node that does not exist
    graph.edges.find((e) => e.id === 'maintenance-nuit.entry')!.target = 'n-absent';
    // a task without job: the bodywork task loses its weighting edge from the mechanic
    graph.edges = graph.edges.filter((e) => e.id !== 'carrosserie.weighting');
    const t = fakeIo({ 'broken.graph.json': JSON.stringify(graph) });
    expect(await compileCommand(['broken.graph.json', '-o', 'out.json'], t.io)).toBe(1);
    expect(t.written).toEqual({});
    expect(t.out()).toBe('');
    const err = t.err();
    expect(err).toContain('broken.graph.json liaison maintenance-nuit.entry : Liaison vers un nœud inexistant (maintenance-nuit → n-absent)');
    // its task is left without an entry
    expect(err).toContain('broken.graph.json nœud maintenance-nuit : « maintenance-nuit » ne mène à rien');
    expect(err).toContain('broken.graph.json nœud carrosserie : Tâche rattachée à aucun poste');
    expect(err).toContain('broken.graph.json : logigramme non compilé (3 problèmes), aucun fichier écrit');
  });

  it('a drawing whose referential the loader refuses: its issues located in the graph, exit 1, nothing written', async () => {
    const graph = sampleGraph();
    const question = graph.nodes.find((n) => n.id === 'n-activite')!;
    if (question.kind !== 'question') throw new Error('fixture');
    question.question = 'q-absente';
    graph.referential.regulation = '2014-01-01';
    const t = fakeIo({ 'g.json': JSON.stringify(graph) });
    expect(await compileCommand(['g.json', '-o', 'out.json'], t.io)).toBe(1);
    expect(t.written).toEqual({});
    expect(t.err()).toMatch(/^g\.json nœud n-activite : .*« q-absente »/m);
    expect(t.err()).toContain('g.json $.referential.regulation : Version réglementaire inconnue « 2014-01-01 »');
    expect(t.err()).toContain('g.json : le référentiel compilé n’est pas valide (2 problèmes), aucun fichier écrit');
  });

  it('not a logigramme: schema issues, a referential instead, JSON syntax, missing file — exit 1', async () => {
    const graph = sampleGraph() as unknown as { nodes: Array<Record<string, unknown>> };
    graph.nodes[0]!.kind = 'poste';
    const t = fakeIo({ 'g.json': JSON.stringify(graph) });
    expect(await compileCommand(['g.json'], t.io)).toBe(1);
    expect(t.err()).toMatch(/^g\.json \$\.nodes\[0\]\.kind : /m);
    expect(t.err()).toContain('g.json : logigramme non valide');
    expect(t.out()).toBe('');

    const t2 = fakeIo();
    expect(await compileCommand([REF], t2.io)).toBe(1);
    expect(t2.err()).toBe(`${REF} : ce fichier est un référentiel, pas un logigramme (pas de champ « kind » valant « logigramme ») ; « logigramme decompile » en fait un logigramme`);

    const t3 = fakeIo({ 'g.json': '{ "kind": "logigramme", ' });
    expect(await compileCommand(['g.json'], t3.io)).toBe(1);
    expect(t3.err()).toMatch(/^g\.json \$ : JSON invalide/);

    const t4 = fakeIo();
    expect(await compileCommand(['absent.graph.json'], t4.io)).toBe(1);
    expect(t4.err()).toBe('Impossible de lire le logigramme « absent.graph.json » : fichier introuvable');
  });

  it('a file that cannot be written: a French message, exit 1', async () => {
    const t = fakeIo({ 'g.json': JSON.stringify(sampleGraph()) });
    const io: CliIo = {
      ...t.io,
      writeFile: (path) => {
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      },
    };
    expect(await compileCommand(['g.json', '-o', 'dossier-absent/r.json'], io)).toBe(1);
    expect(t.err()).toBe('Impossible d’écrire le référentiel « dossier-absent/r.json » : dossier introuvable');
    const t2 = fakeIo({ 'g.json': JSON.stringify(sampleGraph()) });
    const io2: CliIo = { ...t2.io, writeFile: () => { throw Object.assign(new Error('EACCES'), { code: 'EACCES' }); } };
    expect(await compileCommand(['g.json', '-o', '/r.json'], io2)).toBe(1);
    expect(t2.err()).toBe('Impossible d’écrire le référentiel « /r.json » : accès refusé');
  });

  it('usage errors exit 2 before any file is read', async () => {
    const cases: Array<[string[], string]> = [
      [[], 'fichier du logigramme manquant'],
      [['a.json', 'b.json'], 'un seul fichier attendu, reçu 2 : a.json b.json'],
      [['g.json', '-o'], 'l’option -o attend une valeur'],
      [['g.json', '-o', 'g.json'], 'le fichier de sortie « g.json » est le fichier lu'],
      [['g.json', '--format', 'json'], 'option inconnue « --format »'],
    ];
    for (const [argv, message] of cases) {
      const t = fakeIo();
      expect(await compileCommand(argv, noFiles(t)), argv.join(' ')).toBe(2);
      expect(t.err()).toContain(message);
      expect(t.err()).toContain('Aide : logigramme compile --help');
    }
  });
});

describe('decompile', () => {
  it('a laid-out logigramme (left to right) that compiles back to the same referential', async () => {
    const t = fakeIo();
    const pending = decompileCommand([REF, '-o', 'atelier.graph.json'], t.io);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toBe(0);
    const text = t.written['atelier.graph.json']!;
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const graph = JSON.parse(text) as GraphDocument;
    expect(graph.kind).toBe('logigramme');
    // 2 jobs + 3 tasks + 3 decision nodes + 6 situations = 14 nodes;
    // 3 weightings + 3 entries + 2 + 2 branches + 2 measure edges = 12 edges
    expect(graph.nodes).toHaveLength(14);
    expect(graph.edges).toHaveLength(12);
    expect(t.err()).toBe(`${REF} : décompilé dans atelier.graph.json — 14 nœuds, 12 liaisons, disposition automatique de gauche à droite`);
    expect(graph.layout.direction).toBe('RIGHT');
    for (const node of graph.nodes) {
      const at = graph.layout.nodes[node.id];
      expect(at, node.id).toBeDefined();
      expect(Number.isFinite(at!.x) && Number.isFinite(at!.y), node.id).toBe(true);
    }
    // layered from left to right: every edge goes rightwards
    for (const edge of graph.edges) expect(graph.layout.nodes[edge.source]!.x, edge.id).toBeLessThan(graph.layout.nodes[edge.target]!.x);

    // and back: the written graph compiles to the sample referential
    const back = fakeIo();
    const io: CliIo = { ...back.io, readFile: (p) => (p === 'atelier.graph.json' ? text : back.io.readFile(p)) };
    expect(await compileCommand(['atelier.graph.json', '-o', 'atelier.json'], io)).toBe(0);
    expect(canonicalJson(JSON.parse(back.written['atelier.json']!))).toBe(expected(referential));
  });

  it('without -o: the logigramme on stdout', async () => {
    const t = fakeIo();
    expect(await decompileCommand([REF], t.io)).toBe(0);
    const graph = JSON.parse(t.out()) as GraphDocument;
    expect(Object.keys(graph.layout.nodes)).toHaveLength(14);
    expect(t.written).toEqual({});
  });

  it('an invalid referential, or a logigramme: exit 1, nothing written', async () => {
    const doc = refDoc();
    doc.jobs[0]!.tasks[1]!.entry = 's-absente';
    const t = fakeIo({ 'bad.json': JSON.stringify(doc) });
    expect(await decompileCommand(['bad.json', '-o', 'g.json'], t.io)).toBe(1);
    expect(t.err()).toMatch(/^bad\.json \$\.jobs\[0\]\.tasks\[1\]\.entry : .*« s-absente »/m);
    expect(t.err()).toContain('bad.json : référentiel non valide (1 problème)');
    expect(t.written).toEqual({});
    const t2 = fakeIo({ 'g.json': JSON.stringify(sampleGraph()) });
    expect(await decompileCommand(['g.json'], t2.io)).toBe(1);
    expect(t2.err()).toContain('g.json : ce fichier est déjà un logigramme');
  });

  it('usage errors exit 2, also from the asynchronous body', async () => {
    for (const [argv, message] of [[[], 'fichier du référentiel manquant'], [[REF, '--layout', 'down'], 'option inconnue « --layout »'], [[REF, '-o', REF], 'est le fichier lu']] as Array<[string[], string]>) {
      const t = fakeIo();
      expect(await decompileCommand(argv, noFiles(t)), argv.join(' ')).toBe(2);
      expect(t.err()).toContain(message);
      expect(t.err()).toContain('Aide : logigramme decompile --help');
    }
  });
});

describe('check', () => {
  const lines = (text: string) => text.split('\n');

  it('a referential with task weightings summing to 90 %: the JSON path, exit 1', () => {
    const doc = refDoc();
    // mechanic: engines 60 % + bodywork 30 % = 90 % ≠ 100 %
    doc.jobs[0]!.tasks[1]!.defaultShare = 30;
    const t = fakeIo({ 'poids.json': JSON.stringify(doc) });
    expect(checkCommand(['poids.json'], t.io)).toBe(1);
    expect(lines(t.out())).toContain('poids.json $.jobs[0].tasks [erreur structure.weightings_sum] Les pondérations des tâches du poste « Mécanicien » totalisent 90 % : elles doivent totaliser 100 %.');
    expect(lines(t.out()).at(-1)).toMatch(/^1 erreur, \d+ avertissements?, \d+ infos?$/);
  });

  it('a referential with a broken reference is checked (schema only), not refused', () => {
    const doc = refDoc();
    doc.jobs[0]!.tasks[1]!.entry = 's-absente';
    const t = fakeIo({ 'ref.json': JSON.stringify(doc) });
    expect(checkCommand(['ref.json'], t.io)).toBe(1);
    expect(t.out()).toMatch(/^ref\.json \$\.jobs\[0\]\.tasks\[1\]\.entry \[erreur structure\.dead_end\] « Peinture et carrosserie » renvoie vers « s-absente »/m);
    // s-carrosserie is no longer reached by any task
    expect(t.out()).toMatch(/^ref\.json \$\.situations\[3\] \[avertissement structure\.unreachable\] /m);
  });

  it('a file that is not a referential by its schema: the issues on stderr, exit 1', () => {
    const t = fakeIo({ 'x.json': JSON.stringify({ formatVersion: 1, id: 'x' }) });
    expect(checkCommand(['x.json'], t.io)).toBe(1);
    expect(t.out()).toBe('');
    expect(t.err()).toMatch(/^x\.json \$\.identity : /m);
    expect(t.err()).toContain('x.json : référentiel non valide');
    expect(t.err()).toContain('vérification impossible');
    const t2 = fakeIo({ 'x.json': '[1, 2' });
    expect(checkCommand(['x.json'], t2.io)).toBe(1);
    expect(t2.err()).toMatch(/^x\.json \$ : JSON invalide/);
    const t3 = fakeIo();
    expect(checkCommand(['absent.json'], t3.io)).toBe(1);
    expect(t3.err()).toBe('Impossible de lire le fichier « absent.json » : fichier introuvable');
  });

  it('a logigramme: findings located by node id (edges by their id, the rest under $.referential)', () => {
    const graph = sampleGraph();
    // mechanic: 60 % + 30 % = 90 %
    const weighting = graph.edges.find((e) => e.id === 'carrosserie.weighting')!;
    if (weighting.kind !== 'weighting') throw new Error('fixture');
    weighting.share = 30;
    // a situation linked to nothing, and an edge to a node that does not exist
    graph.nodes.push({ id: 's-orpheline', kind: 'situation', label: 'Situation isolée', exposures: [] });
    graph.edges.push({ id: 'e-perdue', kind: 'branch', source: 'n-equipes', target: 'n-absent', when: { is: true } });
    const t = fakeIo({ 'atelier.graph.json': JSON.stringify(graph) });
    expect(checkCommand(['atelier.graph.json'], t.io)).toBe(1);
    const out = lines(t.out());
    expect(out[0]).toBe('Vérification de atelier.graph.json (logigramme du référentiel « exemple-atelier ») sous la version réglementaire 2023-09-01 — Décrets 2023-759 et 2023-760 — 1er septembre 2023');
    expect(out).toContain('atelier.graph.json nœud mecanicien [erreur structure.weightings_sum] Les pondérations des tâches du poste « Mécanicien » totalisent 90 % : elles doivent totaliser 100 %.');
    expect(out).toContain('atelier.graph.json nœud s-orpheline [avertissement structure.orphan] « Situation isolée » n’est relié à rien : reliez-le ou supprimez-le.');
    expect(out).toContain('atelier.graph.json liaison e-perdue [erreur structure.dangling_edge] Liaison vers un nœud inexistant (n-equipes → n-absent) : supprimez-la ou reliez-la à un nœud existant.');
    // a rule on what is not drawn: the path inside the graph file
    expect(out).toContain('atelier.graph.json $.referential.factors.retained[1] [avertissement regulation.factor_without_points] Le facteur « Postures pénibles » n’ouvre plus de points sur le compte professionnel de prévention dans la version 2023-09-01 : il reste utile pour l’accord de prévention ou la liste des métiers exposés (L4163-2-1), pas pour la déclaration.');
    expect(out.at(-1)).toMatch(/^2 erreurs, \d+ avertissements, \d+ infos?$/);
  });

  it('an invalid logigramme: its schema issues, exit 1', () => {
    const graph = sampleGraph() as unknown as { edges: Array<Record<string, unknown>> };
    delete graph.edges[0]!.share;
    const t = fakeIo({ 'g.json': JSON.stringify(graph) });
    expect(checkCommand(['g.json'], t.io)).toBe(1);
    expect(t.err()).toMatch(/^g\.json \$\.edges\[0\]\.share : /m);
    expect(t.err()).toContain('g.json : logigramme non valide (1 problème), vérification impossible');
  });

  it('the sample referential: no error, exit 0; its logigramme gives the same findings at its nodes', () => {
    const t = fakeIo();
    expect(checkCommand([REF], t.io)).toBe(0);
    // postures earn no points from 2017-10-01 (retained anyway) and have no legal threshold, so their
    // 912 h are near nothing; one situation within 10 % of its threshold: fixed nights 110 vs 100 (|10| ≤ 10)
    expect(lines(t.out()).at(-1)).toBe('0 erreur, 2 avertissements, 0 info');
    expect(t.out()).toContain(`${REF} $.situations[4].exposures[0].conclusion [avertissement regulation.near_threshold] La situation « Poste de nuit fixe »`);
    const g = fakeIo({ 'g.json': JSON.stringify(sampleGraph()) });
    expect(checkCommand(['g.json'], g.io)).toBe(0);
    expect(g.out()).toContain('g.json nœud s-nuit-fixe [avertissement regulation.near_threshold] La situation « Poste de nuit fixe »');
    expect(lines(g.out()).at(-1)).toBe('0 erreur, 2 avertissements, 0 info');
  });

  it('--against 2016-07-01: the fixed night post flips, with the figures of both versions', () => {
    const t = fakeIo();
    expect(checkCommand([REF, '--against', '2016-07-01'], t.io)).toBe(0);
    const out = lines(t.out());
    // s-nuit-fixe: 110 nights/year with 5 h between 0 h and 5 h (≥ 1 h, so each is a night of night work).
    //   2023-09-01: threshold 100 nights → 110 ≥ 100 → exposed; 2016-07-01: threshold 120 → 110 < 120 → not exposed.
    // s-nuit-alternante: 40 shift nights; 2023-09-01: 30 → 40 ≥ 30 exposed; 2016-07-01: 50 → 40 < 50 not exposed.
    expect(out).toContain('Simulation sous la version 2016-07-01 (référentiel vérifié sous la version 2023-09-01) :');
    // The four postures situations flip too: no legal threshold under 2023-09-01, judged on 900 h under
    // 2016-07-01 (arms 912 h and 912 h, squatting 1 140 h → exposed; bent 456 h → not exposed): 2 + 4 = 6.
    expect(out).toContain('  6 situations changent de verdict :');
    expect(out).toContain('    $.situations[4] (s-nuit-fixe) « Poste de nuit fixe » — Travail de nuit : exposé → non exposé ; 2023-09-01 : 110 nuits/an pour un seuil de 100 nuits/an ; 2016-07-01 : 110 nuits/an pour un seuil de 120 nuits/an');
    expect(out).toContain('    $.situations[5] (s-nuit-alternante) « Équipes alternantes 3×8 (une semaine de nuit sur quatre) » — Travail en équipes successives alternantes : exposé → non exposé ; 2023-09-01 : 40 nuits/an pour un seuil de 30 nuits/an ; 2016-07-01 : 40 nuits/an pour un seuil de 50 nuits/an');
    // manual handling, postures, vibrations and chemicals earn points in 2016-07-01, not in 2023-09-01
    expect(out).toContain('  4 facteurs changent de statut :');
    expect(out).toContain('    Postures pénibles (awkward_postures, retenu par le référentiel) : ouvre des points');
    expect(out).toContain('    Manutentions manuelles de charges (manual_handling, non retenu par le référentiel) : ouvre des points');
    // the flips are findings too (info), counted in the summary: 6 flips + 4 factor changes
    expect(out).toContain(`${REF} $.situations[4] [info whatif.verdict_flip] Sous la version 2016-07-01, la situation « Poste de nuit fixe » passe de « exposé » à « non exposé » pour Travail de nuit (110 pour un seuil de 100 → 110 pour 120).`);
    expect(out.at(-1)).toBe('0 erreur, 2 avertissements, 10 infos');
    // a date is accepted too: 2016-12-31 is under 2016-07-01
    const d = fakeIo();
    expect(checkCommand([REF, '--against', '2016-12-31'], d.io)).toBe(0);
    expect(d.out()).toBe(t.out());
  });

  it('--against on a logigramme: the flipped situations by node id', () => {
    const t = fakeIo({ 'g.json': JSON.stringify(sampleGraph()) });
    expect(checkCommand(['g.json', '--against', '2016-07-01'], t.io)).toBe(0);
    expect(t.out()).toContain('    nœud s-nuit-fixe « Poste de nuit fixe » — Travail de nuit : exposé → non exposé ; 2023-09-01 : 110 nuits/an pour un seuil de 100 nuits/an ; 2016-07-01 : 110 nuits/an pour un seuil de 120 nuits/an');
    expect(t.out()).toContain('g.json nœud s-nuit-fixe [info whatif.verdict_flip]');
  });

  it('--format json: the CheckReport as is', () => {
    const t = fakeIo();
    expect(checkCommand([REF, '--against', '2016-07-01', '--format', 'json'], t.io)).toBe(0);
    const report = JSON.parse(t.out()) as CheckReport;
    expect(report.referential).toBe('exemple-atelier');
    expect(report.regulation).toBe('2023-09-01');
    expect(report.counts).toEqual({ error: 0, warning: 2, info: 10 });
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'regulation.near_threshold', severity: 'warning', element: 's-nuit-fixe', path: '$.situations[4].exposures[0].conclusion' }));
    expect(report.whatIf).toMatchObject({ from: '2023-09-01', to: '2016-07-01' });
    expect(report.whatIf!.flips).toContainEqual(
      expect.objectContaining({
        situation: 's-nuit-fixe',
        factor: 'night_work',
        from: expect.objectContaining({ verdict: 'exposed', value: 110, threshold: 100, unit: 'nights/year' }),
        to: expect.objectContaining({ verdict: 'not_exposed', value: 110, threshold: 120, unit: 'nights/year' }),
      }),
    );
  });

  it('--regulation with a date: the version in force that day; the stated conclusions now contradict the values', () => {
    const t = fakeIo();
    // 2020-06-30 → 2017-10-01: 120 nights, 50 shift nights. The sample concludes « exposé » for 110 nights
    // (110 < 120) and for 40 shift nights (40 < 50): two contradictions, exit 1.
    expect(checkCommand([REF, '--regulation', '2020-06-30', '--format', 'json'], t.io)).toBe(1);
    const report = JSON.parse(t.out()) as CheckReport;
    expect(report.regulation).toBe('2017-10-01');
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.path])).toEqual([
      ['regulation.conclusion_contradiction', '$.situations[4].exposures[0].conclusion'],
      ['regulation.conclusion_contradiction', '$.situations[5].exposures[0].conclusion'],
    ]);
    const text = fakeIo();
    expect(checkCommand([REF, '--regulation', '2017-10-01'], text.io)).toBe(1);
    expect(lines(text.out())[0]).toContain('sous la version réglementaire 2017-10-01');
    expect(text.out()).toContain(`${REF} $.situations[4].exposures[0].conclusion [erreur regulation.conclusion_contradiction] La situation « Poste de nuit fixe » conclut « exposé » pour Travail de nuit, mais ses valeurs donnent 110 nuits/an à temps plein pour un seuil de 120 nuits/an`);
    // warnings: postures retained without points (the postures have no threshold to be near of)
    expect(lines(text.out()).at(-1)).toBe('2 erreurs, 1 avertissement, 0 info');
  });

  it('usage errors exit 2 before the file is read: unknown version, format, arguments', () => {
    const cases: Array<[string[], string]> = [
      [[REF, '--regulation', '2010-01-01'], 'version réglementaire « 2010-01-01 » inconnue'],
      [[REF, '--against', '2099'], 'version réglementaire « 2099 » inconnue'],
      [[REF, '--format', 'table'], 'format « table » inconnu : attendu text, json'],
      [[], 'fichier du logigramme ou du référentiel manquant'],
      [[REF, REF], 'un seul fichier attendu'],
      [[REF, '--year', '2024'], 'option inconnue « --year »'],
    ];
    for (const [argv, message] of cases) {
      const t = fakeIo();
      expect(checkCommand(argv, noFiles(t)), argv.join(' ')).toBe(2);
      expect(t.err()).toContain(message);
      expect(t.err()).toContain('Aide : logigramme check --help');
      expect(t.out()).toBe('');
    }
  });
});

describe('the program with the new commands', () => {
  it('--help of each command (--help, -h, help <command>), in French with an example', async () => {
    for (const command of ['compile', 'decompile', 'check']) {
      for (const argv of [[command, '--help'], [command, 'x.json', '-h'], ['help', command]]) {
        const t = fakeIo();
        expect(await run(argv, noFiles(t))).toBe(0);
        expect(t.out()).toContain(`Usage : logigramme ${command}`);
        expect(t.out()).toMatch(/Exemples? :/);
        expect(t.out()).toContain('Codes de sortie');
      }
    }
    const t = fakeIo();
    expect(await run(['--help'], t.io)).toBe(0);
    for (const command of ['compile <logigramme.json>', 'decompile <référentiel.json>', 'check <fichier.json>']) expect(t.out()).toContain(command);
  });

  it('run waits for the asynchronous command; a misspelt command gets a suggestion', async () => {
    const t = fakeIo();
    const code = run(['decompile', REF, '-o', 'g.json'], t.io);
    expect(code).toBeInstanceOf(Promise);
    expect(await code).toBe(0);
    expect(Object.keys(t.written)).toEqual(['g.json']);
    const t2 = fakeIo();
    expect(await run(['chek', REF], t2.io)).toBe(2);
    expect(t2.err()).toContain('commande inconnue « chek » : vouliez-vous dire « check » ?');
  });
});

describe('the real launcher', () => {
  it('node bin/logigramme.mjs check and decompile (asynchronous) on the sample', () => {
    const checked = spawnSync(process.execPath, ['bin/logigramme.mjs', 'check', REF], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(0);
    expect(checked.stdout.trimEnd().split('\n').at(-1)).toBe('0 erreur, 2 avertissements, 0 info');

    const failing = spawnSync(process.execPath, ['bin/logigramme.mjs', 'check', REF, '--regulation', '2017-10-01'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(failing.status).toBe(1);

    // decompile awaits the layout engine: the launcher must wait for its exit code and its output
    const drawn = spawnSync(process.execPath, ['bin/logigramme.mjs', 'decompile', REF], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(drawn.status).toBe(0);
    const graph = JSON.parse(drawn.stdout) as GraphDocument;
    expect(Object.keys(graph.layout.nodes)).toHaveLength(14);
    expect(drawn.stderr).toContain('décompilé — 14 nœuds, 12 liaisons');

    const usage = spawnSync(process.execPath, ['bin/logigramme.mjs', 'decompile'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('logigramme decompile : fichier du référentiel manquant');
  });
});
