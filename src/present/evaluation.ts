import { findCriterion, regulationById, UNIT_LABELS, type AbsenceReason, type AbsenceResult, type ArithmeticStep, type Contribution, type DerivedQuantity, type EmployeeResult, type FactorCode, type PointsStep, type ThresholdUnit } from '../core/index.ts';
import { formatCount, formatDate, formatNumber, formatPercent, plural, pluralWord } from './fr.ts';

/*
 * The evaluator's explanation in French: a contribution's arithmetic, how the points were counted, what
 * long absences did. The core hands over figures, units and ids (`ArithmeticStep`, `PointsStep`,
 * `AbsenceResult`); the app, the command line and the exports all write them through here, with the
 * one number formatter (decimal comma, narrow no-break space between thousands).
 */

/** The long absences an employee's record names, in French (in the order the editor offers them). */
export const ABSENCE_REASON_LABELS: Record<AbsenceReason, string> = {
  long_sick_leave: 'arrêt maladie de longue durée',
  training_leave: 'congé de formation',
  sabbatical: 'congé sabbatique',
  parental_leave: 'congé parental',
  other_long_absence: 'autre absence longue',
};

/** Figures of the arithmetic keep up to four decimals: the trace is meant to be re-done by hand. */
const n = (x: number) => formatNumber(x, 4);

const unitText = (unit: ThresholdUnit | null) => (unit ? ` ${UNIT_LABELS[unit]}` : '');

/** `45 actions/min × 20 s ÷ 60 = 15 actions par cycle` */
export function derivedText(d: DerivedQuantity): string {
  switch (d.quantity) {
    case 'actions_per_cycle':
      return `${n(d.actionsPerMinute)} actions/min × ${n(d.cycleTime)} s ÷ 60 = ${n(d.value)} ${pluralWord(d.value, 'action', 'actions')} par cycle`;
    case 'actions_per_minute':
      return `${n(d.actionsPerCycle)} ${pluralWord(d.actionsPerCycle, 'action', 'actions')} × 60 ÷ ${n(d.cycleTime)} s = ${n(d.value)} actions/min`;
    case 'cycle_time':
      return `${n(d.actionsPerCycle)} ${pluralWord(d.actionsPerCycle, 'action', 'actions')} × 60 ÷ ${n(d.actionsPerMinute)} actions/min = ${n(d.value)} s de cycle`;
  }
}

/** A multiplier of the chain `× 60 % (tâche)`, or the chain's end `= 478,8 h/an`. */
function chainText(step: ArithmeticStep & { kind: 'share' | 'period' | 'working_time' | 'presence' | 'result' }): string {
  switch (step.kind) {
    case 'share':
      return `× ${formatPercent(step.percent / 100, 4)} (${step.of === 'job' ? 'poste' : 'tâche'})`;
    case 'period':
      return `× ${n(step.fraction)} (part de l’année du ${formatDate(step.from)} au ${formatDate(step.to)})`;
    case 'working_time':
      return `× ${n(step.ratio)} (temps de travail)`;
    case 'presence':
      return `× ${n(step.ratio)} (présence hors absences longues)`;
    case 'result':
      return `= ${n(step.value)}${unitText(step.unit)}`;
  }
}

/**
 * A contribution's arithmetic in one line, its parts separated by « ; », e.g.
 * `7 h/jour = 1 596 h/an à temps plein ; × 100 % (poste) × 60 % (tâche) × 0,5 (temps de travail) = 478,8 h/an`.
 * `regulation` is the result's version id, for the label of an intensity test that fails.
 */
