import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { boards } from './abilities.js';
import { boardMigrations } from './migrations.js';
import { boardRoutes } from './routes.js';
import { boardsApi } from './api.js';
import { loadBoardsDemo } from './demo.js';
import { sendActionReminders } from './reminders.js';
import { decisionProgress } from './progress.js';

export { boards as boardAbilities } from './abilities.js';

/**
 * Boards: the digital board and the others that govern the council's technology, with their terms
 * of reference and members (most of whom never sign in), meetings with agendas, papers, attendance
 * and minutes, the decision log, and the actions they give, with reminders.
 */
export const boardsModule: StewardModule = {
  progressSources: [decisionProgress],
  name: 'boards',
  migrations: boardMigrations,
  routes: async (app: FastifyInstance) => {
    await boardRoutes(app);
    await boardsApi(app);
  },
  demo: loadBoardsDemo,
  jobs: [{ name: 'board-action-reminders', everyMs: 3600_000, run: async (db, now) => void (await sendActionReminders(db, now)) }],
  areas: [
    {
      slug: 'boards',
      name: 'Boards and decisions',
      summary: 'The digital board and the others: their members, meetings, papers and minutes, the decision log and the actions they gave.',
      href: '/boards',
      access: boards.read,
      order: 18,
    },
  ],
};
