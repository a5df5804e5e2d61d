/*
 * The legal texts the rules of this project come from, each once: article, text, date and where to read
 * it on Légifrance. Explanations, tests and the README cite these. Where the stable Légifrance id of a
 * text was not at hand, the link is the consolidated Code du travail (`CODE_DU_TRAVAIL`), to be read at
 * the article named, or the text's ELI address built from its NOR.
 */

export interface LegalSource {
  /** Short French citation, as printed in explanations. */
  cite: string;
  url: string;
}

export const CODE_DU_TRAVAIL = 'https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006072050';

export const SOURCES = {
  /** Thresholds of the six prevention-account factors since 2018 (section of D4163-2, version of 2019-05-24). */
  d4163_2: {
    cite: 'art. D4163-2 du code du travail',
    url: 'https://www.legifrance.gouv.fr/affichCode.do?idSectionTA=LEGISCTA000029560938&cidTexte=LEGITEXT000006072050&dateTexte=20190524',
  },
  d4161_2: { cite: 'art. D4161-2 du code du travail (décrets 2014-1159 du 9 octobre 2014 et 2015-1888 du 30 décembre 2015)', url: CODE_DU_TRAVAIL },
  decret_2023_760: { cite: 'décret n° 2023-760 du 10 août 2023', url: 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000047956728' },
  arrete_chimique_2015: { cite: 'arrêté du 30 décembre 2015 (agents chimiques dangereux, grille d’évaluation)', url: 'https://www.legifrance.gouv.fr/loda/id/JORFTEXT000031740917' },
  /**
   * Ordonnance 2017-1389 of 22 September 2017, art. 5 IV, as quoted in the Légifrance note under L4161-1
   * and L4162-1: for the exposures of 2015, 2016 and the first three quarters of 2017, those articles
   * apply in their wording prior to the ordinance (ten factors).
   */
  ord_2017_1389_art5: {
    cite: 'ordonnance n° 2017-1389 du 22 septembre 2017, art. 5 IV',
    url: 'https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006072050/LEGISCTA000028496014/2022-05-22',
  },
  l4163_1: { cite: 'art. L4163-1 du code du travail (ordonnance 2017-1389)', url: CODE_DU_TRAVAIL },
  /** Employer presumed in good faith and protected from the penalty when applying a homologated referential. */
  l4163_2: { cite: 'art. L4163-2 II et IV du code du travail', url: CODE_DU_TRAVAIL },
  /** Branch lists of jobs and activities particularly exposed to the ergonomic factors (loi 2023-270, art. 17). */
  l4163_2_1: { cite: 'art. L4163-2-1 du code du travail (loi n° 2023-270 du 14 avril 2023, art. 17)', url: CODE_DU_TRAVAIL },
  /** Homologation for five years, renewal requested at the latest six months before expiry. */
  d4163_6: { cite: 'art. D4163-6 du code du travail', url: CODE_DU_TRAVAIL },
  /** Décret 2025-277 of 25 March 2025 (JO of 27 March 2025, in force on 28 March 2025), NOR TSST2503021D. */
  decret_2025_277: { cite: 'décret n° 2025-277 du 25 mars 2025', url: 'https://www.legifrance.gouv.fr/eli/decret/2025/3/25/TSST2503021D/jo/texte' },
  /** Declaration in the December DSN, or with the last pay of a contract; rectification (R4163-8). */
  r4163_8: { cite: 'art. R4163-8 du code du travail', url: CODE_DU_TRAVAIL },
  /** Points: R4162-2 until 2017, then R4163-9 (décret 2023-759 from 2023-09-01). */
  r4163_9: { cite: 'art. R4162-2 puis R4163-9 du code du travail', url: CODE_DU_TRAVAIL },
  /** Temporary workers: the agency declares, from what the user company transmits. */
  l4163_1_iv: { cite: 'art. L4163-1 IV du code du travail', url: CODE_DU_TRAVAIL },
  /** Themes of the agreement or action plan (current version). */
  d4162_3: { cite: 'art. D4162-3 du code du travail', url: CODE_DU_TRAVAIL },
  /** Themes before 2019 (décret 2014-1158). */
  d4163_3_2015: { cite: 'art. D4163-3 du code du travail (décret 2014-1158, version 2015)', url: CODE_DU_TRAVAIL },
  /** Prior diagnosis, measures, quantified objectives and indicators per theme. */
  d4162_2: { cite: 'art. D4162-2 du code du travail', url: CODE_DU_TRAVAIL },
  /** Record of disagreement, then action plan after the CSE's opinion. */
  l4162_2: { cite: 'art. L4162-2 du code du travail', url: CODE_DU_TRAVAIL },
  /** At most three years; filed with the administrative authority (DREETS). */
  l4162_3: { cite: 'art. L4162-3 du code du travail', url: CODE_DU_TRAVAIL },
  /** Penalty: at most 1 % of the remuneration of the employees concerned during the periods not covered. */
  l4162_4: { cite: 'art. L4162-4 du code du travail', url: CODE_DU_TRAVAIL },
  /** The DREETS decides the rate after the formal notice. */
  r4162_6: { cite: 'art. R4162-6 du code du travail', url: CODE_DU_TRAVAIL },
} as const satisfies Record<string, LegalSource>;

export type SourceKey = keyof typeof SOURCES;

/** `cite (url)`, the form explanations print. */
export function citation(key: SourceKey): string {
  const s: LegalSource = SOURCES[key];
  return `${s.cite} (${s.url})`;
}
