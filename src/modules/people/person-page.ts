import type { FastifyRequest } from 'fastify';
import { can, date, identityOf, money, type Db } from '../../platform/index.js';
import { people } from './abilities.js';
import { crumbs, levelItems } from './pages.js';
import * as q from './queries.js';
import { contractTypes, isContractor } from './schemas.js';
import { personDevelopment, personSkills, systemsOfStaff, workingDaysAYear } from './service.js';
import { mayReadPrivate } from './managing/service.js';

/** A person's page: their record, skills, development, the systems they support; pay only for those who keep the records. */
export async function personPageOf(db: Db, request: FastifyRequest, id: number) {
  const identity = identityOf(request);
  const mayManage = can(identity, people.manage);
  const orgId = identity.organisation.id;
  const s = (await q.staffById(db, orgId, id))!;
  const [reports, skills, development, systems, mayReadPrivateRecords] = await Promise.all([
    q.reportsOf(db, orgId, id),
    personSkills(db, identity, id),
    personDevelopment(db, identity, id),
    systemsOfStaff(db, orgId, id),
    mayReadPrivate(db, identity, id),
  ]);
  const yearCost = isContractor(s.contract) && s.day_rate !== null ? Number(s.day_rate) * workingDaysAYear : null;
  return {
    title: s.name,
    breadcrumbs: [...crumbs, { text: 'The department’s people', href: '/people/staff' }],
    s: { ...s, contractName: contractTypes[s.contract] },
    started: s.start_date ? date(String(s.start_date)) : null,
    ends: s.end_date ? date(String(s.end_date)) : null,
    // Pay is for those who keep the department's records, not every reader of the chart.
    ...(mayManage
      ? {
          dayRate: s.day_rate !== null ? money(Number(s.day_rate)) : null,
          yearCost: yearCost !== null ? money(yearCost) : null,
          annualCost: s.annual_cost !== null ? money(Number(s.annual_cost)) : null,
        }
      : {}),
    ...skills,
    ...development,
    mayReadPrivateRecords,
    reports,
    systems,
    canManage: mayManage,
    levelItems,
    values: {},
  };
}
