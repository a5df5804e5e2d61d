import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  REFERENTIAL_FORMAT_VERSION,
  contentHash,
  loadReferential,
  loadReferentialText,
  runScenarios,
  type CataloguedIssue,
  type CataloguedIssueCode,
  type IssueCode,
  type LoadIssue,
  type WordedIssue,
} from '../src/core/index.ts';
import { formatIssues } from '../src/present/issues.ts';

/*
 * Loading the portable referential: the sample loads, and every broken variant (a deep copy of the
 * sample, mutated) is refused with French issues located by JSON path.
 */

const SAMPLE_TEXT = readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8');
const SAMPLE = JSON.parse(SAMPLE_TEXT) as Record<string, any>;

/** A deep copy of the sample, mutated. */
function variant(mutate: (doc: any) => void): any {
  const doc = structuredClone(SAMPLE);
  mutate(doc);
  return doc;
}

/** Loads and expects failure; returns the issues. */
function issuesOf(data: unknown): LoadIssue[] {
  const result = loadReferential(data);
  if (result.ok) throw new Error('expected the load to fail');
  return result.issues;
}

/** A catalogued issue carries its parameters; the others (Zod's) their message. */
type IssueFor<C extends IssueCode> = C extends CataloguedIssueCode ? Extract<CataloguedIssue, { code: C }> : WordedIssue;

/** The one issue with this code (fails when there is none or several). */
function only<C extends IssueCode>(issues: LoadIssue[], code: C): IssueFor<C> {
  const matching = issues.filter((i) => i.code === code);
  expect(matching, JSON.stringify(issues)).toHaveLength(1);
  return matching[0]! as IssueFor<C>;
}

describe('the sample referential', () => {
  it('loads from text', () => {
    const result = loadReferentialText(SAMPLE_TEXT);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.id).toBe('exemple-atelier');
    expect(result.value.regulation).toBe('2023-09-01');
    // the sample file is written in format 1, read through the migration ledger
    expect(result.value.formatVersion).toBe(2);
    expect(result.value.jobs.map((j) => j.id)).toEqual(['mecanicien', 'agent-nuit']);
    expect(result.value.jobs[0]!.tasks.map((t) => t.defaultShare)).toEqual([60, 40]);
    expect(result.value.situations).toHaveLength(6);
    expect(result.value.scenarios).toHaveLength(5);
  });

  it('loads from a value, and its five stored scenarios pass', () => {
    const result = loadReferential(structuredClone(SAMPLE));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const outcomes = runScenarios(result.value);
    expect(outcomes.map((o) => [o.scenario, o.passed])).toEqual([
      ['sc-mecanicien-sans-prevention', true],
      ['sc-mecanicien-bruit-reduit', true],
      ['sc-nuit-fixe-2024', true],
      ['sc-nuit-fixe-2023', true],
      ['sc-equipes-alternantes', true],
    ]);
  });

  it('the current format version is 2', () => {
    expect(REFERENTIAL_FORMAT_VERSION).toBe(2);
  });

  it('fills the documented defaults: workingYear 1 607 h / 228 days, scenarios []', () => {
    const result = loadReferential(
      variant((d) => {
        d.workingYear = {};
        delete d.scenarios;
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.workingYear).toEqual({ annualHours: 1607, workingDays: 228 });
    expect(result.value.scenarios).toEqual([]);
  });

  it('does not modify the value it is given', () => {
    const doc = structuredClone(SAMPLE);
    loadReferential(doc);
    expect(doc).toEqual(SAMPLE);
  });
});

describe('JSON syntax', () => {
  it('a missing comma is located by line and column, in French', () => {
    // Line 3 is `  "id": "x"`: the unexpected `"` is at column 3 (two spaces before it).
    const result = loadReferentialText('{\n  "formatVersion": 1\n  "id": "x"\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]!.code).toBe('json.syntax');
    expect(result.issues[0]!.path).toBe('$');
    expect(result.issues[0]).toMatchObject({ line: 3, column: 3, params: { error: 'CommaExpected' } });
  });

  it('a comma removed from the re-serialized sample is located at line 15, column 3', () => {
    // JSON.stringify(sample, null, 2): line 1 `{`, 2 formatVersion, 3 id, 4 identity {, 5 branch,
    // 6 title, 7 version, 8 status, 9 authors [, 10 author, 11 ], 12 created, 13 }, 14 regulation,
    // 15 `  "workingYear": …` — the parser meets its `"` (column 3) where a `,` was expected.
    const text = JSON.stringify(SAMPLE, null, 2).replace('"regulation": "2023-09-01",', '"regulation": "2023-09-01"');
    const result = loadReferentialText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ code: 'json.syntax', line: 15, column: 3 });
  });

  // Node ≥ 20's V8 gives no "position N" for "Unexpected token" errors: the loader must still locate it.
  it('an unexpected token (unquoted value) is also located: line 3, column 9', () => {
    // Line 3 is `  "id": x`: two spaces, `"id"` (columns 3–6), `:` (7), space (8), `x` at column 9.
    const result = loadReferentialText('{\n  "formatVersion": 1,\n  "id": x\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ code: 'json.syntax', line: 3, column: 9 });
  });

  it('an empty text and a truncated one are refused as JSON syntax errors', () => {
    for (const text of ['', '{"formatVersion": 1,']) {
      const result = loadReferentialText(text);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.issues[0]!.code).toBe('json.syntax');
    }
  });
});

