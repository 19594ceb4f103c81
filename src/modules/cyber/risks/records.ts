import type { Db, LinkableRecord } from '../../../platform/index.js';
import { cyber } from '../abilities.js';
import { riskNamesByIds, risksCalled } from './queries.js';

const risk = (r: { id: number; reference: string; title: string }) => ({ id: r.id, title: `${r.reference} ${r.title}`, href: `/cyber/risks/${r.id}` });

/** Risks as other modules link to them, by reference (RISK-0007) or title. */
export const riskLinkable: LinkableRecord = {
  kind: 'risk',
  label: 'risk',
  hint: 'Its reference, such as RISK-0007, or its title',
  access: cyber.readRisks,
  find: async (db: Db, organisationId: number, words: string) => {
    const rows = await risksCalled(db, organisationId, words.trim());
    const r = rows.find((x) => x.reference.toLowerCase() === words.trim().toLowerCase()) ?? rows[0];
    return r ? risk(r) : null;
  },
  named: async (db: Db, organisationId: number, ids: number[]) => (ids.length ? (await riskNamesByIds(db, organisationId, ids)).map(risk) : []),
};
