import { abilitiesOf, ability } from '../../platform/index.js';

/** Who may see and work problems and known errors: the service desk's people, as for tickets. */
export const problems = abilitiesOf('Service desk', {
  read: ability('problems.read', {
    description: 'Read problems, known errors, their incidents and the problems Steward proposes',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  work: ability('problems.work', {
    description: 'Raise and work problems: root cause, workaround and fix, status, linked incidents; raise or dismiss proposed problems',
    roles: ['agent', 'manager', 'admin'],
  }),
});
