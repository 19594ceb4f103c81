import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { cyber } from './abilities.js';
import { cyberRoutes } from './routes.js';
import { loadCyberDemo } from './demo.js';
import { cyberMigrations } from './migrations.js';
import { cyberApi } from './api.js';
import { riskRoutes } from './risks/routes.js';
import { sendReviewReminders } from './risks/service.js';
import { vulnerabilityRoutes } from './vulnerabilities/routes.js';
import { vulnerabilityApi } from './vulnerabilities/api.js';
import { vulnerabilitiesImport } from './vulnerabilities/import.js';
import { endExpiredAcceptances } from './vulnerabilities/service.js';
import { systemFindingsPanel } from './vulnerabilities/panel.js';
import { riskLinkable } from './risks/records.js';
import { vulnerabilityMeasures } from './vulnerabilities/measures.js';
import { cafMeasure } from './caf-measure.js';
import { cyberPackSection, risksPackSection } from './pack.js';

/** Cyber assurance and risk: the CAF cycle on the assessment engine. */
/** Risks as other modules name them (a board's decision in the demo). */
export { riskLinkable } from './risks/records.js';

export const cyberModule: StewardModule = {
  packSections: [risksPackSection, cyberPackSection],
  measures: [...vulnerabilityMeasures, cafMeasure],
  name: 'cyber',
  migrations: cyberMigrations,
  routes: async (app: FastifyInstance) => {
    await cyberRoutes(app);
    await riskRoutes(app);
    await vulnerabilityRoutes(app);
    await cyberApi(app);
    await vulnerabilityApi(app);
  },
  imports: [vulnerabilitiesImport],
  panels: { system: systemFindingsPanel },
  records: [riskLinkable],
  jobs: [
    { name: 'acceptances-ending', everyMs: 3600_000, run: endExpiredAcceptances },
    { name: 'risk-review-reminders', everyMs: 3600_000, run: async (db, now) => void (await sendReviewReminders(db, now)) },
  ],
  demo: loadCyberDemo,
  navigation: [{ text: 'Cyber and risk', href: '/cyber', access: cyber.read, order: 14 }],
  areas: [
    {
      slug: 'cyber',
      name: 'Cyber and risk',
      summary:
        'Self-assessment against the NCSC Cyber Assessment Framework, the risk register, vulnerabilities from scanner reports and cyber awareness training.',
      href: '/cyber',
      access: cyber.read,
      order: 14,
    },
  ],
};
