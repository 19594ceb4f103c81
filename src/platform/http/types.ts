import type { PanelSources } from '../module.js';
import type { Kysely } from 'kysely';
import type { Access } from '../access/roles.js';
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
  /** Every route and who may use it, as registered; the access test walks this list. */
  routes: { method: string; url: string; access: Access }[];
  /** The panels modules offer for pages they do not own. */
  panels: PanelSources[];
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
  }
}
