/** The risk matrix: five steps of likelihood by five of impact, the council's usual picture. */
export const likelihoods = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'] as const;
export const impacts = ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'] as const;
export const matrixSize = 5;

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

export const treatments = {
  treat: 'Treat: reduce it',
  tolerate: 'Tolerate: accept it as it is',
  transfer: 'Transfer: insure or contract it out',
  terminate: 'Terminate: stop the activity',
} as const;

/** How much of each category the council will carry (the highest current score it accepts), until it says otherwise. */
export const defaultAppetite = 12;

export const scoreOf = (likelihood: number, impact: number) => likelihood * impact;

/** The band a score falls in, as a heat map colours it. */
export function bandOf(score: number): { name: string; key: 'low' | 'medium' | 'high' | 'very-high' } {
  if (score >= 20) return { name: 'Very high', key: 'very-high' };
  if (score >= 10) return { name: 'High', key: 'high' };
  if (score >= 5) return { name: 'Medium', key: 'medium' };
  return { name: 'Low', key: 'low' };
}

export const outsideAppetite = (score: number, appetite: number) => score > appetite;

/** A review is overdue the day after it was due. */
export const reviewOverdue = (reviewDue: string | null, today: string) => !!reviewDue && reviewDue < today;

/** Counts of risks in each cell, likelihood by impact, for the heat map and its table. */
export function heatMap(risks: { likelihood: number; impact: number }[]) {
  const cells = Array.from({ length: matrixSize }, () => Array.from({ length: matrixSize }, () => 0));
  for (const r of risks)
    if (r.likelihood >= 1 && r.likelihood <= matrixSize && r.impact >= 1 && r.impact <= matrixSize) cells[r.likelihood - 1]![r.impact - 1]!++;
  return cells;
}
