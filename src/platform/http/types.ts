import type { AreaCard, HomeCard, PanelSources } from '../module.js';
import type { ImportKind } from '../imports/contract.js';
import type { LinkableRecord } from '../records.js';
import type { Kysely } from 'kysely';
import type { ZodType } from 'zod';
import type { Access } from '../access/roles.js';
import type { RouteContract } from './access.js';
import type { Identity } from '../auth/identity.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Schema } from '../../db/schema.js';
import type { AuthSettings } from '../auth/service.js';

/** What every route handler can reach through `app.steward`. */
export interface Services {
  config: Config;
  database: Database;
  db: Kysely<Schema>;
  auth: AuthSettings;
  /** Every route, who may use it and what it takes, as registered; the route walk and the hostile-input corpus read this list. */
  routes: RouteContract[];
  /** The panels modules offer for pages they do not own. */
  panels: PanelSources[];
  /** The kinds of record modules let others link to. */
  records: LinkableRecord[];
  /** The capability areas modules fill, in order, placeholders for the rest. */
  areas: AreaCard[];
  /** What modules show on the home page. */
  homeCards: HomeCard[];
  /** The kinds of import modules offer, by name. */
  imports: Map<string, ImportKind>;
}

declare module 'fastify' {
  interface FastifyInstance {
    steward: Services;
  }
  interface FastifyRequest {
    identity: Identity | null;
  }
  interface FastifyReply {
    /** Renders a page inside the Steward layout, with the identity, navigation and CSRF token. */
    render(template: string, context?: Record<string, unknown>): Promise<FastifyReply>;
    /** A one-off success message shown on the next page. */
    flash(message: string): FastifyReply;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** A page's form: the zod schema submitForm parses the body with. */
    form?: ZodType;
    /** A page's query string: the zod schema pageQuery parses it with. */
    query?: ZodType;
    /** The form is multipart (a file upload). */
    multipart?: boolean;
  }
}
