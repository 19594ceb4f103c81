import { z } from 'zod';
import { organisationRows, ref } from '../../platform/index.js';

export const strategyRecords = {
  priority: organisationRows('priorities', { noun: 'priority', message: 'Choose one of the council’s priorities' }),
  objective: organisationRows('strategy_objectives', { noun: 'objective', message: 'Choose one of the strategy’s objectives' }),
  measure: organisationRows('strategy_measures', { noun: 'measure', message: 'There is no such measure' }),
  project: organisationRows('projects', { noun: 'project', message: 'Choose one of the roadmap’s programmes or projects' }),
  milestone: organisationRows('project_milestones', { noun: 'milestone', message: 'There is no such milestone' }),
};
export const priorityParams = z.object({ id: ref(strategyRecords.priority, 'There is no such priority') });
export const objectiveParams = z.object({ id: ref(strategyRecords.objective, 'There is no such objective') });
export const projectParams = z.object({ id: ref(strategyRecords.project, 'There is no such project') });
export const milestoneParams = z.object({ id: ref(strategyRecords.project, 'There is no such project'), milestone: ref(strategyRecords.milestone) });
