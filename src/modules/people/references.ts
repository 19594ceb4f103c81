import { z } from 'zod';
import { organisationRows, ref, type ReferenceKind } from '../../platform/index.js';
import { staffIdOfPerson } from './queries.js';

const staffRows = organisationRows('staff', { noun: 'member of staff', message: 'Choose one of the department’s people' });
/** A member of the department; an example of one (for the hostile-input corpus) is the person's own record, the one their private pages are open to. */
const staff: ReferenceKind<number> = {
  ...staffRows,
  sample: async (db, scope) => (await staffIdOfPerson(db, scope.organisationId, scope.personId)) ?? staffRows.sample(db, scope),
};

export const peopleRecords = {
  staff,
  vacancy: organisationRows('vacancies', { noun: 'vacancy', message: 'There is no such vacancy' }),
  roleLevel: organisationRows('capability_role_levels', { noun: 'role level', message: 'Choose one of the framework’s role levels' }),
  role: organisationRows('capability_roles', { noun: 'role', message: 'There is no such role' }),
  skill: organisationRows('capability_skills', { noun: 'skill', message: 'Choose one of the framework’s skills' }),
  objective: organisationRows('objectives', { noun: 'objective', message: 'There is no such objective' }),
  oneToOne: organisationRows('one_to_ones', { noun: '1:1', message: 'There is no such 1:1' }),
  action: organisationRows('one_to_one_actions', { noun: 'action', message: 'There is no such action' }),
  developmentItem: organisationRows('development_items', { noun: 'development item', message: 'There is no such development item' }),
  jobTitle: organisationRows('job_title_levels', { noun: 'job title', message: 'There is no such job title' }),
};
export const staffParams = z.object({ id: ref(peopleRecords.staff, 'There is no such person in the department') });
export const vacancyParams = z.object({ id: ref(peopleRecords.vacancy) });
export const roleParams = z.object({ id: ref(peopleRecords.role) });
export const objectiveParams = z.object({ id: ref(peopleRecords.objective) });
export const oneToOneParams = z.object({ id: ref(peopleRecords.oneToOne) });
export const actionParams = z.object({ id: ref(peopleRecords.action) });
export const developmentParams = z.object({ id: ref(peopleRecords.developmentItem) });
