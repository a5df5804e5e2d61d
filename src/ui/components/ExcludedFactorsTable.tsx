import type { Referential } from '../../core/index.ts';
import { fr } from '../i18n/fr.ts';
import { factorLabel } from '../labels.ts';

/** The factors a referential leaves out, each with its justification (the referential screen and the dossier). */
export function ExcludedFactorsTable({ r }: { r: Referential }) {
  return (
    <table>
      <caption className="visually-hidden">{fr.detail.excludedCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{fr.detail.factor}</th>
          <th scope="col">{fr.detail.justification}</th>
        </tr>
      </thead>
      <tbody>
        {r.factors.excluded.map((e) => (
          <tr key={e.factor}>
            <th scope="row">{factorLabel(r.regulation, e.factor)}</th>
            <td>{e.justification.trim() || fr.detail.noJustification}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
