/*
 * A French payroll export of the sample referential's staff (examples/salaries-exemple.csv) as HR has
 * it: French column names, dates JJ/MM/AAAA, decimal comma, `;`, CRLF, in Windows-1252 as French Excel
 * writes « CSV (séparateur : point-virgule) ». Shared by the unit and end-to-end tests.
 */

export const FRENCH_PAYROLL_TEXT = [
  "Matricule;Heures annuelles;Date d'entrée;Date de sortie;N° de contrat;Année de naissance;Postes;Tâches;Équipes alternantes",
  'MEC-01;1 607;;;CDI-0001;1980;mecanicien;;',
  'MEC-02;803,5;;;CDI-0002;1984;mecanicien;;',
  'MEC-03;642,8;;;CDI-0003;1991;mecanicien;;',
  'POLY-01;1607;;;CDI-0004;1979;mecanicien:50|agent-nuit:50;moteurs-thermiques:30|carrosserie:70;non',
  'NUIT-01;1607;;;CDI-0005;1975;agent-nuit;;non',
  'NUIT-02;1607;;;CDI-0006;1990;agent-nuit;;oui',
  'CDD-01;1607;01/03/2024;31/08/2024;CDD-2024-017;1998;mecanicien;;',
  'SEN-01;1607;;;CDI-0007;1955;mecanicien;;',
].join('\r\n');

/** Windows-1252 bytes of a text (Latin-1 plus the 0x80–0x9F punctuation used in French). */
export function windows1252(text: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '…': 0x85, 'Œ': 0x8c, 'œ': 0x9c };
  return Uint8Array.from([...text], (c) => {
    if (c in high) return high[c]!;
    const code = c.charCodeAt(0);
    if (code > 0xff) throw new Error(`not in Windows-1252: ${c}`);
    return code;
  });
}
