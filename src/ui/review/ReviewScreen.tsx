import { fr } from '../i18n/fr.ts';

/** Placeholder until this area lands: says so plainly rather than pretending. */
export function ReviewScreen({ a, b }: { a?: string; b?: string }) {
  return <p role="status">{fr.app.notYet}</p>;
}
