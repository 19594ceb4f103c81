import { abilitiesOf, ability } from '../../platform/index.js';

/** Who may do what with frameworks and the self-assessments made against them. */
export const assessments = abilitiesOf('Assessments', {
  read: ability('assessments.read', {
    description: 'Read frameworks, assessments, their outcomes against the target profile and the improvement plan',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  answer: ability('assessments.answer', {
    description: 'Answer an assessment’s indicators, give evidence and override a status with a justification',
    roles: ['agent', 'manager', 'admin'],
  }),
  manage: ability('assessments.manage', {
    description: 'Import frameworks, start assessments and move them through review to approval',
    roles: ['manager', 'admin'],
  }),
});
