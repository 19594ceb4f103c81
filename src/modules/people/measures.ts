import type { Measure } from '../../platform/index.js';
import { people } from './abilities.js';
import { postsFilled } from './queries.js';

export const peopleMeasures: Measure[] = [
  {
    key: 'people.vacancy-rate',
    name: 'Posts in the IT department that are vacant',
    description: 'Open vacancies as a share of all posts (people in post and vacancies), as things stand.',
    area: 'People and skills',
    unit: '%',
    direction: 'down',
    userOutcome: false,
    access: people.read,
    history: false,
    monthly: async (db, organisationId, months) => {
      const { inPost, vacant } = await postsFilled(db, organisationId);
      return months.map(() => (inPost + vacant ? Math.round((vacant / (inPost + vacant)) * 1000) / 10 : null));
    },
  },
];
