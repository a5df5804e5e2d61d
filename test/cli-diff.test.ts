import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiffResultSchema } from '../src/core/index.ts';
import { diffCommand } from '../src/cli/commands/diff.ts';
import { estimateCommand } from '../src/cli/commands/estimate.ts';
import type { CliIo } from '../src/cli/io.ts';
import { run } from '../src/cli/run.ts';

/*
 * `logigramme diff` and `logigramme estimate`, in process. Expected figures are derived by hand from the
 * sample (see test/diff.test.ts for the full arithmetic): in 2024 (regulation 2023-09-01), the mechanic's
 * noise at 100 % time is 0.6 × 7 h × 228 + 0.4 × 3 h × 228 = 957.6 + 273.6 = 1 231.2 h, fixed nights 110.
 */

const root = join(import.meta.dirname, '..');
const REF = 'referentials/exemple-atelier.json';
const STAFF = 'examples/salaries-exemple.csv';
const COMPANY = 'examples/entreprise-exemple.json';
const refText = readFileSync(join(root, REF), 'utf8');

type Doc = {
  id: string;
  identity: Record<string, unknown> & { version: string };
  regulation: string;
  workingYear: { annualHours: number; workingDays: number };
  questions: Array<{ id: string }>;
  jobs: Array<{ id: string; label: string; tasks: Array<{ id: string; defaultShare: number; entry: string }> }>;
  situations: Array<{ id: string; label: string; exposures: Array<{ duration?: { value: number } }> }>;
  scenarios: Array<{ answers: Record<string, unknown>; employee: { jobs: Array<{ job: string }> } }>;
} & Record<string, unknown>;
/** The sample as a raw document, edited by `f`, as file text. */
const version = (f: (d: Doc) => void): string => {
  const doc = JSON.parse(refText) as Doc;
  f(doc);
  return JSON.stringify(doc, null, 2);
};
const situation = (d: Doc, id: string) => d.situations.find((s) => s.id === id)!;

/** v1.1.0: bodywork noise 3 → 2.5 h/day, fixed nights 110 → 95. */
const V2 = version((d) => {
  d.identity.version = '1.1.0';
  situation(d, 's-carrosserie').exposures[0]!.duration!.value = 2.5;
  situation(d, 's-nuit-fixe').exposures[0]!.duration!.value = 95;
});

/** In-process I/O: captured output, virtual files over the repository's real ones, a fixed clock (2024). */
function fakeIo(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const read: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: (path) => {
      read.push(path);
      if (path in files) return files[path]!;
      return readFileSync(join(root, path), 'utf8');
    },
    writeFile: () => {
      throw new Error('diff and estimate write no file');
    },
    now: () => new Date('2024-06-15T12:00:00Z'),
  };
  return { io, read, out: () => out.join('\n'), err: () => err.join('\n') };
}

