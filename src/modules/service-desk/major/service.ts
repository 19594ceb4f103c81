import { auditedWrite, NotFoundError, UserError, type Actor, type Db } from '../../../platform/index.js';
import { findService } from '../catalogue/service.js';
import * as q from './queries.js';

/** Declares a major incident on a service: staff see a banner for it, and new tickets about the service are linked to it. */
export async function declareMajorIncident(
  db: Db,
  actor: Actor,
  organisationId: number,
  input: { serviceId: number; title: string; summary: string; ticketId?: number },
  now = new Date(),
) {
  if (!(await findService(db, organisationId, input.serviceId))) throw new UserError('Choose the service that is affected', { field: 'serviceId' });
  if (await q.openMajorIncidentFor(db, organisationId, input.serviceId)) {
    throw new UserError('There is already an open major incident on this service', { field: 'serviceId', status: 409 });
  }
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertMajorIncident(tx, {
      organisation_id: organisationId,
      service_id: input.serviceId,
      title: input.title,
      summary: input.summary,
      declared_by: actor.personId,
      declared_at: now.toISOString(),
    });
    if (input.ticketId) await q.linkTicket(tx, input.ticketId, id);
    await audit.created('major_incident', id, { service_id: input.serviceId, title: input.title }, `Declared a major incident: ${input.title}`, organisationId);
    return id;
  });
}

export async function closeMajorIncident(db: Db, actor: Actor, organisationId: number, id: number, note: string, now = new Date()) {
  const incident = await q.findMajorIncident(db, organisationId, id);
  if (!incident) throw new NotFoundError('There is no such major incident');
  if (incident.closed_at) throw new UserError('This major incident is already closed');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.closeMajorIncident(tx, id, now.toISOString(), note);
    await audit.updated(
      'major_incident',
      id,
      { closed_at: null },
      { closed_at: now.toISOString(), closing_note: note },
      `Closed the major incident: ${incident.title}`,
      organisationId,
    );
  });
}

export { openMajorIncidents, openMajorIncidentFor, findMajorIncident, ticketsOfMajorIncident, linkTicket } from './queries.js';
