/**
 * A council's risk matrix: its steps of likelihood and of impact (lowest first), and the scores
 * where each band starts. A score is likelihood times impact.
 */
export interface RiskMatrix {
  likelihoods: string[];
  impacts: string[];
  bands: { medium: number; high: number; veryHigh: number };
}

/** Five steps of likelihood by five of impact, the usual picture in a council, until it sets its own. */
export const defaultMatrix: RiskMatrix = {
  likelihoods: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
  impacts: ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'],
  bands: { medium: 5, high: 10, veryHigh: 20 },
};
/** A matrix has from 3 to 7 steps each way: fewer tells nothing apart, more cannot be scored consistently (or drawn). */
export const matrixSteps = { min: 3, max: 7 } as const;
/** Likelihood and impact arrive as numbers up to this; the council's matrix then decides. */
export const largestStep = matrixSteps.max;

export const maxScore = (m: RiskMatrix) => m.likelihoods.length * m.impacts.length;

/** What is wrong with a matrix a council wants, each on its field; none when it can be used. */
export function matrixProblems(m: RiskMatrix): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const [field, steps, noun] of [
    ['likelihoods', m.likelihoods, 'likelihood'],
    ['impacts', m.impacts, 'impact'],
  ] as const) {
    if (steps.length < matrixSteps.min || steps.length > matrixSteps.max)
      out.push({ field, message: `Give from ${matrixSteps.min} to ${matrixSteps.max} steps of ${noun}, one per line, lowest first` });
    else if (new Set(steps.map((x) => x.toLowerCase())).size !== steps.length) out.push({ field, message: `Each step of ${noun} needs a name of its own` });
  }
  const top = maxScore(m);
  const { medium, high, veryHigh } = m.bands;
  if (!(medium > 1 && medium < high && high < veryHigh && veryHigh <= top))
    out.push({ field: 'medium', message: `The bands must start in order, medium before high before very high, between 2 and ${top}` });
  return out;
}

/** The Orange Book's categories of risk, the list a council starts from. */
export const riskCategories = {
  strategy: 'Strategy',
  governance: 'Governance',
  operations: 'Operations',
  legal: 'Legal',
  property: 'Property',
  financial: 'Financial',
  commercial: 'Commercial',
  people: 'People',
  technology: 'Technology',
  information: 'Information',
  security: 'Security',
  project: 'Project or programme',
  reputational: 'Reputational',
} as const;
export type RiskCategory = keyof typeof riskCategories;

/** The Orange Book's list, in its order, until a council keeps its own. */
export const defaultCategories = Object.entries(riskCategories).map(([key, name]) => ({ key, name }));

export const treatments = {
  treat: 'Treat: reduce it',
  tolerate: 'Tolerate: accept it as it is',
  transfer: 'Transfer: insure or contract it out',
  terminate: 'Terminate: stop the activity',
} as const;

/** How much of each category the council will carry (the highest current score it accepts), until it says otherwise: 12 of 25 on the usual matrix. */
export const defaultAppetite = (m: RiskMatrix = defaultMatrix) => Math.max(1, Math.round((maxScore(m) * 12) / 25));

export const scoreOf = (likelihood: number, impact: number) => likelihood * impact;

/** The band a score falls in on the council's matrix, as a heat map colours it. */
export function bandOf(score: number, m: RiskMatrix = defaultMatrix): { name: string; key: 'low' | 'medium' | 'high' | 'very-high' } {
  if (score >= m.bands.veryHigh) return { name: 'Very high', key: 'very-high' };
  if (score >= m.bands.high) return { name: 'High', key: 'high' };
  if (score >= m.bands.medium) return { name: 'Medium', key: 'medium' };
  return { name: 'Low', key: 'low' };
}

export const outsideAppetite = (score: number, appetite: number) => score > appetite;

/** A review is overdue the day after it was due. */
export const reviewOverdue = (reviewDue: string | null, today: string) => !!reviewDue && reviewDue < today;

/** Counts of risks in each cell, likelihood by impact, for the heat map and its table. */
export function heatMap(risks: { likelihood: number; impact: number }[], m: RiskMatrix = defaultMatrix) {
  const rows = m.likelihoods.length;
  const cols = m.impacts.length;
  const cells = Array.from({ length: rows }, () => Array.from({ length: cols }, () => 0));
  for (const r of risks) if (r.likelihood >= 1 && r.likelihood <= rows && r.impact >= 1 && r.impact <= cols) cells[r.likelihood - 1]![r.impact - 1]!++;
  return cells;
}
