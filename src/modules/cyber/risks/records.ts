import type { Db, LinkableRecord } from '../../../platform/index.js';
import { cyber } from '../abilities.js';

/** Risks as other modules link to them, by reference (RISK-0007) or title. */
export const riskLinkable: LinkableRecord = {
  kind: 'risk',
  label: 'risk',
  hint: 'Its reference, such as RISK-0007, or its title',
  access: cyber.readRisks,
  find: async (db: Db, organisationId: number, words: string) => {
    const w = words.trim().toLowerCase();
    const rows = await db
      .selectFrom('risks')
      .where('organisation_id', '=', organisationId)
      .where((eb) => eb.or([eb(eb.fn('lower', ['reference']), '=', w), eb(eb.fn('lower', ['title']), '=', w)]))
      .select(['id', 'reference', 'title'])
      .orderBy('id')
      .execute();
    const r = rows.find((x) => x.reference.toLowerCase() === w) ?? rows[0];
    return r ? { id: r.id, title: `${r.reference} ${r.title}`, href: `/cyber/risks/${r.id}` } : null;
  },
  named: async (db: Db, organisationId: number, ids: number[]) =>
    ids.length
      ? (await db.selectFrom('risks').where('organisation_id', '=', organisationId).where('id', 'in', ids).select(['id', 'reference', 'title']).execute()).map(
          (r) => ({
            id: r.id,
            title: `${r.reference} ${r.title}`,
            href: `/cyber/risks/${r.id}`,
          }),
        )
      : [],
};
