/*
 * The few browser services the lifecycle screens need: the local clock (passed into the core as
 * timestamps), file downloads (reads: ../jsonFile.ts), and the remembered author name.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * ISO timestamp in the user's own offset (`2026-03-01T00:30:00+01:00`): the core takes the date of a
 * transition as written, so a step recorded just after midnight in Paris is dated that day.
 */
export function localTimestamp(d: Date = new Date()): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The user's local date, `YYYY-MM-DD`. */
export function localDate(d: Date = new Date()): string {
  return localTimestamp(d).slice(0, 10);
}

/** Offers a file to download (a Blob URL where the browser has them). */
export function downloadFile(file: { name: string; type: string; text: string }): void {
  const a = document.createElement('a');
  a.download = file.name;
  const hasBlobUrls = typeof URL.createObjectURL === 'function';
  a.href = hasBlobUrls ? URL.createObjectURL(new Blob([file.text], { type: `${file.type};charset=utf-8` })) : `data:${file.type};charset=utf-8,${encodeURIComponent(file.text)}`;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  if (hasBlobUrls) setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

const AUTHOR_KEY = 'logigramme.author';

export function rememberedAuthor(): string {
  try {
    return localStorage.getItem(AUTHOR_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberAuthor(name: string): void {
  try {
    localStorage.setItem(AUTHOR_KEY, name);
  } catch {
    // Private browsing without storage: the name is asked again next time.
  }
}
