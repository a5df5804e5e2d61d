/**
 * Readable ids made from labels: « Réception des marchandises » → `reception-des-marchandises`.
 * Lower case, accents dropped, anything else than letters and digits becomes one hyphen, at most
 * 60 characters cut at a word; `-2`, `-3`… when the name is taken. Ids stay valid for the format
 * (letters, digits, `_ . -`, starting with a letter or digit).
 *
 * @example slugId('Peinture & carrosserie', new Set(['peinture-carrosserie'])) // 'peinture-carrosserie-2'
 */
export function slugId(label: string, taken: ReadonlySet<string>, fallback = 'element'): string {
  const base = slugify(label) || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

const MAX = 60;

export function slugify(label: string): string {
  const plain = label
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (plain.length <= MAX) return plain;
  const cut = plain.slice(0, MAX);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 20 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}
