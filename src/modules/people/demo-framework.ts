import { toCsv } from '../../platform/index.js';

/**
 * A small capability framework written for the demo council in Steward's own words, in the
 * published export's format (the framework's own text is Crown copyright and is not shipped). It
 * is labelled as demo text in every description, and keeps two of the real export's quirks (a
 * repeated row, a description carrying list markup) so the import shows how it reports them.
 */
const demoLabel = '(Demo text written for Steward, not the framework’s own words.)';

/** The demo's skills: what each is about, in a line. */
export const demoSkills: [string, string][] = [
  ['Service management', 'Running IT services to agreed levels, from request to resolution'],
  ['Incident management', 'Restoring service quickly when something breaks, and keeping people told'],
  ['Problem management', 'Finding the causes behind repeated incidents and removing them'],
  ['Change and release management', 'Making changes to live systems safely, on a plan others can see'],
  ['Asset and configuration management', 'Knowing what the council owns, where it is and what depends on it'],
  ['Customer service', 'Helping colleagues with patience and clear words, on the phone and in writing'],
  ['IT infrastructure', 'Servers, storage, virtualisation and the platforms systems run on'],
  ['Networks and telephony', 'The council’s network, Wi-Fi, connections to partners and its phones'],
  ['Cloud platforms', 'Running and costing services on public cloud platforms'],
  ['Information security', 'Protecting the council’s information and systems from harm'],
  ['Identity and access', 'Accounts, sign-in and who may reach what'],
  ['Application support', 'Keeping line-of-business systems working and their users productive'],
  ['Supplier and contract management', 'Getting value from suppliers and keeping contracts in good order'],
  ['Stakeholder relationship management', 'Understanding services’ needs and keeping their trust'],
  ['Requirements analysis', 'Finding out what people need and writing it down so it can be built'],
  ['Business process design', 'Mapping how work is done and designing better ways'],
  ['Data analysis and reporting', 'Turning data into answers people can act on'],
  ['Data management', 'Keeping data accurate, findable, lawful and well described'],
  ['Master data', 'One true record of people, places and properties across systems'],
  ['Systems integration', 'Connecting systems so data flows without rekeying'],
  ['Programming and build', 'Writing and maintaining code that is readable, tested and secure'],
  ['Testing', 'Checking that what is built works, for every kind of user'],
  ['Technical design', 'Choosing how a system should be put together, and recording why'],
  ['Strategy and planning', 'Setting direction and turning it into a plan people can follow'],
  ['Agile and lean delivery', 'Delivering in small steps, learning from users as you go'],
  ['Budget and financial management', 'Planning, tracking and justifying spend'],
  ['Leadership and people management', 'Leading a team, developing people and managing performance'],
  ['User focus', 'Understanding the people who use a service and designing for them'],
  ['Accessibility', 'Making services usable by as many people as possible'],
  ['Training and coaching', 'Helping others learn, in groups and one to one'],
];

