import { abilitiesOf, ability } from '../../platform/index.js';

/** Who may see and keep the strategy, the roadmap and the portfolio. */
export const strategy = abilitiesOf('Strategy and governance', {
  read: ability('strategy.read', {
    description: 'Read the council’s priorities, the digital strategy and its objectives, and the roadmap of programmes and projects',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  edit: ability('strategy.edit', {
    description: 'Keep the priorities, the digital vision and objectives, and the roadmap’s programmes, projects, milestones and status',
    roles: ['manager', 'admin'],
  }),
});
