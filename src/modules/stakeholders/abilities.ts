import { abilitiesOf, ability } from '../../platform/index.js';

/** Who may read and keep the stakeholder register, the engagement log and the communications plan. */
export const stakeholders = abilitiesOf('Telling people', {
  read: ability('stakeholders.read', {
    description: 'Read the stakeholder register, the engagement log and its follow-ups, and the communications plan with what was sent',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  manage: ability('stakeholders.manage', {
    description:
      'Keep the stakeholder register, record engagements, follow-ups and replies to feedback, and keep the communications plan, what was sent and the feedback it got',
    roles: ['manager', 'admin'],
  }),
});
