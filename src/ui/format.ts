/** French number rendering (narrow no-break space for thousands, decimal comma). */
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(maxFractionDigits: number, signed: boolean): Intl.NumberFormat {
  const key = `${maxFractionDigits}:${signed}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: maxFractionDigits, signDisplay: signed ? 'exceptZero' : 'auto' });
    numberFormats.set(key, f);
  }
  return f;
}

export function formatNumber(value: number, maxFractionDigits = 2): string {
  return numberFormat(maxFractionDigits, false).format(value);
}

export function formatSigned(value: number, maxFractionDigits = 2): string {
  return numberFormat(maxFractionDigits, true).format(value);
}

/** `2024-03-01` → `01/03/2024`; anything else unchanged. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** ISO timestamp → local French date and time, for "stored at". */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
}