describe('logigramme diff', () => {
  it('identical versions: exit 0, the report says so', () => {
    const t = fakeIo();
    expect(run(['diff', REF, REF], t.io)).toBe(0);
    expect(t.out()).toContain('# Comparaison du référentiel Atelier de maintenance — référentiel d’exemple');
    expect(t.out()).toContain('Les deux versions sont identiques.');
    expect(t.err()).toBe('');
    // the same content with other key order and whitespace is identical too
    const t2 = fakeIo({ 'copie.json': JSON.stringify(JSON.parse(refText)) });
    expect(run(['diff', REF, 'copie.json'], t2.io)).toBe(0);
  });

  it('different versions: exit 1, the Markdown report grouped by job with the flips', () => {
    const t = fakeIo({ 'v2.json': V2 });
    expect(run(['diff', REF, 'v2.json'], t.io)).toBe(1);
    const out = t.out();
    expect(out).toContain('3 changements : 2 modifications et 1 changement général (identité, réglementation, année de référence, facteurs, liste des postes particulièrement exposés ou ordre).');
    expect(out).toContain('- Identité, version : « 1.0.0 » → « 1.1.0 »');
    expect(out).toContain('## Poste « Mécanicien »');
    expect(out).toContain('## Poste « Agent de maintenance de nuit »');
    // 3 × 228 = 684 h → 2.5 × 228 = 570 h against 600; 110 → 95 nights against 100
    expect(out).toContain('    - **Verdict à temps plein pour Bruit : exposé (684 h/an pour un seuil de 600 h/an, réglementation Décrets 2023-759 et 2023-760 — 1er septembre 2023) → non exposé (570 h/an pour un seuil de 600 h/an, réglementation Décrets 2023-759 et 2023-760 — 1er septembre 2023)**');
    expect(out).toContain('    - **Verdict à temps plein pour Travail de nuit : exposé (110 nuits/an pour un seuil de 100 nuits/an, réglementation Décrets 2023-759 et 2023-760 — 1er septembre 2023) → non exposé (95 nuits/an pour un seuil de 100 nuits/an, réglementation Décrets 2023-759 et 2023-760 — 1er septembre 2023)**');
    expect(out).not.toContain('Effet sur le personnel');
    expect(t.err()).toBe('');
  });

  it('with --staff and --answers: the impact table (employee, factor, before → after against the threshold, points, causes)', () => {
    const t = fakeIo({ 'v2.json': V2 });
    expect(run(['diff', REF, 'v2.json', '--staff', STAFF, '--answers', COMPANY, '--year', '2024'], t.io)).toBe(1);
    const lines = t.out().split('\n');
    const start = lines.indexOf('## Effet sur le personnel — année 2024');
    expect(start).toBeGreaterThan(0);
    // MEC-02 half time: 0.5 × 1 231.2 = 615.6 h ≥ 600 → 0.5 × (957.6 + 0.4 × 570) = 592.8 h < 600, 4 points → 0.
    // NUIT-01: 110 ≥ 100 → 95 < 100, 4 points → 0. Nobody else changes (MEC-03 474.24 h, POLY-01 438.9 h and
    // 47.5 nights stay under; MEC-01, CDD-01, SEN-01 1 185.6 h stay over).
    expect(lines.slice(start)).toEqual([
      '## Effet sur le personnel — année 2024',
      '',
      `Personnel de ${STAFF} (réponses de l’entreprise : ${COMPANY}), évalué avec la version 1.0.0 puis la version 1.1.0 : 8 salariés, dont 2 changent de verdict ou de points.`,
      '',
      '| Salarié | Facteur | Avant | Après | Points | Causes |',
      '|---|---|---|---|---|---|',
      '| MEC-02 | Bruit | exposé (615,6 h/an pour un seuil de 600 h/an) | non exposé (592,8 h/an pour un seuil de 600 h/an) | 4 → 0 | Situation « Ponçage et peinture en cabine » |',
      '| NUIT-01 | Travail de nuit | exposé (110 nuits/an pour un seuil de 100 nuits/an) | non exposé (95 nuits/an pour un seuil de 100 nuits/an) | 4 → 0 | Situation « Poste de nuit fixe » |',
    ]);
    expect(t.err()).toBe('');
  });

  it('impact causes name tasks and general changes; the year defaults to the clock’s', () => {
    // engines 60 → 90 %, bodywork 40 → 10 %: mechanic 0.9 × 1 596 + 0.1 × 684 = 1 504.8 h;
    // MEC-03 (642.8 / 1 607 = 0.4): 0.4 × 1 231.2 = 492.48 h → 0.4 × 1 504.8 = 601.92 h ≥ 600, points 0 → 4.
    const weights = version((d) => {
      d.jobs[0]!.tasks[0]!.defaultShare = 90;
      d.jobs[0]!.tasks[1]!.defaultShare = 10;
    });
    const t = fakeIo({ 'w.json': weights });
    expect(run(['diff', REF, 'w.json', '--answers', COMPANY, '--staff', STAFF], t.io)).toBe(1);
    expect(t.out()).toContain('## Effet sur le personnel — année 2024 (année civile en cours ; --year pour une autre)');
    expect(t.out()).toContain(
      '| MEC-03 | Bruit | non exposé (492,48 h/an pour un seuil de 600 h/an) | exposé (601,92 h/an pour un seuil de 600 h/an) | 0 → 4 | Tâche « Moteurs thermiques » ; Tâche « Peinture et carrosserie » |',
    );
    // working days 228 → 220: mechanic 0.6 × 7 × 220 + 0.4 × 3 × 220 = 1 188 h, MEC-02 0.5 × 1 188 = 594 h < 600
    const days = version((d) => void (d.workingYear.workingDays = 220));
    const t2 = fakeIo({ 'd.json': days });
    expect(run(['diff', REF, 'd.json', '--answers', COMPANY, '--staff', STAFF, '--year', '2024'], t2.io)).toBe(1);
    const row = t2.out().split('\n').find((l) => l.startsWith('| MEC-02 |'))!;
    expect(row).toContain('| MEC-02 | Bruit | exposé (615,6 h/an pour un seuil de 600 h/an) | non exposé (594 h/an pour un seuil de 600 h/an) | 4 → 0 | année de référence, jours 228 → 220');
  });

  it('with a staff but no change for anyone: the section says so', () => {
    const renamed = version((d) => void (d.jobs[0]!.label = 'Mécanicien réparateur'));
    const t = fakeIo({ 'r.json': renamed });
    expect(run(['diff', REF, 'r.json', '--staff', STAFF, '--answers', COMPANY, '--year', '2024'], t.io)).toBe(1);
    expect(t.out()).toContain('8 salariés, dont 0 change de verdict ou de points.');
    expect(t.out()).toContain('Aucun salarié ne change de verdict ni de points.');
    expect(t.out()).not.toContain('| Salarié |');
  });

  it('--format json: { diff } without a staff, { diff, impact } with one; the change list passes its schema', () => {
    const t = fakeIo({ 'v2.json': V2 });
    expect(run(['diff', REF, 'v2.json', '--format', 'json'], t.io)).toBe(1);
    const doc = JSON.parse(t.out()) as { diff: unknown; impact?: unknown };
    expect(Object.keys(doc)).toEqual(['diff']);
    const parsed = DiffResultSchema.parse(doc.diff);
    expect(parsed.identical).toBe(false);
    expect(parsed.changes.map((c) => ('id' in c ? `${c.kind}:${c.id}` : c.kind))).toEqual(['identity', 'situation:s-carrosserie', 'situation:s-nuit-fixe']);

    const t2 = fakeIo({ 'v2.json': V2 });
    expect(run(['diff', REF, 'v2.json', '--format', 'json', '--staff', STAFF, '--answers', COMPANY, '--year', '2024'], t2.io)).toBe(1);
    const doc2 = JSON.parse(t2.out()) as { impact: { year: number; employees: number; changed: Array<{ employee: string; points: { before: number; after: number } }>; errors: unknown[] } };
    expect(doc2.impact).toMatchObject({ year: 2024, employees: 8, errors: [] });
    expect(doc2.impact.changed.map((e) => [e.employee, e.points.before, e.points.after])).toEqual([
      ['MEC-02', 4, 0],
      ['NUIT-01', 4, 0],
    ]);
    // causes refer to the diff's change list by index
    expect(doc2.impact.changed[1]).toMatchObject({ factors: [{ factor: 'night_work', causes: [{ kind: 'situation', id: 's-nuit-fixe', index: 2 }] }] });

    const t3 = fakeIo();
    expect(run(['diff', REF, REF, '--format', 'json'], t3.io)).toBe(0);
    expect(JSON.parse(t3.out())).toMatchObject({ diff: { identical: true, changes: [] } });
  });

  describe('bad input: exit 2, every problem located', () => {
    it('an invalid referential: its issues with their JSON path', () => {
      const broken = version((d) => void (d.jobs[0]!.tasks[1]!.entry = 's-absente'));
      const t = fakeIo({ 'b.json': broken });
      expect(run(['diff', REF, 'b.json'], t.io)).toBe(2);
      expect(t.out()).toBe('');
      expect(t.err()).toMatch(/^b\.json \$\.jobs\[0\]\.tasks\[1\]\.entry : .*« s-absente »/m);
      expect(t.err()).toContain('b.json : référentiel non valide (1 problème)');
    });

    it('both files unreadable or invalid: both reported', () => {
      const t = fakeIo({ 'pas-json.json': '{ "id": ' });
      expect(run(['diff', 'absent.json', 'pas-json.json'], t.io)).toBe(2);
      expect(t.err()).toContain('Impossible de lire le référentiel « absent.json » : fichier introuvable');
      expect(t.err()).toContain('pas-json.json : référentiel non valide');
    });

    it('a staff file with a problem, or one the new version refuses (a job it removed)', () => {
      const t = fakeIo({ 's.csv': 'id;annual_hours;birth_year;jobs\nX;temps plein;1980;mecanicien' });
      expect(run(['diff', REF, REF, '--staff', 's.csv', '--answers', COMPANY], t.io)).toBe(2);
      // the same problem for both versions is reported once, naming both
      expect(t.err()).toContain('s.csv ligne 2, colonne annual_hours : Durée annuelle « temps plein » invalide');
      expect(t.err()).toContain(`s.csv : fichier du personnel non valide pour ${REF} et ${REF} (1 problème), aucun salarié évalué`);
      expect(t.out()).toBe('');

      // The reference cases of the removed job go with it: the loader refuses scenarios naming an unknown job.
      const noNight = version((d) => {
        d.jobs = d.jobs.filter((j) => j.id !== 'agent-nuit');
        d.scenarios = d.scenarios.filter((s) => !s.employee.jobs.some((j) => j.job === 'agent-nuit'));
      });
      const t2 = fakeIo({ 'sans-nuit.json': noNight });
      expect(run(['diff', REF, 'sans-nuit.json', '--staff', STAFF, '--answers', COMPANY], t2.io)).toBe(2);
      expect(t2.err()).toContain(`${STAFF} ligne 6, colonne jobs : Poste inconnu « agent-nuit »`);
      expect(t2.err()).toMatch(new RegExp(`${STAFF} : fichier du personnel non valide pour sans-nuit\\.json \\(\\d+ problèmes\\), aucun salarié évalué`));
    });

    it('a company file the new version refuses (a question it removed)', () => {
      const noActivity = version((d) => {
        d.questions = d.questions.filter((q) => q.id !== 'q-activite');
        d.nodes = (d.nodes as Array<{ id: string }>).filter((n) => n.id !== 'n-activite');
        d.jobs[0]!.tasks[0]!.entry = 'n-bruit';
        // The reference cases no longer answer it: the loader refuses answers to an unknown question.
        for (const s of d.scenarios) delete s.answers['q-activite'];
      });
      const t = fakeIo({ 'v.json': noActivity });
      expect(run(['diff', REF, 'v.json', '--staff', STAFF, '--answers', COMPANY], t.io)).toBe(2);
      expect(t.err()).toContain(`${COMPANY} $.answers["q-activite"] : Critère « q-activite » inconnu dans ce référentiel`);
      expect(t.err()).toContain(`${COMPANY} : fichier de réponses de l’entreprise non valide pour v.json (1 problème)`);
    });

    it('an employee that cannot be evaluated: the report is printed, the employee named with its line, exit 2', () => {
      // CDD-01 works from 2024-03-01 to 2024-08-31: no day of 2023
      const t = fakeIo({ 'v2.json': V2 });
      expect(run(['diff', REF, 'v2.json', '--staff', STAFF, '--answers', COMPANY, '--year', '2023'], t.io)).toBe(2);
      expect(t.out()).toContain('## Effet sur le personnel — année 2023');
      expect(t.out()).toContain('8 salariés, dont');
      expect(t.out()).toContain(', 1 non évalué.');
      expect(t.err()).toContain(`${STAFF} ligne 8, salarié CDD-01, colonne contract_start : `);
      expect(t.err()).toContain('[contract_outside_year] (version avant, referentials/exemple-atelier.json)');
      expect(t.err()).toContain('1 salarié non évalué sur 8 : effet sur le personnel incomplet');
    });
  });

  describe('usage errors: exit 2 before any file is read', () => {
    const cases: Array<[string[], string]> = [
      [['diff'], 'fichiers des deux versions manquants'],
      [['diff', REF], 'fichier de la version « après » manquant'],
      [['diff', REF, REF, REF], 'deux fichiers de référentiel attendus (avant, après), reçu 3'],
      [['diff', REF, REF, '--staff', STAFF], '--staff demande aussi --answers'],
      [['diff', REF, REF, '--answers', COMPANY], '--answers demande aussi --staff'],
      [['diff', REF, REF, '--format', 'html'], 'format « html » inconnu : attendu md, json'],
      [['diff', REF, REF, '--year', '24'], 'année « 24 » invalide'],
      [['diff', REF, REF, '--verbose'], 'option inconnue « --verbose »'],
    ];
    for (const [argv, message] of cases) {
      it(argv.slice(1).join(' ') || '(no argument)', () => {
        const t = fakeIo();
        expect(run(argv, t.io)).toBe(2);
        expect(t.err()).toContain(`logigramme diff : ${message}`);
        expect(t.err()).toContain('Aide : logigramme diff --help');
        expect(t.read).toEqual([]);
        expect(t.out()).toBe('');
      });
    }
  });

  it('--help, -h and help diff: the usage with its exit codes and an example', () => {
    for (const argv of [['diff', '--help'], ['diff', REF, '-h'], ['help', 'diff']]) {
      const t = fakeIo();
      expect(run(argv, t.io)).toBe(0);
      expect(t.out()).toContain('Usage : logigramme diff <avant.json> <après.json>');
      expect(t.out()).toContain('Exemples');
      expect(t.out()).toContain('0 versions identiques ;\n1 versions différentes ; 2 fichier illisible ou invalide');
    }
    // the command itself is synchronous, like the other evaluation commands
    expect(typeof diffCommand(['--help'], fakeIo().io)).toBe('number');
  });
});

