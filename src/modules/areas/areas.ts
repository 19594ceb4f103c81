import { platformAbilities, type Access, type AreaCard } from '../../platform/index.js';

const readers: Access = platformAbilities.readDepartment;

/** Where each capability area comes on the home page, in the order a new Head of IT meets them. */
export const areaOrder = ['set-up', 'service-desk', 'estate', 'suppliers', 'cyber', 'data', 'people', 'strategy', 'communications'];

/** The capability areas no module fills yet: each says what it will hold. */
export interface Area {
  slug: string;
  name: string;
  summary: string;
  /** What the area will hold, shown while it is still empty. */
  holds: string[];
  access: Access;
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

/** The areas as placeholder cards: each gives way when a module offers the same slug. */
export const placeholderCards: AreaCard[] = areas.map((a, i) => ({
  slug: a.slug,
  name: a.name,
  summary: a.summary,
  href: `/${a.slug}`,
  access: a.access,
  order: areaOrder.indexOf(a.slug) === -1 ? 100 + i : 10 + areaOrder.indexOf(a.slug),
  placeholder: true,
}));
