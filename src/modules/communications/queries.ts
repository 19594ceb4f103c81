import type { Insertable, Updateable } from 'kysely';
import { insertMany, type Db, type Tx } from '../../platform/index.js';
import type { PostsTable, PublicPagesTable, StatusComponentsTable, StatusIncidentsTable, StatusMaintenanceTable } from './tables.js';

type Conn = Db | Tx;

// Public pages ------------------------------------------------------------------------------------

export const pageOf = (db: Conn, organisationId: number) =>
  db
    .selectFrom('public_pages')
    .where('organisation_id', '=', organisationId)
    .select(['organisation_id', 'short_name', 'name', 'name_cy', 'about', 'about_cy', 'colour', 'logo_type', 'welsh', 'updated_at'])
    .executeTakeFirst();

export const pageByShortName = (db: Conn, shortName: string) =>
  db
    .selectFrom('public_pages')
    .where('short_name', '=', shortName)
    .select(['organisation_id', 'short_name', 'name', 'name_cy', 'about', 'about_cy', 'colour', 'logo_type', 'welsh', 'updated_at'])
    .executeTakeFirst();

export const logoOf = (db: Conn, shortName: string) =>
  db.selectFrom('public_pages').where('short_name', '=', shortName).select(['logo', 'logo_type', 'updated_at']).executeTakeFirst();

export const shortNameHolder = async (db: Conn, shortName: string) =>
  (await db.selectFrom('public_pages').where('short_name', '=', shortName).select('organisation_id').executeTakeFirst())?.organisation_id ?? null;

export async function savePage(tx: Tx, row: Insertable<PublicPagesTable>) {
  const { organisation_id: _organisation, ...rest } = row;
  await tx
    .insertInto('public_pages')
    .values(row)
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(rest))
    .execute();
}

export const publicPages = (db: Conn) => db.selectFrom('public_pages').select(['organisation_id', 'short_name']).limit(10000).execute();

// Components --------------------------------------------------------------------------------------

export const componentsOf = (db: Conn, organisationId: number, publicOnly = false) => {
  let query = db.selectFrom('status_components').where('organisation_id', '=', organisationId);
  if (publicOnly) query = query.where('public', '=', 1);
  return query.selectAll().orderBy('position').orderBy('id').limit(500).execute();
};

export const componentById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('status_components').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export const componentNamed = (db: Conn, organisationId: number, name: string) =>
  db.selectFrom('status_components').where('organisation_id', '=', organisationId).where('name', '=', name).select('id').executeTakeFirst();

