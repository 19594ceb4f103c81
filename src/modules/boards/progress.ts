import type { ProgressSource } from '../../platform/index.js';
import * as q from './queries.js';

/** Decisions a board said may be published: the council chooses which reach its progress page. */
export const decisionProgress: ProgressSource = {
  kind: 'decision',
  title: { en: 'Decisions', cy: 'Penderfyniadau' },
  order: 30,
  candidates: async (db, organisationId) =>
    (await q.decisionsOf(db, organisationId, { public: true }, null, 200)).map((d) => ({
      id: Number(d.id),
      title: d.title,
      summary: d.rationale,
      state: 'decided' as const,
      on: d.decided_on,
      href: `/boards/decisions/${d.id}`,
    })),
};
