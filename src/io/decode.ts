/*
 * Bytes of a staff file → text, with the encoding said, identically in the app and the command line.
 * Payroll exports come as UTF-8, UTF-8 with a BOM (Excel « CSV UTF-8 »), Windows-1252 (Excel « CSV
 * (séparateur : point-virgule) » on a French Windows) or, more rarely, UTF-16 (« Texte Unicode »).
 * The choice is explicit, never a silent guess that ends in U+FFFD: a BOM says it; otherwise bytes
 * that are valid UTF-8 are UTF-8; otherwise Windows-1252, which maps every byte to a character (the
 * WHATWG table; the five unassigned bytes become C1 controls, and are refused below as no payroll
 * text holds them).
 */

export type StaffEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** The encodings in French, as the app and the CLI say which one was used. */
export const ENCODING_LABELS: Record<StaffEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 avec BOM',
  'windows-1252': 'Windows-1252 (Excel « CSV séparateur point-virgule »)',
  'utf-16le': 'UTF-16 (Excel « Texte Unicode »)',
  'utf-16be': 'UTF-16 gros-boutiste',
};

export type DecodeResult = { ok: true; text: string; encoding: StaffEncoding } | { ok: false; message: string };

const C1_UNASSIGNED = /[\u0081\u008d\u008f\u0090\u009d]/;

/**
 * @example decodeStaffBytes(new Uint8Array([0x49, 0x44, 0xe9])) // { ok: true, text: 'IDé', encoding: 'windows-1252' }
 */
export function decodeStaffBytes(bytes: Uint8Array): DecodeResult {
  const [b0, b1, b2] = bytes;
  try {
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8-bom' };
    if (b0 === 0xff && b1 === 0xfe) return { ok: true, text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes), encoding: 'utf-16le' };
    if (b0 === 0xfe && b1 === 0xff) return { ok: true, text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes), encoding: 'utf-16be' };
  } catch {
    return { ok: false, message: 'Le fichier annonce un encodage (marque d’ordre des octets) que son contenu ne respecte pas : enregistrez-le de nouveau en « CSV UTF-8 »' };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: Windows-1252 below
  }
  let text: string;
  try {
    text = new TextDecoder('windows-1252').decode(bytes);
  } catch {
    // A runtime without the legacy encodings (Node built without ICU): Latin-1 byte by byte.
    text = Array.from(bytes, (b) => String.fromCharCode(b)).join('');
  }
  // Node's decoder for this label is ISO-8859-1 (browsers follow WHATWG): the 0x80–0x9F range of
  // Windows-1252, where the two differ (’ € œ …), is mapped here so that both give the same text.
  text = text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
  const bad = C1_UNASSIGNED.exec(text);
  if (bad) {
    const line = text.slice(0, bad.index).split(/\r\n?|\n/).length;
    return { ok: false, message: `Ligne ${line} : octet 0x${bad[0].charCodeAt(0).toString(16).toUpperCase()} inconnu en UTF-8 comme en Windows-1252 : ce n’est pas un fichier texte, ou son encodage n’est pas pris en charge (enregistrez-le en « CSV UTF-8 »)` };
  }
  return { ok: true, text, encoding: 'windows-1252' };
}

/** 0x80–0x9F of Windows-1252 (WHATWG), for runtimes without a windows-1252 TextDecoder. */
export const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
