import { abilitiesOf, ability } from '../../platform/index.js';

/** Who may see and keep the training records. */
export const training = abilitiesOf('Training records', {
  read: ability('training.read', {
    description: 'Read training coverage by directorate, who is overdue, and phishing exercise results',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  manage: ability('training.manage', {
    description: 'Import completions from the learning system, set the required courses, and record phishing exercises',
    roles: ['manager', 'admin'],
  }),
});
