import type { ProgressSource, ProgressState } from '../../platform/index.js';
import * as q from './queries.js';

const stateOf = (p: { stage: string; rag: string }): ProgressState =>
  p.stage === 'closed' ? 'done' : p.stage === 'idea' ? 'planned' : p.rag === 'red' ? 'at-risk' : 'in-progress';

/** The roadmap's programmes and projects, as the public may read them: what is planned, under way and done. */
export const roadmapProgress: ProgressSource = {
  kind: 'project',
  title: { en: 'What we are working on', cy: 'Beth rydym yn gweithio arno' },
  order: 10,
  candidates: async (db, organisationId) =>
    (await q.projectsForPublishing(db, organisationId)).map((p) => ({
      id: Number(p.id),
      title: p.title,
      summary: p.description,
      state: stateOf(p),
      on: p.end_on,
      href: `/strategy/projects/${p.id}`,
    })),
};
