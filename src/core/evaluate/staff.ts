import { FACTOR_CODES } from '../regulation/types.ts';
import type { Employee } from '../referential/schema.ts';
import { factorBit, type CompactResult } from './compact.ts';
import { EvaluationError } from './errors.ts';
import type { AgencyTotal, EmployeeResult, StaffResult } from './types.ts';

/*
 * A whole staff: the company's totals accumulated in constant memory (a handful of counters, one per
 * factor and per temporary-work agency), and the streaming form of `evaluateStaff` — employees in from
 * any iterator, one row out per employee — so that a million employees never sit in memory at once.
 */

export type StaffTotals = StaffResult['totals'];

/** One employee of a staff stream: the compact result, or the error that stopped its evaluation. */
export type StaffRow = { index: number; employee: Employee; result: CompactResult; error?: undefined } | { index: number; employee: Employee; result?: undefined; error: EvaluationError };

/** Rows out as the employees come in; `totals` are those of the rows given so far (final once the iteration ends). */
export interface StaffStream extends IterableIterator<StaffRow> {
  readonly totals: StaffTotals;
}

export interface AsyncStaffStream extends AsyncIterableIterator<StaffRow> {
  readonly totals: StaffTotals;
}

const BITS = FACTOR_CODES.map((f) => factorBit(f));

/**
 * The company's own totals. Temporary workers are evaluated like everybody (the user company assesses
 * their exposure) but declared by their agency (L4163-1 IV): they are left out of the company's
 * figures — and of the 25 % rule's base — and counted apart, per agency.
 */
export class TotalsAccumulator {
  private employees = 0;
  private evaluated = 0;
  private temporaryWorkers = 0;
  private exposedAny = 0;
  private exposedDeclared = 0;
  private points = 0;
  private readonly byFactor = new Float64Array(FACTOR_CODES.length);
  private readonly agencies = new Map<string, AgencyTotal>();

  /** An employee whose evaluation failed: in the file's count, in no figure. */
  addError(): void {
    this.employees++;
  }

  addCompact(r: CompactResult): void {
    this.add(r.temporary?.agency, r.exposed, r.declared !== 0, r.points);
  }

  addDetailed(r: EmployeeResult): void {
    let exposed = 0;
    for (const f of r.exposedFactors) exposed |= factorBit(f);
    this.add(r.temporary?.agency, exposed, r.dsn.length > 0, r.points.total);
  }

  private add(agency: string | undefined, exposed: number, declared: boolean, points: number): void {
    this.employees++;
    if (agency !== undefined) {
      this.temporaryWorkers++;
      let total = this.agencies.get(agency);
      if (!total) this.agencies.set(agency, (total = { agency, workers: 0, declared: 0 }));
      total.workers++;
      if (declared) total.declared++;
      return;
    }
    this.evaluated++;
    if (exposed !== 0) {
      this.exposedAny++;
      for (let i = 0; i < BITS.length; i++) if (exposed & BITS[i]!) this.byFactor[i]!++;
    }
    if (declared) this.exposedDeclared++;
    this.points += points;
  }

  totals(): StaffTotals {
    const evaluated = this.evaluated;
    const share = (n: number) => (evaluated === 0 ? 0 : n / evaluated);
    return {
      employees: this.employees,
      evaluated,
      ...(this.temporaryWorkers > 0 ? { temporaryWorkers: this.temporaryWorkers, byAgency: [...this.agencies.values()].map((a) => ({ ...a })).sort((a, b) => a.agency.localeCompare(b.agency, 'fr')) } : {}),
      exposedAny: this.exposedAny,
      exposedAnyShare: share(this.exposedAny),
      exposedDeclared: this.exposedDeclared,
      exposedDeclaredShare: share(this.exposedDeclared),
      byFactor: FACTOR_CODES.map((factor, i) => ({ factor, exposed: this.byFactor[i]!, share: share(this.byFactor[i]!) })),
      points: this.points,
    };
  }
}

/** One employee as a stream row: the compact result, or its `EvaluationError` (anything else is a fault and propagates). */
function row(evaluate: (e: Employee) => CompactResult, employee: Employee, index: number, totals: TotalsAccumulator): StaffRow {
  try {
    const result = evaluate(employee);
    totals.addCompact(result);
    return { index, employee, result };
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    totals.addError();
    return { index, employee, error };
  }
}

export function streamStaff(evaluate: (e: Employee) => CompactResult, employees: Iterable<Employee>): StaffStream {
  const totals = new TotalsAccumulator();
  const source = employees[Symbol.iterator]();
  let index = 0;
  const stream: StaffStream = {
    next(): IteratorResult<StaffRow> {
      const step = source.next();
      if (step.done) return { done: true, value: undefined };
      return { done: false, value: row(evaluate, step.value, index++, totals) };
    },
    return(): IteratorResult<StaffRow> {
      source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.iterator]() {
      return stream;
    },
    get totals() {
      return totals.totals();
    },
  };
  return stream;
}

export function streamStaffAsync(evaluate: (e: Employee) => CompactResult, employees: AsyncIterable<Employee> | Iterable<Employee>): AsyncStaffStream {
  const totals = new TotalsAccumulator();
  const source: AsyncIterator<Employee> | Iterator<Employee> = Symbol.asyncIterator in employees ? employees[Symbol.asyncIterator]() : employees[Symbol.iterator]();
  let index = 0;
  const stream: AsyncStaffStream = {
    async next(): Promise<IteratorResult<StaffRow>> {
      const step = await source.next();
      if (step.done) return { done: true, value: undefined };
      return { done: false, value: row(evaluate, step.value, index++, totals) };
    },
    async return(): Promise<IteratorResult<StaffRow>> {
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
    get totals() {
      return totals.totals();
    },
  };
  return stream;
}

/**
 * Totals of several slices of one staff list (evaluated in parts, e.g. between animation frames), equal
 * to what `evaluateStaff` gives for the whole list.
 */
export function mergeStaffTotals(parts: ReadonlyArray<StaffTotals>): StaffTotals {
  const sum = (pick: (t: StaffTotals) => number) => parts.reduce((n, t) => n + pick(t), 0);
  const evaluated = sum((t) => t.evaluated);
  const share = (n: number) => (evaluated === 0 ? 0 : n / evaluated);
  const agencies = new Map<string, AgencyTotal>();
  for (const part of parts) {
    for (const a of part.byAgency ?? []) {
      const total = agencies.get(a.agency) ?? { agency: a.agency, workers: 0, declared: 0 };
      agencies.set(a.agency, { agency: a.agency, workers: total.workers + a.workers, declared: total.declared + a.declared });
    }
  }
  const exposedAny = sum((t) => t.exposedAny);
  const exposedDeclared = sum((t) => t.exposedDeclared);
  const temporaryWorkers = sum((t) => t.temporaryWorkers ?? 0);
  return {
    employees: sum((t) => t.employees),
    evaluated,
    ...(temporaryWorkers > 0 ? { temporaryWorkers, byAgency: [...agencies.values()].sort((a, b) => a.agency.localeCompare(b.agency, 'fr')) } : {}),
    exposedAny,
    exposedAnyShare: share(exposedAny),
    exposedDeclared,
    exposedDeclaredShare: share(exposedDeclared),
    byFactor: FACTOR_CODES.map((factor) => {
      const exposed = parts.reduce((n, t) => n + (t.byFactor.find((f) => f.factor === factor)?.exposed ?? 0), 0);
      return { factor, exposed, share: share(exposed) };
    }),
    points: sum((t) => t.points),
  };
}
