import type { Db, Tx } from '../../../platform/index.js';

export async function openMajorIncidents(db: Db | Tx, organisationId: number) {
  return db
    .selectFrom('major_incidents as m')
    .innerJoin('services as s', 's.id', 'm.service_id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.closed_at', 'is', null)
    .select(['m.id', 'm.title', 'm.summary', 'm.declared_at', 'm.service_id', 's.name as service_name'])
    .orderBy('m.declared_at', 'desc')
    .execute();
}

export async function openMajorIncidentFor(db: Db | Tx, organisationId: number, serviceId: number) {
  return db
    .selectFrom('major_incidents')
    .where('organisation_id', '=', organisationId)
    .where('service_id', '=', serviceId)
    .where('closed_at', 'is', null)
    .select(['id', 'title'])
    .orderBy('declared_at', 'desc')
    .executeTakeFirst();
}

export async function findMajorIncident(db: Db | Tx, organisationId: number, id: number) {
  return db
    .selectFrom('major_incidents as m')
    .innerJoin('services as s', 's.id', 'm.service_id')
    .leftJoin('people as p', 'p.id', 'm.declared_by')
    .where('m.organisation_id', '=', organisationId)
    .where('m.id', '=', id)
    .select([
      'm.id',
      'm.title',
      'm.summary',
      'm.declared_at',
      'm.closed_at',
      'm.closing_note',
      'm.service_id',
      's.name as service_name',
      'p.display_name as declared_by_name',
    ])
    .executeTakeFirst();
}

export async function ticketsOfMajorIncident(db: Db | Tx, organisationId: number, id: number) {
  return db
    .selectFrom('tickets')
    .where('organisation_id', '=', organisationId)
    .where('major_incident_id', '=', id)
    .select(['reference', 'title', 'status', 'created_at'])
    .orderBy('created_at')
    .limit(500)
    .execute();
}

export async function insertMajorIncident(
  tx: Tx,
  row: { organisation_id: number; service_id: number; title: string; summary: string; declared_by: number | null; declared_at: string },
) {
  const r = await tx
    .insertInto('major_incidents')
    .values({ ...row, closed_at: null, closing_note: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function closeMajorIncident(tx: Tx, id: number, at: string, note: string) {
  await tx.updateTable('major_incidents').set({ closed_at: at, closing_note: note }).where('id', '=', id).execute();
}

export async function linkTicket(tx: Tx, ticketId: number, majorIncidentId: number) {
  await tx.updateTable('tickets').set({ major_incident_id: majorIncidentId }).where('id', '=', ticketId).execute();
}
