import type { Generated } from 'kysely';

/** How the organisation's public pages look and where they live: `/status/{short_name}`, `/progress/{short_name}`. */
export interface PublicPagesTable {
  organisation_id: number;
  short_name: string;
  /** The council's own name as the public pages show it, in English and Welsh. */
  name: string;
  name_cy: string;
  about: string;
  about_cy: string;
  /** The council's colour, for the header bar: a hex colour dark enough for white text. */
  colour: string;
  logo: Buffer | null;
  logo_type: string | null;
  /** Whether the public pages are offered in Welsh as well. */
  welsh: number;
  updated_at: string;
}

export type ComponentStatus = 'operational' | 'degraded' | 'partial' | 'major' | 'maintenance';
export type IncidentState = 'investigating' | 'identified' | 'monitoring' | 'resolved';

/** A council service or system on the status page, in a group; only public ones reach the public page. */
export interface StatusComponentsTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  name_cy: string;
  description: string;
  description_cy: string;
  group_name: string;
  group_name_cy: string;
  /** The catalogue service it stands for: a major incident on it sets the component's status. */
  service_id: number | null;
  system_id: number | null;
  public: number;
  position: number;
  created_at: string;
  updated_at: string;
}

/** Something wrong that people are told about, by hand or from a major incident on the desk. */
export interface StatusIncidentsTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  title_cy: string;
  /** What the affected components show while it is open. */
  impact: Exclude<ComponentStatus, 'operational' | 'maintenance'>;
  state: IncidentState;
  public: number;
  major_incident_id: number | null;
  started_at: string;
  resolved_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface StatusIncidentComponentsTable {
  organisation_id: number;
  incident_id: number;
  component_id: number;
}

/** One line of an incident's timeline; the internal note never leaves Steward. */
export interface StatusUpdatesTable {
  id: Generated<number>;
  organisation_id: number;
  incident_id: number;
  state: IncidentState;
  body: string;
  body_cy: string;
  internal_note: string;
  at: string;
  by_person: number | null;
}

export interface StatusMaintenanceTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  title_cy: string;
  body: string;
  body_cy: string;
  starts_at: string;
  ends_at: string;
  public: number;
  cancelled_at: string | null;
  created_by: number | null;
  created_at: string;
}

export interface StatusMaintenanceComponentsTable {
  organisation_id: number;
  maintenance_id: number;
  component_id: number;
}

/**
 * Someone who asked to hear about the status page by email. The confirm link's token is kept only
 * as a hash and works until used; the unsubscribe token (256 random bits) goes in every email and
 * works once.
 */
export interface StatusSubscribersTable {
  id: Generated<number>;
  organisation_id: number;
  email: string;
  lang: 'en' | 'cy';
  all_components: number;
  confirm_hash: string | null;
  unsubscribe_token: string | null;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  created_at: string;
}

export interface StatusSubscriberComponentsTable {
  organisation_id: number;
  subscriber_id: number;
  component_id: number;
}

export type PostAudience = 'all' | 'it' | 'area';

/** An announcement or blog post for staff; a draft until it has a publishing time. */
export interface PostsTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  title_cy: string;
  body: string;
  body_cy: string;
  audience: PostAudience;
  service_area_id: number | null;
  /** Also on the public progress page. */
  public: number;
  publish_at: string | null;
  author_id: number | null;
  created_at: string;
  updated_at: string;
}

/** A roadmap item, KPI or decision the council publishes, with its Welsh wording. */
export interface ProgressItemsTable {
  organisation_id: number;
  kind: string;
  record_id: number;
  title_cy: string;
  summary_cy: string;
  added_at: string;
}

export interface CommunicationsTables {
  public_pages: PublicPagesTable;
  status_components: StatusComponentsTable;
  status_incidents: StatusIncidentsTable;
  status_incident_components: StatusIncidentComponentsTable;
  status_updates: StatusUpdatesTable;
  status_maintenance: StatusMaintenanceTable;
  status_maintenance_components: StatusMaintenanceComponentsTable;
  status_subscribers: StatusSubscribersTable;
  status_subscriber_components: StatusSubscriberComponentsTable;
  posts: PostsTable;
  progress_items: ProgressItemsTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends CommunicationsTables {}
}
