import { dict, type Actor, type Db } from '../../platform/index.js';
import { answerOutcome, importFramework, loadFramework, startAssessment } from '../assessments/index.js';
import { maturityFrameworks } from './maturity.js';

const levels = ['not-in-place', 'ad-hoc', 'defined', 'managed', 'improving'];
/** A demo rating for each part, a year ago and now: mostly a level up where the department has worked on it. */
const rated = (n: number, year: 0 | 1) => levels[Math.min(4, [1, 2, 1, 2, 3, 1, 0, 2][n % 8]! + (year === 1 && n % 3 !== 2 ? 1 : 0))]!;

/** The demo council's maturity self-assessments: ITIL practices last year and this, IT strategy and data this year. */
export async function loadMaturityDemo(db: Db, actor: Actor, organisationId: number, today: string) {
  const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 4 ? 1 : 0);
  for (const [key, tree] of maturityFrameworks) {
    const t = tree();
    const frameworkId = await importFramework(db, actor, organisationId, t, `Steward: ${t.name}`);
    const framework = await loadFramework(db, organisationId, frameworkId);
    const parts = framework.nodes.filter((n) => n.assessable);
    let previousId: number | null = null;
    for (const y of key === 'itil-4-practices' ? ([0, 1] as const) : ([1] as const)) {
      const from = `${year - 1 + y}-04-01`;
      const id: number = await startAssessment(db, actor, organisationId, {
        frameworkId,
        title: `Demo: ${t.name}, ${year - 1 + y} to ${year + y}`,
        scope: 'organisation',
        scopeDescription: '',
        profileKey: 'target',
        periodStart: from,
        periodEnd: `${year + y}-03-31`,
        assurance: 'self-assessment',
        previousId,
      });
      for (const [n, node] of parts.entries())
        await answerOutcome(db, actor, organisationId, id, node.id, {
          holding: [],
          comments: dict(),
          rating: rated(n, y),
          override: '',
          justification: '',
          comment: '',
          evidence: '',
        });
      previousId = id;
    }
  }
}
