import type { Db, LinkableRecord } from '../../platform/index.js';
import { strategy } from './abilities.js';
import { projectNamesByIds, projectsCalled } from './queries.js';

const project = (p: { id: unknown; reference: string; title: string }) => ({
  id: Number(p.id),
  title: `${p.reference} ${p.title}`,
  href: `/strategy/projects/${p.id}`,
});

/** Roadmap projects as other modules link to them (a board's decision), by reference (PRJ-007) or title. */
export const projectLinkable: LinkableRecord = {
  kind: 'project',
  label: 'project',
  hint: 'Its reference, such as PRJ-007, or its name',
  access: strategy.read,
  find: async (db: Db, organisationId: number, words: string) => {
    const rows = await projectsCalled(db, organisationId, words.trim());
    const p = rows.find((x) => x.reference.toLowerCase() === words.trim().toLowerCase()) ?? rows[0];
    return p ? project(p) : null;
  },
  named: async (db: Db, organisationId: number, ids: number[]) => (ids.length ? (await projectNamesByIds(db, organisationId, ids)).map(project) : []),
};
