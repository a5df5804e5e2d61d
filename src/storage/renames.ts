import type { Referential } from '../core/index.ts';
import type { LogigrammeDb } from './db.ts';

/*
 * What a rename of an id in the editor touches outside the draft: stored (published) versions of the
 * referential that use the old id, and companies' stored staff whose mission profiles name it.
 */

export interface IdUses {
  /** Stored versions (`1.0.0`, …) whose document has an element with this id. */
  versions: string[];
  /** Companies whose stored staff (of a version of this referential) names the id in a mission profile. */
  staff: Array<{ companyId: string; company: string; year: number; employees: number }>;
}

function documentIds(document: unknown): Set<string> {
  const r = document as Partial<Referential> | null;
  const ids = new Set<string>();
  for (const list of [r?.questions, r?.measures, r?.nodes, r?.situations, r?.scenarios]) for (const x of list ?? []) ids.add(x.id);
  for (const job of r?.jobs ?? []) {
    ids.add(job.id);
    for (const task of job.tasks) ids.add(task.id);
  }
  return ids;
}

const namesId = (jobs: ReadonlyArray<{ job: string; tasks?: ReadonlyArray<{ task: string }> }>, id: string) => jobs.some((j) => j.job === id || (j.tasks ?? []).some((t) => t.task === id));

export async function idUses(db: LogigrammeDb, referentialId: string, id: string): Promise<IdUses> {
  const versions = (await db.referentials.where('id').equals(referentialId).toArray()).filter((r) => documentIds(r.document).has(id)).map((r) => r.version);
  const companies = (await db.companies.toArray()).filter((c) => c.referentialKey?.startsWith(`${referentialId}@`));
  const staff: IdUses['staff'] = [];
  for (const company of companies) {
    for (const record of await db.staff.where('companyId').equals(company.id).toArray()) {
      const employees = record.employees.filter((e) => namesId(e.jobs, id)).length;
      if (employees > 0) staff.push({ companyId: company.id, company: company.profile.name, year: record.year, employees });
    }
  }
  return { versions, staff };
}

/**
 * Renames a job or task id in the stored staff of the companies applying this referential, in one
 * transaction; returns how many employees changed. The staff then matches the next version.
 */
export async function renameStaffIds(db: LogigrammeDb, referentialId: string, from: string, to: string, now: string): Promise<number> {
  return db.transaction('rw', db.companies, db.staff, async () => {
    let changed = 0;
    const companies = (await db.companies.toArray()).filter((c) => c.referentialKey?.startsWith(`${referentialId}@`));
    for (const company of companies) {
      for (const record of await db.staff.where('companyId').equals(company.id).toArray()) {
        let touched = false;
        const employees = record.employees.map((e) => {
          if (!namesId(e.jobs, from)) return e;
          touched = true;
          changed++;
          return { ...e, jobs: e.jobs.map((j) => ({ ...j, job: j.job === from ? to : j.job, ...(j.tasks ? { tasks: j.tasks.map((t) => (t.task === from ? { ...t, task: to } : t)) } : {}) })) };
        });
        if (touched) await db.staff.put({ ...record, employees, updatedAt: now });
      }
    }
    return changed;
  });
}
