import { abilitiesOf, ability } from '../../platform/index.js';

export const budget = abilitiesOf('Strategy and governance', {
  read: ability('budget.read', {
    description: 'Read the IT budget against actuals, the forecast outturn, savings, and the cost of each council service',
    roles: ['manager', 'admin', 'viewer'],
  }),
  manage: ability('budget.manage', {
    description: 'Keep the budget lines, import actuals from the finance system, close a financial year, and choose how shared costs are split',
    roles: ['manager', 'admin'],
  }),
});
