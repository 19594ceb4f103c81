import type { Measure } from '../../../platform/index.js';
import { cyber } from '../abilities.js';
import { findingsSummary } from './summary.js';

export const vulnerabilityMeasures: Measure[] = [
  {
    key: 'cyber.overdue-vulnerabilities',
    name: 'Vulnerabilities past their fix-by date',
    description: 'Open vulnerability findings from the scanner reports whose fix-by date has passed, as things stand.',
    area: 'Cyber and risk',
    unit: 'count',
    direction: 'down',
    userOutcome: false,
    access: cyber.readVulnerabilities,
    history: false,
    monthly: async (db, organisationId, months) => {
      const { counts } = await findingsSummary(db, organisationId, new Date().toISOString().slice(0, 10));
      const overdue = Object.values(counts.overdue).reduce((n, v) => n + Number(v), 0);
      return months.map(() => overdue);
    },
  },
];
