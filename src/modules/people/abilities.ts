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
  /** Objectives and 1:1 notes: the person, their line manager and that manager's manager; nobody else, admins included. */
  privateRecords: ability<{ allowedPersonIds: number[] }>('people.private-records', {
    description:
      'Read and keep your own objectives and 1:1s, and those of the people you line manage (and their reports); private to those people, admins included',
    // Viewers hold it only so that they too are told there is no such page: nobody reports to a board member.
    roles: ['requester', 'agent', 'manager', 'admin', 'viewer'],
    when: (identity, record) => record.allowedPersonIds.includes(identity.person.id),
  }),
  keepPrivateRecords: ability<{ allowedPersonIds: number[] }>('people.keep-private-records', {
    description: 'Set objectives, review them and record 1:1s, for yourself and the people you line manage (and their reports)',
    roles: ['requester', 'agent', 'manager', 'admin'],
    when: (identity, record) => record.allowedPersonIds.includes(identity.person.id),
  }),
  framework: ability('people.framework', {
    description: 'Import the capability framework’s roles and skills files',
    roles: ['manager', 'admin'],
  }),
});
