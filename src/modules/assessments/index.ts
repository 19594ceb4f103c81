import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { profileRoutes } from './profile-routes.js';
import { assessmentMigrations } from './migrations.js';
import { assessmentRoutes } from './routes.js';
import { assessmentApi } from './api.js';

export { assessments as assessmentAbilities } from './abilities.js';
export {
  assessmentStates,
  improvementPlan,
  addAction,
  setActionStatus,
  importFramework,
  startAssessment,
  answerOutcome,
  moveAssessment,
  assessmentView,
  assessmentsOf,
  loadFramework,
  frameworksOf,
} from './service.js';
export { readFrameworkFile } from './frameworks/read.js';
export { addEvidence } from './evidence.js';
export { addProfile, setProfileTargets } from './profiles.js';
export { frameworkFile } from './frameworks/write.js';
export { cafRule, cafScale, emptyNode, type FrameworkTree, type FrameworkNode } from './frameworks/tree.js';

/** Frameworks and self-assessments against them: the engine the CAF, Cyber Essentials and maturity models run on. */
export const assessmentsModule: StewardModule = {
  name: 'assessments',
  migrations: assessmentMigrations,
  routes: async (app: FastifyInstance) => {
    await assessmentRoutes(app);
    await profileRoutes(app);
    await assessmentApi(app);
  },
};
