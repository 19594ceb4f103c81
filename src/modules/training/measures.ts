import type { Measure } from '../../platform/index.js';
import { training } from './abilities.js';
import { trainingCoverage } from './service.js';

export const trainingMeasures: Measure[] = [
  {
    key: 'training.coverage',
    name: 'Staff in date with all their required training',
    description: 'The share of staff with an in-date completion of every required course (cyber awareness, data protection), as things stand.',
    area: 'Cyber awareness training',
    unit: '%',
    direction: 'up',
    userOutcome: false,
    access: training.read,
    history: false,
    monthly: async (db, organisationId, months) => {
      const { total } = await trainingCoverage(db, organisationId);
      return months.map(() => (total.people ? Math.round((total.allInDate / total.people) * 1000) / 10 : null));
    },
  },
];
