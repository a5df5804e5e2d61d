import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/*
 * The end-to-end tests run Debian's Chromium, never a downloaded browser. When it is missing the setup
 * installs it with apt (as root only); otherwise it stops with the command to run.
 */

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless, quiet, and with every background service that would call the network turned off. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // French users see French date fields (jj/mm/aaaa); the locale option alone does not change them.
  '--lang=fr-FR',
];

/** Long enough for apt to wait for another installer and fetch Chromium: only spent when it is missing. */
export const CHROMIUM_INSTALL_TIMEOUT_MS = 15 * 60 * 1000;

export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const manual = `Install it, then run the tests again: sudo apt-get update && sudo apt-get install -y chromium`;
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`End-to-end tests need Debian's Chromium at ${CHROMIUM_PATH}, and this system has no apt-get. ${manual}`);
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`End-to-end tests need Debian's Chromium at ${CHROMIUM_PATH}, which is missing; installing it needs root. ${manual}`);
  }
  const apt = (...args: string[]) =>
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  try {
    apt('install', '-y', '-q', 'chromium');
  } catch {
    // Package lists may be missing or stale on a fresh machine.
    apt('update', '-q');
    apt('install', '-y', '-q', 'chromium');
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing. ${manual}`);
  return CHROMIUM_PATH;
}
