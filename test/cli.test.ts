import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, loadReferentialText, type EmployeeResult } from '../src/core/index.ts';
import { evaluateCommand } from '../src/cli/commands/evaluate.ts';
import { hashCommand } from '../src/cli/commands/hash.ts';
import { testCommand } from '../src/cli/commands/test.ts';
import { validateCommand } from '../src/cli/commands/validate.ts';
import type { CliIo } from '../src/cli/io.ts';
import { run } from '../src/cli/run.ts';
import { COLUMN_LABELS, STAFF_COLUMNS } from '../src/io/staff-columns.ts';
import { COLUMN_DOCS } from '../src/present/staff-columns.ts';

const root = join(import.meta.dirname, '..');
const REF = 'referentials/exemple-atelier.json';
const COMPANY = 'examples/entreprise-exemple.json';
const STAFF = 'examples/salaries-exemple.csv';
const refText = readFileSync(join(root, REF), 'utf8');
const refDoc = () => JSON.parse(refText) as Record<string, unknown> & { identity: Record<string, unknown>; scenarios: Array<Record<string, unknown>>; jobs: Array<Record<string, unknown>> };

/** In-process I/O: captured output, virtual files over the repository's real ones, a fixed clock. */
function fakeIo(files: Record<string, string> = {}, now = new Date('2024-06-15T12:00:00Z')) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: (path) => {
      if (path in files) return files[path]!;
      return readFileSync(join(root, path), 'utf8');
    },
    writeFile: () => {
      throw new Error('these commands write no file');
    },
    now: () => now,
  };
  return { io, out: () => out.join('\n'), err: () => err.join('\n') };
}

const evaluateArgs = (...extra: string[]) => [REF, '--answers', COMPANY, '--staff', STAFF, '--year', '2024', ...extra];

