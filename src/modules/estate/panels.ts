import type { Db, Panel, TicketSubject } from '../../platform/index.js';
import { serviceImpact } from './impact/service.js';

/**
 * On an incident against a council service: the systems behind the service, what they rely on, and
 * what else fails if one of them has failed (other services, users, contracts), so the desk can
 * tell a one-off from an outage.
 */
export async function incidentImpactPanel(db: Db, _dialect: 'sqlite' | 'postgres', subject: TicketSubject): Promise<Panel | null> {
  if (subject.kind !== 'incident' || subject.serviceId === null) return null;
  const impact = await serviceImpact(db, subject.organisationId, subject.serviceId);
  if (!impact) return null;
  return {
    title: 'Systems behind this service',
    template: 'modules/estate/views/ticket-impact.njk',
    context: { ...impact, contracts: impact.contracts.slice(0, 10) },
  };
}
