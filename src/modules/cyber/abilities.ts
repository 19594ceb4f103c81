import { abilitiesOf, ability } from '../../platform/index.js';

/** Who may see the cyber and risk area. */
export const cyber = abilitiesOf('Cyber and risk', {
  read: ability('cyber.read', {
    description: 'Read the cyber page: CAF outcomes against the target profile, this year and last',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
});
