import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { communications } from './abilities.js';
import { communicationsMigrations } from './migrations.js';
import { communicationRoutes } from './routes.js';
import { publicRoutes } from './public-routes.js';
import { communicationsApi } from './api.js';
import { followMajorIncidents } from './status.js';
import { communicationHomeCards, communicationPanels } from './panels.js';
import { loadCommunicationsDemo } from './demo.js';

export { communications as communicationAbilities } from './abilities.js';

/**
 * Telling people: announcements and a blog for staff, the status page inside the council and
 * outside it (with subscriptions, a feed and a summary other tools read), and the public page of
 * digital progress, in English and Welsh.
 */
export const communicationsModule: StewardModule = {
  name: 'communications',
  migrations: communicationsMigrations,
  routes: async (app: FastifyInstance) => {
    await communicationRoutes(app);
    await publicRoutes(app);
    await communicationsApi(app);
  },
  panels: communicationPanels,
  homeCards: communicationHomeCards,
  demo: loadCommunicationsDemo,
  jobs: [{ name: 'status-follows-major-incidents', everyMs: 30_000, run: async (db, now) => void (await followMajorIncidents(db, now)) }],
  navigation: [
    { text: 'Service status', href: '/communications/status', access: 'signed-in', order: 3 },
    // Areas come from 10, in the order a new Head of IT meets them.
    { text: 'Telling people', href: '/communications', access: communications.readPosts, order: 18 },
  ],
  areas: [
    {
      slug: 'communications',
      name: 'Telling people',
      summary:
        'Announcements and posts for staff, the status page inside and outside the council, and the public page of digital progress, in English and Welsh.',
      href: '/communications',
      access: communications.readPosts,
      order: 18,
    },
  ],
};
