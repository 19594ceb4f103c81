import { abilitiesOf, ability } from '../../platform/index.js';

export const kpis = abilitiesOf('Strategy and governance', {
  read: ability('kpis.read', {
    description: 'Read the KPIs, their targets and their trends (each computed figure only where you may read what it is worked out from)',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  edit: ability('kpis.edit', {
    description: 'Choose the KPIs and their targets, and enter the figures Steward cannot work out, with their source',
    roles: ['manager', 'admin'],
  }),
});
