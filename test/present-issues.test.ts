import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueOf, loadReferentialText, parseJsonText, type LoadIssue } from '../src/core/index.ts';
import { companyIssues } from '../src/io/company.ts';
import { formatIssues, issueMessage, issuesWithMessages } from '../src/present/issues.ts';
import { findingMessage, withFindingMessages } from '../src/present/findings.ts';

/*
 * The French catalogue of load issues (src/present/issues.ts): the core gives code, path, line and
 * column and parameters; this writes the message with the one number formatter (narrow no-break space
 * U+202F between thousands, decimal comma) and French plurals.
 */

const NNBSP = '\u202f';
const only = (result: { ok: boolean; issues?: LoadIssue[] }) => {
  if (result.ok || !result.issues) throw new Error('expected a refusal');
  return result.issues[0]!;
};

describe('the load issues in French', () => {
  it('sizes: octets, Ko, Mo with a decimal comma', () => {
    expect(issueMessage(issueOf('limit.size', [], { size: 123, limit: 100 }))).toBe('Fichier trop volumineux : 123 octets pour 100 octets au plus');
    expect(issueMessage(issueOf('limit.size', [], { size: 1, limit: 100 }))).toBe('Fichier trop volumineux : 1 octet pour 100 octets au plus');
    expect(issueMessage(issueOf('limit.size', [], { size: 26_529_792, limit: 20 * 1024 * 1024 }))).toBe('Fichier trop volumineux : 25,3 Mo pour 20 Mo au plus');
    expect(issueMessage(issueOf('limit.size', [], { size: 1536, limit: 1024 * 1024 }))).toBe('Fichier trop volumineux : 1,5 Ko pour 1 Mo au plus');
  });

  it('counts with thousands separated, the place in the text when known', () => {
    expect(issueMessage(issueOf('limit.string', [], { of: 'text', length: 100_001, limit: 100_000 }, { line: 7, column: 14 }))).toBe(`Texte trop long (ligne 7, colonne 14) : 100${NNBSP}001 caractères pour 100${NNBSP}000 au plus`);
    expect(issueMessage(issueOf('limit.string', [], { of: 'name', length: 100_001, limit: 100_000 }))).toBe(`Nom de propriété trop long : 100${NNBSP}001 caractères pour 100${NNBSP}000 au plus`);
    expect(issueMessage(issueOf('limit.depth', [], { limit: 64, depth: 4102 }, { line: 1, column: 12_345 }))).toBe(
      `Imbrication trop profonde (ligne 1, colonne 12${NNBSP}345) : 4${NNBSP}102 niveaux de tableaux ou d’objets imbriqués pour 64 au plus ; un référentiel en compte moins d’une dizaine`,
    );
    expect(issueMessage(issueOf('limit.depth', [], { limit: 64 }))).toBe('Imbrication trop profonde : plus de 64 niveaux de tableaux ou d’objets imbriqués');
  });

  it('JSON syntax, from the reader: the error named in French at its line and column', () => {
    const i = only(loadReferentialText('{\n  "formatVersion": 1\n  "id": "x"\n}'));
    expect(issueMessage(i)).toBe('JSON invalide (ligne 3, colonne 3) : « , » attendue');
    const dup = only(parseJsonText('{\n  "id": 1,\n  "id": 2\n}'));
    expect(issueMessage(dup)).toBe('Propriété « id » en double dans le même objet (ligne 3, colonne 3 ; déjà présente ligne 2, colonne 3) : JSON n’en garderait que la dernière, supprimez l’une des deux');
    expect(issueMessage(only(parseJsonText('[1e309]')))).toBe('Nombre hors limites « 1e309 » (ligne 1, colonne 2) : un nombre doit rester entre −1,79 × 10³⁰⁸ et 1,79 × 10³⁰⁸');
  });

  it('format versions name the document', () => {
    expect(issueMessage(issueOf('format.not_object', [], { document: 'graph' }))).toBe('Objet JSON attendu pour un logigramme');
    expect(issueMessage(issueOf('format.version_newer', ['formatVersion'], { document: 'referential', version: 3, current: 2 }))).toBe('Ce référentiel est au format 3, plus récent que celui que cette version de Logigramme lit (2) : mettez Logigramme à jour');
  });

  it('integrity: regulation list, units in French, the checker’s rule message for ref.* rule codes', () => {
    expect(issueMessage(issueOf('ref.regulation', ['regulation'], { regulation: '2024-01-01' }))).toBe('Version réglementaire inconnue « 2024-01-01 » : attendu l’une de 2015-01-01, 2016-01-01, 2016-07-01, 2017-10-01, 2023-09-01');
    expect(issueMessage(issueOf('unit.duration', [], { unit: 'h/day', expected: 'nights/year' }))).toBe('Unité de durée « h/jour » inadaptée : le seuil s’exprime en nuits/an');
    expect(issueMessage(issueOf('ref.intensity_missing', [], { criterion: 'repetitive_movements', factor: 'repetitive_work', quantities: ['actions_per_minute'] }))).toMatch(/^Intensité indéterminée pour le seuil « repetitive_movements » \(repetitive_work\) : indiquez le nombre d’actions techniques par minute/);
    expect(issueMessage(issueOf('ref.cycle', ['nodes', 1], { from: 'n-bruit', to: 'n-activite' }))).toBe('Boucle : « n-bruit » renvoie vers « n-activite » déjà parcouru ; un arbre de décision doit aboutir à une situation.');
  });

  it('a worded issue keeps its message; reports list path and message', () => {
    const worded: LoadIssue = { code: 'comments.refused', path: '$', message: 'Discussion « c-1 » déjà résolue' };
    const hash = issueOf('hash.mismatch', ['contentHash'], { declared: 'sha256:aa', computed: 'sha256:bb' });
    expect(formatIssues([worded, hash], 'r.json')).toBe(
      'r.json $ : Discussion « c-1 » déjà résolue\nr.json $.contentHash : Empreinte déclarée sha256:aa différente de l’empreinte calculée sur le contenu (sha256:bb) : le contenu ne correspond pas à la version publiée',
    );
    expect(issuesWithMessages([hash])[0]).toMatchObject({ code: 'hash.mismatch', params: { declared: 'sha256:aa' }, message: expect.stringMatching(/^Empreinte déclarée/) });
  });

  it('staff, company answers, backups and unreadable files: from their codes and parameters', () => {
    expect(issueMessage({ code: 'staff.duplicate_id', path: '$[4].id', params: { id: 'A', first: 1 } })).toBe('Identifiant « A » déjà utilisé en $[1].id : chaque salarié doit avoir un identifiant unique');
    expect(issueMessage(issueOf('company.answer_invalid', ['answers', 'q-h'], { question: 'Hauteur', answer: 0.5, expects: 'number_min', unit: 'm', bound: 1.5 }))).toBe('Réponse 0,5 invalide au critère « Hauteur » : un nombre ≥ 1,5 m attendu');
    expect(issueMessage(issueOf('company.answer_invalid', ['answers', 'q-a'], { question: 'Activité', answer: 'bureau', expects: 'choice', choices: 'atelier, chantier' }))).toBe('Réponse « bureau » invalide au critère « Activité » : l’un des choix atelier, chantier attendu');
    expect(issueMessage(issueOf('company.answer_invalid', ['answers', 'q-b'], { question: 'Seul', answer: '[1,2]', expects: 'boolean' }))).toBe('Réponse « [1,2] » invalide au critère « Seul » : oui ou non attendu');
    const noBranch = (answer: string | number | boolean) => issueMessage(issueOf('company.no_branch', ['answers', 'q'], { question: 'Activité', answer, node: 'n-q', nodeLabel: 'Activité principale', job: 'Mécanicien', task: 'Moteurs' }));
    expect(noBranch('z')).toBe('Le référentiel ne prévoit aucune suite pour la réponse « z » au critère « Activité » (nœud « Activité principale », poste « Mécanicien », tâche « Moteurs »)');
    expect(noBranch(true)).toContain('pour la réponse oui au critère');
    expect(noBranch(1234.5)).toContain(`pour la réponse 1${NNBSP}234,5 au critère`);
    expect(issueMessage({ code: 'backup.newer', path: '$.databaseVersion', params: { of: 'database', version: 1200, current: 12 } })).toBe(
      `Sauvegarde d’une base de données plus récente (version 1${NNBSP}200) que celle de cette application (12) : mettez l’application à jour.`,
    );
    expect(issueMessage({ code: 'backup.key_mismatch', path: '$.tables.drafts[0].id', params: { of: 'draft', draft: 'a', contains: 'b' } })).toBe('Le brouillon « a » contient le logigramme de « b ».');
    expect(issueMessage({ code: 'file.unreadable', path: '$', params: { file: 'x.json' } })).toBe('Le fichier « x.json » n’a pas pu être lu par le navigateur.');
  });
});

