import { emptyPack, money, own, type PackSection } from '../../platform/index.js';
import { strategy } from './abilities.js';
import * as q from './queries.js';
import { portfolio, rags, stages } from './rules.js';

/** The roadmap's status for a board pack: the portfolio by RAG and every project at red or amber with its reason. */
export const roadmapPackSection: PackSection = {
  key: 'roadmap',
  title: 'The roadmap: status',
  order: 20,
  access: strategy.read,
  build: async (db, identity) => {
    const projects = await q.projectsOf(db, identity.organisation.id);
    if (!projects.length) return null;
    const p = portfolio(projects.map((x) => ({ ...x, budget: x.budget === null ? null : Number(x.budget), spend: x.spend === null ? null : Number(x.spend) })));
    const pack = emptyPack();
    pack.paragraphs.push(
      `${p.total.total} programmes and projects under way or planned: ${p.total.red} red, ${p.total.amber} amber, ${p.total.green} green; ${money(p.total.spend)} spent of ${money(p.total.budget)} budgeted.`,
    );
    const concerns = projects
      .filter((x) => x.stage !== 'closed' && x.rag !== 'green')
      .sort((a, b) => (a.rag === b.rag ? a.reference.localeCompare(b.reference) : a.rag === 'red' ? -1 : 1));
    if (concerns.length)
      pack.tables.push({
        caption: 'Projects at red or amber',
        head: ['Project', 'Stage', 'Status', 'Why'],
        rows: concerns.map((x) => [`${x.reference} ${x.title}`, own(stages, x.stage) ?? x.stage, rags[x.rag], x.rag_reason]),
      });
    return pack;
  },
};