describe('format version', () => {
  it('a value that is not an object is refused', () => {
    for (const data of [null, 42, 'texte', [], true]) {
      const i = only(issuesOf(data), 'format.not_object');
      expect(i.path).toBe('$');
      expect(i.params).toEqual({ document: 'referential' });
    }
  });

  it('missing formatVersion', () => {
    const i = only(issuesOf(variant((d) => delete d.formatVersion)), 'format.version_missing');
    expect(i.path).toBe('$.formatVersion');
    expect(i.params).toEqual({ document: 'referential' });
  });

  it('formatVersion "1" (a string), 0 or 1.5 counts as missing', () => {
    for (const v of ['1', 0, 1.5]) {
      only(issuesOf(variant((d) => (d.formatVersion = v))), 'format.version_missing');
    }
  });

  it('a newer format (3) is refused, not guessed', () => {
    const i = only(issuesOf(variant((d) => (d.formatVersion = 3))), 'format.version_newer');
    expect(i.path).toBe('$.formatVersion');
    expect(i.params).toEqual({ document: 'referential', version: 3, current: REFERENTIAL_FORMAT_VERSION });
  });
});

describe('schema: types, unknown keys, formats', () => {
  it('a string where a number is expected: $.jobs[0].tasks[0].defaultShare', () => {
    const i = only(issuesOf(variant((d) => (d.jobs[0].tasks[0].defaultShare = '60'))), 'schema.invalid_type');
    expect(i.path).toBe('$.jobs[0].tasks[0].defaultShare');
    expect(i.message).toBe('Entrée invalide : nombre attendu, chaîne de caractères reçu');
  });

  it('a share over 100 %: $.jobs[0].tasks[1].defaultShare, too big', () => {
    const i = only(issuesOf(variant((d) => (d.jobs[0].tasks[1].defaultShare = 140))), 'schema.too_big');
    expect(i.path).toBe('$.jobs[0].tasks[1].defaultShare');
    expect(i.message).toMatch(/100/);
  });

  it('a missing required id: $.jobs[0].id', () => {
    const i = only(issuesOf(variant((d) => delete d.jobs[0].id)), 'schema.invalid_type');
    expect(i.path).toBe('$.jobs[0].id');
    expect(i.message).toContain('attendu');
  });

  it('an unknown key in a job is rejected (strict objects), the key named', () => {
    const i = only(issuesOf(variant((d) => (d.jobs[0].couleur = 'bleu'))), 'schema.unrecognized_keys');
    expect(i.path).toBe('$.jobs[0]');
    expect(i.message).toContain('non reconnue');
    expect(i.message).toContain('couleur');
  });

  it('an unknown key at the root and in an exposure are rejected', () => {
    expect(only(issuesOf(variant((d) => (d.auteur = 'x'))), 'schema.unrecognized_keys').path).toBe('$');
    expect(only(issuesOf(variant((d) => (d.situations[0].exposures[1].heures = 4))), 'schema.unrecognized_keys').path).toBe('$.situations[0].exposures[1]');
  });

  it('an id with a space gets the project’s French message', () => {
    const i = only(issuesOf(variant((d) => (d.measures[0].id = 'm bruit'))), 'schema.invalid_format');
    expect(i.path).toBe('$.measures[0].id');
    expect(i.message).toContain('Identifiant attendu');
  });

  it('a non-semantic version: $.identity.version', () => {
    const i = only(issuesOf(variant((d) => (d.identity.version = '1.0'))), 'schema.invalid_format');
    expect(i.path).toBe('$.identity.version');
    expect(i.message).toBe('Version sémantique attendue (ex. 1.0.0)');
  });

  it('an unknown factor code in an exposure: $.situations[0].exposures[0].factor', () => {
    const i = only(issuesOf(variant((d) => (d.situations[0].exposures[0].factor = 'stress'))), 'schema.invalid_value');
    expect(i.path).toBe('$.situations[0].exposures[0].factor');
  });

  it('an unknown duration unit: $.situations[0].exposures[0].duration.unit', () => {
    const i = only(issuesOf(variant((d) => (d.situations[0].exposures[0].duration.unit = 'min/day'))), 'schema.invalid_value');
    expect(i.path).toBe('$.situations[0].exposures[0].duration.unit');
  });

  it('several schema problems are all reported, each at its own path', () => {
    const issues = issuesOf(
      variant((d) => {
        d.jobs[0].tasks[0].defaultShare = '60';
        d.identity.version = 'v1';
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['$.identity.version', '$.jobs[0].tasks[0].defaultShare']);
  });
});

describe('integrity: ids and references', () => {
  it('duplicate job id: the second occurrence is located and the first named', () => {
    const i = only(issuesOf(variant((d) => (d.jobs[1].id = 'mecanicien'))), 'ref.duplicate_id');
    expect(i.path).toBe('$.jobs[1].id');
    expect(i.params).toEqual({ id: 'mecanicien', first: '$.jobs[0].id' });
  });

  it('one id namespace for the whole document: a task named like a situation is a duplicate', () => {
    // Declaration order: questions, measures, jobs (and their tasks), nodes, situations, scenarios,
    // so the situation $.situations[3] ("s-carrosserie") is the second occurrence.
    const i = only(issuesOf(variant((d) => (d.jobs[0].tasks[1].id = 's-carrosserie'))), 'ref.duplicate_id');
    expect(i.path).toBe('$.situations[3].id');
    expect(i.params).toEqual({ id: 's-carrosserie', first: '$.jobs[0].tasks[1].id' });
  });

  it('dangling task entry', () => {
    const i = only(issuesOf(variant((d) => (d.jobs[0].tasks[1].entry = 's-inexistante'))), 'ref.target');
    expect(i.path).toBe('$.jobs[0].tasks[1].entry');
    expect(i.params).toMatchObject({ target: 's-inexistante' });
  });

  it('dangling branch next', () => {
    const i = only(issuesOf(variant((d) => (d.nodes[0].branches[1].next = 'nulle-part'))), 'ref.target');
    expect(i.path).toBe('$.nodes[0].branches[1].next');
  });

  it('dangling measure-node targets (applied / notApplied)', () => {
    const issues = issuesOf(
      variant((d) => {
        d.nodes[1].applied = 'x1';
        d.nodes[1].notApplied = 'x2';
      }),
    );
    expect(issues.filter((i) => i.code === 'ref.target').map((i) => i.path)).toEqual(['$.nodes[1].applied', '$.nodes[1].notApplied']);
  });

  it('unknown measure in a measure node', () => {
    const i = only(issuesOf(variant((d) => (d.nodes[1].measure = 'm-inconnue'))), 'ref.measure');
    expect(i.path).toBe('$.nodes[1].measure');
    expect(i.params).toEqual({ measure: 'm-inconnue' });
  });

  it('unknown question in a question node', () => {
    const i = only(issuesOf(variant((d) => (d.nodes[2].question = 'q-inconnue'))), 'ref.question');
    expect(i.path).toBe('$.nodes[2].question');
    expect(i.params).toEqual({ question: 'q-inconnue' });
  });

  it('a choice id that is not among the question’s choices', () => {
    const i = only(issuesOf(variant((d) => (d.nodes[0].branches[1].when = { oneOf: ['chantier', 'bureau'] }))), 'ref.choice');
    expect(i.path).toBe('$.nodes[0].branches[1].when');
    expect(i.params).toMatchObject({ questionId: 'q-activite', answer: 'bureau' });
  });

  it('every dangling reference is reported at once', () => {
    const issues = issuesOf(
      variant((d) => {
        d.jobs[1].tasks[0].entry = 'a';
        d.nodes[1].measure = 'b';
        d.nodes[2].question = 'c';
      }),
    );
    expect(issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual(['ref.measure $.nodes[1].measure', 'ref.question $.nodes[2].question', 'ref.target $.jobs[1].tasks[0].entry']);
  });
});

describe('integrity: branch conditions of the wrong type', () => {
  it('a yes/no condition on a choice question', () => {
    const i = only(issuesOf(variant((d) => (d.nodes[0].branches[0].when = { is: true }))), 'ref.branch_type');
    expect(i.path).toBe('$.nodes[0].branches[0].when');
    expect(i.params).toMatchObject({ questionId: 'q-activite', condition: 'is', type: 'choice' });
  });

  it('a choice condition on a boolean question', () => {
    const i = only(issuesOf(variant((d) => (d.nodes[2].branches[0].when = { oneOf: ['oui'] }))), 'ref.branch_type');
    expect(i.path).toBe('$.nodes[2].branches[0].when');
  });

  it('a numeric range on a boolean question', () => {
    const i = only(issuesOf(variant((d) => (d.nodes[2].branches[1].when = { min: 0, max: 1 }))), 'ref.branch_type');
    expect(i.path).toBe('$.nodes[2].branches[1].when');
    expect(i.params).toMatchObject({ condition: 'range', type: 'boolean' });
  });

  it('a condition mixing two kinds ({ is, oneOf }) is not a valid condition at all', () => {
    const issues = issuesOf(variant((d) => (d.nodes[2].branches[0].when = { is: true, oneOf: ['x'] })));
    expect(issues.some((i) => i.path.startsWith('$.nodes[2].branches[0].when') && i.code.startsWith('schema.'))).toBe(true);
  });
});

describe('integrity: regulation, criteria, units, durations', () => {
  it('unknown regulation id, with the list of known ones', () => {
    const i = only(issuesOf(variant((d) => (d.regulation = '2024-01-01'))), 'ref.regulation');
    expect(i.path).toBe('$.regulation');
    expect(i.params).toEqual({ regulation: '2024-01-01' });
  });

  it('a criterion of another factor (night under noise)', () => {
    const i = only(issuesOf(variant((d) => (d.situations[0].exposures[0].criterion = 'night'))), 'ref.criterion');
    expect(i.path).toBe('$.situations[0].exposures[0].criterion');
    expect(i.params).toEqual({ criterion: 'night', factor: 'noise' });
  });

  it('a wrong intensity unit (dB for a sound level in dB(A))', () => {
    const i = only(issuesOf(variant((d) => (d.situations[0].exposures[0].intensity[0].unit = 'dB'))), 'unit.intensity');
    expect(i.path).toBe('$.situations[0].exposures[0].intensity[0].unit');
    expect(i.params).toEqual({ unit: 'dB', quantity: 'sound_level', expected: 'dB(A)' });
  });

  it('an intensity in °F for a torso angle is refused (angle is in °)', () => {
    const i = only(issuesOf(variant((d) => (d.situations[3].exposures[1].intensity[0].unit = '°F'))), 'unit.intensity');
    expect(i.path).toBe('$.situations[3].exposures[1].intensity[0].unit');
  });

  it('h/day for night work (threshold in nights/year) is incompatible', () => {
    const i = only(issuesOf(variant((d) => (d.situations[4].exposures[0].duration = { value: 8, unit: 'h/day' }))), 'unit.duration');
    expect(i.path).toBe('$.situations[4].exposures[0].duration.unit');
    expect(i.params).toEqual({ unit: 'h/day', expected: 'nights/year' });
  });

  it('nights/year for noise level (threshold in h/year) is incompatible', () => {
    const i = only(issuesOf(variant((d) => (d.situations[0].exposures[0].duration.unit = 'nights/year'))), 'unit.duration');
    expect(i.path).toBe('$.situations[0].exposures[0].duration.unit');
  });

  it('compatible conversions are accepted: percent of working time for night work, h/year for postures', () => {
    const result = loadReferential(
      variant((d) => {
        d.situations[4].exposures[0].duration = { value: 50, unit: 'percent_of_working_time' };
        d.situations[0].exposures[1].duration = { value: 900, unit: 'h/year' };
      }),
    );
    expect(result.ok).toBe(true);
  });

  it('missing duration for a factor with a numeric threshold', () => {
    const i = only(issuesOf(variant((d) => delete d.situations[0].exposures[0].duration)), 'ref.duration');
    expect(i.path).toBe('$.situations[0].exposures[0].duration');
    expect(i.params).toEqual({});
  });

  it('no duration is needed for hazardous chemicals (the arrêté grid, no numeric threshold)', () => {
    const result = loadReferential(
      variant((d) => d.situations[3].exposures.push({ factor: 'hazardous_chemicals', criterion: 'grid_exposure', intensity: [], conclusion: 'to_analyse' })),
    );
    expect(result.ok).toBe(true);
  });
});

describe('integrity: cycles in the decision nodes', () => {
  it('n-activite → n-bruit → (applied) n-activite is a loop, reported at the node that closes it', () => {
    const i = only(issuesOf(variant((d) => (d.nodes[1].applied = 'n-activite'))), 'ref.cycle');
    expect(i.path).toBe('$.nodes[1]');
    expect(i.params).toEqual({ from: 'n-bruit', to: 'n-activite' });
  });

  it('a node pointing at itself is a loop', () => {
    const i = only(issuesOf(variant((d) => (d.nodes[2].branches[1].next = 'n-equipes'))), 'ref.cycle');
    expect(i.path).toBe('$.nodes[2]');
  });

  it('two tasks sharing one subtree is not a cycle', () => {
    const result = loadReferential(variant((d) => (d.jobs[0].tasks[1].entry = 'n-activite')));
    expect(result.ok).toBe(true);
  });
});

describe('content hash stated in the file', () => {
  it('a matching stated hash is accepted', () => {
    const doc = structuredClone(SAMPLE);
    doc.contentHash = contentHash(doc);
    expect(loadReferential(doc).ok).toBe(true);
  });

  it('a matching hash is still accepted with a $schema field added after hashing', () => {
    const doc = structuredClone(SAMPLE);
    doc.contentHash = contentHash(doc);
    doc.$schema = '../schemas/referential.schema.json';
    expect(loadReferential(doc).ok).toBe(true);
  });

  it('a file edited after its hash was stated is refused: hash.mismatch at $.contentHash', () => {
    const doc = structuredClone(SAMPLE);
    doc.contentHash = contentHash(doc);
    doc.situations[0].exposures[0].duration.value = 6;
    const i = only(issuesOf(doc), 'hash.mismatch');
    expect(i.path).toBe('$.contentHash');
    expect(i.params).toEqual({ declared: doc.contentHash, computed: contentHash(doc) });
  });

  it('a malformed stated hash is a schema issue', () => {
    const i = only(issuesOf(variant((d) => (d.contentHash = 'md5:0123'))), 'schema.invalid_format');
    expect(i.path).toBe('$.contentHash');
  });
});

describe('formatIssues', () => {
  it('renders one line per issue: [file ]path : message', () => {
    const issues = issuesOf(variant((d) => (d.regulation = 'x')));
    expect(formatIssues(issues, 'ref.json')).toBe(
      'ref.json $.regulation : Version réglementaire inconnue « x » : attendu l’une de 2015-01-01, 2016-01-01, 2016-07-01, 2017-10-01, 2023-09-01',
    );
  });
});