describe('the company answers checked against the decision trees (src/io/company.ts)', () => {
  it('an answer no branch takes: the answer as given, the node by id and by label (its id when it has none)', () => {
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')) as { nodes: Array<{ id: string; label?: string; branches?: Array<{ when: { oneOf?: string[] } }> }> };
    const node = doc.nodes.find((n) => n.id === 'n-activite')!;
    node.branches = node.branches!.filter((b) => !b.when.oneOf?.includes('chantier'));
    const check = (label?: string) => {
      if (label === undefined) delete node.label;
      else node.label = label;
      const loaded = loadReferentialText(JSON.stringify(doc));
      if (!loaded.ok) throw new Error('fixture');
      return companyIssues({ formatVersion: 1, answers: { 'q-activite': 'chantier' }, measures: [] }, loaded.value);
    };
    const [issue] = check('Activité principale');
    expect(issue).toMatchObject({ code: 'company.no_branch', path: '$.answers["q-activite"]', params: { answer: 'chantier', node: 'n-activite', nodeLabel: 'Activité principale' } });
    expect(issueMessage(issue!)).toContain('la réponse « chantier »');
    expect(issueMessage(issue!)).toContain('(nœud « Activité principale », poste');
    expect(check()[0]).toMatchObject({ params: { node: 'n-activite', nodeLabel: 'n-activite' } });
  });
});

