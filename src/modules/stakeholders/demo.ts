import { own, type Actor, type DemoContext } from '../../platform/index.js';
import {
  addDays,
  occurrencesIn,
  shiftMonth,
  monthOf,
  type Channel,
  type EngagementKind,
  type Frequency,
  type Sentiment,
  type StakeholderKind,
} from './rules.js';
import { addCommunication, addStakeholder, completeFollowUp, recordCommsFeedback, recordEngagement, recordSend, replyToFeedback, today } from './service.js';
import * as q from './queries.js';

// Demo text, in Steward's own words: a fictional council's stakeholders, a year of engagements and a communications plan.

type Owner = 'headOfIt' | 'serviceDeskManager' | 'infrastructureManager' | 'applicationsManager' | null;
type Seed = [
  name: string,
  kind: StakeholderKind,
  role: string,
  influence: 1 | 2 | 3,
  interest: 1 | 2 | 3,
  owner: Owner,
  sentiment: Sentiment,
  view: string,
  account?: string,
];

const register: Seed[] = [
  [
    'Margaret Ellis',
    'top-team',
    'Chief Executive',
    3,
    2,
    'headOfIt',
    'mixed',
    'Sees IT as sound but slow; wants the council’s digital ambitions to show in what residents get.',
  ],
  [
    'Anita Desai',
    'top-team',
    'Corporate Director of Resources',
    3,
    3,
    'headOfIt',
    'positive',
    'Backs the move to the cloud; wants running costs that can be explained to Cabinet line by line.',
  ],
  [
    'Helen Ward',
    'top-team',
    'Corporate Director of Adults and Health',
    3,
    3,
    'headOfIt',
    'mixed',
    'The case system replacement is her biggest risk; trusts the team but wants social workers heard.',
  ],
  [
    'Michael Rowe',
    'top-team',
    'Corporate Director of Children and Families',
    3,
    2,
    'headOfIt',
    'negative',
    'Feels children’s services wait longest for fixes; remembers the outage during the Ofsted visit.',
  ],
  [
    'James Lloyd',
    'top-team',
    'Corporate Director of Place',
    3,
    2,
    'applicationsManager',
    'mixed',
    'Wants mobile working for crews and inspectors; finds IT projects hard to follow.',
  ],
  [
    'Sunita Kaur',
    'top-team',
    'Director of Customer and Communities',
    3,
    3,
    'headOfIt',
    'positive',
    'A strong ally for online services; measures IT by calls the contact centre no longer gets.',
  ],
  [
    'Owen Morgan',
    'top-team',
    'Head of Finance and Section 151 officer',
    3,
    2,
    'headOfIt',
    'mixed',
    'Supportive of invest-to-save cases, sceptical of licence growth.',
  ],
  ['Rachel Osei', 'top-team', 'Monitoring Officer, Head of Legal and Democratic Services', 2, 1, 'applicationsManager', 'unknown', ''],
  [
    'Karen Whitfield',
    'head-of-service',
    'Head of Revenues and Benefits',
    2,
    3,
    'applicationsManager',
    'negative',
    'Month-end slowness in the revenues system costs her team overtime; wants a date for the upgrade.',
  ],
  [
    'Tariq Hussain',
    'head-of-service',
    'Head of Adult Social Care operations',
    2,
    3,
    'applicationsManager',
    'mixed',
    'Keen on the new case system, worried about training time for 200 staff.',
  ],
  [
    'Laura Bennett',
    'head-of-service',
    'Head of Planning and Building Control',
    2,
    3,
    'applicationsManager',
    'mixed',
    'The planning portal works; the back office does not talk to it.',
  ],
  [
    'Neil Parry',
    'head-of-service',
    'Head of Waste and Street Services',
    2,
    2,
    'infrastructureManager',
    'positive',
    'In-cab tablets have cut missed bins; would like depot Wi-Fi next.',
  ],
  ['Joanne Fletcher', 'head-of-service', 'Head of HR and Payroll', 2, 3, 'serviceDeskManager', 'mixed', 'Starters still wait for laptops on day one.'],
  ['Simon Ashworth', 'head-of-service', 'Head of Housing', 2, 2, 'applicationsManager', 'unknown', ''],
  [
    'Grace Adeyemi',
    'head-of-service',
    'Head of Customer Services',
    2,
    3,
    'serviceDeskManager',
    'positive',
    'Values the status page: her advisers know what to tell callers when something is down.',
  ],
  ['Peter Quinn', 'head-of-service', 'Head of Libraries', 1, 2, 'serviceDeskManager', 'positive', ''],
  [
    'Claire Booth',
    'head-of-service',
    'Information Governance Manager and data protection officer',
    2,
    3,
    'infrastructureManager',
    'positive',
    'Pleased the information asset register is finally kept.',
  ],
  ['Martin Cole', 'head-of-service', 'Head of Highways and Transport', 2, 1, 'infrastructureManager', 'unknown', ''],
  [
    'Cllr Robert Thornton',
    'elected-member',
    'Leader of the Council',
    3,
    2,
    'headOfIt',
    'mixed',
    'Wants residents to notice the difference before the next election.',
  ],
  [
    'Cllr Susan Hill',
    'elected-member',
    'Cabinet member for resources (portfolio holder); chair of the digital board',
    3,
    3,
    'headOfIt',
    'positive',
    'A champion for the digital strategy; asks for plain-English reports.',
    'councillor',
  ],
  ['Cllr Amir Shah', 'elected-member', 'Cabinet member for adult social care', 3, 2, 'headOfIt', 'unknown', ''],
  [
    'Cllr Bethan Price',
    'elected-member',
    'Leader of the opposition group',
    2,
    2,
    'headOfIt',
    'negative',
    'Questions the cost of the cloud move at every budget meeting.',
  ],
  [
    'Cllr Ian Moss',
    'elected-member',
    'Ward councillor and members’ IT champion',
    1,
    3,
    'serviceDeskManager',
    'positive',
    'Collects councillors’ tablet problems and brings them in one list.',
  ],
  ['Cllr Diane Foster', 'scrutiny', 'Chair of the corporate scrutiny committee', 2, 3, 'headOfIt', 'mixed', 'Wants evidence, not assurances, on cyber risk.'],
  ['Corporate scrutiny committee', 'scrutiny', 'Scrutinises the council’s performance and Cabinet decisions', 2, 2, 'headOfIt', 'unknown', ''],
  [
    'Audit and governance committee',
    'scrutiny',
    'Oversees risk, internal control and internal audit',
    2,
    3,
    'infrastructureManager',
    'mixed',
    'Asks about cyber resilience at each meeting.',
  ],
  [
    'Paul Carter',
    'scrutiny',
    'Internal audit manager',
    2,
    3,
    'infrastructureManager',
    'mixed',
    'Fair, thorough; expects the actions from the last audit closed on time.',
    'auditor',
  ],
  [
    'Dave Hughes',
    'union',
    'UNISON branch secretary',
    2,
    3,
    'headOfIt',
    'mixed',
    'Supports new tools if staff are trained in work time; watchful about monitoring.',
  ],
  [
    'GMB Eastwold depots branch',
    'union',
    'Represents crews at the two depots',
    1,
    2,
    'infrastructureManager',
    'negative',
    'Crews feel the tablets were imposed on them.',
  ],
  ['Harbour Revenues Systems', 'supplier', 'Supplier of the revenues and benefits system (account manager)', 2, 3, 'applicationsManager', 'positive', ''],
  ['Meridian Care Software', 'supplier', 'Preferred bidder for adult social care case management', 2, 3, 'applicationsManager', 'positive', ''],
  ['Brightwire Networks', 'supplier', 'Wide area network and Wi-Fi supplier', 1, 2, 'infrastructureManager', 'mixed', ''],
  ['Kestrel Cloud Services', 'supplier', 'Azure partner for the cloud move', 2, 3, 'infrastructureManager', 'positive', ''],
  [
    'Westmere District Council',
    'partner',
    'Neighbouring district: talks on a shared ICT service',
    2,
    2,
    'headOfIt',
    'positive',
    'Interested in sharing the service desk out of hours.',
  ],
  [
    'Eastwold integrated care board',
    'partner',
    'NHS digital lead for the county',
    2,
    3,
    'applicationsManager',
    'mixed',
    'Wants shared care records; cautious about timescales.',
  ],
  ['Eastwold Fire and Rescue Service', 'partner', 'Shares the Eastwold House data centre', 1, 2, 'infrastructureManager', 'unknown', ''],
  ['Eastwold Council for Voluntary Service', 'partner', 'Umbrella body for local charities', 1, 2, 'serviceDeskManager', 'positive', ''],
  [
    'Northfield Residents’ Association',
    'residents',
    'Residents of the Northfield estate',
    1,
    2,
    'serviceDeskManager',
    'mixed',
    'Find the council website hard on a phone.',
  ],
  [
    'Eastwold Older People’s Forum',
    'residents',
    'Speaks for older residents',
    1,
    3,
    'serviceDeskManager',
    'negative',
    'Worried that online-first leaves people behind.',
  ],
  [
    'Eastwold Disability Access Group',
    'residents',
    'Tests council services for accessibility',
    1,
    3,
    'applicationsManager',
    'mixed',
    'Happy to test new forms with screen readers.',
  ],
  ['Eastwold Homes tenants’ panel', 'residents', 'Council tenants’ representatives', 1, 2, null, 'unknown', ''],
];