describe('logigramme (program)', () => {
  it('--help and -h print the French usage with an example, exit 0', () => {
    for (const flag of ['--help', '-h']) {
      const t = fakeIo();
      expect(run([flag], t.io)).toBe(0);
      expect(t.out()).toContain('Usage : logigramme <commande>');
      expect(t.out()).toContain('Exemple :');
      expect(t.err()).toBe('');
    }
  });

  it('--version prints the package version', () => {
    const t = fakeIo();
    expect(run(['--version'], t.io)).toBe(0);
    expect(t.out()).toMatch(/^logigramme 0\.1\.0 /);
  });

  it('without arguments: the usage on stderr, exit 2', () => {
    const t = fakeIo();
    expect(run([], t.io)).toBe(2);
    expect(t.err()).toContain('Usage : logigramme');
    expect(t.out()).toBe('');
  });

  it('unknown command: exit 2 with a suggestion', () => {
    const t = fakeIo();
    expect(run(['evalute'], t.io)).toBe(2);
    expect(t.err()).toContain('commande inconnue « evalute » : vouliez-vous dire « evaluate » ?');
  });

  it('unknown option before the command: exit 2', () => {
    const t = fakeIo();
    expect(run(['--verbose'], t.io)).toBe(2);
    expect(t.err()).toContain('option inconnue « --verbose »');
  });

  it('every command has its help (--help, -h, help <command>), with an example', () => {
    for (const command of ['validate', 'hash', 'test', 'evaluate']) {
      for (const argv of [[command, '--help'], [command, REF, '-h'], ['help', command]]) {
        const t = fakeIo();
        expect(run(argv, t.io)).toBe(0);
        expect(t.out()).toContain(`Usage : logigramme ${command}`);
        expect(t.out()).toContain('Exemple');
      }
    }
  });

  it('evaluate --help documents the staff file as the app does: every French column name, Excel, French dates', () => {
    const t = fakeIo();
    expect(run(['evaluate', '--help'], t.io)).toBe(0);
    const help = t.out();
    for (const c of STAFF_COLUMNS) {
      expect(help).toContain(`${COLUMN_LABELS[c]} (${c})`);
      // The app's own sentence for the column, wrapped for the terminal.
      expect(help.replace(/\s+/g, ' ')).toContain(COLUMN_DOCS[c]);
    }
    expect(help).toContain('--staff <salariés.csv|.xlsx>');
    expect(help.replace(/\s+/g, ' ')).toContain('Dates JJ/MM/AAAA ou AAAA-MM-JJ');
    expect(help).toContain('Windows-1252');
    // Wrapped for a terminal: no line of the staff-file section wider than 100 characters.
    const section = help.slice(help.indexOf('Fichier du personnel'), help.indexOf('Exemples :'));
    expect(Math.max(...section.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });
});

describe('validate', () => {
  it('prints « valide » and the identity summary, exit 0', () => {
    const t = fakeIo();
    expect(validateCommand([REF], t.io)).toBe(0);
    expect(t.out()).toContain(`${REF} : valide`);
    expect(t.out()).toContain('Atelier de maintenance — référentiel d’exemple');
    expect(t.out()).toContain('Identifiant exemple-atelier, version 1.0.0, statut brouillon');
    expect(t.out()).toContain('2 postes, 3 tâches, 2 critères, 1 mesure, 6 situations, 5 scénarios');
  });

  it('prints every issue as « <file> <jsonpath> : <message> » on stderr, exit 1', () => {
    const doc = refDoc();
    (doc.jobs[0]!.tasks as Array<Record<string, unknown>>)[1]!.entry = 's-absente';
    doc.identity.version = '1.0';
    const t = fakeIo({ 'bad.json': JSON.stringify(doc) });
    expect(validateCommand(['bad.json'], t.io)).toBe(1);
    expect(t.err()).toContain('bad.json $.identity.version : Version sémantique attendue (ex. 1.0.0)');
    expect(t.out()).toBe('');
    const doc2 = refDoc();
    (doc2.jobs[0]!.tasks as Array<Record<string, unknown>>)[1]!.entry = 's-absente';
    const t2 = fakeIo({ 'bad.json': JSON.stringify(doc2) });
    expect(validateCommand(['bad.json'], t2.io)).toBe(1);
    expect(t2.err()).toMatch(/^bad\.json \$\.jobs\[0\]\.tasks\[1\]\.entry : .*« s-absente »/m);
    expect(t2.err()).toContain('référentiel non valide (1 problème)');
  });

  it('JSON syntax error and missing file: exit 1', () => {
    const t = fakeIo({ 'broken.json': '{ "formatVersion": 1,\n  "id": }' });
    expect(validateCommand(['broken.json'], t.io)).toBe(1);
    expect(t.err()).toMatch(/^broken\.json \$ : JSON invalide/);
    const t2 = fakeIo();
    expect(validateCommand(['absent.json'], t2.io)).toBe(1);
    expect(t2.err()).toBe('Impossible de lire le référentiel « absent.json » : fichier introuvable');
  });

  it('several files: exit 1 if any is invalid, the valid ones still reported', () => {
    const t = fakeIo({ 'empty.json': '[]' });
    expect(validateCommand([REF, 'empty.json'], t.io)).toBe(1);
    expect(t.out()).toContain(`${REF} : valide`);
    expect(t.err()).toContain('empty.json $ : Objet JSON attendu pour un référentiel');
  });

  it('usage errors: no file, unknown option → exit 2 with a pointer to the help', () => {
    const t = fakeIo();
    expect(validateCommand([], t.io)).toBe(2);
    expect(t.err()).toBe('logigramme validate : fichier du référentiel manquant\nAide : logigramme validate --help');
    const t2 = fakeIo();
    expect(validateCommand([REF, '--strict'], t2.io)).toBe(2);
    expect(t2.err()).toContain('option inconnue « --strict »');
  });
});

describe('hash', () => {
  const loaded = loadReferentialText(refText);
  if (!loaded.ok) throw new Error('fixture');
  const expected = contentHash(loaded.value);

  it('prints the content hash on the first line, and that none is stated', () => {
    const t = fakeIo();
    expect(hashCommand([REF], t.io)).toBe(0);
    const [first, second] = t.out().split('\n');
    expect(first).toBe(expected);
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second).toContain('Aucune empreinte déclarée');
  });

  it('says when the stated contentHash matches (key order and spacing do not matter)', () => {
    const doc = { contentHash: expected, ...refDoc() };
    const t = fakeIo({ 'signed.json': JSON.stringify(doc) });
    expect(hashCommand(['signed.json'], t.io)).toBe(0);
    expect(t.out()).toBe(`${expected}\nEmpreinte déclarée identique : le contenu n’a pas changé depuis`);
  });

  it('a stated contentHash that does not match: the computed hash, the mismatch on stderr, exit 1', () => {
    const doc = { ...refDoc(), contentHash: expected };
    doc.identity.title = 'Titre modifié après publication';
    const t = fakeIo({ 'changed.json': JSON.stringify(doc) });
    expect(hashCommand(['changed.json'], t.io)).toBe(1);
    expect(t.out()).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(t.out()).not.toBe(expected);
    expect(t.err()).toContain(`changed.json $.contentHash : empreinte déclarée ${expected} différente de l’empreinte calculée`);
  });

  it('not a referential: no hash, exit 1; two files: exit 2', () => {
    const t = fakeIo({ 'x.json': '{"formatVersion": 1}' });
    expect(hashCommand(['x.json'], t.io)).toBe(1);
    expect(t.out()).toBe('');
    expect(t.err()).toContain('empreinte non calculée');
    const t2 = fakeIo();
    expect(hashCommand([REF, REF], t2.io)).toBe(2);
  });
});

describe('test', () => {
  it('runs the five scenarios of the example referential, exit 0', () => {
    const t = fakeIo();
    expect(testCommand([REF], t.io)).toBe(0);
    const lines = t.out().split('\n');
    expect(lines.filter((l) => l.startsWith('✓ '))).toHaveLength(5);
    expect(lines[0]).toBe('✓ sc-mecanicien-sans-prevention — Mécanicien à temps plein, atelier sans réduction du bruit (2024)');
    expect(lines.at(-1)).toBe('5 réussis, 0 échoué');
  });

  it('a failing scenario: ✗ with factor, expected and actual; an evaluation error; exit 1', () => {
    const doc = refDoc();
    // Full-time mechanic, no noise reduction: noise 1231.2 h ≥ 600 h → exposed, 4 points; the scenario now expects otherwise.
    doc.scenarios[0]!.expected = { factors: { noise: 'not_exposed' }, points: 0 };
    // Job shares summing to 90 %: the evaluator refuses the employee.
    doc.scenarios[1]!.employee = { id: 'x', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 90 }] };
    const t = fakeIo({ 'failing.json': JSON.stringify(doc) });
    expect(testCommand(['failing.json'], t.io)).toBe(1);
    expect(t.out()).toContain('✗ sc-mecanicien-sans-prevention');
    expect(t.out()).toContain('    Bruit (noise) : attendu non exposé, obtenu exposé');
    expect(t.out()).toContain('    points : attendu 0, obtenu 4');
    expect(t.out()).toContain('✗ sc-mecanicien-bruit-reduit');
    expect(t.out()).toContain('    erreur d’évaluation [shares_sum] jobs : les parts des postes totalisent 90\u202f% au lieu de 100\u202f%');
    expect(t.out().split('\n').at(-1)).toBe('3 réussis, 2 échoués');
  });

  it('invalid referential: exit 1; missing argument: exit 2', () => {
    const t = fakeIo({ 'bad.json': '{}' });
    expect(testCommand(['bad.json'], t.io)).toBe(1);
    expect(testCommand([], fakeIo().io)).toBe(2);
  });
});

