import type { Referential } from '../../core/index.ts';
import { fr } from '../i18n/fr.ts';
import { factorLabel } from '../labels.ts';
import { DataTable } from './DataTable.tsx';

/** The factors a referential leaves out, each with its justification (the referential screen and the dossier). */
export function ExcludedFactorsTable({ r }: { r: Referential }) {
  return (
    <DataTable caption={fr.detail.excludedCaption} captionHidden columns={[fr.detail.factor, fr.detail.justification]}>
      {r.factors.excluded.map((e) => (
        <tr key={e.factor}>
          <th scope="row">{factorLabel(r.regulation, e.factor)}</th>
          <td>{e.justification.trim() || fr.detail.noJustification}</td>
        </tr>
      ))}
    </DataTable>
  );
}
