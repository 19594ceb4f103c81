import { readers, type Access } from '../../platform/index.js';

/** The capability areas of Steward, in the order a new Head of IT meets them. */
export interface Area {
  slug: string;
  name: string;
  summary: string;
  /** What the area will hold, shown while it is still empty. */
  holds: string[];
  access: Access;
  /** Set when a module serves the area's pages; otherwise the area shows what it will hold. */
  module?: string;
}

export const areas: Area[] = [
  {
    slug: 'set-up',
    name: 'Set up',
    summary: 'A guided journey for a new Head of IT, each step done when the data says so.',
    holds: [
      'vision and where you want to be',
      'mapping the estate',
      'cyber resilience',
      'people, stakeholders and governance',
      'budget and team organisation',
      'communication',
    ],
    access: readers,
  },
  {
    slug: 'service-desk',
    name: 'Service desk',
    summary: 'Incidents, requests, problems and changes, with SLAs on a working calendar.',
    holds: [
      'incidents and service requests',
      'the service catalogue',
      'SLAs and working calendars',
      'the staff portal and knowledge base',
      'major incidents',
      'satisfaction',
    ],
    access: readers,
    module: 'service-desk',
  },
  {
    slug: 'estate',
    name: 'Tech estate',
    summary: 'Every system and its place: layer, area, hosting, lifecycle, owners, cost and dependencies.',
    holds: ['the systems register', 'dependencies and data flows', 'impact analysis', 'import from your spreadsheet'],
    access: readers,
    module: 'estate',
  },
  {
    slug: 'suppliers',
    name: 'Suppliers and contracts',
    summary: 'Contracts with notice deadlines and renewal alerts, budget against actuals.',
    holds: ['suppliers', 'contracts and notice deadlines', 'budget and actuals', 'cost per service'],
    access: readers,
  },
  {
    slug: 'cyber',
    name: 'Cyber and risk',
    summary: 'The NCSC Cyber Assessment Framework, risks, vulnerabilities and training coverage.',
    holds: ['CAF self-assessment and target profile', 'the risk register', 'vulnerabilities and deadlines', 'cyber awareness training'],
    access: readers,
  },
  {
    slug: 'data',
    name: 'Data',
    summary: 'The information asset register: owners, personal data, lawful basis, retention, flows.',
    holds: ['information assets', 'data quality', 'data maturity'],
    access: readers,
  },
  {
    slug: 'people',
    name: 'People and skills',
    summary: 'Teams and roles against the DDaT capability framework, skills gaps and training.',
    holds: ['teams and roles', 'the skills matrix', 'training plans and records', 'objectives and 1:1s'],
    access: readers,
  },
  {
    slug: 'strategy',
    name: 'Strategy and governance',
    summary: 'Objectives, the roadmap, boards and decisions, KPIs about outcomes for users.',
    holds: [
      'objectives and the corporate plan',
      'the roadmap',
      'boards and decision logs',
      'KPIs',
      'maturity assessments',
      'stakeholders and the communications plan',
    ],
    access: readers,
  },
  {
    slug: 'communications',
    name: 'Telling people',
    summary: 'Announcements, the status page and the public page of digital progress.',
    holds: ['announcements and blog posts for staff', 'the status page', 'the public progress page'],
    access: 'signed-in',
  },
];