type Need = [skill: string, level: 'Awareness' | 'Working' | 'Practitioner' | 'Expert'];
/** Family, role, what the role does, and its levels each with the skills they need. */
export const demoRoles: { family: string; role: string; does: string; type: string; levels: [string, Need[]][] }[] = [
  {
    family: 'IT operations',
    role: 'Service desk analyst',
    does: 'First point of contact for IT help, fixing what can be fixed at once and routing the rest',
    type: 'Specialist',
    levels: [
      [
        'Service desk analyst',
        [
          ['Customer service', 'Working'],
          ['Incident management', 'Working'],
          ['Service management', 'Awareness'],
          ['Identity and access', 'Working'],
          ['Application support', 'Awareness'],
        ],
      ],
      [
        'Senior service desk analyst',
        [
          ['Customer service', 'Practitioner'],
          ['Incident management', 'Practitioner'],
          ['Service management', 'Working'],
          ['Identity and access', 'Working'],
          ['Problem management', 'Working'],
          ['Training and coaching', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'IT operations',
    role: 'IT service manager',
    does: 'Owns the quality of IT services and the processes that run them',
    type: 'Specialist',
    levels: [
      [
        'IT service manager',
        [
          ['Service management', 'Expert'],
          ['Incident management', 'Expert'],
          ['Problem management', 'Practitioner'],
          ['Change and release management', 'Practitioner'],
          ['Leadership and people management', 'Practitioner'],
          ['Stakeholder relationship management', 'Practitioner'],
          ['Supplier and contract management', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'IT operations',
    role: 'Infrastructure engineer',
    does: 'Builds and runs the platforms, networks and devices the council’s systems depend on',
    type: 'Specialist',
    levels: [
      [
        'Infrastructure engineer',
        [
          ['IT infrastructure', 'Working'],
          ['Networks and telephony', 'Working'],
          ['Incident management', 'Working'],
          ['Change and release management', 'Working'],
          ['Information security', 'Working'],
          ['Asset and configuration management', 'Awareness'],
        ],
      ],
      [
        'Senior infrastructure engineer',
        [
          ['IT infrastructure', 'Practitioner'],
          ['Networks and telephony', 'Practitioner'],
          ['Cloud platforms', 'Working'],
          ['Incident management', 'Practitioner'],
          ['Change and release management', 'Practitioner'],
          ['Information security', 'Practitioner'],
          ['Technical design', 'Working'],
        ],
      ],
      [
        'Infrastructure manager',
        [
          ['IT infrastructure', 'Expert'],
          ['Cloud platforms', 'Practitioner'],
          ['Information security', 'Practitioner'],
          ['Technical design', 'Practitioner'],
          ['Supplier and contract management', 'Practitioner'],
          ['Leadership and people management', 'Practitioner'],
          ['Budget and financial management', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'IT operations',
    role: 'End user computing engineer',
    does: 'Keeps laptops, phones and printers working and up to date for every member of staff',
    type: 'Specialist',
    levels: [
      [
        'End user computing engineer',
        [
          ['IT infrastructure', 'Working'],
          ['Asset and configuration management', 'Working'],
          ['Customer service', 'Working'],
          ['Identity and access', 'Working'],
          ['Incident management', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'IT operations',
    role: 'Application support analyst',
    does: 'Supports the council’s line-of-business systems and the suppliers behind them',
    type: 'Specialist',
    levels: [
      [
        'Application support analyst',
        [
          ['Application support', 'Practitioner'],
          ['Incident management', 'Working'],
          ['Change and release management', 'Working'],
          ['Data management', 'Working'],
          ['Supplier and contract management', 'Awareness'],
        ],
      ],
      [
        'Applications manager',
        [
          ['Application support', 'Expert'],
          ['Supplier and contract management', 'Practitioner'],
          ['Change and release management', 'Practitioner'],
          ['Stakeholder relationship management', 'Practitioner'],
          ['Leadership and people management', 'Practitioner'],
          ['Budget and financial management', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'IT operations',
    role: 'Cyber security analyst',
    does: 'Watches for threats, handles security incidents and keeps vulnerabilities in check',
    type: 'Specialist',
    levels: [
      [
        'Cyber security analyst',
        [
          ['Information security', 'Practitioner'],
          ['Identity and access', 'Practitioner'],
          ['Incident management', 'Practitioner'],
          ['IT infrastructure', 'Working'],
          ['Networks and telephony', 'Working'],
        ],
      ],
      [
        'Cyber security lead',
        [
          ['Information security', 'Expert'],
          ['Identity and access', 'Practitioner'],
          ['Technical design', 'Practitioner'],
          ['Stakeholder relationship management', 'Practitioner'],
          ['Strategy and planning', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'Architecture',
    role: 'Technical architect',
    does: 'Designs how systems fit together and makes sure what is built follows the design',
    type: 'Specialist',
    levels: [
      [
        'Technical architect',
        [
          ['Technical design', 'Expert'],
          ['Systems integration', 'Practitioner'],
          ['Cloud platforms', 'Practitioner'],
          ['Information security', 'Practitioner'],
          ['Strategy and planning', 'Working'],
          ['Stakeholder relationship management', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'Data',
    role: 'Data analyst',
    does: 'Finds, cleans and explains data so services can see how they are doing',
    type: 'Specialist',
    levels: [
      [
        'Data analyst',
        [
          ['Data analysis and reporting', 'Working'],
          ['Data management', 'Working'],
          ['User focus', 'Awareness'],
          ['Stakeholder relationship management', 'Awareness'],
        ],
      ],
      [
        'Senior data analyst',
        [
          ['Data analysis and reporting', 'Practitioner'],
          ['Data management', 'Practitioner'],
          ['Stakeholder relationship management', 'Working'],
          ['User focus', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'Data',
    role: 'Data engineer',
    does: 'Builds the pipelines that move and join data between the council’s systems',
    type: 'Specialist',
    levels: [
      [
        'Data engineer',
        [
          ['Systems integration', 'Practitioner'],
          ['Data management', 'Practitioner'],
          ['Programming and build', 'Working'],
          ['Master data', 'Working'],
          ['Cloud platforms', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'Data',
    role: 'Data manager',
    does: 'Leads data and information work: quality, governance, master data and reporting',
    type: 'Specialist',
    levels: [
      [
        'Master data officer',
        [
          ['Master data', 'Practitioner'],
          ['Data management', 'Working'],
          ['Business process design', 'Awareness'],
        ],
      ],
      [
        'Data manager',
        [
          ['Data management', 'Expert'],
          ['Master data', 'Practitioner'],
          ['Data analysis and reporting', 'Practitioner'],
          ['Leadership and people management', 'Practitioner'],
          ['Strategy and planning', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'Product and delivery',
    role: 'Business analyst',
    does: 'Works with services to understand what they need and how their processes could change',
    type: 'Specialist',
    levels: [
      [
        'Business analyst',
        [
          ['Requirements analysis', 'Practitioner'],
          ['Business process design', 'Working'],
          ['Stakeholder relationship management', 'Working'],
          ['User focus', 'Working'],
          ['Agile and lean delivery', 'Awareness'],
        ],
      ],
      [
        'Business relationship manager',
        [
          ['Stakeholder relationship management', 'Expert'],
          ['Requirements analysis', 'Working'],
          ['Strategy and planning', 'Working'],
          ['Supplier and contract management', 'Awareness'],
          ['Business process design', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'Product and delivery',
    role: 'Delivery manager',
    does: 'Keeps projects moving, removes blockers and reports honestly on progress',
    type: 'Specialist',
    levels: [
      [
        'Project manager',
        [
          ['Agile and lean delivery', 'Practitioner'],
          ['Stakeholder relationship management', 'Practitioner'],
          ['Budget and financial management', 'Working'],
          ['Strategy and planning', 'Working'],
        ],
      ],
      [
        'Programme manager',
        [
          ['Agile and lean delivery', 'Expert'],
          ['Strategy and planning', 'Practitioner'],
          ['Budget and financial management', 'Practitioner'],
          ['Leadership and people management', 'Practitioner'],
          ['Stakeholder relationship management', 'Expert'],
        ],
      ],
    ],
  },
  {
    family: 'Product and delivery',
    role: 'Contract manager',
    does: 'Looks after IT contracts from procurement to renewal, and the relationship with each supplier',
    type: 'Specialist',
    levels: [
      [
        'Contracts officer',
        [
          ['Supplier and contract management', 'Working'],
          ['Budget and financial management', 'Working'],
          ['Asset and configuration management', 'Awareness'],
        ],
      ],
      [
        'IT contracts manager',
        [
          ['Supplier and contract management', 'Expert'],
          ['Budget and financial management', 'Practitioner'],
          ['Stakeholder relationship management', 'Practitioner'],
          ['Strategy and planning', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'Software development',
    role: 'Developer',
    does: 'Builds and looks after the council’s own software and the integrations between systems',
    type: 'Specialist',
    levels: [
      [
        'Junior developer',
        [
          ['Programming and build', 'Working'],
          ['Testing', 'Working'],
          ['Systems integration', 'Awareness'],
          ['Accessibility', 'Awareness'],
        ],
      ],
      [
        'Developer',
        [
          ['Programming and build', 'Practitioner'],
          ['Testing', 'Practitioner'],
          ['Systems integration', 'Working'],
          ['Accessibility', 'Working'],
          ['Information security', 'Working'],
        ],
      ],
      [
        'Lead developer',
        [
          ['Programming and build', 'Expert'],
          ['Technical design', 'Practitioner'],
          ['Systems integration', 'Practitioner'],
          ['Testing', 'Practitioner'],
          ['Leadership and people management', 'Working'],
          ['Accessibility', 'Practitioner'],
        ],
      ],
    ],
  },
  {
    family: 'Data',
    role: 'Business intelligence developer',
    does: 'Builds the dashboards and reports the council runs on',
    type: 'Specialist',
    levels: [
      [
        'Business intelligence developer',
        [
          ['Data analysis and reporting', 'Practitioner'],
          ['Data management', 'Working'],
          ['Programming and build', 'Working'],
          ['User focus', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'IT operations',
    role: 'IT trainer',
    does: 'Teaches staff to get the most from the council’s systems',
    type: 'Specialist',
    levels: [
      [
        'IT trainer',
        [
          ['Training and coaching', 'Practitioner'],
          ['Customer service', 'Practitioner'],
          ['Application support', 'Working'],
          ['Accessibility', 'Working'],
        ],
      ],
    ],
  },
  {
    family: 'Chief digital and data',
    role: 'Head of digital and technology',
    does: 'Leads the IT department and sets its direction with the council’s leadership',
    type: 'Senior leader',
    levels: [
      [
        'Head of digital and technology',
        [
          ['Strategy and planning', 'Expert'],
          ['Leadership and people management', 'Expert'],
          ['Budget and financial management', 'Practitioner'],
          ['Stakeholder relationship management', 'Expert'],
          ['Information security', 'Working'],
          ['Supplier and contract management', 'Practitioner'],
        ],
      ],
    ],
  },
];

const levelText: Record<string, string> = {
  Awareness: 'knows what it involves and why it matters, and can follow others’ lead',
  Working: 'does the everyday work unaided, asking for help with the harder cases',
  Practitioner: 'handles the hard cases, shows others how, and improves how it is done',
  Expert: 'sets the council’s approach, is the person others turn to, and leads change in it',
};

/** The demo's roles file, one row per role level and skill, as the published export lays it out. */
export function demoRolesFile() {
  const rows: string[][] = [];
  for (const r of demoRoles)
    r.levels.forEach(([level, needs], i) => {
      for (const [skill, need] of needs)
        rows.push([
          r.family,
          r.role,
          `${r.does}. ${demoLabel}`,
          level,
          `${i === 0 ? 'The first level of the role' : `Level ${i + 1} of the role`}: ${level.toLowerCase()}. ${demoLabel}`,
          skill,
          `${demoSkills.find(([s]) => s === skill)?.[1] ?? skill}. ${demoLabel}`,
          need,
          `At ${need.toLowerCase()} level, someone ${levelText[need]}.`,
          r.type,
        ]);
    });
  // As in the published file, a row repeated once.
  rows.splice(7, 0, rows[6]!);
  return toCsv(
    [
      'Role Family',
      'Role',
      'Role Description',
      'Role Level',
      'Role Level Description',
      'Skill Name',
      'Skill Description',
      'Skill Level',
      'Skill Level Description',
      'Role Type',
    ],
    rows,
  );
}

/** The demo's skills file: each skill and what its four levels mean; one description carries list markup, as the real export's do. */
export function demoSkillsFile() {
  const rows = demoSkills.map(([skill, about], i) => [
    skill,
    i === 0 ? `<ul><li>${about}</li><li>${demoLabel}</li></ul>` : `${about}. ${demoLabel}`,
    `Someone at awareness level ${levelText.Awareness}.`,
    `Someone at working level ${levelText.Working}.`,
    `Someone at practitioner level ${levelText.Practitioner}.`,
    `Someone at expert level ${levelText.Expert}.`,
    demoRoles
      .filter((r) => r.levels.some(([, needs]) => needs.some(([s]) => s === skill)))
      .map((r) => r.role)
      .join(', '),
  ]);
  return toCsv(['Skill Name', 'Skill Description', 'Awareness', 'Working', 'Practitioner', 'Expert', 'Roles that require Skill'], rows);
}