/** A run of engagements: who, what kind, how many days ago each was, what was heard, what was promised. */
interface Thread {
  who: string[];
  kind: EngagementKind;
  title: string;
  daysAgo: number[];
  heard: string[];
  followUps?: [title: string, owner: Owner, dueInDays: number][];
  feedback?: boolean;
  fromName?: string;
  /** Replies, in step with `daysAgo`; null leaves that one waiting. */
  replies?: (string | null)[];
}

const topTeam = ['Margaret Ellis', 'Anita Desai', 'Helen Ward', 'Michael Rowe', 'James Lloyd', 'Sunita Kaur', 'Owen Morgan'];
const monthly = (from: number, count: number, step = 30) => Array.from({ length: count }, (_, i) => from + i * step);

const threads: Thread[] = [
  {
    who: topTeam,
    kind: 'top-team',
    title: 'Corporate management team',
    daysAgo: monthly(6, 12),
    heard: [
      'The budget gap for next year means every directorate is looking at digital savings; CMT wants one list, not seven.',
      'Directors asked for the cyber incident exercise to include them, not only IT.',
      'Agreed that the laptop refresh goes to frontline staff first.',
      'The Chief Executive wants the digital strategy on one page for the staff conference.',
      'Concern about the number of systems each directorate buys on its own.',
      'CMT noted the Microsoft 365 move went well and asked for the lessons for the case system.',
      'Discussed the Ofsted readiness plan: children’s services need their systems stable in the inspection window.',
      'Agreed a named director for each line of the roadmap.',
      'Asked IT to report satisfaction with the service desk, not only ticket numbers.',
      'The shared service talks with Westmere: CMT wants a business case by spring.',
      'Directors want to hear about major incidents before their staff do.',
      'The winter plan: what the service desk will cover over Christmas.',
    ],
    followUps: [
      ['Bring a single list of digital savings to CMT', 'headOfIt', 28],
      ['Invite directors to the cyber exercise', 'infrastructureManager', 21],
      ['Draft the one-page digital strategy', 'headOfIt', 14],
      ['Send directors the major incident text alert sign-up', 'serviceDeskManager', 10],
    ],
  },
  {
    who: ['Anita Desai'],
    kind: 'one-to-one',
    title: 'One-to-one with the Director of Resources',
    daysAgo: monthly(12, 6, 60),
    heard: [
      'Wants the Azure costs in the same shape as the business case.',
      'Asked how the service desk compares with Westmere’s.',
      'Happy with progress; asked for fewer acronyms in board papers.',
      'Raised the audit action on leavers’ accounts.',
      'Keen to show Cabinet the savings from closing the data centre.',
      'Asked for a view on the contracts that renew next year.',
    ],
    followUps: [['Send the Azure costs against the business case', 'infrastructureManager', 14]],
  },
  {
    who: ['Helen Ward', 'Tariq Hussain'],
    kind: 'one-to-one',
    title: 'Adult social care case system: directors’ check-in',
    daysAgo: [20, 75, 140, 200, 290],
    heard: [
      'Go-live date holds; the training plan needs cover for social workers on courses.',
      'Supplier demonstrations went well; social workers scored Meridian highest.',
      'Worried about migrating duplicate client records.',
      'Wants a senior social worker as product owner.',
      'The current system’s support ends in 2027: no more slippage.',
    ],
    followUps: [
      ['Agree backfill for social workers in training', 'applicationsManager', 21],
      ['Share the data migration plan with the service', 'applicationsManager', 30],
    ],
  },
  {
    who: ['Michael Rowe'],
    kind: 'one-to-one',
    title: 'One-to-one with the Director of Children and Families',
    daysAgo: [35, 160, 310],
    heard: [
      'Still sore about the outage in the inspection; wants a named engineer for children’s systems.',
      'Asked why fixes for children’s services take longer than for others.',
      'Wants laptops for foster carers’ supervising social workers.',
    ],
    followUps: [['Show the director the ticket times for children’s services against others', 'serviceDeskManager', 14]],
  },
  {
    who: ['Karen Whitfield'],
    kind: 'team-meeting',
    title: 'Revenues and benefits team meeting',
    daysAgo: [15, 45, 105, 170, 260],
    heard: [
      'The month-end run still slows everything for two days; staff are doing overtime.',
      'The team likes the new document scanning; the old scanners jam.',
      'Asked when the upgrade is; the supplier says spring.',
      'Annual billing went smoothly this year.',
      'Benefits assessors want two screens each.',
    ],
    followUps: [
      ['Ask Harbour for a date for the revenues upgrade', 'applicationsManager', 10],
      ['Order second screens for the benefits assessors', 'serviceDeskManager', 30],
    ],
  },
  {
    who: ['Laura Bennett'],
    kind: 'team-meeting',
    title: 'Planning and building control team meeting',
    daysAgo: [50, 130, 230],
    heard: [
      'Planners re-key applications from the portal into the back office.',
      'Building control inspectors want to record visits on a phone.',
      'The planning register search is slow for the public.',
    ],
    followUps: [['Scope the portal-to-back-office link', 'applicationsManager', 45]],
  },
  {
    who: ['Neil Parry', 'GMB Eastwold depots branch'],
    kind: 'team-meeting',
    title: 'Waste and street services crew briefing at the depot',
    daysAgo: [65, 210],
    heard: [
      'Crews say the tablets freeze in the cold; they would like a say in the next model.',
      'Missed bin reports are down since the tablets; depot Wi-Fi is patchy.',
    ],
    followUps: [['Bring two tablet models for crews to try', 'infrastructureManager', 30]],
  },
  {
    who: ['Joanne Fletcher'],
    kind: 'one-to-one',
    title: 'HR and IT: starters and leavers',
    daysAgo: [25, 115, 205],
    heard: [
      'Starters still wait for laptops; HR will give IT two weeks’ notice if the form asks earlier.',
      'Leavers’ accounts: HR will send the list every Friday.',
      'Managers do not know how to ask for access for a starter.',
    ],
    followUps: [['Move the starter form earlier in the HR process', 'serviceDeskManager', 21]],
  },
  {
    who: ['Grace Adeyemi'],
    kind: 'team-meeting',
    title: 'Customer services team meeting',
    daysAgo: [10, 80, 170, 250],
    heard: [
      'Advisers use the status page on every call about an outage.',
      'Callers cannot reset their own online account passwords.',
      'The phone system dropped calls twice last month.',
      'The team would like to hear about changes a week before.',
    ],
    followUps: [['Add customer services to the change notices list', 'serviceDeskManager', 7]],
  },
  {
    who: ['Simon Ashworth'],
    kind: 'one-to-one',
    title: 'Housing: introduction',
    daysAgo: [150],
    heard: ['First meeting; housing uses four systems for one tenancy.'],
  },
  {
    who: ['Martin Cole'],
    kind: 'email',
    title: 'Highways: street works permits system',
    daysAgo: [130],
    heard: ['Asked about the renewal of the permits system contract.'],
  },
  {
    who: ['Rachel Osei'],
    kind: 'one-to-one',
    title: 'Legal: records retention and the new email archive',
    daysAgo: [160],
    heard: ['Wants legal holds kept when mailboxes move.'],
  },
  {
    who: ['Claire Booth', 'Paul Carter'],
    kind: 'briefing',
    title: 'Information governance and audit: quarterly review',
    daysAgo: [30, 120, 210, 300],
    heard: [
      'Two audit actions closed; the leavers’ accounts one is late.',
      'The information asset register is complete for resources.',
      'Agreed the data protection impact assessment template for new systems.',
      'Internal audit plans a review of backups next year.',
    ],
    followUps: [['Close the leavers’ accounts audit action', 'infrastructureManager', -5]],
  },
  {
    who: ['Cllr Susan Hill'],
    kind: 'briefing',
    title: 'Portfolio holder briefing',
    daysAgo: monthly(8, 12),
    heard: [
      'Asked for the progress page to be in plain English.',
      'Happy with the cyber exercise; wants members briefed.',
      'Questions expected from the opposition on cloud costs.',
      'Wants residents to see what the digital programme has done.',
      'Asked about Welsh-language versions of public pages for the neighbouring authority’s staff.',
      'Pleased the service desk satisfaction is up.',
    ],
    followUps: [['Prepare the cloud costs briefing for members', 'headOfIt', 14]],
  },
  {
    who: ['Cllr Robert Thornton', 'Cllr Susan Hill'],
    kind: 'briefing',
    title: 'Leader’s briefing on the digital programme',
    daysAgo: [40, 130, 220, 310],
    heard: [
      'Wants one thing residents will notice by the summer.',
      'Asked about savings from the data centre closure.',
      'Keen on the shared service with Westmere.',
      'Wants fewer complaints about the website.',
    ],
  },
  {
    who: ['Cllr Amir Shah'],
    kind: 'briefing',
    title: 'Adult social care case system: briefing for the cabinet member',
    daysAgo: [95],
    heard: ['Wants to know how residents’ records are kept safe in the move.'],
  },
  {
    who: ['Cllr Bethan Price'],
    kind: 'committee',
    title: 'Budget council: questions on the cloud move',
    daysAgo: [280],
    heard: ['Asked for the five-year cost of Azure against the data centre.'],
  },
  {
    who: ['Cllr Ian Moss'],
    kind: 'one-to-one',
    title: 'Members’ IT: councillors’ tablets',
    daysAgo: [18, 110, 200],
    heard: ['Four councillors cannot get email on their tablets.', 'Members want one sign-in for the committee papers app.', 'The new tablets are liked.'],
  },
  {
    who: ['Cllr Diane Foster', 'Corporate scrutiny committee'],
    kind: 'committee',
    title: 'Corporate scrutiny committee: IT performance and cyber risk',
    daysAgo: [55, 235],
    heard: ['The committee asked for evidence that backups are tested.', 'Members asked how the council compares with others on cyber.'],
    followUps: [['Send the committee the backup test results', 'infrastructureManager', 21]],
  },
  {
    who: ['Audit and governance committee', 'Paul Carter'],
    kind: 'committee',
    title: 'Audit and governance committee: cyber resilience update',
    daysAgo: [70, 160, 250, 340],
    heard: [
      'The committee welcomed the CAF self-assessment.',
      'Asked for the risk register’s top cyber risks each time.',
      'Questioned the late audit action on leavers.',
      'Noted the penetration test results.',
    ],
  },
  {
    who: ['Dave Hughes'],
    kind: 'one-to-one',
    title: 'UNISON: meeting with the branch secretary',
    daysAgo: [22, 85, 150, 215, 280, 345],
    heard: [
      'Members ask whether the new laptops track keystrokes.',
      'Wants training on the case system in work time.',
      'Supports the hybrid working kit; asked about home broadband.',
      'Concerns about the out-of-hours service desk rota.',
      'Pleased to be an observer on the digital board.',
      'Asked how the staff survey results will be shared.',
    ],
    followUps: [['Write a plain statement of what the laptops do and do not record', 'infrastructureManager', 14]],
  },
  {
    who: ['GMB Eastwold depots branch'],
    kind: 'team-meeting',
    title: 'GMB: tablets at the depots',
    daysAgo: [210],
    heard: ['Crews were not asked before the tablets came.'],
  },
  {
    who: ['Harbour Revenues Systems', 'Karen Whitfield'],
    kind: 'briefing',
    title: 'Revenues system contract review',
    daysAgo: [28, 120, 210],
    heard: ['Upgrade slot offered for March.', 'Month-end performance fix in the next release.', 'Contract runs to 2028.'],
  },
  {
    who: ['Meridian Care Software'],
    kind: 'briefing',
    title: 'Case system implementation board',
    daysAgo: [12, 42, 72, 102],
    heard: ['Data migration dry run done.', 'Training environment ready.', 'Interfaces to finance in test.', 'Project plan agreed.'],
  },
  {
    who: ['Kestrel Cloud Services'],
    kind: 'briefing',
    title: 'Azure migration: monthly service review',
    daysAgo: monthly(14, 8),
    heard: ['Landing zone complete.', 'Twelve servers moved.', 'Costs on forecast.', 'Backup design agreed.'],
  },
  {
    who: ['Brightwire Networks'],
    kind: 'email',
    title: 'Network contract: Wi-Fi survey at the depots',
    daysAgo: [190],
    heard: ['Quoted for a survey of both depots.'],
  },
  {
    who: ['Westmere District Council'],
    kind: 'briefing',
    title: 'Shared ICT service: heads of IT meeting',
    daysAgo: monthly(9, 6),
    heard: [
      'Compared service desk volumes.',
      'Agreed to share the out-of-hours rota as a pilot.',
      'Legal options for a shared service.',
      'Westmere’s contracts end at different times.',
    ],
  },
  {
    who: ['Eastwold integrated care board'],
    kind: 'briefing',
    title: 'Shared care record: partners’ workshop',
    daysAgo: [60, 240],
    heard: ['The shared care record needs the case system’s client ids.', 'Information sharing agreement in draft.'],
  },
  {
    who: ['Eastwold Fire and Rescue Service'],
    kind: 'email',
    title: 'Data centre exit: what it means for fire',
    daysAgo: [180],
    heard: ['Fire needs six months’ notice to move its kit.'],
  },
  {
    who: ['Eastwold Council for Voluntary Service'],
    kind: 'briefing',
    title: 'Digital inclusion: charities’ forum',
    daysAgo: [200],
    heard: ['Charities lend devices; they need a list of council services online.'],
  },
  {
    who: ['Eastwold Older People’s Forum'],
    kind: 'briefing',
    title: 'Older people’s forum: the council online',
    daysAgo: [240],
    heard: ['Members worry that phone lines will close as services go online.'],
    feedback: true,
    replies: ['Phone lines stay open; the online forms are an extra way in, and libraries help people use them.'],
  },
  {
    who: ['Eastwold Disability Access Group'],
    kind: 'feedback',
    title: 'Accessibility test of the new council tax forms',
    daysAgo: [38],
    heard: ['The date fields are hard with a screen reader; error messages do not say which field is wrong.'],
    feedback: true,
    replies: [null],
  },
  {
    who: ['Northfield Residents’ Association'],
    kind: 'email',
    title: 'Northfield residents: the website on a phone',
    daysAgo: [19],
    heard: ['The bin collection page needs scrolling sideways on a phone.'],
    feedback: true,
    replies: [null],
  },
  {
    who: [],
    kind: 'feedback',
    title: 'Staff IT survey',
    fromName: 'Staff IT survey (612 responses)',
    daysAgo: [180],
    heard: ['68% satisfied with IT; the biggest complaints are slow laptops and waiting for new starters’ kit.'],
    feedback: true,
    replies: ['Published “You said, we did”: the laptop refresh is brought forward and the starter process changes in the spring.'],
  },
  {
    who: [],
    kind: 'feedback',
    title: 'Service desk pulse survey',
    fromName: 'Pulse survey of staff who raised a ticket',
    daysAgo: [21],
    heard: ['People want to know who is working on their ticket, and to hear when it is waiting for a supplier.'],
    feedback: true,
    replies: [null],
  },
  {
    who: ['Sunita Kaur', 'Grace Adeyemi'],
    kind: 'feedback',
    title: 'Customer services’ feedback on the outage communications',
    daysAgo: [95],
    heard: ['The status page was updated late during the phone system outage; advisers heard from callers first.'],
    feedback: true,
    replies: ['The service desk now updates the status page within 15 minutes of a major incident being declared.'],
  },
];

