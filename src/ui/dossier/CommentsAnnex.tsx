import { useId, useMemo, useState } from 'react';
import { commentsAnnex, decompile, mergeThreads, type CommentThread, type Referential } from '../../core/index.ts';
import { anchorDetailText, anchorKindName } from '../../present/comments.ts';
import { versionThreads, type LogigrammeDb, type StoredReferential } from '../../storage/index.ts';
import { useDb } from '../context.ts';
import { capitalised, formatTimestamp } from '../format.ts';
import { frCollab } from '../i18n/fr-collab.ts';
import { useLiveQuery } from '../useLiveQuery.ts';
import './annex.css';
import { DataTable } from '../components/DataTable.tsx';

const t = frCollab.annex;

/**
 * The remarks received on this version and how each was addressed (core `commentsAnnex`): those
 * written beside the stored version, and those of its draft while it has this version number. Printed
 * as the dossier's last part when the box is ticked; the box itself is never printed.
 */
export function CommentsAnnexRow({ stored, r }: { stored: StoredReferential; r: Referential }) {
  const db = useDb();
  const id = useId();
  const [include, setInclude] = useState(false);
  const threads = useLiveQuery(() => remarksOn(db, stored), [db, stored.key]);
  const graph = useMemo(() => decompile(r), [r]);
  const rows = useMemo(() => (threads.status === 'ready' ? commentsAnnex(graph, threads.value) : []), [graph, threads]);
  const open = rows.filter((row) => row.status === 'open').length;
  return (
    <tr className="dossier-annex-row">
      <td>
        <p className="no-print dossier-annex-toggle">
          <label className="check">
            <input id={id} type="checkbox" checked={include} onChange={(e) => setInclude(e.currentTarget.checked)} />
            <span>
              {t.include} ({rows.length === 0 ? t.none : t.count(rows.length, open)})
            </span>
          </label>
        </p>
        {include && (
          <section className="dossier-section dossier-annex" aria-labelledby={`${id}-heading`} data-testid="dossier-annex">
            <h2 id={`${id}-heading`}>{t.heading}</h2>
            <p>{capitalised(rows.length === 0 ? t.none : t.count(rows.length, open))}.</p>
            {rows.length > 0 && (
              <DataTable className="dossier-remarks" columns={[t.element, t.remark, t.treatment]} rowGroups>
                {rows.map((row) => (
                  // One body per remark: a page break never splits a remark from its answer.
                  <tbody key={row.thread} data-thread={row.thread}>
                    <tr>
                      <th scope="row">
                        {anchorKindName(row.kind)} « {row.label} »{row.detail && <span className="sub">{anchorDetailText(row.detail)}</span>}
                        {row.detached && <span className="sub">({t.detached})</span>}
                      </th>
                      <td>
                        <span className="sub">{frCollab.comments.by(row.remark.author, formatTimestamp(row.remark.date))}</span>
                        {row.remark.text}
                        {row.replies.map((reply) => (
                          <span key={reply.id} className="sub">
                            {frCollab.comments.by(reply.author, formatTimestamp(reply.date))} : {reply.text}
                          </span>
                        ))}
                      </td>
                      <td>
                        {row.resolution ? (
                          <>
                            <span className="sub">{frCollab.comments.resolution(row.resolution.author, formatTimestamp(row.resolution.date))}</span>
                            {row.resolution.note ?? t.noNote}
                          </>
                        ) : (
                          t.pendingTreatment
                        )}
                      </td>
                    </tr>
                  </tbody>
                ))}
              </DataTable>
            )}
          </section>
        )}
      </td>
    </tr>
  );
}


/** The threads written beside the version, merged by id with its draft's while the draft has its number. */
async function remarksOn(db: LogigrammeDb, stored: StoredReferential): Promise<CommentThread[]> {
  const beside = await versionThreads(db, { id: stored.id, version: stored.version });
  const draft = await db.drafts.get(stored.id);
  const inDraft = draft?.graph.referential.identity.version === stored.version ? (draft.graph.comments ?? []) : [];
  const byId = new Map(beside.map((x) => [x.id, x]));
  for (const x of inDraft) {
    const known = byId.get(x.id);
    byId.set(x.id, known ? mergeThreads(known, x) : x);
  }
  return [...byId.values()];
}
