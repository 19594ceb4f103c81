import { dict } from '../../platform/index.js';
import { emptyNode, type FrameworkTree } from '../assessments/index.js';

/** Five maturity levels, in Steward's words: how far a practice or a capability is in place. */
const scale = [
  { key: 'not-in-place', label: 'Not in place', rank: 1 },
  { key: 'ad-hoc', label: 'Done when someone remembers', rank: 2 },
  { key: 'defined', label: 'Defined and followed', rank: 3 },
  { key: 'managed', label: 'Measured and managed', rank: 4 },
  { key: 'improving', label: 'Improving all the time', rank: 5 },
];

type Group = [code: string, title: string, parts: [code: string, title: string, target: string][]];

function maturityTree(key: string, name: string, description: string, levels: [string, string], groups: Group[]): FrameworkTree {
  return {
    key,
    version: 'Steward 1',
    name,
    description,
    format: 'steward',
    levels,
    scale,
    tiers: [],
    rule: { kind: 'chosen' },
    profiles: [{ key: 'target', name: 'Where the strategy aims to be' }],
    nodes: groups.map(([code, title, parts]) => {
      const group = emptyNode(code, levels[0], title);
      group.children = parts.map(([c, t, target]) => {
        const node = emptyNode(c, levels[1], t);
        node.assessable = true;
        node.targets = dict<string>();
        node.targets.target = target;
        node.rule = { kind: 'chosen' };
        return node;
      });
      return group;
    }),
  };
}

// The 34 ITIL 4 management practices by their public names, in their three groups; the targets are Steward's suggestion for a council.
const itil: Group[] = [
  [
    'GM',
    'General management practices',
    [
      ['GM01', 'Architecture management', 'defined'],
      ['GM02', 'Continual improvement', 'defined'],
      ['GM03', 'Information security management', 'managed'],
      ['GM04', 'Knowledge management', 'defined'],
      ['GM05', 'Measurement and reporting', 'managed'],
      ['GM06', 'Organizational change management', 'defined'],
      ['GM07', 'Portfolio management', 'defined'],
      ['GM08', 'Project management', 'defined'],
      ['GM09', 'Relationship management', 'defined'],
      ['GM10', 'Risk management', 'managed'],
      ['GM11', 'Service financial management', 'defined'],
      ['GM12', 'Strategy management', 'defined'],
      ['GM13', 'Supplier management', 'managed'],
      ['GM14', 'Workforce and talent management', 'defined'],
    ],
  ],
  [
    'SM',
    'Service management practices',
    [
      ['SM01', 'Availability management', 'defined'],
      ['SM02', 'Business analysis', 'defined'],
      ['SM03', 'Capacity and performance management', 'defined'],
      ['SM04', 'Change enablement', 'managed'],
      ['SM05', 'Incident management', 'managed'],
      ['SM06', 'IT asset management', 'defined'],
      ['SM07', 'Monitoring and event management', 'defined'],
      ['SM08', 'Problem management', 'defined'],
      ['SM09', 'Release management', 'defined'],
      ['SM10', 'Service catalogue management', 'defined'],
      ['SM11', 'Service configuration management', 'defined'],
      ['SM12', 'Service continuity management', 'managed'],
      ['SM13', 'Service design', 'defined'],
      ['SM14', 'Service desk', 'managed'],
      ['SM15', 'Service level management', 'managed'],
      ['SM16', 'Service request management', 'managed'],
      ['SM17', 'Service validation and testing', 'defined'],
    ],
  ],
  [
    'TM',
    'Technical management practices',
    [
      ['TM01', 'Deployment management', 'defined'],
      ['TM02', 'Infrastructure and platform management', 'defined'],
      ['TM03', 'Software development and management', 'defined'],
    ],
  ],
];

const strategy: Group[] = [
  [
    'AL',
    'Aligned with the council',
    [
      ['AL1', 'The digital strategy serves the corporate plan’s priorities, in their words', 'managed'],
      ['AL2', 'Directors and members agreed the strategy and own its outcomes', 'defined'],
      ['AL3', 'The roadmap is what the council funds, in the medium-term financial plan', 'defined'],
    ],
  ],
  [
    'GV',
    'Governed in the open',
    [
      ['GV1', 'A board with people from across the council decides the roadmap’s order', 'managed'],
      ['GV2', 'Decisions, their options and reasons are logged and published where they can be', 'defined'],
      ['GV3', 'Progress is reported with measures of what residents and staff get', 'managed'],
    ],
  ],
  [
    'DL',
    'Delivered and learned from',
    [
      ['DL1', 'Projects follow discovery, alpha, beta and live, and stop when they should', 'defined'],
      ['DL2', 'Benefits are measured after go-live, not only promised before it', 'defined'],
      ['DL3', 'Legacy systems are retired on a plan, not left running', 'defined'],
    ],
  ],
  [
    'PE',
    'People and suppliers',
    [
      ['PE1', 'The department has the skills the roadmap needs, or a plan to get them', 'defined'],
      ['PE2', 'Contracts are decided ahead of their notice deadlines', 'managed'],
    ],
  ],
];

const data: Group[] = [
  [
    'LD',
    'Leadership and strategy',
    [
      ['LD1', 'Someone senior answers for the council’s data, and the data strategy is agreed', 'defined'],
      ['LD2', 'Decisions at board and service level use data the council trusts', 'managed'],
    ],
  ],
  [
    'GQ',
    'Governance and quality',
    [
      ['GQ1', 'Each key dataset has an owner and a definition people share', 'defined'],
      ['GQ2', 'Data quality is measured and put right at the source', 'defined'],
      ['GQ3', 'Data is kept, shared and deleted lawfully, and people know the rules', 'managed'],
    ],
  ],
  [
    'AR',
    'Architecture and integration',
    [
      ['AR1', 'One record for each person, property and business, matched across systems', 'defined'],
      ['AR2', 'Systems exchange data through documented interfaces rather than spreadsheets', 'defined'],
    ],
  ],
  [
    'US',
    'Use and skills',
    [
      ['US1', 'Staff can find, read and question the data they need', 'defined'],
      ['US2', 'Analysts work from a shared platform, not from copies', 'defined'],
      ['US3', 'Open data is published where it helps residents and partners', 'ad-hoc'],
    ],
  ],
];

/** The maturity self-assessments Steward ships, each its own framework on the assessment engine. */
export const maturityFrameworks = new Map<string, () => FrameworkTree>([
  [
    'itil-4-practices',
    () =>
      maturityTree(
        'itil-4-practices',
        'ITIL 4 practices in place',
        'How far each of the 34 ITIL 4 management practices is in place in the IT department, rated from not in place to improving all the time. The practice names are ITIL’s; the levels and targets are Steward’s.',
        ['practice group', 'practice'],
        itil,
      ),
  ],
  [
    'it-strategy',
    () =>
      maturityTree(
        'it-strategy',
        'IT strategy self-assessment',
        'How well the digital strategy is tied to the council, governed, delivered and resourced, in Steward’s own words.',
        ['theme', 'statement'],
        strategy,
      ),
  ],
  [
    'data-maturity',
    () =>
      maturityTree(
        'data-maturity',
        'Data maturity self-assessment',
        'How far the council leads, governs, joins up and uses its data, in Steward’s own words.',
        ['theme', 'statement'],
        data,
      ),
  ],
]);
export const maturityKeys = [...maturityFrameworks.keys()] as [string, ...string[]];
