import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadReferentialText, type Employee } from '../src/core/index.ts';
import { parseStaffCsv } from '../src/io/staff-csv.ts';
import { compactEvaluation, evaluateCompanySync, shareEqualParts, SUMMARY_PARTS, type EmployeeSummary } from '../src/ui/company/evaluation.ts';
import { chunksOf, cloneable, findByKey, packChunk, packedList, unpackChunk, type PackedChunk } from '../src/ui/company/packedList.ts';
import { EMPLOYEE_PARTS, shareEmployeeParts } from '../src/ui/company/sharedParts.ts';
import { generatedStaffCsv } from './e2e/support/company-staff.ts';

/*
 * The workers send the employees and the result summaries to the page packed (JSON bytes, each shared
 * part once per chunk), and the page reads them as a read-only array decoded where read: it must read
 * the very values the workers had, through every array method the screens use.
 */

const loaded = loadReferentialText(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8'));
if (!loaded.ok) throw new Error('the sample referential does not load');
const referential = loaded.value;
const employees = shareEmployeeParts(parseStaffCsv(generatedStaffCsv(1100), referential).employees);
const summaries = shareEqualParts(compactEvaluation(evaluateCompanySync({ referential, company: { answers: { 'q-activite': 'atelier' }, measures: [] }, year: 2024 }, employees)).summaries);

/** Packed as the workers pack them: chunks of 250. */
function chunks<T extends object>(items: readonly T[], shared: ReadonlyArray<keyof T & string>): PackedChunk[] {
  const out: PackedChunk[] = [];
  for (let i = 0; i < items.length; i += 250) out.push(packChunk(items.slice(i, i + 250), shared));
  return out;
}

describe('a packed list', () => {
  it('reads back the summaries and the employees the workers packed, in order, field by field', () => {
    const list = packedList<EmployeeSummary>(chunks(summaries, SUMMARY_PARTS));
    expect(list.length).toBe(1100);
    expect([...list]).toStrictEqual(structuredClone(summaries));
    const staff = packedList<Employee>(chunks(employees, EMPLOYEE_PARTS));
    expect([...staff]).toStrictEqual(structuredClone(employees));
  });

  it('answers the array methods the screens use, across chunk boundaries', () => {
    const list = packedList<EmployeeSummary>(chunks(summaries, SUMMARY_PARTS));
    expect(list[0]!.employee).toBe('E00001');
    expect(list[1099]!.employee).toBe(summaries[1099]!.employee);
    expect(list[1100]).toBeUndefined();
    expect(list.slice(240, 260).map((s) => s.employee)).toEqual(summaries.slice(240, 260).map((s) => s.employee));
    expect(list.find((s) => s.employee === 'E00777')?.points).toBe(summaries[776]!.points);
    expect(list.filter((s) => s.exposed.length > 0).length).toBe(summaries.filter((s) => s.exposed.length > 0).length);
    expect(list.findIndex((s) => s.employee === 'E00501')).toBe(500);
    expect(1099 in list && !(1100 in list)).toBe(true);
    expect(Array.isArray(list)).toBe(true);
  });

  it('writes each shared part once per chunk: the bytes are a fraction of the plain JSON, the decoded rows share their parts', () => {
    const packed = chunks(summaries, SUMMARY_PARTS);
    const bytes = packed.reduce((n, c) => n + c.bytes.byteLength, 0);
    expect(bytes).toBeLessThan(new TextEncoder().encode(JSON.stringify(summaries)).byteLength / 3);
    const rows = unpackChunk<EmployeeSummary>(packed[0]!);
    // Lines 4 and 14 of the generated file are the same kind of employee (test/e2e/support/company-staff.ts).
    expect(rows[3]!.factors).toBe(rows[13]!.factors);
    expect(rows[3]!.employee).not.toBe(rows[13]!.employee);
  });

  it('cannot be changed in place nor structured-cloned; its chunks and a plain copy can be sent', () => {
    const packed = chunks(employees, EMPLOYEE_PARTS);
    const list = packedList<Employee>(packed);
    expect(() => (list as Employee[]).push(employees[0]!)).toThrow(TypeError);
    expect(() => structuredClone(list)).toThrow();
    expect(chunksOf(list)).toBe(packed);
    const plain = cloneable(list);
    expect(chunksOf(plain)).toBeUndefined();
    expect(structuredClone(plain)).toStrictEqual(structuredClone(employees));
    // A plain array is its own copy.
    expect(cloneable(employees)).toBe(employees);
  });

  it('finds an item by its key from the keys of the chunks, decoding only its chunk; any other list by find', () => {
    const byId = (list: readonly Employee[]) => (id: string) => findByKey(list, 'id', id);
    const keyed: PackedChunk[] = [];
    for (let i = 0; i < employees.length; i += 250) keyed.push(packChunk(employees.slice(i, i + 250), EMPLOYEE_PARTS, 'id'));
    const packed = byId(packedList<Employee>(keyed));
    const plain = byId(employees);
    // First and last of a chunk, across boundaries, the very last, an absent id and a prefix of a real one.
    for (const i of [0, 1, 249, 250, 251, 499, 500, 1099]) {
      expect(packed(employees[i]!.id)).toStrictEqual(structuredClone(employees[i]));
      expect(plain(employees[i]!.id)).toBe(employees[i]);
    }
    expect(packed('absent')).toBeUndefined();
    expect(packed(employees[0]!.id.slice(0, -1))).toBeUndefined();
    // Only the chunk of the item is decoded.
    const decode = vi.spyOn(JSON, 'parse');
    try {
      expect(findByKey(packedList<Employee>(keyed), 'id', employees[800]!.id)!.id).toBe(employees[800]!.id);
      expect(decode).toHaveBeenCalledTimes(1);
    } finally {
      decode.mockRestore();
    }
    // Chunks packed without their keys: the list is searched item by item, to the same result.
    expect(findByKey(packedList<Employee>(chunks(employees, EMPLOYEE_PARTS)), 'id', employees[600]!.id)).toStrictEqual(structuredClone(employees[600]));
  });
});