export function arithmeticText(steps: readonly ArithmeticStep[], regulation: string): string {
  const parts: string[] = [];
  let chain: string[] | undefined;
  const part = (text: string) => {
    chain = undefined;
    parts.push(text);
  };
  for (const step of steps) {
    switch (step.kind) {
      case 'derived':
        part(derivedText(step.derived));
        break;
      case 'full_time':
        part(`${n(step.stated.value)} ${UNIT_LABELS[step.stated.unit]} = ${n(step.value)}${unitText(step.unit)} à temps plein`);
        break;
      case 'grid':
        part('grille de l’arrêté');
        break;
      case 'night_deduction':
        // Said right after the conversion it is taken from.
        parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''} − ${plural(step.nights, 'nuit déjà comptée', 'nuits déjà comptées', 4)} en équipes alternantes`;
        break;
      case 'intensity_not_met':
        part(`intensité sous le seuil (${intensityLabel(regulation, step.factor, step.criterion)}) : non compté`);
        break;
      default:
        if (chain === undefined) {
          chain = [];
          parts.push('');
        }
        chain.push(chainText(step));
        parts[parts.length - 1] = chain.join(' ');
    }
  }
  return parts.join(' ; ');
}

function intensityLabel(regulation: string, factor: FactorCode, criterion: string): string {
  const version = regulationById(regulation);
  return (version && findCriterion(version, factor, criterion)?.criterion.intensityLabel) ?? criterion;
}

/** A contribution's arithmetic (`arithmeticText` with the result's regulation version). */
export const contributionArithmetic = (result: Pick<EmployeeResult, 'regulation'>, c: Pick<Contribution, 'arithmetic'>) => arithmeticText(c.arithmetic, result.regulation);

/** The factor's label in the result, its code when the result does not list it. */
const factorLabelIn = (result: Pick<EmployeeResult, 'factors'>) => (code: FactorCode) => result.factors.find((f) => f.factor === code)?.label ?? code;

/** One line of how the points were counted. */
export function pointsStepText(step: PointsStep, factorLabel: (code: FactorCode) => string): string {
  switch (step.kind) {
    case 'short_contract':
      return 'Contrat de moins d’un mois : aucune déclaration, aucun point';
    case 'factor_no_period':
      return `${factorLabel(step.factor)} : moins de trois mois d’exposition dans l’année`;
    case 'factor_periods': {
      const idle = step.notEarning > 0 ? `, dont ${formatCount(step.notEarning)} sans point (le facteur n’ouvrait plus de droits à la fin de la période)` : '';
      return `${factorLabel(step.factor)} : ${plural(step.periods, 'période complète', 'périodes complètes', 0)} de trois mois d’exposition à partir du ${formatDate(step.from)}${idle}`;
    }
    case 'former_rule':
      return `Règle antérieure au 1er septembre 2023 : ${plural(step.several, 'période', 'périodes', 0)} à plusieurs facteurs × 2 points + ${plural(step.single, 'période', 'périodes', 0)} à un facteur × 1 point`;
    case 'per_factor_rule':
      return `Règle à partir du 1er septembre 2023 : ${plural(step.periods, 'période par facteur', 'périodes par facteur', 0)} × 1 point`;
    case 'leftover_months':
      return `${formatCount(step.months)} mois hors période complète de trois mois : aucun point`;
    case 'doubled':
      return 'Né(e) avant le 1er juillet 1956 : points doublés';
  }
}

/** How the result's points were counted, one line per step (empty without the trace). */
export function pointsLines(result: Pick<EmployeeResult, 'points' | 'factors'>): string[] {
  const label = factorLabelIn(result);
  return result.points.detail.map((step) => pointsStepText(step, label));
}

/**
 * What the recorded long absences did to the year, with the rule (instruction DGT-DSS n° 1 of
 * 13 March 2015): the periods, the re-assessment, and the factors it takes under their threshold.
 */
export function absenceText(result: Pick<EmployeeResult, 'factors'> & { absence: AbsenceResult }): string {
  const a = result.absence;
  const label = factorLabelIn(result);
  const periods = a.periods.map((p) => `${ABSENCE_REASON_LABELS[p.reason]} du ${formatDate(p.from)} au ${formatDate(p.to)} (${plural(p.days, 'jour', 'jours', 0)})`).join(', ');
  const present = a.contractDays - a.absentDays;
  const outcome = a.changed.length > 0 ? ` L’absence fait passer sous le seuil : ${a.changed.map(label).join(', ')} — non déclaré pour l’année.` : ' Aucun facteur ne passe sous son seuil du fait de l’absence.';
  return `Absence longue remettant manifestement en cause l’exposition (instruction DGT-DSS n° 1 du 13 mars 2015) : ${periods}. Exposition réelle de l’année = exposition du poste × ${plural(present, 'jour', 'jours', 0)} de présence / ${plural(a.contractDays, 'jour', 'jours', 0)} du contrat dans l’année, comparée au seuil annuel inchangé.${outcome}`;
}
