import { abilitiesOf, ability } from '../../platform/index.js';

/** Who may do what on the service desk. The roles beside each ability are the one table. */
export const desk = abilitiesOf('Service desk', {
  useThePortal: ability('portal.use', {
    description: 'Raise incidents and requests for yourself, follow them, reply, confirm a fix and rate it',
    roles: ['requester', 'agent', 'manager', 'admin'],
  }),
  readTickets: ability('tickets.read', { description: 'Read every ticket, the queues and exports', roles: ['agent', 'manager', 'admin', 'viewer'] }),
  workTickets: ability('tickets.work', {
    description: 'Raise, assign, update and resolve tickets; bulk changes; attachments and watchers',
    roles: ['agent', 'manager', 'admin'],
  }),
  saveViews: ability('tickets.save-views', { description: 'Save and delete queue views of your own', roles: ['agent', 'manager', 'admin'] }),
  readDashboard: ability('service-desk.dashboard', { description: 'Read the manager dashboard and its exports', roles: ['manager', 'admin', 'viewer'] }),
  manageCatalogue: ability('catalogue.manage', { description: 'Change the service catalogue, request forms and categories', roles: ['manager', 'admin'] }),
  readCatalogue: ability('catalogue.read', { description: 'Read the service catalogue', roles: ['agent', 'manager', 'admin', 'viewer'] }),
  manageSla: ability('sla.manage', { description: 'Change SLA policies, calendars, bank holidays and the priority matrix', roles: ['manager', 'admin'] }),
  configureDesk: ability('service-desk.configure', {
    description: 'Change the priority matrix, SLA targets and bank holidays',
    roles: ['admin'],
  }),
  writeArticles: ability('knowledge.write', { description: 'Write and change knowledge articles', roles: ['agent', 'manager', 'admin'] }),
  rateArticles: ability('knowledge.feedback', { description: 'Say whether an article helped', roles: ['requester', 'agent', 'manager', 'admin'] }),
  runMajorIncidents: ability('major-incidents.run', { description: 'Declare and close major incidents', roles: ['agent', 'manager', 'admin'] }),
});
