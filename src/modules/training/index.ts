import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { trainingMigrations } from './migrations.js';
import { trainingRoutes } from './routes.js';
import { trainingApi } from './api.js';
import { trainingImport } from './import.js';
import { loadTrainingDemo } from './demo.js';
import { trainingMeasures } from './measures.js';

export { trainingCoverage } from './service.js';
export { training as trainingAbilities } from './abilities.js';
export { percent, trainingKinds, trainingKindKeys, type TrainingKind } from './rules.js';
export { recordDevelopmentTraining } from './service.js';

/**
 * The training records register: completions from the council's learning system, the courses
 * everyone must keep in date, and phishing exercises. Cyber awareness is its first use; people
 * and skills adds development records to the same register.
 */
export const trainingModule: StewardModule = {
  measures: trainingMeasures,
  name: 'training',
  migrations: trainingMigrations,
  routes: async (app: FastifyInstance) => {
    await trainingRoutes(app);
    await trainingApi(app);
  },
  imports: [trainingImport],
  demo: loadTrainingDemo,
};