export async function insertComponent(tx: Tx, row: Omit<Insertable<StatusComponentsTable>, 'position'>) {
  const last = await tx
    .selectFrom('status_components')
    .where('organisation_id', '=', row.organisation_id)
    .select((eb) => eb.fn.max('position').as('p'))
    .executeTakeFirst();
  const r = await tx
    .insertInto('status_components')
    .values({ ...row, position: Number(last?.p ?? 0) + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export const updateComponent = (tx: Tx, organisationId: number, id: number, set: Updateable<StatusComponentsTable>) =>
  tx.updateTable('status_components').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();

/** Components standing for these catalogue services: where a major incident on the desk shows. */
export const componentsOfServices = (db: Conn, organisationId: number, serviceIds: number[]) =>
  serviceIds.length
    ? db
        .selectFrom('status_components')
        .where('organisation_id', '=', organisationId)
        .where('service_id', 'in', serviceIds)
        .select(['id', 'name', 'name_cy', 'service_id', 'system_id', 'public'])
        .limit(500)
        .execute()
    : Promise.resolve([]);

// Incidents ---------------------------------------------------------------------------------------

/** Incidents open now or resolved since `from`, newest first. */
export const incidentsSince = (db: Conn, organisationId: number, from: string, publicOnly = false) => {
  let query = db
    .selectFrom('status_incidents')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', from)]));
  if (publicOnly) query = query.where('public', '=', 1);
  return query.selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(2000).execute();
};

export const incidentById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('status_incidents').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export const incidentOfMajor = (db: Conn, organisationId: number, majorIncidentId: number) =>
  db
    .selectFrom('status_incidents')
    .where('organisation_id', '=', organisationId)
    .where('major_incident_id', '=', majorIncidentId)
    .selectAll()
    .executeTakeFirst();

export async function insertIncident(tx: Tx, row: Insertable<StatusIncidentsTable>, componentIds: number[]) {
  const r = await tx.insertInto('status_incidents').values(row).returning('id').executeTakeFirstOrThrow();
  const id = Number(r.id);
  await setIncidentComponents(tx, row.organisation_id, id, componentIds);
  return id;
}

export async function setIncidentComponents(tx: Tx, organisationId: number, incidentId: number, componentIds: number[]) {
  await tx.deleteFrom('status_incident_components').where('incident_id', '=', incidentId).execute();
  if (componentIds.length)
    await insertMany(
      tx,
      'status_incident_components',
      componentIds.map((c) => ({ organisation_id: organisationId, incident_id: incidentId, component_id: c })),
    );
}

export const updateIncident = (tx: Tx, organisationId: number, id: number, set: Updateable<StatusIncidentsTable>) =>
  tx.updateTable('status_incidents').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();

export const componentsOfIncidents = (db: Conn, organisationId: number, incidentIds: number[]) =>
  incidentIds.length
    ? db
        .selectFrom('status_incident_components')
        .where('organisation_id', '=', organisationId)
        .where('incident_id', 'in', incidentIds)
        .select(['incident_id', 'component_id'])
        .limit(20000)
        .execute()
    : Promise.resolve([]);

export const updatesOf = (db: Conn, organisationId: number, incidentIds: number[]) =>
  incidentIds.length
    ? db
        .selectFrom('status_updates')
        .where('organisation_id', '=', organisationId)
        .where('incident_id', 'in', incidentIds)
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(20000)
        .execute()
    : Promise.resolve([]);

export const insertUpdate = (
  tx: Tx,
  row: {
    organisation_id: number;
    incident_id: number;
    state: string;
    body: string;
    body_cy: string;
    internal_note: string;
    at: string;
    by_person: number | null;
  },
) =>
  tx
    .insertInto('status_updates')
    .values(row as never)
    .execute();

// Maintenance -------------------------------------------------------------------------------------

/** Maintenance not cancelled whose window ends after `from`, soonest first. */
export const maintenanceFrom = (db: Conn, organisationId: number, from: string, publicOnly = false) => {
  let query = db.selectFrom('status_maintenance').where('organisation_id', '=', organisationId).where('ends_at', '>', from).where('cancelled_at', 'is', null);
  if (publicOnly) query = query.where('public', '=', 1);
  return query.selectAll().orderBy('starts_at').limit(500).execute();
};

export const maintenanceById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('status_maintenance').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function insertMaintenance(tx: Tx, row: Insertable<StatusMaintenanceTable>, componentIds: number[]) {
  const r = await tx.insertInto('status_maintenance').values(row).returning('id').executeTakeFirstOrThrow();
  const id = Number(r.id);
  if (componentIds.length)
    await insertMany(
      tx,
      'status_maintenance_components',
      componentIds.map((c) => ({ organisation_id: row.organisation_id, maintenance_id: id, component_id: c })),
    );
  return id;
}

export const cancelMaintenance = (tx: Tx, organisationId: number, id: number, at: string) =>
  tx.updateTable('status_maintenance').set({ cancelled_at: at }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();

export const componentsOfMaintenance = (db: Conn, organisationId: number, ids: number[]) =>
  ids.length
    ? db
        .selectFrom('status_maintenance_components')
        .where('organisation_id', '=', organisationId)
        .where('maintenance_id', 'in', ids)
        .select(['maintenance_id', 'component_id'])
        .limit(20000)
        .execute()
    : Promise.resolve([]);

// Subscribers -------------------------------------------------------------------------------------

export const pendingSubscriber = (db: Conn, organisationId: number, email: string) =>
  db
    .selectFrom('status_subscribers')
    .where('organisation_id', '=', organisationId)
    .where('email', '=', email)
    .where('unsubscribed_at', 'is', null)
    .select(['id', 'confirmed_at', 'created_at'])
    .orderBy('id', 'desc')
    .executeTakeFirst();

export async function insertSubscriber(
  tx: Tx,
  row: {
    organisation_id: number;
    email: string;
    lang: 'en' | 'cy';
    all_components: number;
    confirm_hash: string;
    unsubscribe_token: string;
    created_at: string;
  },
  componentIds: number[],
) {
  const r = await tx.insertInto('status_subscribers').values(row).returning('id').executeTakeFirstOrThrow();
  const id = Number(r.id);
  if (componentIds.length)
    await insertMany(
      tx,
      'status_subscriber_components',
      componentIds.map((c) => ({ organisation_id: row.organisation_id, subscriber_id: id, component_id: c })),
    );
  return id;
}

export const subscriberByConfirmHash = (db: Conn, organisationId: number, hash: string) =>
  db
    .selectFrom('status_subscribers')
    .where('organisation_id', '=', organisationId)
    .where('confirm_hash', '=', hash)
    .where('unsubscribed_at', 'is', null)
    .select(['id', 'email'])
    .executeTakeFirst();

export const subscriberByUnsubscribeToken = (db: Conn, organisationId: number, token: string) =>
  db
    .selectFrom('status_subscribers')
    .where('organisation_id', '=', organisationId)
    .where('unsubscribe_token', '=', token)
    .where('unsubscribed_at', 'is', null)
    .select(['id', 'email'])
    .executeTakeFirst();

export const confirmSubscriber = (tx: Tx, id: number, at: string) =>
  tx.updateTable('status_subscribers').set({ confirmed_at: at, confirm_hash: null }).where('id', '=', id).execute();

/** An address that has unsubscribed keeps no token: the link works once. */
export const unsubscribe = (tx: Tx, id: number, at: string) =>
  tx.updateTable('status_subscribers').set({ unsubscribed_at: at, unsubscribe_token: null, confirm_hash: null }).where('id', '=', id).execute();

/** Confirmed subscribers who hear about any of these components (or about every component). */
export const audienceOf = (db: Conn, organisationId: number, componentIds: number[]) =>
  db
    .selectFrom('status_subscribers as s')
    .where('s.organisation_id', '=', organisationId)
    .where('s.confirmed_at', 'is not', null)
    .where('s.unsubscribed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('s.all_components', '=', 1),
        ...(componentIds.length
          ? [
              eb.exists(
                eb
                  .selectFrom('status_subscriber_components as c')
                  .whereRef('c.subscriber_id', '=', 's.id')
                  .where('c.component_id', 'in', componentIds)
                  .select('c.component_id'),
              ),
            ]
          : []),
      ]),
    )
    .select(['s.id', 's.email', 's.lang', 's.unsubscribe_token'])
    .orderBy('s.id')
    .limit(200000)
    .execute();

export const subscriberCounts = (db: Conn, organisationId: number) =>
  db
    .selectFrom('status_subscribers')
    .where('organisation_id', '=', organisationId)
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn.count<number>('confirmed_at').as('confirmed'),
      eb.fn.count<number>('unsubscribed_at').as('unsubscribed'),
    ])
    .executeTakeFirstOrThrow();

