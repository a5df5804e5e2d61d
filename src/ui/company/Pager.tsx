import { frCompany } from '../i18n/fr-company.ts';

const t = frCompany.results;

/** Previous / next page of a long table, with where we are. Large staffs are never drawn whole. */
export function Pager({ page, pageSize, total, onPage, label }: { page: number; pageSize: number; total: number; onPage: (page: number) => void; label: string }) {
  if (total <= pageSize) return null;
  const last = Math.ceil(total / pageSize) - 1;
  const from = page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return (
    <nav className="pager" aria-label={`${t.paginationLabel} : ${label}`}>
      <button type="button" disabled={page <= 0} onClick={() => onPage(page - 1)}>
        {t.previousPage}
      </button>
      <span aria-live="polite">{t.page(from, to, total)}</span>
      <button type="button" disabled={page >= last} onClick={() => onPage(page + 1)}>
        {t.nextPage}
      </button>
    </nav>
  );
}
