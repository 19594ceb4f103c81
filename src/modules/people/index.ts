import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { people } from './abilities.js';
import { peopleMigrations } from './migrations.js';
import { peopleRoutes } from './routes.js';
import { skillsRoutes } from './skills-routes.js';
import { frameworkRoutes } from './framework/routes.js';
import { managingRoutes } from './managing/routes.js';
import { peopleApi } from './api.js';
import { capabilityRolesImport, capabilitySkillsImport } from './framework/import.js';
import { systemSupportersPanel } from './panel.js';
import { staffImport } from './import.js';
import { loadPeopleDemo } from './demo.js';
import { sendCertificationReminders } from './reminders.js';
import { peopleMeasures } from './measures.js';

export { people as peopleAbilities } from './abilities.js';
export { departmentFigures } from './service.js';

/**
 * People and skills: the IT department's people, vacancies and teams around layers and functions,
 * the capability framework the council imports, and the skills matrix against it.
 */
export const peopleModule: StewardModule = {
  measures: peopleMeasures,
  name: 'people',
  migrations: peopleMigrations,
  routes: async (app: FastifyInstance) => {
    await peopleRoutes(app);
    await skillsRoutes(app);
    await frameworkRoutes(app);
    await managingRoutes(app);
    await peopleApi(app);
  },
  imports: [staffImport, capabilityRolesImport, capabilitySkillsImport],
  panels: { system: systemSupportersPanel },
  demo: loadPeopleDemo,
  jobs: [{ name: 'certification-reminders', everyMs: 3600_000, run: async (db, now) => void (await sendCertificationReminders(db, now)) }],
  navigation: [{ text: 'People and skills', href: '/people', access: people.read, order: 16 }],
  areas: [
    {
      slug: 'people',
      name: 'People and skills',
      summary: 'The department’s people, vacancies and teams, the organisation chart, roles from the capability framework and the skills matrix.',
      href: '/people',
      access: people.read,
      order: 16,
    },
  ],
};
