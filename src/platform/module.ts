import type { Dict } from './dict.js';
import type { Identity } from './auth/identity.js';
import type { ImportKind } from './imports/contract.js';
import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { Access } from './access/roles.js';
import type { Actor, Db } from './audit/audit.js';
import type { LinkableRecord } from './records.js';
import type { Measure } from './measures.js';
import type { PackSection } from './pack.js';
import type { ProgressSource } from './progress.js';
import type { PlannedWorkSource } from './planned-work.js';

export interface NavigationItem {
  text: string;
  href: string;
  access: Access;
  /** Dropped when another module offers the same address. */
  placeholder?: boolean;
  /** Where it comes in the navigation (lower first); items without one keep their module's order after those with one. */
  order?: number;
}

/** What the demo loader hands each module: where to write, as whom, with which demo people. */
export interface DemoContext {
  db: Db;
  organisationId: number;
  actor: Actor;
  people: Dict<number>;
  passwordCost: number;
  /** How many demo tickets to raise (a smaller number keeps tests quick). */
  demoTickets?: number;
}

/**
 * A capability of Steward. A module brings its own routes, migrations, navigation and demo data;
 * `src/modules/index.ts` lists them and `src/app.ts` registers them.
 */
export interface ModuleJob {
  name: string;
  everyMs: number;
  run: (db: Db, now: Date) => Promise<void>;
}

/** What a ticket page tells other modules about its ticket, so they can add what they know. */
export interface TicketSubject {
  organisationId: number;
  kind: 'incident' | 'request';
  serviceId: number | null;
  open: boolean;
  /** The ticket itself, for a panel about what it is linked to (the problem behind an incident). */
  ticketId?: number;
}

/** A box one module adds to another module's page; the template reads its values from `panel.context`. */
export interface Panel {
  title: string;
  template: string;
  context: Record<string, unknown>;
}

/** What a system's page tells other modules about its system; a panel shows only what the person may see. */
export interface SystemSubject {
  organisationId: number;
  systemId: number;
  identity: Identity;
}

/** Who is looking at the staff portal. */
export interface PortalSubject {
  identity: Identity;
}

export interface PanelSources {
  portal?: (db: Db, dialect: 'sqlite' | 'postgres', subject: PortalSubject) => Promise<Panel | null>;
  ticket?: (db: Db, dialect: 'sqlite' | 'postgres', subject: TicketSubject) => Promise<Panel | null>;
  system?: (db: Db, dialect: 'sqlite' | 'postgres', subject: SystemSubject) => Promise<Panel | null>;
}

/** A card on the home page for one capability area, and the area's place in the navigation. */
export interface AreaCard {
  slug: string;
  name: string;
  summary: string;
  href: string;
  access: Access;
  /** Where it comes among the areas, in the order a new Head of IT meets them. */
  order: number;
  /** An area still waiting for its module: dropped as soon as a module offers the same slug. */
  placeholder?: boolean;
}

/** A box on the home page that a module fills with what needs the person's attention. */
export interface HomeCard {
  name: string;
  template: string;
  /** What the template shows, or null when there is nothing for this person now. */
  load: (db: Db, identity: Identity) => Promise<Record<string, unknown> | null>;
}

/** A mail the receiver accepted for an organisation, as it arrived. */
export interface ReceivedMail {
  organisationId: number;
  recipient: string;
  envelopeFrom: string;
  raw: Buffer;
  /** The installation's own From address: mail from it is Steward's own, come back. */
  ownAddress: string;
}

/** What turns mail sent to an organisation's address into records (the service desk's tickets). */
export interface MailInHandler {
  /** The organisation an address belongs to, or null: the receiver refuses mail for it. */
  organisationFor(db: Db, address: string): Promise<number | null>;
  /** Keeps the mail; once this returns, it is committed and the sender may be told it arrived. */
  deliver(db: Db, mail: ReceivedMail): Promise<void>;
  /** Reads mail kept but not read (an instance stopped between the two); any instance may run it. */
  readWaiting(db: Db, ownAddress: string): Promise<number>;
}

export interface StewardModule {
  /** The capability areas the module fills, as cards on the home page. */
  areas?: AreaCard[];
  /** What the module shows on the home page. */
  homeCards?: HomeCard[];
  /** The kinds of record people can import from a spreadsheet (src/platform/imports/contract.ts). */
  imports?: ImportKind[];
  /**
   * Boxes for other modules' pages. The owning page asks the platform for them, so neither module
   * imports the other.
   */
  panels?: PanelSources;
  /** Kinds of record other modules may link to (src/platform/records.ts). */
  records?: LinkableRecord[];
  /** Figures worked out from the module's data, for KPIs (src/platform/measures.ts). */
  measures?: Measure[];
  /** Parts of a board pack written from the module's data (src/platform/pack.ts). */
  packSections?: PackSection[];
  /** Kinds of record the council may publish on its public progress page (src/platform/progress.ts). */
  progressSources?: ProgressSource[];
  /** Planned work the status page shows as maintenance (src/platform/planned-work.ts). */
  plannedWork?: PlannedWorkSource[];
  /** Mail to the organisation's own address, through the SMTP receiver (src/platform/mail/receiver.ts). */
  mailIn?: MailInHandler;
  /** Scheduled work, run once per slot across all instances. */
  jobs?: ModuleJob[];
  name: string;
  routes?: (app: FastifyInstance) => Promise<void>;
  migrations?: Record<string, Migration>;
  navigation?: NavigationItem[];
  demo?: (ctx: DemoContext) => Promise<void>;
}