describe('evaluate', () => {
  const json = async (argv: string[], files: Record<string, string> = {}) => {
    const t = fakeIo(files);
    const code = await evaluateCommand([...argv, '--format', 'json'], t.io);
    return { code, doc: t.out() ? (JSON.parse(t.out()) as { year: number; referential: Record<string, string>; results: EmployeeResult[]; errors: Array<Record<string, unknown>>; totals: Record<string, unknown> & { points: number; byFactor: Array<{ factor: string; exposed: number; share: number }> } }) : undefined, err: t.err() };
  };
  const factor = (r: EmployeeResult | undefined, code: string) => r!.factors.find((f) => f.factor === code)!;
  const group = (r: EmployeeResult | undefined, code: string) => factor(r, code).groups[0]!;

  it('json: the examples for 2024, hand-computed', async () => {
    const { code, doc, err } = await json(evaluateArgs());
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(doc!.referential).toEqual({ id: 'exemple-atelier', version: '1.0.0', contentHash: expect.stringMatching(/^sha256:/) });
    expect(doc!.year).toBe(2024);
    expect(doc!.errors).toEqual([]);
    const byId = new Map(doc!.results.map((r) => [r.employee, r]));
    // Mechanic, company « atelier », no noise reduction (situations at 100 % time, 228 days/year):
    //   engines 60 %: noise 7 h/day × 228 = 1596 h, postures 4 h/day × 228 = 912 h;
    //   bodywork 40 %: noise 3 h/day × 228 = 684 h, postures (bent 50°) 2 h/day × 228 = 456 h.
    // MEC-01 full time: noise 0.6 × 1596 + 0.4 × 684 = 957.6 + 273.6 = 1231.2 h ≥ 600 → exposed;
    //   postures 0.6 × 912 + 0.4 × 456 = 729.6 h < 900 → not exposed. 4 periods × 1 factor = 4 points.
    expect(group(byId.get('MEC-01'), 'noise').exposure).toBeCloseTo(1231.2, 6);
    expect(factor(byId.get('MEC-01'), 'noise').verdict).toBe('exposed');
    expect(group(byId.get('MEC-01'), 'awkward_postures').exposure).toBeCloseTo(729.6, 6);
    expect(byId.get('MEC-01')!.points.total).toBe(4);
    // MEC-02 half time: 1231.2 h × 803.5 / 1607 = 615.6 h ≥ 600 → exposed, 4 points.
    expect(group(byId.get('MEC-02'), 'noise').exposure).toBeCloseTo(615.6, 6);
    expect(byId.get('MEC-02')!.exposedFactors).toEqual(['noise']);
    // MEC-03 at 40 %: 1231.2 × 642.8 / 1607 = 492.48 h < 600 → not exposed, 0 points.
    expect(group(byId.get('MEC-03'), 'noise').exposure).toBeCloseTo(492.48, 6);
    expect(byId.get('MEC-03')!.exposedFactors).toEqual([]);
    // POLY-01: mechanic 50 % (engines 30 %, bodywork 70 %) + night agent 50 %, fixed nights:
    //   noise 0.5 × 0.3 × 1596 + 0.5 × 0.7 × 684 = 239.4 + 239.4 = 478.8 h < 600 (the default 60/40 split would give 615.6 h);
    //   nights 0.5 × 110 = 55 < 100. Not exposed.
    expect(group(byId.get('POLY-01'), 'noise').exposure).toBeCloseTo(478.8, 6);
    expect(group(byId.get('POLY-01'), 'night_work').exposure).toBeCloseTo(55, 6);
    expect(byId.get('POLY-01')!.exposedFactors).toEqual([]);
    // NUIT-01 fixed nights: 110 nights ≥ 100 (from 2023-09-01) → night work, code 08, 4 points.
    expect(group(byId.get('NUIT-01'), 'night_work').exposure).toBe(110);
    expect(byId.get('NUIT-01')!.dsn.map((d) => d.code)).toEqual(['08']);
    expect(byId.get('NUIT-01')!.dsn[0]!.contract).toBe('CDI-0005');
    // NUIT-02 alternating shifts: 40 nights ≥ 30 → alternating shifts (09); those 40 nights are not counted
    // again as night work: 40 − 40 = 0. 4 points.
    expect(group(byId.get('NUIT-02'), 'alternating_shifts').exposure).toBe(40);
    expect(group(byId.get('NUIT-02'), 'night_work').exposure).toBe(0);
    expect(byId.get('NUIT-02')!.exposedFactors).toEqual(['alternating_shifts']);
    // CDD-01, 2024-03-01 → 2024-08-31: judged on the post over a year (1231.2 h → exposed); 6 months = 2 whole
    // 3-month periods × 1 point = 2 points.
    expect(factor(byId.get('CDD-01'), 'noise').verdict).toBe('exposed');
    expect(byId.get('CDD-01')!.points.total).toBe(2);
    // SEN-01 born in 1955 (before 1956-07-01): 4 points doubled = 8.
    expect(byId.get('SEN-01')!.points.total).toBe(8);
    // Totals: noise MEC-01, MEC-02, CDD-01, SEN-01 = 4 of 8; 6 exposed (and declared) of 8;
    // points 4 + 4 + 0 + 0 + 4 + 4 + 2 + 8 = 26.
    expect(doc!.totals).toMatchObject({ employees: 8, evaluated: 8, exposedAny: 6, exposedDeclared: 6, exposedDeclaredShare: 0.75, points: 26 });
    expect(doc!.totals.byFactor.find((f) => f.factor === 'noise')).toEqual({ factor: 'noise', exposed: 4, share: 0.5 });
  });

  it('table (default): one line per employee, company totals, in French', async () => {
    const t = fakeIo();
    expect(await evaluateCommand(evaluateArgs(), t.io)).toBe(0);
    const out = t.out();
    expect(out).toContain('année 2024');
    // 0.5 × 1231.2 = 615.6 h of noise; postures 0.5 × 729.6 = 364.8 h, outside the declaration since 2017-10-01
    expect(out).toMatch(/MEC-02 +3 +50 % +Bruit 615,6 h\/an \(seuil 600\) ; hors déclaration : Postures pénibles 364,8 h\/an \(ancien seuil 900, indicatif\) +4 +07 +—/);
    expect(out).toMatch(/NUIT-02 +7 +100 % +Travail en équipes successives alternantes 40 nuits\/an \(seuil 30\) +4 +09/);
    // MEC-03: postures 0.4 × 729.6 = 291.84 h
    expect(out).toMatch(/MEC-03 +4 +40 % +hors déclaration : Postures pénibles 291,84 h\/an \(ancien seuil 900, indicatif\) +0 +— +—/);
    expect(out).toContain('Totaux : 8 salariés dans le fichier, 8 évalués, 0 en erreur');
    expect(out).toMatch(/Bruit +4 +50 %/);
    expect(out).toMatch(/Travail de nuit +1 +12,5 %/);
    expect(out).toContain('Exposés à au moins un facteur : 6 (75 %)');
    expect(out).toContain('Points acquis en 2024 : 26');
  });

  it('csv: one line per employee × factor with exposure, threshold, unit, margin, points', async () => {
    const t = fakeIo();
    expect(await evaluateCommand(evaluateArgs('--format', 'csv'), t.io)).toBe(0);
    const lines = t.out().split('\n');
    expect(lines[0]).toBe('employee,row,year,regulation,factor,factor_label,in_force,earns_points,dsn_code,verdict,group,exposure,threshold,unit,margin,declared,points');
    expect(lines).toHaveLength(1 + 8 * 10);
    // 615.6 − 600 = 15.6 h over the threshold
    expect(lines).toContain('MEC-02,3,2024,2023-09-01,noise,Bruit,true,true,07,exposed,noise_level,615.6,600,h/year,15.6,true,4');
    expect(lines).toContain('NUIT-01,6,2024,2023-09-01,night_work,Travail de nuit,true,true,08,exposed,night_count,110,100,nights/year,10,true,4');
  });

  it('--trace: the arithmetic of every contribution', async () => {
    const t = fakeIo();
    expect(await evaluateCommand(evaluateArgs('--trace'), t.io)).toBe(0);
    expect(t.out()).toContain('Détail du calcul');
    // French figures, the app's: decimal comma, narrow no-break space (U+202F) between thousands and before %.
    expect(t.out()).toContain('7 h/jour = 1\u202f596 h/an à temps plein ; × 100\u202f% (poste) × 60\u202f% (tâche) × 0,5 (temps de travail) = 478,8 h/an');
    const j = await json(evaluateArgs('--trace'));
    expect(j.doc!.results[0]!.trace?.length).toBeGreaterThan(0);
  });

  it('default year: the current calendar year, from the CLI clock', async () => {
    const t = fakeIo({}, new Date('2024-11-20T10:00:00Z'));
    expect(await evaluateCommand([REF, '--answers', COMPANY, '--staff', STAFF], t.io)).toBe(0);
    expect(t.out()).toContain('année 2024 (année civile en cours ; --year pour une autre)');
    // in 2025 the short contract of 2024 covers no day of the year: an error for that employee only
    const t2 = fakeIo({}, new Date('2025-03-10T10:00:00Z'));
    expect(await evaluateCommand([REF, '--answers', COMPANY, '--staff', STAFF], t2.io)).toBe(1);
    expect(t2.out()).toContain('année 2025');
    expect(t2.err()).toContain('salaries-exemple.csv ligne 8, salarié CDD-01, colonne contract_end : le contrat (01/03/2024 → 31/08/2024) ne couvre aucun jour de 2025 [contract_outside_year]');
  });

  it('2023: the transition thresholds (113 nights, 43 shift nights) apply', async () => {
    const { code, doc } = await json([REF, '--answers', COMPANY, '--staff', STAFF, '--year', '2023']);
    // the 2024 short contract is outside 2023: an error, the seven others are evaluated
    expect(code).toBe(1);
    expect(doc!.errors).toEqual([expect.objectContaining({ row: 8, employee: 'CDD-01', code: 'contract_outside_year' })]);
    expect(doc!.results).toHaveLength(7);
    const nuit = doc!.results.find((r) => r.employee === 'NUIT-01');
    // 110 nights < 113 → not exposed; 40 shift nights < 43 → not exposed
    expect(group(nuit, 'night_work').threshold?.value).toBe(113);
    expect(nuit!.exposedFactors).toEqual([]);
    expect(doc!.results.find((r) => r.employee === 'NUIT-02')!.exposedFactors).toEqual([]);
  });

  it('--regulation forces an older version: 120 nights and 50 shift nights', async () => {
    const { code, doc } = await json(evaluateArgs('--regulation', '2017-10-01'));
    expect(code).toBe(0);
    // 110 < 120 and 40 < 50: the night workers are no longer exposed; noise (81 dB(A), 600 h) unchanged.
    expect(doc!.results.find((r) => r.employee === 'NUIT-01')!.exposedFactors).toEqual([]);
    expect(doc!.results.find((r) => r.employee === 'NUIT-02')!.exposedFactors).toEqual([]);
    expect(doc!.results.find((r) => r.employee === 'MEC-01')!.regulation).toBe('2017-10-01');
    expect(doc!.results.find((r) => r.employee === 'MEC-01')!.exposedFactors).toEqual(['noise']);
    // a date selects the version in force on that day
    expect((await json(evaluateArgs('--regulation', '2020-06-30'))).doc!.results[0]!.regulation).toBe('2017-10-01');
  });

  it('a measure in place changes the decision path: noise reduced under 80 dB(A)', async () => {
    const company = JSON.stringify({ formatVersion: 1, answers: { 'q-activite': 'atelier' }, measures: [{ measure: 'm-bruit-80' }] });
    const { code, doc } = await json([REF, '--answers', 'c.json', '--staff', STAFF, '--year', '2024'], { 'c.json': company });
    expect(code).toBe(0);
    // engines at 79 dB(A) no longer count: noise = bodywork 0.4 × 684 = 273.6 h < 600 → not exposed
    expect(group(doc!.results[0], 'noise').exposure).toBeCloseTo(273.6, 6);
    expect(doc!.totals.byFactor.find((f) => f.factor === 'noise')!.exposed).toBe(0);
  });

  it('per-employee evaluation errors: listed with their CSV line, exit 1, the others still evaluated', async () => {
    const staff = [
      'id;annual_hours;birth_year;jobs;q:q-equipes-alternantes',
      'MEC-01;1607;1980;mecanicien;',
      'NUIT-09;1607;1975;agent-nuit;',
      'SEN-56;1607;1956;mecanicien;',
    ].join('\n');
    const t = fakeIo({ 'staff.csv': staff });
    expect(await evaluateCommand([REF, '--answers', COMPANY, '--staff', 'staff.csv', '--year', '2024'], t.io)).toBe(1);
    expect(t.out()).toMatch(/MEC-01 +2 +100 % +Bruit 1 231,2 h\/an/);
    expect(t.out()).toContain('Totaux : 3 salariés dans le fichier, 1 évalué, 2 en erreur');
    expect(t.err()).toContain('staff.csv ligne 3, salarié NUIT-09, colonne q:q-equipes-alternantes : réponse manquante au critère individuel « Le salarié travaille-t-il en équipes successives alternantes ? » [answer_missing]');
    // exposed to noise, so the 1956 doubling rule needs the full birth date
    expect(t.err()).toContain('staff.csv ligne 4, salarié SEN-56, colonne birth_year : né(e) en 1956');
    expect(t.err()).toContain('2 salariés non évalués sur 3');
    const j = await json([REF, '--answers', COMPANY, '--staff', 'staff.csv', '--year', '2024'], { 'staff.csv': staff });
    expect(j.code).toBe(1);
    expect(j.doc!.errors[0]).toMatchObject({ row: 3, employee: 'NUIT-09', code: 'answer_missing', field: 'answers.q-equipes-alternantes', column: 'q:q-equipes-alternantes' });
  });

  it('invalid staff file: every issue with line and column, nobody evaluated, exit 1', async () => {
    const t = fakeIo();
    expect(await evaluateCommand([REF, '--answers', COMPANY, '--staff', 'examples/salaries-erreurs.csv', '--year', '2024'], t.io)).toBe(1);
    expect(t.out()).toBe('');
    expect(t.err()).toContain('examples/salaries-erreurs.csv ligne 1, colonne service : Colonne inconnue « service »');
    expect(t.err()).toContain('examples/salaries-erreurs.csv ligne 8, colonne jobs : Les parts des postes totalisent 90\u202f% au lieu de 100\u202f%');
    expect(t.err()).toContain('fichier du personnel non valide (13 problèmes), aucun salarié évalué');
  });

  it('invalid company file: located issues, exit 1', async () => {
    const cases: Array<[unknown, string]> = [
      [{ formatVersion: 1, answers: {}, measures: [] }, 'c.json $.answers["q-activite"] : Réponse de l’entreprise manquante au critère « Activité de l’entreprise »'],
      [{ formatVersion: 1, answers: { 'q-activite': 'usine' }, measures: [] }, 'c.json $.answers["q-activite"] : Réponse « usine » invalide'],
      [{ formatVersion: 1, answers: { 'q-activite': 'atelier' }, measures: [{ measure: 'm-casque' }] }, 'c.json $.measures[0].measure : Mesure de prévention « m-casque » inconnue'],
      [{ formatVersion: 1, answers: { 'q-activite': 'atelier', 'q-equipes-alternantes': true }, measures: [] }, 'se renseigne par salarié (colonne q:q-equipes-alternantes'],
      [{ formatVersion: 1, referential: { id: 'autre' }, answers: { 'q-activite': 'atelier' }, measures: [] }, 'concerne le référentiel « autre », pas « exemple-atelier »'],
      [{ formatVersion: 2, answers: {}, measures: [] }, 'c.json $.formatVersion : Ce fichier de réponses de l’entreprise est au format 2'],
      [{ formatVersion: 1, answers: {} }, 'c.json $.measures :'],
    ];
    for (const [company, message] of cases) {
      const t = fakeIo({ 'c.json': JSON.stringify(company) });
      expect(await evaluateCommand([REF, '--answers', 'c.json', '--staff', STAFF, '--year', '2024'], t.io)).toBe(1);
      expect(t.err()).toContain(message);
      expect(t.out()).toBe('');
    }
    const t = fakeIo({ 'c.json': '{ "formatVersion": 1, ' });
    expect(await evaluateCommand([REF, '--answers', 'c.json', '--staff', STAFF, '--year', '2024'], t.io)).toBe(1);
    expect(t.err()).toContain('c.json $ : JSON invalide');
  });

  it('unreadable files: each one reported, exit 1', async () => {
    const t = fakeIo();
    expect(await evaluateCommand(['absent.json', '--answers', 'absent-entreprise.json', '--staff', 'absent.csv', '--year', '2024'], t.io)).toBe(1);
    expect(t.err()).toContain('Impossible de lire le référentiel « absent.json » : fichier introuvable');
    expect(t.err()).toContain('Impossible de lire le fichier de réponses de l’entreprise « absent-entreprise.json » : fichier introuvable');
    expect(t.err()).toContain('Impossible de lire le fichier du personnel « absent.csv » : fichier introuvable');
  });

  it('warnings do not stop the evaluation: a measure in place only since mid-year, another referential version', async () => {
    const company = JSON.stringify({
      formatVersion: 1,
      referential: { id: 'exemple-atelier', contentHash: `sha256:${'0'.repeat(64)}` },
      answers: { 'q-activite': 'atelier' },
      measures: [{ measure: 'm-bruit-80', since: '2024-09-01' }],
    });
    const t = fakeIo({ 'c.json': company });
    expect(await evaluateCommand([REF, '--answers', 'c.json', '--staff', STAFF, '--year', '2024'], t.io)).toBe(0);
    expect(t.err()).toContain('Attention : c.json a été rempli pour une autre version du référentiel');
    expect(t.err()).toContain('Attention : la mesure « Bruit ramené sous 80 dB(A) » n’est en place que depuis le 01/09/2024');
  });

  it('usage errors exit 2 before any file is read', async () => {
    const cases: Array<[string[], string]> = [
      [[], 'fichier du référentiel manquant'],
      [[REF, '--staff', STAFF], 'option --answers <entreprise.json> manquante'],
      [[REF, '--answers', COMPANY], 'option --staff <salariés.csv> manquante'],
      [evaluateArgs('--format', 'xml'), 'format « xml » inconnu : attendu table, json, csv'],
      [[REF, '--answers', COMPANY, '--staff', STAFF, '--year', '24'], 'année « 24 » invalide'],
      [[REF, '--answers', COMPANY, '--staff', STAFF, '--year', '2014'], 'année « 2014 » invalide'],
      [evaluateArgs('--regulation', '2010-01-01'), 'version réglementaire « 2010-01-01 » inconnue'],
      [evaluateArgs('--salaries', 'x.csv'), 'option inconnue « --salaries »'],
      [evaluateArgs('--trace=oui'), 'l’option --trace ne prend pas de valeur'],
      [[REF, '--answers'], 'l’option --answers attend une valeur'],
      [[REF, REF, '--answers', COMPANY, '--staff', STAFF], 'un seul fichier de référentiel attendu'],
    ];
    for (const [argv, message] of cases) {
      const t = fakeIo({}, new Date('2024-06-15'));
      const io = { ...t.io, readFile: () => { throw new Error('no file should be read'); } };
      expect(await evaluateCommand(argv, io), argv.join(' ')).toBe(2);
      expect(t.err()).toContain(message);
      expect(t.err()).toContain('Aide : logigramme evaluate --help');
    }
  });
});

describe('the real launcher', () => {
  it('node bin/logigramme.mjs --help and evaluate on the examples', () => {
    const help = spawnSync(process.execPath, ['bin/logigramme.mjs', '--help'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage : logigramme <commande>');

    const evaluated = spawnSync(process.execPath, ['bin/logigramme.mjs', 'evaluate', ...evaluateArgs('--format', 'json')], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(evaluated.stderr).toBe('');
    expect(evaluated.status).toBe(0);
    const doc = JSON.parse(evaluated.stdout) as { totals: { points: number; evaluated: number } };
    expect(doc.totals).toMatchObject({ evaluated: 8, points: 26 });

    const failing = spawnSync(process.execPath, ['bin/logigramme.mjs', 'evaluate', REF, '--answers', COMPANY, '--staff', 'examples/salaries-erreurs.csv', '--year', '2024'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(failing.status).toBe(1);
    expect(failing.stderr).toContain('examples/salaries-erreurs.csv ligne 3, colonne id');
  });
});
