/*
 * The one French formatter of numbers, percentages, counts and dates, shared by the app, the command
 * line and every export (Intl, fr-FR): decimal comma, narrow no-break space (U+202F) between thousands,
 * `%` after a narrow no-break space, singular for 0 and 1 (« 0 nuit », « 1,5 heure »). Pure: no DOM, no
 * Node API, no clock. Screens, reports and files never format a number any other way.
 */

const formats = new Map<string, Intl.NumberFormat>();

/**
 * ICU versions differ on the spaces of fr-FR (U+00A0 or U+202F, before `%` and between thousands):
 * the narrow no-break space of the French typographic rule everywhere, so that the CLI, the app and
 * the files agree to the byte.
 */
const nnbsp = (text: string) => text.replace(/[\u00a0 ]/g, '\u202f');

function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', options);
    formats.set(key, f);
  }
  return f;
}

export interface NumberOptions {
  /** Most decimals shown (default 2); trailing zeros are dropped. */
  digits?: number;
  /** Fewest decimals shown (default 0). */
  minDigits?: number;
  /** `+` before positive numbers (differences, margins). */
  signed?: boolean;
  /** Thousands separator (default true); false for spreadsheet cells, which read « 1607,5 » as a number. */
  grouping?: boolean;
}

/**
 * A number in French.
 *
 * @example formatNumber(1231.2) // « 1 231,2 » (narrow no-break space)
 * @example formatNumber(2 / 3, { digits: 4, grouping: false }) // « 0,6667 »
 */
export function formatNumber(value: number, options: NumberOptions | number = {}): string {
  const o = typeof options === 'number' ? { digits: options } : options;
  const digits = o.digits ?? 2;
  const min = Math.min(o.minDigits ?? 0, digits);
  const key = `n:${digits}:${min}:${o.signed === true}:${o.grouping !== false}`;
  // -0 would print « -0 »: a rounded negative zero is zero.
  const rounded = Object.is(value, -0) ? 0 : value;
  return nnbsp(numberFormat(key, { maximumFractionDigits: digits, minimumFractionDigits: min, signDisplay: o.signed ? 'exceptZero' : 'auto', useGrouping: o.grouping !== false }).format(rounded));
}

/** A signed difference: « +631,2 », « −12 », « 0 ». */
export const formatSigned = (value: number, digits = 2) => formatNumber(value, { digits, signed: true });

/** A whole count: « 45 545 ». */
export const formatCount = (value: number) => formatNumber(value, { digits: 0 });

/**
 * A share (0 to 1) as a French percentage.
 *
 * @example formatPercent(2 / 3) // « 66,7 % »
 */
export function formatPercent(share: number, options: Omit<NumberOptions, 'signed'> | number = {}): string {
  const o = typeof options === 'number' ? { digits: options } : options;
  const digits = o.digits ?? 1;
  const key = `p:${digits}:${o.minDigits ?? 0}:${o.grouping !== false}`;
  return nnbsp(numberFormat(key, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: Math.min(o.minDigits ?? 0, digits), useGrouping: o.grouping !== false }).format(share === 0 ? 0 : share));
}

/** A sentence's first letter in capital: « les parts… » → « Les parts… ». */
export const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const pluralRules = new Intl.PluralRules('fr-FR');

/** The French word for a quantity: singular for 0 and 1 (and 1,5), plural from 2. */
export const pluralWord = (n: number, one: string, many: string) => (pluralRules.select(n) === 'one' ? one : many);

/**
 * A count and its word.
 *
 * @example plural(0, 'nuit', 'nuits') // « 0 nuit »
 * @example plural(45545, 'salarié', 'salariés') // « 45 545 salariés »
 */
export const plural = (n: number, one: string, many: string, digits = 2) => `${formatNumber(n, digits)} ${pluralWord(n, one, many)}`;

/** A quantity with its unit label: « 136,8 h/an ». */
export const formatQuantity = (value: number, unit: string, digits = 2) => (unit ? `${formatNumber(value, digits)} ${unit}` : formatNumber(value, digits));

/** `2024-03-01` → `01/03/2024`; anything else unchanged. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** ISO timestamp → French local date and time (« 05/03/2025 14:07 »), for "stored at". */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
}

/** A list in French: « a, b et c ». */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/**
 * A size in bytes: « 512 octets », « 25,3 Ko », « 20 Mo ».
 *
 * @example formatSize(26_529_792) // « 25,3 Mo »
 */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'octet', 'octets', 0);
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} Ko`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} Mo`;
}
