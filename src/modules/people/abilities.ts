import { abilitiesOf, ability } from '../../platform/index.js';

/** Who may see and keep the IT department's people, roles and skills. */
export const people = abilitiesOf('People and skills', {
  read: ability('people.read', {
    description: 'See the IT department’s people, teams, vacancies, the organisation chart, the capability framework and the skills matrix',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  manage: ability('people.manage', {
    description: 'Record the department’s people, vacancies and teams, map job titles to framework roles, and agree skill levels',
    roles: ['manager', 'admin'],
  }),
  assessOwn: ability<{ personId: number | null }>('people.assess-own', {
    description: 'Say what level you are at in each skill your role needs',
    roles: ['requester', 'agent', 'manager', 'admin'],
    when: (identity, staff) => staff.personId === identity.person.id,
  }),
  agreeLevels: ability<{ managerPersonIds: number[] }>('people.agree-levels', {
    description: 'Agree the skill levels of the people you line manage (managers and admins agree anyone’s)',
    roles: ['agent', 'manager', 'admin'],
    when: (identity, staff) => staff.managerPersonIds.includes(identity.person.id),
  }),
  framework: ability('people.framework', {
    description: 'Import the capability framework’s roles and skills files',
    roles: ['manager', 'admin'],
  }),
});
