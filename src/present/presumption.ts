import type { GoodFaithPresumption } from '../core/index.ts';
import { formatDate } from './fr.ts';

/*
 * The presumption of good faith (L4163-2 II and IV of the code du travail) in French. The core judges it
 * (`goodFaithPresumption`: applies, reason, the homologation period, the transitional extension); the
 * app, the command line and the exported files say it through here.
 */

const RULE = 'L4163-2 II et IV du code du travail';

/** « homologué du 30/11/2016 au 27/03/2026 (réputé homologué jusqu’au 27/03/2026 par …) » */
function periodText(homologated: { from: string; to: string }, transitional: 'deemed' | 'extended' | null | undefined): string {
  const extension = transitional ? ` (${transitional === 'deemed' ? 'réputé homologué' : 'homologation prorogée'} jusqu’au 27/03/2026 par l’article 2 du décret n° 2025-277 du 25 mars 2025)` : '';
  return `homologué du ${formatDate(homologated.from)} au ${formatDate(homologated.to)}${extension}`;
}

/**
 * What applies and why, with the article.
 *
 * @example presumptionText(goodFaithPresumption({}, 2024))
 * // « Référentiel non homologué : l’employeur qui l’applique n’est pas présumé de bonne foi et reste exposé à la pénalité (L4163-2 II et IV du code du travail). »
 */
export function presumptionText(p: GoodFaithPresumption): string {
  if (!p.homologated) return `Référentiel non homologué : l’employeur qui l’applique n’est pas présumé de bonne foi et reste exposé à la pénalité (${RULE}).`;
  const period = periodText(p.homologated, p.calendar?.transitional);
  if (p.applies) {
    const first = `${p.year}-01-01`;
    const last = `${p.year}-12-31`;
    const from = p.homologated.from > first ? p.homologated.from : first;
    const to = p.homologated.to < last ? p.homologated.to : last;
    const part = p.during === 'part_of_year' ? ` Homologation sur une partie de ${p.year} seulement (${formatDate(from)} – ${formatDate(to)}).` : '';
    return `Référentiel ${period} : en l’appliquant pour ${p.year}, l’employeur est présumé de bonne foi et ne peut encourir la pénalité (${RULE}).${part}`;
  }
  const why = p.reason === 'not_yet_homologated' ? `pas encore homologué au ${formatDate(p.assessedOn)}` : `plus homologué au ${formatDate(p.assessedOn)}`;
  return `Référentiel ${period}, ${why} : pour ${p.year}, la présomption de bonne foi et la protection contre la pénalité ne s’appliquent pas (${RULE}).`;
}
