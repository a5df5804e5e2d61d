/*
 * The browser's file glue, one copy for every screen: offering a text or a blob as a download, and
 * reading a chosen file as text or bytes. Nothing leaves the browser.
 */

/**
 * Saves a text as a file on this computer, through the browser's download: nothing is sent anywhere.
 * Returns false where the browser cannot (no object URLs: jsdom).
 */
export function downloadText(fileName: string, text: string, type: string): boolean {
  return downloadBlob(fileName, new Blob([text], { type }));
}

/** The same for a file already made (a workbook). */
export function downloadBlob(fileName: string, blob: Blob): boolean {
  if (typeof URL.createObjectURL !== 'function') return false;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Let the browser start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL?.(url), 1000);
  return true;
}

/** `Blob.text()` where available, FileReader otherwise (older engines, jsdom). */
export function readFileText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}

/** `Blob.arrayBuffer()` where available, FileReader otherwise (jsdom). */
export function readFileBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}

/**
 * The file chosen in a file input, taken out of it: the input is cleared so that choosing the same file
 * again (after fixing it) reads it again.
 */
export function takeChosenFile(input: HTMLInputElement): File | undefined {
  const file = input.files?.[0];
  input.value = '';
  return file;
}
