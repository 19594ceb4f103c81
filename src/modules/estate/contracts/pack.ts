import { date, emptyPack, money, type PackSection } from '../../../platform/index.js';
import { estate } from '../abilities.js';
import { contractDecisions } from './service.js';

/** Contracts whose notice deadline comes within the alert lead time, for a board pack. */
export const contractsPackSection: PackSection = {
  key: 'contracts',
  title: 'Contracts needing a decision',
  order: 40,
  access: estate.read,
  build: async (db, identity, on) => {
    const { contracts, leadMonths } = await contractDecisions(db, identity.organisation.id, on);
    const pack = emptyPack();
    if (!contracts.length) {
      pack.paragraphs.push(`No contract reaches its notice deadline in the next ${Math.max(...leadMonths)} months.`);
      return pack;
    }
    pack.paragraphs.push(
      `${contracts.length} contracts reach their notice deadline in the next ${Math.max(...leadMonths)} months: renew, extend or exit needs deciding before then.`,
    );
    pack.tables.push({
      caption: contracts.length > 15 ? `The 15 soonest of the ${contracts.length}, by notice deadline` : 'Contracts by notice deadline',
      head: ['Contract', 'Supplier', 'Notice deadline', 'A year'],
      rows: contracts
        .slice(0, 15)
        .map((c) => [
          `${c.reference} ${c.title}`,
          c.supplier_name,
          date(String(c.notice_deadline).slice(0, 10)),
          c.annual_value === null ? 'Not known' : money(Number(c.annual_value)),
        ]),
      numeric: [3],
    });
    return pack;
  },
};
