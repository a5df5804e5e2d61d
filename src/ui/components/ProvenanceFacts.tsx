import type { Identity } from '../../core/index.ts';
import { formatDate } from '../format.ts';
import { fr } from '../i18n/fr.ts';

/** A referential's homologation, authors and dates, as terms of a description list (the referential screen and the dossier). */
export function ProvenanceFacts({ identity: id }: { identity: Identity }) {
  return (
    <>
      {id.homologation && (
        <>
          <dt>{fr.detail.homologation}</dt>
          <dd>{fr.detail.homologationText(formatDate(id.homologation.arreteDate), id.homologation.arreteReference, id.homologation.expires ? formatDate(id.homologation.expires) : undefined)}</dd>
        </>
      )}
      <dt>{fr.detail.authors}</dt>
      <dd>{id.authors.join(', ') || '—'}</dd>
      <dt>{fr.detail.created}</dt>
      <dd>{formatDate(id.created)}</dd>
      {id.updated && (
        <>
          <dt>{fr.detail.updated}</dt>
          <dd>{formatDate(id.updated)}</dd>
        </>
      )}
    </>
  );
}
