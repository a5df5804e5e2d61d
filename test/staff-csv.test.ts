import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvaluator, loadReferential, loadReferentialText, type Employee, type Referential } from '../src/core/index.ts';
import { columnForField, formatStaffCsv, parseDecimal, parseStaffCsv, type CsvIssue } from '../src/io/staff-csv.ts';
import { evaluationErrorDetail } from '../src/present/evaluation-errors.ts';
import { capitalised } from '../src/present/fr.ts';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function load(text: string): Referential {
  const r = loadReferentialText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
const atelier = load(read('referentials/exemple-atelier.json'));

/** The example referential plus a choice and a number question asked per employee (for the q: columns). */
const withQuestions: Referential = (() => {
  const doc = JSON.parse(read('referentials/exemple-atelier.json')) as { questions: unknown[] };
  doc.questions.push(
    {
      id: 'q-site',
      label: 'Site d’affectation',
      scope: 'employee',
      type: 'choice',
      choices: [
        { id: 'nord', label: 'Usine du Nord' },
        { id: 'sud', label: 'Atelier d’Avignon' },
      ],
    },
    { id: 'q-distance', label: 'Distance parcourue par jour', scope: 'employee', type: 'number', unit: 'km', min: 0, max: 500 },
  );
  const r = loadReferential(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
})();

const HEADER = 'id,annual_hours,contract_start,contract_end,contract_ref,birth_year,jobs,tasks,q:q-equipes-alternantes';
const parse = (lines: string[], referential = atelier) => parseStaffCsv(lines.join('\n'), referential);
/** One data line under the standard header; its issues, all on line 2. */
const oneLine = (line: string, referential = atelier) => parse([HEADER, line], referential);
const at = (issues: CsvIssue[]) => issues.map((i) => `${i.row}:${i.column}`);

describe('parseStaffCsv — the example file', () => {
  const parsed = parseStaffCsv(read('examples/salaries-exemple.csv'), atelier);

  it('reads the eight employees of examples/salaries-exemple.csv (« ; » delimiter, decimal comma) without issue', () => {
    expect(parsed.issues).toEqual([]);
    expect(parsed.employees.map((e) => e.id)).toEqual(['MEC-01', 'MEC-02', 'MEC-03', 'POLY-01', 'NUIT-01', 'NUIT-02', 'CDD-01', 'SEN-01']);
    expect(parsed.rows).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('converts every column to the Employee shape', () => {
    const byId = new Map(parsed.employees.map((e) => [e.id, e]));
    expect(byId.get('MEC-01')).toEqual({ id: 'MEC-01', annualHours: 1607, contract: { reference: 'CDI-0001' }, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }] });
    // "803,5" with a decimal comma
    expect(byId.get('MEC-02')?.annualHours).toBe(803.5);
    expect(byId.get('POLY-01')).toEqual({
      id: 'POLY-01',
      annualHours: 1607,
      contract: { reference: 'CDI-0004' },
      birth: 1979,
      jobs: [
        { job: 'mecanicien', share: 50, tasks: [{ task: 'moteurs-thermiques', share: 30 }, { task: 'carrosserie', share: 70 }] },
        { job: 'agent-nuit', share: 50 },
      ],
      answers: { 'q-equipes-alternantes': false },
    });
    expect(byId.get('NUIT-02')?.answers).toEqual({ 'q-equipes-alternantes': true });
    expect(byId.get('CDD-01')?.contract).toEqual({ start: '2024-03-01', end: '2024-08-31', reference: 'CDD-2024-017' });
    expect(byId.get('SEN-01')?.birth).toBe(1955);
  });

  it('gives employees the evaluator accepts: a half-time mechanic is exposed to noise', () => {
    const evaluator = createEvaluator(atelier, { answers: { 'q-activite': 'atelier' }, measures: [] }, { year: 2024 });
    const staff = evaluator.evaluateStaff(parsed.employees);
    expect(staff.errors).toEqual([]);
    const noise = (id: string) => staff.results.find((r) => r.employee === id)!.factors.find((f) => f.factor === 'noise')!;
    // Full time: engines 60 % × 7 h/day × 228 days = 957.6 h, bodywork 40 % × 3 h/day × 228 = 273.6 h → 1231.2 h.
    // Half time: 1231.2 h × 803.5 / 1607 = 615.6 h ≥ 600 h → exposed.
    expect(noise('MEC-02').groups[0]!.exposure).toBeCloseTo(615.6, 6);
    expect(noise('MEC-02').verdict).toBe('exposed');
    // 40 % time: 1231.2 × 642.8 / 1607 = 492.48 h < 600 → not exposed.
    expect(noise('MEC-03').groups[0]!.exposure).toBeCloseTo(492.48, 6);
    expect(noise('MEC-03').verdict).toBe('not_exposed');
  });
});

describe('parseStaffCsv — file level', () => {
  it('detects the « , » delimiter and a decimal point', () => {
    const r = parse([HEADER, 'A,803.5,,,,1980,mecanicien,,']);
    expect(r.issues).toEqual([]);
    expect(r.employees[0]?.annualHours).toBe(803.5);
  });

  it('detects the « ; » delimiter even when values hold commas', () => {
    const r = parse([HEADER.replaceAll(',', ';'), 'A;803,5;;;;1980;mecanicien:50,5|agent-nuit:49,5;;non']);
    expect(r.issues).toEqual([]);
    expect(r.employees[0]?.jobs).toEqual([
      { job: 'mecanicien', share: 50.5 },
      { job: 'agent-nuit', share: 49.5 },
    ]);
  });

  it('ignores a UTF-8 BOM before the header', () => {
    const r = parseStaffCsv(`\uFEFF${HEADER}\nA,1607,,,,1980,mecanicien,,\n`, atelier);
    expect(r.issues).toEqual([]);
    expect(r.employees).toHaveLength(1);
  });

  it('reads header names case-insensitively and trimmed, in any order', () => {
    const r = parse([' JOBS , Birth_Year,ID, Annual_Hours ', 'mecanicien,1980,A,1607']);
    expect(r.issues).toEqual([]);
    expect(r.employees[0]).toMatchObject({ id: 'A', annualHours: 1607, birth: 1980 });
  });

  it('accepts CRLF line ends and skips blank lines while keeping the real line numbers', () => {
    const r = parseStaffCsv(`${HEADER}\r\n\r\nA,1607,,,,1980,mecanicien,,\r\n ,  ,,,,,,,\r\nB,0,,,,1980,mecanicien,,\r\n`, atelier);
    expect(r.employees.map((e) => e.id)).toEqual(['A']);
    expect(r.rows).toEqual([3]);
    expect(at(r.issues)).toEqual(['5:annual_hours']);
  });

  it('counts the lines of a quoted value that spans several lines', () => {
    const r = parse([HEADER, 'A,1607,,,"contrat\nsur deux lignes",1980,mecanicien,,', 'B,x,,,,1980,mecanicien,,']);
    expect(r.employees[0]?.contract.reference).toBe('contrat\nsur deux lignes');
    expect(at(r.issues)).toEqual(['4:annual_hours']);
  });

  it('reports an empty file and a file with only its header', () => {
    expect(parseStaffCsv('', atelier).issues).toEqual([{ row: 1, column: '', message: expect.stringContaining('Fichier vide') }]);
    expect(parseStaffCsv(`${HEADER}\n`, atelier).issues).toEqual([{ row: 1, column: '', message: expect.stringContaining('Aucun salarié') }]);
  });

  it('reports every missing required column on the header line, and reads no line', () => {
    const r = parse(['id,contract_start', 'A,2024-01-01']);
    expect(r.employees).toEqual([]);
    expect(r.issues).toEqual([
      { row: 1, column: 'annual_hours', message: 'Colonne obligatoire « Heures annuelles » (annual_hours) absente de la ligne d’en-tête' },
      { row: 1, column: 'birth_year', message: 'Colonne obligatoire « Naissance » (birth_year) absente de la ligne d’en-tête' },
      { row: 1, column: 'jobs', message: 'Colonne obligatoire « Postes » (jobs) absente de la ligne d’en-tête' },
    ]);
  });

  it('reports unknown columns on the header line, naming them, and still reads the lines', () => {
    const r = parse(['id,annual_hours,birth_year,jobs,service,anual_hours', 'A,1607,1980,mecanicien,atelier,1']);
    expect(at(r.issues)).toEqual(['1:service', '1:anual_hours']);
    expect(r.issues[0]!.message).toContain('Colonne inconnue « service »');
    expect(r.issues[1]!.message).toContain('vouliez-vous dire « Heures annuelles (annual_hours) » ?');
    expect(r.employees.map((e) => e.id)).toEqual(['A']);
  });

  it('suggests the q: prefix for a column named after an employee question', () => {
    const r = parse(['id,annual_hours,birth_year,jobs,q-equipes-alternantes', 'A,1607,1980,mecanicien,oui']);
    expect(r.issues[0]!.message).toContain('(q:q-equipes-alternantes) » ?');
  });

  it('reports an unknown q: question and a company-level question on the header line', () => {
    const r = parse(['id,annual_hours,birth_year,jobs,q:q-inconnu,q:q-activite', 'A,1607,1980,mecanicien,oui,atelier']);
    expect(at(r.issues)).toEqual(['1:q:q-inconnu', '1:q:q-activite']);
    expect(r.issues[0]!.message).toContain('Critère inconnu « q-inconnu »');
    expect(r.issues[1]!.message).toContain('se renseigne pour l’entreprise');
  });

  it('reports a duplicated column', () => {
    const r = parse(['id,annual_hours,birth_year,jobs,ID', 'A,1607,1980,mecanicien,B']);
    // the column as the file names it
    expect(r.issues).toEqual([{ row: 1, column: 'ID', message: 'Colonne « Matricule (id) » en double (colonnes n° 1 et 5)' }]);
  });

  it('reports a line with more values than columns, and a short line', () => {
    const r = parse(['id,annual_hours,birth_year,jobs', 'A,1607,1980,mecanicien,extra', 'B,1607,1980,mecanicien,,', 'C,1607,1980']);
    expect(at(r.issues)).toEqual(['2:', '4:', '4:jobs']);
    expect(r.issues[0]!.message).toContain('5 valeurs pour 4 colonnes');
    expect(r.issues[1]!.message).toContain('Ligne incomplète');
    // trailing empty values (spreadsheet exports) are not an error
    expect(r.employees.map((e) => e.id)).toEqual(['B']);
  });

  it('reports an unterminated quote', () => {
    const r = parse([HEADER, 'A,1607,,,"sans fin,1980,mecanicien,,']);
    expect(r.issues.some((i) => i.row === 2 && i.message.includes('Guillemet'))).toBe(true);
  });

  it('collects every problem of every line, and still gives the valid lines', () => {
    const r = parse([HEADER, 'A,abc,2024-13-01,,,19x0,inconnu,,peut-être', 'B,1607,,,,1980,mecanicien,,', 'C,,,,,,,,']);
    expect(at(r.issues)).toEqual(['2:annual_hours', '2:contract_start', '2:birth_year', '2:jobs', '2:q:q-equipes-alternantes', '4:annual_hours', '4:birth_year', '4:jobs']);
    expect(r.employees.map((e) => e.id)).toEqual(['B']);
    expect(r.rows).toEqual([3]);
  });

  it('reads the deliberately malformed examples/salaries-erreurs.csv into located issues', () => {
    const r = parseStaffCsv(read('examples/salaries-erreurs.csv'), atelier);
    expect(at(r.issues)).toEqual([
      '1:q:q-inconnu',
      '1:service',
      '3:id',
      '4:annual_hours',
      '5:contract_start',
      '6:contract_end',
      '7:birth_year',
      '7:jobs',
      '8:jobs',
      '9:tasks',
      '10:tasks',
      '11:q:q-equipes-alternantes',
      '12:id',
    ]);
    // the first line is valid (the header problems concern columns, not its values)
    expect(r.employees.map((e) => e.id)).toEqual(['MEC-01']);
  });
});

describe('parseStaffCsv — columns', () => {
  it('id: required', () => {
    expect(oneLine(',1607,,,,1980,mecanicien,,').issues).toEqual([{ row: 2, column: 'id', message: 'Identifiant du salarié manquant' }]);
  });

  it('id: unique in the file, the message names the first line', () => {
    const r = parse([HEADER, 'A,1607,,,,1980,mecanicien,,', 'B,1607,,,,1980,mecanicien,,', 'A,1607,,,,1981,mecanicien,,']);
    expect(r.issues).toEqual([{ row: 4, column: 'id', message: 'Identifiant « A » déjà utilisé ligne 2 : chaque salarié doit avoir un identifiant unique' }]);
    expect(r.employees.map((e) => e.id)).toEqual(['A', 'B']);
  });

  it('annual_hours: decimal comma or point, spaces between thousands', () => {
    expect(parse(['id;annual_hours;birth_year;jobs', 'A;803,5;1980;mecanicien']).employees[0]?.annualHours).toBe(803.5);
    expect(oneLine('A,"1 607",,,,1980,mecanicien,,').employees[0]?.annualHours).toBe(1607);
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal('1.607,5')).toBeUndefined();
    expect(parseDecimal('12h')).toBeUndefined();
  });

  it('annual_hours: required, a number, more than 0 and at most 8 784 h', () => {
    expect(oneLine('A,,,,,1980,mecanicien,,').issues[0]).toMatchObject({ row: 2, column: 'annual_hours', message: expect.stringContaining('manquante') });
    expect(oneLine('A,temps plein,,,,1980,mecanicien,,').issues[0]).toMatchObject({ column: 'annual_hours', message: expect.stringContaining('« temps plein » invalide') });
    expect(oneLine('A,0,,,,1980,mecanicien,,').issues[0]).toMatchObject({ column: 'annual_hours', message: expect.stringContaining('hors limites') });
    expect(oneLine('A,9000,,,,1980,mecanicien,,').issues[0]).toMatchObject({ column: 'annual_hours', message: expect.stringContaining('8 784') });
  });

  it('contract_start / contract_end: optional ISO dates, empty means before the year / open-ended', () => {
    expect(oneLine('A,1607,,,,1980,mecanicien,,').employees[0]?.contract).toEqual({});
    expect(oneLine('A,1607,2024-03-01,,,1980,mecanicien,,').employees[0]?.contract).toEqual({ start: '2024-03-01' });
    expect(oneLine('A,1607,,2024-08-31,,1980,mecanicien,,').employees[0]?.contract).toEqual({ end: '2024-08-31' });
  });

  it('contract dates: French JJ/MM/AAAA (also with a time, as Excel writes it) or ISO; an impossible date is refused', () => {
    expect(oneLine('A,1607,01/03/2024,,,1980,mecanicien,,').employees[0]?.contract).toEqual({ start: '2024-03-01' });
    expect(oneLine('A,1607,1/3/2024,31.08.2024 00:00,,1980,mecanicien,,').employees[0]?.contract).toEqual({ start: '2024-03-01', end: '2024-08-31' });
    expect(oneLine('A,1607,31/02/2024,,,1980,mecanicien,,').issues).toEqual([
      { row: 2, column: 'contract_start', message: 'Date de début de contrat « 31/02/2024 » invalide : date JJ/MM/AAAA ou AAAA-MM-JJ attendue (ex. 01/03/2024)' },
    ]);
    expect(at(oneLine('A,1607,,2023-02-29,,1980,mecanicien,,').issues)).toEqual(['2:contract_end']);
  });

  it('contract_end before contract_start', () => {
    expect(oneLine('A,1607,2024-06-01,2024-02-15,,1980,mecanicien,,').issues).toEqual([{ row: 2, column: 'contract_end', message: 'Fin du contrat (15/02/2024) avant son début (01/06/2024)' }]);
  });

  it('contract_ref: optional, kept as the contract reference', () => {
    expect(oneLine('A,1607,,,CDD-17,1980,mecanicien,,').employees[0]?.contract).toEqual({ reference: 'CDD-17' });
  });

  it('birth_year: a year, or a full date (for people born in 1956)', () => {
    expect(oneLine('A,1607,,,,1980,mecanicien,,').employees[0]?.birth).toBe(1980);
    expect(oneLine('A,1607,,,,1956-03-15,mecanicien,,').employees[0]?.birth).toBe('1956-03-15');
  });

  it('birth_year: required, YYYY or YYYY-MM-DD, from 1900 to 2100', () => {
    expect(oneLine('A,1607,,,,,mecanicien,,').issues[0]).toMatchObject({ row: 2, column: 'birth_year', message: expect.stringContaining('manquante') });
    expect(oneLine('A,1607,,,,80,mecanicien,,').issues[0]).toMatchObject({ column: 'birth_year', message: expect.stringContaining('« 80 » invalide') });
    expect(oneLine('A,1607,,,,1850,mecanicien,,').issues[0]).toMatchObject({ column: 'birth_year', message: expect.stringContaining('hors limites') });
    expect(oneLine('A,1607,,,,15/03/1956,mecanicien,,').employees[0]?.birth).toBe('1956-03-15');
    expect(oneLine('A,1607,,,,30/02/1956,mecanicien,,').issues[0]).toMatchObject({ column: 'birth_year', message: expect.stringContaining('« 30/02/1956 » invalide') });
  });

  it('jobs: a single job id means 100 %, several need their shares (a % sign is allowed)', () => {
    expect(oneLine('A,1607,,,,1980,mecanicien,,').employees[0]?.jobs).toEqual([{ job: 'mecanicien', share: 100 }]);
    expect(oneLine('A,1607,,,,1980,mecanicien:60 %|agent-nuit:40%,,non').employees[0]?.jobs).toEqual([
      { job: 'mecanicien', share: 60 },
      { job: 'agent-nuit', share: 40 },
    ]);
    // the referential's own spelling is kept when the case differs
    expect(oneLine('A,1607,,,,1980,Mecanicien,,').employees[0]?.jobs).toEqual([{ job: 'mecanicien', share: 100 }]);
  });

  it('jobs: required', () => {
    expect(oneLine('A,1607,,,,1980,,,').issues[0]).toMatchObject({ row: 2, column: 'jobs', message: expect.stringContaining('Profil de mission manquant') });
  });

  it('jobs: unknown job, with a suggestion', () => {
    expect(oneLine('A,1607,,,,1980,mecano,,').issues[0]!.message).toBe(
      'Poste inconnu « mecano » dans le référentiel (postes du référentiel : mecanicien, agent-nuit)',
    );
    expect(oneLine('A,1607,,,,1980,mecaniciens,,').issues[0]!.message).toContain('vouliez-vous dire « mecanicien » ?');
  });

  it('jobs: duplicate job, missing share, invalid share, shares not summing to 100', () => {
    expect(oneLine('A,1607,,,,1980,mecanicien:50|mecanicien:50,,').issues[0]!.message).toBe('Poste « mecanicien » cité deux fois');
    expect(oneLine('A,1607,,,,1980,mecanicien|agent-nuit:40,,').issues[0]!.message).toContain('Part du temps manquante pour le poste « mecanicien »');
    expect(oneLine('A,1607,,,,1980,mecanicien:beaucoup,,').issues[0]!.message).toContain('Part du temps « beaucoup » invalide');
    expect(oneLine('A,1607,,,,1980,mecanicien:120,,').issues[0]!.message).toContain('« 120 » invalide');
    // The evaluator's own sentence for the same shares (src/present/evaluation-errors.ts).
    expect(oneLine('A,1607,,,,1980,mecanicien:50|agent-nuit:40,,non').issues).toEqual([{ row: 2, column: 'jobs', message: capitalised(evaluationErrorDetail({ code: 'shares_sum', params: { sum: 90 } })) }]);
    expect(oneLine('A,1607,,,,1980,mecanicien:50|agent-nuit:40,,non').issues[0]!.message).toMatch(/^Les parts des postes totalisent 90\u202f% au lieu de 100\u202f%$/);
    // within the evaluator's tolerance of 0.01 %: 33,33 + 66,67 = 100
    expect(parse(['id;annual_hours;birth_year;jobs;q:q-equipes-alternantes', 'A;1607;1980;mecanicien:33,33|agent-nuit:66,67;non']).issues).toEqual([]);
  });

  it('tasks: each task joins its own job; a job not listed keeps the default weightings', () => {
    const r = oneLine('A,1607,,,,1980,mecanicien:50|agent-nuit:50,carrosserie:70|moteurs-thermiques:30,non');
    expect(r.issues).toEqual([]);
    expect(r.employees[0]?.jobs).toEqual([
      { job: 'mecanicien', share: 50, tasks: [{ task: 'carrosserie', share: 70 }, { task: 'moteurs-thermiques', share: 30 }] },
      { job: 'agent-nuit', share: 50 },
    ]);
  });

  it('tasks: a bare task id is 100 % of its job', () => {
    expect(oneLine('A,1607,,,,1980,mecanicien,carrosserie,').employees[0]?.jobs).toEqual([{ job: 'mecanicien', share: 100, tasks: [{ task: 'carrosserie', share: 100 }] }]);
  });

  it('tasks: the shares of a listed job must sum to 100', () => {
    expect(oneLine('A,1607,,,,1980,mecanicien,moteurs-thermiques:50|carrosserie:40,').issues).toEqual([
      { row: 2, column: 'tasks', message: capitalised(evaluationErrorDetail({ code: 'shares_sum', params: { sum: 90, job: 'mecanicien' } }, atelier)) },
    ]);
  });

  it('tasks: unknown task, duplicate task, task of a job not in jobs', () => {
    expect(oneLine('A,1607,,,,1980,mecanicien,peinture:100,').issues[0]).toMatchObject({ column: 'tasks', message: 'Tâche inconnue « peinture » dans le référentiel' });
    expect(oneLine('A,1607,,,,1980,mecanicien,carrosserie:50|carrosserie:50,').issues[0]!.message).toBe('Tâche « carrosserie » citée deux fois');
    expect(oneLine('A,1607,,,,1980,mecanicien,maintenance-nuit:100,').issues).toEqual([
      { row: 2, column: 'tasks', message: 'La tâche « maintenance-nuit » relève du poste « Agent de maintenance de nuit » (agent-nuit), absent de la colonne jobs' },
    ]);
  });

  it('tasks: no second complaint about the tasks of a misspelt job', () => {
    expect(at(oneLine('A,1607,,,,1980,mecano,carrosserie:100,').issues)).toEqual(['2:jobs']);
  });

  it('tasks: a job whose default weightings do not sum to 100 needs its tasks listed', () => {
    const doc = JSON.parse(read('referentials/exemple-atelier.json')) as { jobs: Array<{ tasks: Array<{ defaultShare: number }> }> };
    doc.jobs[0]!.tasks[1]!.defaultShare = 30;
    const loaded = loadReferential(doc);
    if (!loaded.ok) throw new Error('fixture');
    expect(oneLine('A,1607,,,,1980,mecanicien,,', loaded.value).issues[0]!.message).toBe(
      `${capitalised(evaluationErrorDetail({ code: 'default_shares_sum', params: { sum: 90, job: 'mecanicien' } }, loaded.value))} dans la colonne tasks`,
    );
    expect(oneLine('A,1607,,,,1980,mecanicien,,', loaded.value).issues[0]!.message).toContain('pondérations par défaut du poste « Mécanicien » totalisent 90\u202f%');
    expect(oneLine('A,1607,,,,1980,mecanicien,moteurs-thermiques:70|carrosserie:30,', loaded.value).issues).toEqual([]);
  });

  it('q: boolean answers: oui/non/yes/no/true/false/1/0, any case; empty means no answer', () => {
    const answer = (v: string) => oneLine(`A,1607,,,,1980,agent-nuit,,${v}`).employees[0]?.answers;
    for (const v of ['oui', 'OUI', 'yes', 'true', '1', 'Vrai']) expect(answer(v)).toEqual({ 'q-equipes-alternantes': true });
    for (const v of ['non', 'No', 'false', '0', 'faux']) expect(answer(v)).toEqual({ 'q-equipes-alternantes': false });
    expect(answer('')).toBeUndefined();
    expect(oneLine('A,1607,,,,1980,agent-nuit,,peut-être').issues).toEqual([
      { row: 2, column: 'q:q-equipes-alternantes', message: 'Réponse « peut-être » invalide au critère « Le salarié travaille-t-il en équipes successives alternantes ? » : oui ou non attendu' },
    ]);
  });

  it('q: choice answers: the choice id, or its label case-insensitively', () => {
    const header = 'id,annual_hours,birth_year,jobs,q:q-site';
    const site = (v: string) => parse([header, `A,1607,1980,mecanicien,${v}`], withQuestions);
    expect(site('nord').employees[0]?.answers).toEqual({ 'q-site': 'nord' });
    expect(site('SUD').employees[0]?.answers).toEqual({ 'q-site': 'sud' });
    expect(site('usine du nord').employees[0]?.answers).toEqual({ 'q-site': 'nord' });
    // typographic and straight apostrophes are the same
    expect(site("Atelier d'Avignon").employees[0]?.answers).toEqual({ 'q-site': 'sud' });
    expect(site('ouest').issues).toEqual([{ row: 2, column: 'q:q-site', message: 'Réponse « ouest » invalide au critère « Site d’affectation » : l’un des choix nord, sud (identifiant ou libellé) attendu' }]);
  });

  it('q: number answers: decimal point or comma, within the question’s bounds', () => {
    const header = 'id;annual_hours;birth_year;jobs;Q:Q-DISTANCE';
    const distance = (v: string) => parse([header, `A;1607;1980;mecanicien;${v}`], withQuestions);
    expect(distance('12,5').employees[0]?.answers).toEqual({ 'q-distance': 12.5 });
    expect(distance('12.5').employees[0]?.answers).toEqual({ 'q-distance': 12.5 });
    expect(distance('loin').issues[0]).toMatchObject({ column: 'Q:Q-DISTANCE', message: expect.stringContaining('un nombre (km) attendu') });
    expect(distance('600').issues[0]).toMatchObject({ column: 'Q:Q-DISTANCE', message: expect.stringContaining('≤ 500 km') });
  });
});

describe('columnForField', () => {
  it('maps schema paths and evaluator fields to staff-file columns', () => {
    expect(columnForField('$.annualHours')).toBe('annual_hours');
    expect(columnForField('$.contract.start')).toBe('contract_start');
    expect(columnForField('$.contract.end')).toBe('contract_end');
    expect(columnForField('$.contract.reference')).toBe('contract_ref');
    expect(columnForField('$.birth')).toBe('birth_year');
    expect(columnForField('$.jobs[1].share')).toBe('jobs');
    expect(columnForField('$.jobs[0].tasks[1].share')).toBe('tasks');
    expect(columnForField('jobs[0].tasks')).toBe('tasks');
    expect(columnForField('jobs')).toBe('jobs');
    expect(columnForField('$.answers["q-equipes-alternantes"]')).toBe('q:q-equipes-alternantes');
    expect(columnForField('answers.q-equipes-alternantes')).toBe('q:q-equipes-alternantes');
    expect(columnForField('$.id')).toBe('id');
    expect(columnForField('contract')).toBe('contract_start');
  });
});

describe('formatStaffCsv', () => {
  const employees: Employee[] = [
    { id: 'A', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }] },
    { id: 'B', annualHours: 803.5, contract: { start: '2024-03-01', end: '2024-08-31', reference: 'CDD; n°17, "bis"' }, birth: '1956-03-15', jobs: [{ job: 'mecanicien', share: 100 }] },
    {
      id: 'C',
      annualHours: 1285.6,
      contract: {},
      birth: 1979,
      jobs: [
        { job: 'mecanicien', share: 33.33, tasks: [{ task: 'moteurs-thermiques', share: 12.5 }, { task: 'carrosserie', share: 87.5 }] },
        { job: 'agent-nuit', share: 66.67 },
      ],
      answers: { 'q-equipes-alternantes': true },
    },
    { id: 'D', annualHours: 1607, contract: {}, birth: 1990, jobs: [{ job: 'agent-nuit', share: 100, tasks: [{ task: 'maintenance-nuit', share: 100 }] }], answers: { 'q-equipes-alternantes': false } },
  ];

  it('writes the header, one q: column per employee question, and readable values', () => {
    const text = formatStaffCsv(employees, atelier);
    const lines = text.split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toBe('A,1607,,,,1980,mecanicien,,');
    expect(lines[3]).toBe('C,1285.6,,,,1979,mecanicien:33.33|agent-nuit:66.67,moteurs-thermiques:12.5|carrosserie:87.5,oui');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('writes decimal commas with the « ; » delimiter, and a BOM when asked', () => {
    const text = formatStaffCsv(employees, atelier, { delimiter: ';', bom: true });
    expect(text.startsWith('\uFEFFid;annual_hours;')).toBe(true);
    expect(text).toContain('B;803,5;2024-03-01;2024-08-31;');
  });

  for (const options of [{}, { delimiter: ';' as const }, { delimiter: ';' as const, bom: true, newline: '\r\n' as const }]) {
    it(`round trip formatStaffCsv → parseStaffCsv gives back the same employees (${JSON.stringify(options)})`, () => {
      const back = parseStaffCsv(formatStaffCsv(employees, atelier, options), atelier);
      expect(back.issues).toEqual([]);
      expect(back.employees).toEqual(employees);
      expect(back.rows).toEqual([2, 3, 4, 5]);
    });
  }

  it('round trip of the example file', () => {
    const first = parseStaffCsv(read('examples/salaries-exemple.csv'), atelier);
    const again = parseStaffCsv(formatStaffCsv(first.employees, atelier, { delimiter: ';' }), atelier);
    expect(again.employees).toEqual(first.employees);
  });

  it('keeps answers to questions the referential does not know in their own column (reported when read back)', () => {
    const text = formatStaffCsv([{ ...employees[0]!, answers: { 'q-ancien': 'x' } }], atelier);
    expect(text.split('\n')[0]).toBe(`${HEADER},q:q-ancien`);
    expect(at(parseStaffCsv(text, atelier).issues)).toEqual(['1:q:q-ancien']);
  });
});