interface Plan {
  message: string;
  detail: string;
  audience: string;
  channel: Channel;
  owner: Owner;
  frequency: Frequency;
  /** Months before this one that it starts, and the day of the month. */
  startsMonthsAgo: number;
  day: number;
  /** Months after this one that it ends, if it does. */
  endsMonthsOn?: number;
  reach: number;
  feedback?: [text: string, from: string][];
}

const plan: Plan[] = [
  {
    message: 'Where to look when a system is down',
    detail: 'The status page, the portal banner and what the service desk will tell you.',
    audience: 'All staff',
    channel: 'intranet',
    owner: 'serviceDeskManager',
    frequency: 'monthly',
    startsMonthsAgo: 11,
    day: 3,
    reach: 1400,
    feedback: [
      ['Useful. Could the status page link be on the sign-in screen?', 'Customer services adviser'],
      ['I did not know there was a status page until this.', 'Planning officer'],
    ],
  },
  {
    message: 'What changed in IT this week',
    detail: 'Changes made, changes coming and anything staff will notice.',
    audience: 'IT department',
    channel: 'stand-up',
    owner: 'headOfIt',
    frequency: 'weekly',
    startsMonthsAgo: 3,
    day: 5,
    reach: 38,
  },
  {
    message: 'How to report a suspicious email, and what happens next',
    detail: 'The report button, what the security team does with it, and why reporting a mistake early matters.',
    audience: 'All staff',
    channel: 'email',
    owner: 'infrastructureManager',
    frequency: 'quarterly',
    startsMonthsAgo: 11,
    day: 12,
    reach: 2100,
    feedback: [['Thank you for saying it is fine to report your own mistake.', 'Finance officer']],
  },
  {
    message: 'Cyber awareness training: when yours is due and how to book it',
    detail: 'Managers cascade to their teams; the training record shows who is due.',
    audience: 'Managers, for their teams',
    channel: 'cascade',
    owner: 'infrastructureManager',
    frequency: 'quarterly',
    startsMonthsAgo: 10,
    day: 20,
    reach: 180,
  },
  {
    message: 'Moving to Microsoft 365 mailboxes: what you need to do and when',
    detail: 'What moves, what stays, and the one thing to do before your date.',
    audience: 'All staff',
    channel: 'all-staff-briefing',
    owner: 'infrastructureManager',
    frequency: 'one-off',
    startsMonthsAgo: 7,
    day: 9,
    reach: 650,
    feedback: [['Clear, and the recording helped people who could not attend.', 'Dave Hughes, UNISON']],
  },
  {
    message: 'Mailbox moves: your directorate’s date',
    detail: 'Each week, the directorates moving next week and where to get help.',
    audience: 'Managers',
    channel: 'cascade',
    owner: 'serviceDeskManager',
    frequency: 'weekly',
    startsMonthsAgo: 7,
    day: 14,
    endsMonthsOn: -5,
    reach: 160,
  },
  {
    message: 'The new social care case system: the training you will get',
    detail: 'Dates, what each course covers, and the cover arranged while you train.',
    audience: 'Adult social care staff',
    channel: 'team-meeting',
    owner: 'applicationsManager',
    frequency: 'monthly',
    startsMonthsAgo: 4,
    day: 8,
    endsMonthsOn: 5,
    reach: 210,
    feedback: [
      ['Can the training be in the afternoon? Mornings are visits.', 'Social worker, east team'],
      ['Good to know cover is arranged.', 'Tariq Hussain'],
    ],
  },
  {
    message: 'Digital progress: a quarterly note for councillors',
    detail: 'What the programme delivered, what slipped and why, in plain English.',
    audience: 'Elected members',
    channel: 'email',
    owner: 'headOfIt',
    frequency: 'quarterly',
    startsMonthsAgo: 9,
    day: 10,
    reach: 51,
    feedback: [['Shorter than last time and better for it.', 'Cllr Susan Hill']],
  },
  {
    message: 'Getting IT help over Christmas and New Year',
    detail: 'The service desk’s hours, the out-of-hours number and what counts as urgent.',
    audience: 'All staff',
    channel: 'intranet',
    owner: 'serviceDeskManager',
    frequency: 'one-off',
    startsMonthsAgo: 0,
    day: 15,
    reach: 0,
  },
  {
    message: 'Laptop refresh: when your team gets new kit',
    detail: 'The order teams get laptops in, what to back up, and how long the swap takes.',
    audience: 'All staff',
    channel: 'blog',
    owner: 'serviceDeskManager',
    frequency: 'monthly',
    startsMonthsAgo: 3,
    day: 1,
    endsMonthsOn: 3,
    reach: 900,
    feedback: [['Our team is not on the list. Who do we ask?', 'Libraries team leader']],
  },
  {
    message: 'The digital strategy in a page',
    detail: 'What the strategy means for the way staff work and what residents get.',
    audience: 'All staff',
    channel: 'blog',
    owner: 'headOfIt',
    frequency: 'one-off',
    startsMonthsAgo: 10,
    day: 16,
    reach: 1200,
    feedback: [['Finally something I can read in five minutes.', 'Waste and street services officer']],
  },
  {
    message: 'Planned maintenance this month, and what you will notice',
    detail: 'Evenings and weekends when systems are down for work, by system.',
    audience: 'All staff',
    channel: 'intranet',
    owner: 'infrastructureManager',
    frequency: 'monthly',
    startsMonthsAgo: 8,
    day: 2,
    reach: 800,
  },
  {
    message: 'The revenues system upgrade: what it means for callers',
    detail: 'What advisers can and cannot do on the upgrade weekend, and what to tell callers.',
    audience: 'Customer services and revenues staff',
    channel: 'team-meeting',
    owner: 'applicationsManager',
    frequency: 'one-off',
    startsMonthsAgo: 2,
    day: 11,
    reach: 75,
  },
  {
    message: 'IT performance and risks for scrutiny',
    detail: 'The service desk and estate measures, and the top cyber risks, for the committee’s work programme.',
    audience: 'Corporate scrutiny committee',
    channel: 'email',
    owner: 'headOfIt',
    frequency: 'quarterly',
    startsMonthsAgo: 8,
    day: 18,
    reach: 12,
  },
  {
    message: 'Ask IT anything: an open session for staff',
    detail: 'Half an hour online with the Head of IT and Digital; questions sent in beforehand or live.',
    audience: 'All staff',
    channel: 'all-staff-briefing',
    owner: 'headOfIt',
    frequency: 'quarterly',
    startsMonthsAgo: 10,
    day: 22,
    reach: 240,
    feedback: [
      ['Please record it for people on shifts.', 'Waste and street services officer'],
      ['More time for live questions next time.', 'Social worker'],
    ],
  },
  {
    message: 'Wi-Fi in the libraries and depots: where it is and how to connect',
    detail: 'Which buildings have staff Wi-Fi now and which are next.',
    audience: 'Frontline staff',
    channel: 'cascade',
    owner: 'infrastructureManager',
    frequency: 'one-off',
    startsMonthsAgo: 1,
    day: 6,
    reach: 300,
  },
];

