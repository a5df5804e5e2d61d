/*
 * Reading a chosen file as text and offering a text as a download: the small browser glue of the
 * comparison screen. Nothing leaves the browser.
 */

/** Largest input file accepted (staff lists, answers, referentials): well above any real one. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** `Blob.text()` where available, FileReader otherwise (older engines, jsdom). */
export function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}

/** Offers `text` as a file download (an object URL, revoked once the click is handled). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name part made of safe characters only. */
export const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9_.-]+/g, '_');