describe('the checker’s findings in French', () => {
  it('figures through the fr formatter: decimal comma, thousands, labels for element ids', () => {
    expect(findingMessage({ code: 'structure.weightings_sum', params: { job: 'Mécanicien', sum: 99.5 } })).toBe('Les pondérations des tâches du poste « Mécanicien » totalisent 99,5 % : elles doivent totaliser 100 %.');
    expect(findingMessage({ code: 'regulation.conclusion_contradiction', params: { situation: 'Presses', factor: 'Bruit', stated: 'not_exposed', computed: 'exposed', value: 1231.2, threshold: 600, unit: 'h/year' } })).toBe(
      `La situation « Presses » conclut « non exposé » pour Bruit, mais ses valeurs donnent 1${NNBSP}231,2 h/an à temps plein pour un seuil de 600 h/an, soit « exposé » : corrigez la conclusion ou les valeurs.`,
    );
    expect(findingMessage({ code: 'structure.orphan', element: 'n-7', params: {} }, new Map([['n-7', 'Bruit > 81 dB(A)']]))).toBe('« Bruit > 81 dB(A) » n’est relié à rien : reliez-le ou supprimez-le.');
    expect(withFindingMessages({ findings: [{ code: 'structure.cycle' as const, severity: 'error' as const, params: { from: 'a', to: 'b' } }] }).findings[0]!.message).toMatch(/^Boucle : « a » renvoie vers « b »/);
  });
});