/** A small pseudo-random sequence, so the demo is the same each time. */
function sequence(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** A weekday on or before the day `n` days ago. */
function weekdayAgo(now: string, n: number) {
  let d = addDays(now, -n);
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
  if (dow === 6) d = addDays(d, -1);
  if (dow === 0) d = addDays(d, -2);
  return d;
}

export async function loadStakeholdersDemo(ctx: DemoContext) {
  const { db, organisationId: org } = ctx;
  const person = (key: Owner) => (key === null ? null : (own(ctx.people, key) ?? null));
  const actor: Actor = { personId: person('headOfIt'), label: 'demo loader', organisationId: org };
  const now = today();
  const random = sequence(27);

  const accountEmailOf = async (key: string | undefined) => {
    const id = key === undefined ? undefined : own(ctx.people, key);
    return id === undefined ? '' : ((await q.emailOfPerson(db, id))?.email ?? '');
  };
  const ids = new Map<string, number>();
  for (const [name, kind, role, influence, interest, owner, sentiment, view, account] of register) {
    const id = await addStakeholder(db, actor, org, {
      name,
      kind,
      role,
      influence,
      interest,
      ownerId: person(owner),
      accountEmail: await accountEmailOf(account),
      view: view ? `Demo: ${view}` : '',
      sentiment,
      email: '',
      phone: '',
    });
    ids.set(name, id);
  }

  let n = 0;
  for (const t of threads) {
    for (const [i, ago] of t.daysAgo.entries()) {
      if (ago > 365) continue;
      const heldOn = weekdayAgo(now, ago);
      const followUp = t.followUps?.[i];
      const id = await recordEngagement(db, actor, org, {
        kind: t.kind,
        heldOn,
        title: t.title,
        stakeholders: t.who.map((w) => {
          const found = ids.get(w);
          if (found === undefined) throw new Error(`The demo names ${w}, who is not in its register`);
          return found;
        }),
        heard: `Demo: ${t.heard[i % t.heard.length]}`,
        carriesFeedback: Boolean(t.feedback),
        fromName: t.fromName ?? '',
        followUp: followUp?.[0] ?? '',
        followUpOwner: followUp ? person(followUp[1]) : null,
        followUpDue: followUp ? addDays(heldOn, Math.abs(followUp[2])) : null,
      });
      // Follow-ups long due are mostly done; a few are left overdue, as in life.
      if (followUp) {
        const due = addDays(heldOn, Math.abs(followUp[2]));
        if (due < addDays(now, -7) && followUp[2] > 0 && n++ % 4 !== 3) {
          const [f] = await q.followUpsOf(db, org, [id]);
          await completeFollowUp(db, actor, org, id, Number(f!.id), addDays(due, -Math.floor(random() * 5)));
        }
      }
      const reply = t.replies?.[i];
      if (reply) await replyToFeedback(db, actor, org, id, `Demo: ${reply}`, addDays(heldOn, 6) < now ? addDays(heldOn, 6) : now);
    }
  }

  const thisMonth = monthOf(now);
  for (const p of plan) {
    const startMonth = shiftMonth(thisMonth, -p.startsMonthsAgo);
    let startsOn = `${startMonth}-${String(p.day).padStart(2, '0')}`;
    // A weekly message goes out on a working day: one that would start at a weekend starts the Monday after.
    const weekday = new Date(`${startsOn}T00:00:00Z`).getUTCDay();
    if (p.frequency === 'weekly' && (weekday === 0 || weekday === 6)) startsOn = addDays(startsOn, weekday === 6 ? 2 : 1);
    const endsOn = p.endsMonthsOn === undefined ? null : `${shiftMonth(thisMonth, p.endsMonthsOn)}-${String(Math.min(p.day + 7, 28)).padStart(2, '0')}`;
    const id = await addCommunication(db, actor, org, {
      message: p.message,
      detail: `Demo: ${p.detail}`,
      audience: p.audience,
      channel: p.channel,
      ownerId: person(p.owner),
      frequency: p.frequency,
      startsOn,
      endsOn,
    });
    // What went out: each planned day that has come, but now and then one was missed.
    const sent: number[] = [];
    for (let m = startMonth; m <= thisMonth; m = shiftMonth(m, 1))
      for (const on of occurrencesIn(m, { frequency: p.frequency, startsOn, endsOn: p.frequency === 'one-off' ? null : endsOn })) {
        if (on > now || random() < 0.12) continue;
        const reach = Math.round(p.reach * (0.75 + random() * 0.4));
        sent.push(await recordSend(db, actor, org, id, { sentOn: on, channel: p.channel, note: '', reach }));
      }
    for (const [i, [text, from]] of (p.feedback ?? []).entries()) {
      if (!sent.length) break;
      const sendId = sent[Math.min(i, sent.length - 1)]!;
      const send = await q.sendById(db, org, sendId);
      const receivedOn = addDays(String(send!.sent_on).slice(0, 10), 2) <= now ? addDays(String(send!.sent_on).slice(0, 10), 2) : now;
      await recordCommsFeedback(db, actor, org, id, { feedback: `Demo: ${text}`, fromName: from, receivedOn, sendId });
    }
  }
}