describe('logigramme estimate', () => {
  /*
   * Sample « chantier » (company answer chantier, weight 3). Mechanic on site: noise 0.6 × 456 + 0.4 × 684 =
   * 547.2 h < 600, postures 0.6 × 1 140 + 0.4 × 456 = 866.4 h < 900.
   *   B1 mechanic → nothing; B2 alternating night agent → 40 ≥ 30; B3 mechanic 60 | night agent 40 (fixed)
   *   → 44 nights, 328.32 h: nothing; B4 engines only → squatting 1 140 h, but postures have no legal
   *   threshold since 2017-10-01 (D4163-2): not counted as exposed;
   *   B5 mechanic 30 | night agent 70 (alternating) → 28 < 30: nothing, main job agent-nuit.
   * Sample « garage » (weight 10): mechanics 6 (POLY-01 50/50 counts under the first listed), noise 4;
   * night agents 2: night work 1, alternating 1.
   * mecanicien: 6 × 10 + 3 × 3 = 69 workers, noise 40 (40 / 69 = 0.5797);
   * agent-nuit: 2 × 10 + 2 × 3 = 26, night work 10 (0.3846), alternating 10 + 3 = 13 (0.5);
   * all: 95, noise 40 (0.4211), night work 10 (0.1053), alternating 13 (0.1368).
   * v1.1.0 (V2): MEC-02 falls to 592.8 h (noise 40 → 30: 30 / 69 = 0.4348, 30 / 95 = 0.3158) and NUIT-01
   * to 95 nights (night work 10 → 0).
   */
  const files = {
    'v2.json': V2,
    'chantier.csv': ['id;annual_hours;birth_year;jobs;tasks;q:q-equipes-alternantes', 'B1;1607;1980;mecanicien;;', 'B2;1607;1980;agent-nuit;;oui', 'B3;1607;1980;mecanicien:60|agent-nuit:40;;non', 'B4;1607;1980;mecanicien;moteurs-thermiques:100;', 'B5;1607;1980;mecanicien:30|agent-nuit:70;;oui'].join('\n'),
    'chantier.json': JSON.stringify({ formatVersion: 1, answers: { 'q-activite': 'chantier' }, measures: [] }),
  };
  const samples = ['--sample', `${STAFF}:${COMPANY}:10`, '--sample', 'chantier.csv:chantier.json:3'];

  it('CSV (default): both versions side by side with --against, hand-computed', () => {
    const t = fakeIo(files);
    expect(run(['estimate', REF, '--against', 'v2.json', '--year', '2024', ...samples], t.io)).toBe(0);
    expect(t.out()).toBe(
      [
        'job,job_label,factor,workers_v1.0.0,exposed_v1.0.0,share_v1.0.0,workers_v1.1.0,exposed_v1.1.0,share_v1.1.0',
        'mecanicien,Mécanicien,noise,69,40,0.5797,69,30,0.4348',
        'agent-nuit,Agent de maintenance de nuit,night_work,26,10,0.3846,26,0,0',
        'agent-nuit,Agent de maintenance de nuit,alternating_shifts,26,13,0.5,26,13,0.5',
        '*,Ensemble,noise,95,40,0.4211,95,30,0.3158',
        '*,Ensemble,night_work,95,10,0.1053,95,0,0',
        '*,Ensemble,alternating_shifts,95,13,0.1368,95,13,0.1368',
      ].join('\n'),
    );
    expect(t.err()).toBe('');
  });

  it('one sample, no weight (1 each), one version; a decimal-comma weight', () => {
    const t = fakeIo(files);
    expect(run(['estimate', REF, '--year', '2024', '--sample', 'chantier.csv:chantier.json'], t.io)).toBe(0);
    // mecanicien B1, B3, B4 (B4's postures have no legal threshold in 2024); agent-nuit B2, B5 (alternating 1)
    expect(t.out().split('\n')).toEqual([
      'job,job_label,factor,workers_v1.0.0,exposed_v1.0.0,share_v1.0.0',
      'agent-nuit,Agent de maintenance de nuit,alternating_shifts,2,1,0.5',
      '*,Ensemble,alternating_shifts,5,1,0.2',
    ]);
    const t2 = fakeIo(files);
    expect(run(['estimate', REF, '--year', '2024', '--sample', 'chantier.csv:chantier.json:2,5'], t2.io)).toBe(0);
    expect(t2.out()).toContain('*,Ensemble,alternating_shifts,12.5,2.5,0.2');
  });

  it('--format md: a French table with « au moins un facteur » and the samples', () => {
    const t = fakeIo(files);
    expect(run(['estimate', REF, '--against', 'v2.json', '--year', '2024', '--format', 'md', ...samples], t.io)).toBe(0);
    const lines = t.out().split('\n');
    expect(lines[0]).toBe('# Estimation des effectifs exposés — Atelier de maintenance — référentiel d’exemple');
    expect(lines).toContain(`  - ${STAFF} (réponses : ${COMPANY}) : 8 salariés, 8 évalués, poids 10`);
    expect(lines).toContain('  - chantier.csv (réponses : chantier.json) : 5 salariés, 5 évalués, poids 3');
    expect(lines).toContain('| Poste | Facteur | Effectif v1.0.0 | Exposés v1.0.0 | Part v1.0.0 | Effectif v1.1.0 | Exposés v1.1.0 | Part v1.1.0 |');
    expect(lines).toContain('| Mécanicien | Bruit | 69 | 40 | 58 % | 69 | 30 | 43,5 % |');
    // postures have no legal threshold since 2017-10-01: no line for them
    expect(lines.some((l) => l.includes('Postures pénibles'))).toBe(false);
    // exposed to any factor: garage 6 × 10 + chantier 1 × 3 (B2; B4's postures no longer count) = 63 of 95 = 66.3 %;
    // v1.1.0 loses MEC-02 and NUIT-01: 63 − 20 = 43 = 45.3 %
    expect(lines).toContain('| **Ensemble** | Au moins un facteur | 95 | 63 | 66,3 % | 95 | 43 | 45,3 % |');
  });

  it('an employee that cannot be evaluated: reported with its sample line, not counted, exit 1', () => {
    const t = fakeIo(files);
    expect(run(['estimate', REF, '--year', '2023', '--sample', `${STAFF}:${COMPANY}`], t.io)).toBe(1);
    expect(t.out()).toContain('*,Ensemble,noise,7,'); // 8 − CDD-01
    expect(t.err()).toContain(`${STAFF} ligne 8, salarié CDD-01, colonne contract_start : `);
    expect(t.err()).toContain('1 salarié non compté dans l’estimation');
  });

  it('invalid inputs: exit 1, every problem located', () => {
    const t = fakeIo({ ...files, 'mauvais.json': JSON.stringify({ formatVersion: 1, answers: { 'q-activite': 'usine' }, measures: [] }) });
    expect(run(['estimate', REF, '--year', '2024', '--sample', 'chantier.csv:mauvais.json', '--sample', 'absent.csv:chantier.json'], t.io)).toBe(1);
    expect(t.err()).toContain('mauvais.json $.answers["q-activite"] : Réponse « usine » invalide');
    expect(t.err()).toContain('Impossible de lire le fichier du personnel « absent.csv » : fichier introuvable');
    expect(t.out()).toBe('');
  });

  describe('usage errors: exit 2 before any file is read', () => {
    const cases: Array<[string[], string]> = [
      [['estimate', REF], 'option --sample <salariés.csv>:<entreprise.json>[:<poids>] manquante'],
      [['estimate', '--sample', 'a.csv:b.json'], 'fichier du référentiel manquant'],
      [['estimate', REF, '--sample', 'a.csv'], 'échantillon « a.csv » invalide : fichier de réponses de l’entreprise manquant'],
      [['estimate', REF, '--sample', 'a.csv:b.json:zéro'], 'échantillon « a.csv:b.json:zéro » invalide : poids « zéro » invalide, nombre positif attendu'],
      [['estimate', REF, '--sample', 'a.csv:b.json:-2'], 'échantillon « a.csv:b.json:-2 » invalide : poids « -2 » invalide'],
      [['estimate', REF, '--sample', 'a.csv:b.json', '--format', 'xlsx'], 'format « xlsx » inconnu : attendu csv, md'],
      [['estimate', REF, '--sample', 'a.csv:b.json', '--year', '1999'], 'année « 1999 » invalide'],
    ];
    for (const [argv, message] of cases) {
      it(argv.slice(1).join(' '), () => {
        const t = fakeIo();
        expect(run(argv, t.io)).toBe(2);
        expect(t.err()).toContain(`logigramme estimate : ${message}`);
        expect(t.read).toEqual([]);
      });
    }
  });

  it('--help and help estimate', () => {
    for (const argv of [['estimate', '--help'], ['help', 'estimate']]) {
      const t = fakeIo();
      expect(run(argv, t.io)).toBe(0);
      expect(t.out()).toContain('Usage : logigramme estimate <référentiel.json> --sample');
      expect(t.out()).toContain('Exemple');
    }
    expect(typeof estimateCommand(['--help'], fakeIo().io)).toBe('number');
  });
});

describe('program help', () => {
  it('lists diff and estimate, and says diff’s exit codes differ', () => {
    const t = fakeIo();
    expect(run(['--help'], t.io)).toBe(0);
    expect(t.out()).toContain('  diff <avant.json> <après.json> compare deux versions d’un référentiel');
    expect(t.out()).toContain('  estimate <référentiel.json>    estime les effectifs exposés');
    expect(t.out()).toContain('Sauf « diff », qui suit diff(1)');
    const t2 = fakeIo();
    expect(run(['dif'], t2.io)).toBe(2);
    expect(t2.err()).toContain('vouliez-vous dire « diff » ?');
  });
});
