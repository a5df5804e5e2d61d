import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReferentialText } from '../src/core/index.ts';
import { StaffRowReader } from '../src/io/staff-csv.ts';

/*
 * The later readings of a streamed staff file (the report's) pass `ids: null`: the ids were checked by
 * the first reading, and keeping them again would hold one entry per row — 10 M rows ran the command
 * line out of memory that way. With `null` nothing is registered; by default every id is checked.
 */

const loaded = loadReferentialText(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8'));
if (!loaded.ok) throw new Error('sample does not load');
const header = ['id', 'annual_hours', 'contract_start', 'contract_end', 'contract_ref', 'birth_year', 'jobs'];
const line = ['E1', '1607', '', '', 'CDI-1', '1980', 'mecanicien'];
const rows = [header, line, line];

function read(reader: StaffRowReader) {
  return rows.map((row, i) => reader.record(row, i + 1).issues).flat();
}

describe('the staff row reader’s id registry', () => {
  it('checks repeated ids by default', () => {
    expect(read(new StaffRowReader(loaded.value)).map((i) => i.column)).toEqual(['id']);
  });

  it('keeps no id at all when told the file was already checked (ids: null)', () => {
    expect(read(new StaffRowReader(loaded.value, { ids: null }))).toEqual([]);
  });
});
