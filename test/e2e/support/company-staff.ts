/*
 * A large staff file for the sample referential (referentials/exemple-atelier.json), in the staff-file
 * format of the CLI: full- and part-time mechanics, fixed-night and alternating-shift night agents,
 * polyvalent employees with their own task shares, fixed-term contracts and people born before
 * 1956-07-01 (doubled points). Deterministic: line i always says the same thing.
 */

export const STAFF_HEADER = 'id;annual_hours;contract_start;contract_end;contract_ref;birth_year;jobs;tasks;q:q-equipes-alternantes';

export function staffLine(i: number): string {
  const id = `E${String(i).padStart(5, '0')}`;
  const birth = 1960 + (i % 45);
  switch (i % 10) {
    case 4:
      return `${id};803,5;;;CDI-${i};${birth};mecanicien;;`;
    case 5:
      return `${id};1607;;;CDI-${i};${birth};agent-nuit;;non`;
    case 6:
      return `${id};1607;;;CDI-${i};${birth};agent-nuit;;oui`;
    case 7:
      return `${id};1607;;;CDI-${i};${birth};mecanicien:50|agent-nuit:50;moteurs-thermiques:30|carrosserie:70;non`;
    case 8:
      return `${id};1607;2024-03-01;2024-08-31;CDD-${i};${birth};mecanicien;;`;
    case 9:
      return `${id};1607;;;CDI-${i};1955;mecanicien;;`;
    default:
      return `${id};1607;;;CDI-${i};${birth};mecanicien;;`;
  }
}

/** `rows` employees after the header line, `;`-separated with decimal commas (French spreadsheets). */
export function generatedStaffCsv(rows: number): string {
  const lines = [STAFF_HEADER];
  for (let i = 1; i <= rows; i++) lines.push(staffLine(i));
  return `${lines.join('\n')}\n`;
}
