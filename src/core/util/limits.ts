/**
 * The resources a JSON document may take before it is parsed deeply: one table for the whole product
 * (referentials, logigrammes, company files, backups; CLI and app alike), documented in the README.
 * A file beyond a limit is refused with a located French error before anything recursive runs on it,
 * so a small hostile file (4 100 nested brackets in 5 KB) can never overflow a stack.
 *
 * The figures leave a wide margin over real documents: the sample referentials nest 8 levels deep
 * (`$.scenarios[0].employee.jobs[0].tasks[0].share`), their logigrammes 9, a backup of them 12, and
 * the largest sample referential weighs 62 KB.
 */
export interface JsonLimits {
  /** Size of the file in bytes (or of a text in UTF-16 code units, which never exceeds its UTF-8 bytes). */
  readonly bytes: number;
  /** Nesting of arrays and objects; the root object is level 1. */
  readonly depth: number;
  /** Length of one string value or property name, in characters (UTF-16 code units). */
  readonly stringLength: number;
}

const MIB = 1024 * 1024;

/** Referential, logigramme, company-answers file. */
export const DOCUMENT_LIMITS: JsonLimits = { bytes: 20 * MIB, depth: 64, stringLength: 100_000 };

/** A one-file backup holds every referential, draft, company and staff list of the browser. */
export const BACKUP_LIMITS: JsonLimits = { bytes: 200 * MIB, depth: 64, stringLength: 100_000 };
