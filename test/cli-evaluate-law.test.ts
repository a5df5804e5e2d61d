import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCommand } from '../src/cli/commands/evaluate.ts';
import type { CliIo } from '../src/cli/io.ts';

/*
 * `logigramme evaluate` says what the law of the year makes of the results: the verdict of the factors
 * without a legal threshold, the declaration channel, temporary workers and long absences (from a JSON
 * staff list), and whether applying the referential gives the presumption of good faith (L4163-2).
 */

const root = join(import.meta.dirname, '..');
const REF = 'referentials/exemple-atelier.json';
const COMPANY = 'examples/entreprise-exemple.json';
const STAFF_JSON = 'examples/salaries-exemple.json';

function fakeIo(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: (path) => (path in files ? files[path]! : readFileSync(join(root, path), 'utf8')),
    writeFile: () => {
      throw new Error('evaluate writes no file');
    },
    now: () => new Date('2026-12-04T12:00:00Z'),
  };
  return { io, out: () => out.join('\n'), err: () => err.join('\n') };
}

const homologated = (arreteDate: string) => {
  const doc = JSON.parse(readFileSync(join(root, REF), 'utf8')) as Record<string, any>;
  doc.identity = { ...doc.identity, status: 'homologated', homologation: { arreteDate, arreteReference: `Arrêté du ${arreteDate}` } };
  return JSON.stringify(doc);
};

describe('evaluate: the law of the year in the output', () => {
  it('a JSON staff list: long absences and temporary workers, with their effect', async () => {
    const t = fakeIo();
    expect(await evaluateCommand([REF, '--answers', COMPANY, '--staff', STAFF_JSON, '--year', '2024'], t.io)).toBe(0);
    const out = t.out();
    // NUIT-01: fixed nights 110 × 275 ÷ 366 = 82.65 < 100 after three months of sick leave (91 days).
    expect(out).toMatch(/NUIT-01 +2 +100 % +— +0 +— +absence longue : 275\/366 jours de présence, sous le seuil : Travail de nuit/);
    // MEC-04: noise 1231.2 × 305 ÷ 366 = 1026 h, still ≥ 600.
    expect(out).toMatch(/MEC-04 +3 +100 % +Bruit 1 026 h\/an \(seuil 600\)/);
    expect(out).toContain('absence longue : 305/366 jours de présence');
    // INT-01: a temporary worker, evaluated, out of the company's totals: 2024-02-01 → 2024-07-31 = 2 quarters → 2 points.
    expect(out).toMatch(/INT-01 +4 +100 % +Bruit 1 231,2 h\/an \(seuil 600\) .* +2 +07 +intérimaire \(Intérim Nord\) : déclaré par l’agence/);
    expect(out).toContain('Totaux : 4 salariés dans le fichier, 3 évalués hors intérimaires, 0 en erreur');
    expect(out).toContain('Intérimaires : 1, hors des totaux de l’entreprise');
    // company points: MEC-01 4 + MEC-04 4 (NUIT-01 0)
    expect(out).toContain('Points acquis en 2024 : 8');
    expect(out).toContain('Déclaration des expositions de 2024 : DSN, bloc S21.G00.34');
  });

  it('--format json: channel, presumption, the company’s declaration lines and the agencies’ sheets', async () => {
    const t = fakeIo();
    expect(await evaluateCommand([REF, '--answers', COMPANY, '--staff', STAFF_JSON, '--year', '2024', '--format', 'json'], t.io)).toBe(0);
    const doc = JSON.parse(t.out());
    expect(doc.channel).toBe('dsn');
    expect(doc.presumption).toMatchObject({ applies: false, reason: 'never_homologated' });
    expect(doc.declaration).toEqual([
      { employee: 'MEC-01', contract: 'CDI-0001', year: 2024, code: '07', factor: 'noise' },
      { employee: 'MEC-04', contract: 'CDI-0008', year: 2024, code: '07', factor: 'noise' },
    ]);
    expect(doc.agencies).toEqual([
      expect.objectContaining({ agency: 'Intérim Nord', agencySiret: '12345678900011', workers: [expect.objectContaining({ employee: 'INT-01', mission: 'MIS-2024-031', points: 2 })] }),
    ]);
    expect(doc.results.find((r: { employee: string }) => r.employee === 'NUIT-01').absence.changed).toEqual(['night_work']);
  });

  it('a homologated referential: the presumption for the year, said plainly', async () => {
    const applies = fakeIo({ 'homologue.json': homologated('2026-06-01') });
    expect(await evaluateCommand(['homologue.json', '--answers', COMPANY, '--staff', STAFF_JSON, '--year', '2026'], applies.io)).toBe(1);
    expect(applies.out()).toContain('Homologation : présomption de bonne foi applicable — Référentiel homologué du 01/06/2026 au 31/05/2031');
    // 2016 arrêté: deemed homologated until 27 March 2026 (décret 2025-277, art. 2): not for 2026
    const expired = fakeIo({ 'ancien.json': homologated('2016-11-30') });
    await evaluateCommand(['ancien.json', '--answers', COMPANY, '--staff', 'examples/salaries-exemple.csv', '--year', '2026'], expired.io);
    expect(expired.out()).toContain('Homologation : présomption de bonne foi NON applicable — Référentiel homologué du 30/11/2016 au 27/03/2026 (réputé homologué jusqu’au 27/03/2026');
  });

  it('2016: exposures declared through the DADS, not the DSN', async () => {
    const t = fakeIo();
    await evaluateCommand([REF, '--answers', COMPANY, '--staff', 'examples/salaries-exemple.csv', '--year', '2016'], t.io);
    expect(t.out()).toContain('Déclaration des expositions de 2016 : DADS (rubrique S65), ou déclaration MSA pour les employeurs agricoles — pas la DSN');
  });

  it('a JSON staff list with a problem is refused, located by JSON path, nobody evaluated', async () => {
    const bad = JSON.stringify([{ id: 'X', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }], absences: [{ from: '2024-01-01', to: 'bientôt', reason: 'long_sick_leave' }] }]);
    const t = fakeIo({ 'staff.json': bad });
    expect(await evaluateCommand([REF, '--answers', COMPANY, '--staff', 'staff.json', '--year', '2024'], t.io)).toBe(1);
    expect(t.err()).toContain('staff.json $[0].absences[0].to : Date attendue au format AAAA-MM-JJ');
    expect(t.err()).toContain('staff.json : fichier du personnel non valide (1 problème), aucun salarié évalué');
  });
});
