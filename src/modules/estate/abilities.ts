import { abilitiesOf, ability } from '../../platform/index.js';

/** Who may do what with the tech estate and its contracts. The roles beside each ability are the one table. */
export const estate = abilitiesOf('Tech estate and contracts', {
  read: ability('estate.read', {
    description: 'Read the systems register, dependencies, contracts, the map and insights',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  edit: ability('estate.edit', {
    description: 'Record systems, their relationships, data flows and business capabilities; import the register',
    roles: ['agent', 'manager', 'admin'],
  }),
  seeDecisions: ability('contracts.decisions', {
    description: 'See on the home page the contracts whose notice deadline is coming',
    roles: ['manager', 'admin', 'viewer'],
  }),
  editContracts: ability('contracts.edit', {
    description: 'Record suppliers and contracts, their alert lead times, and import them',
    roles: ['manager', 'admin'],
  }),
});