// Posts -------------------------------------------------------------------------------------------

export const postsOf = (db: Conn, organisationId: number, limit = 200) =>
  db.selectFrom('posts').where('organisation_id', '=', organisationId).selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();

/** Posts published by `now`, newest first; public ones only when asked. */
export const publishedPosts = (db: Conn, organisationId: number, now: string, options: { publicOnly?: boolean; limit?: number } = {}) => {
  let query = db.selectFrom('posts').where('organisation_id', '=', organisationId).where('publish_at', 'is not', null).where('publish_at', '<=', now);
  if (options.publicOnly) query = query.where('public', '=', 1);
  return query
    .selectAll()
    .orderBy('publish_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 50)
    .execute();
};

export const postById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('posts').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export const insertPost = async (tx: Tx, row: Insertable<PostsTable>) =>
  Number((await tx.insertInto('posts').values(row).returning('id').executeTakeFirstOrThrow()).id);

export const updatePost = (tx: Tx, organisationId: number, id: number, set: Updateable<PostsTable>) =>
  tx.updateTable('posts').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();

// Progress ----------------------------------------------------------------------------------------

export const progressItemsOf = (db: Conn, organisationId: number) =>
  db.selectFrom('progress_items').where('organisation_id', '=', organisationId).selectAll().orderBy('added_at').limit(2000).execute();

export async function publishItem(
  tx: Tx,
  row: { organisation_id: number; kind: string; record_id: number; title_cy: string; summary_cy: string; added_at: string },
) {
  await tx
    .insertInto('progress_items')
    .values(row)
    .onConflict((oc) => oc.columns(['organisation_id', 'kind', 'record_id']).doUpdateSet({ title_cy: row.title_cy, summary_cy: row.summary_cy }))
    .execute();
}

export const withdrawItem = (tx: Tx, organisationId: number, kind: string, recordId: number) =>
  tx.deleteFrom('progress_items').where('organisation_id', '=', organisationId).where('kind', '=', kind).where('record_id', '=', recordId).execute();

export const saveLogo = (tx: Tx, organisationId: number, logo: Buffer, type: string, at: string) =>
  tx.updateTable('public_pages').set({ logo, logo_type: type, updated_at: at }).where('organisation_id', '=', organisationId).execute();

/** Which of these components the public page shows: only news about those reaches subscribers. */
export const publicComponentIds = async (db: Conn, organisationId: number, ids: number[]) =>
  ids.length
    ? (
        await db
          .selectFrom('status_components')
          .where('organisation_id', '=', organisationId)
          .where('id', 'in', ids)
          .where('public', '=', 1)
          .select('id')
          .limit(500)
          .execute()
      ).map((r) => Number(r.id))
    : [];
