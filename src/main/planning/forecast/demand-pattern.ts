/**
 * Demand pattern by the Syntetos-Boylan-Croston scheme (Syntetos, Boylan & Croston 2005, JORS 56:495–503):
 *   ADI = average inter-demand interval = periods / periods with demand,
 *   CV² = squared coefficient of variation of the non-zero demand sizes (population variance, so a single demand
 *         gives 0 rather than undefined),
 *   smooth (ADI ≤ 1.32, CV² ≤ 0.49), erratic (ADI ≤ 1.32, CV² > 0.49), intermittent (ADI > 1.32, CV² ≤ 0.49),
 *   lumpy (ADI > 1.32, CV² > 0.49). ADI > 1.32 is where Croston-type methods beat SES in their study.
 */

export type DemandPattern = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'no-demand';

export interface DemandClassification {
  pattern: DemandPattern;
  adi: number;
  cv2: number;
  periods: number;
  demandPeriods: number;
  explanation: string;
}

export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

export function classifyDemand(y: readonly number[], adiCutoff = ADI_CUTOFF, cv2Cutoff = CV2_CUTOFF): DemandClassification {
  const sizes = y.filter((v) => v > 0);
  const periods = y.length;
  if (sizes.length === 0) {
    return { pattern: 'no-demand', adi: Infinity, cv2: NaN, periods, demandPeriods: 0, explanation: `no demand in ${periods} periods` };
  }
  const adi = periods / sizes.length;
  const mean = sizes.reduce((s, v) => s + v, 0) / sizes.length;
  const variance = sizes.reduce((s, v) => s + (v - mean) ** 2, 0) / sizes.length;
  const cv2 = variance / (mean * mean);
  const sparse = adi > adiCutoff;
  const variable = cv2 > cv2Cutoff;
  const pattern: DemandPattern = sparse ? (variable ? 'lumpy' : 'intermittent') : variable ? 'erratic' : 'smooth';
  return {
    pattern,
    adi,
    cv2,
    periods,
    demandPeriods: sizes.length,
    explanation:
      `${pattern}: demand in ${sizes.length} of ${periods} periods (ADI ${adi.toFixed(2)} ${sparse ? '>' : '≤'} ${adiCutoff}), ` +
      `CV² of sizes ${cv2.toFixed(2)} ${variable ? '>' : '≤'} ${cv2Cutoff}`,
  };
}

/** Croston-family methods are the candidates when demand is sparse (ADI above the cut-off). */
export function isIntermittent(pattern: DemandPattern): boolean {
  return pattern === 'intermittent' || pattern === 'lumpy';
}
