import type { Db, Panel, TicketSubject } from '../../platform/index.js';
import { contractsOfSystems } from './contracts/queries.js';
import { hostingNames } from './names.js';
import { dependantIdsOf, dependencyIds, servicesOfSystems, systemsByIds, systemsOfService } from './queries.js';

/**
 * On an incident against a council service: the systems behind the service, what they rely on, and
 * what else would be hit if one of them has failed (other services, users, contracts), so the desk
 * can tell a one-off from an outage.
 */
export async function incidentImpactPanel(db: Db, dialect: 'sqlite' | 'postgres', subject: TicketSubject): Promise<Panel | null> {
  if (subject.kind !== 'incident' || subject.serviceId === null) return null;
  const supporting = (await systemsOfService(db, subject.organisationId, subject.serviceId)).map((r) => r.system_id);
  if (!supporting.length) return null;
  const cap = 200;
  const reliedOn = await dependencyIds(db, dialect, supporting, cap);
  const behindIds = [...supporting, ...reliedOn];
  const [behind, contracts] = await Promise.all([
    systemsByIds(db, subject.organisationId, behindIds),
    contractsOfSystems(db, subject.organisationId, behindIds),
  ]);
  // Everything that leans on the same systems: the wider blast radius if one of them is down.
  const sharing = behindIds.length <= 200 ? await dependantIdsOf(db, dialect, behindIds) : [];
  const services = (await servicesOfSystems(db, subject.organisationId, [...behindIds, ...sharing])).filter((s) => s.id !== subject.serviceId);
  const everyone = await systemsByIds(db, subject.organisationId, sharing);
  const users = [...behind, ...everyone].reduce((n, s) => Math.max(n, s.users ?? 0), 0);
  const supportingSet = new Set(supporting);
  return {
    title: 'Systems behind this service',
    template: 'modules/estate/views/ticket-impact.njk',
    context: {
      supporting: behind.filter((s) => supportingSet.has(s.id)).map((s) => ({ ...s, hostingName: s.hosting ? hostingNames[s.hosting] : '' })),
      reliedOn: behind.filter((s) => !supportingSet.has(s.id)),
      reliedOnCapped: reliedOn.length >= cap,
      services,
      users,
      contracts: contracts.slice(0, 10),
    },
  };
}
