import { checkFile, own, type DemoContext, type NamedRecord } from '../../platform/index.js';
import { riskLinkable } from '../cyber/index.js';
import { estateLinkables } from '../estate/index.js';
import { projectIdsByReference } from '../strategy/index.js';
import {
  addAction,
  addAgendaItem,
  addBoard,
  addMeeting,
  addMember,
  addPaper,
  completeAction,
  memberLeaves,
  linkDecision,
  recordAttendance,
  recordDecision,
  saveMinutes,
  signOffMinutes,
  today,
} from './service.js';
import * as q from './queries.js';

// Demo text, in Steward's own words: a fictional council's digital board and design authority.
const digitalBoardTerms = `Demo terms of reference.

**Purpose.** The digital board agrees Eastwold Council's digital strategy and roadmap, makes sure they serve the corporate plan, and holds the council to account for delivering them.

**It decides** the order of the roadmap, business cases for digital and technology investment up to £500,000 (larger ones go to Cabinet with its recommendation), and standards that every directorate follows.

**It hears** each month: projects at red or amber, the service desk and estate measures, the top technology risks, and contracts needing a decision.

**Members** are the chair (the cabinet member for resources), a director from each directorate, the Head of Finance, the Head of IT and Digital, the data protection officer, and internal audit as an adviser. A trade union representative attends as an observer. It is quorate with four members, two of them directors.

**Reporting.** Its public decisions are published on the council's digital progress page; its minutes go to the corporate leadership team.`;

const designAuthorityTerms = `Demo terms of reference.

The technical design authority keeps the council's technology standards and checks every new system and major change against them before money is committed: hosting, identity, integration, data and security. It meets fortnightly, and any project may bring a design to it with a week's notice.`;

type Seat = [name: string, role: string, represents: string, person?: string];
const digitalBoard: Seat[] = [
  ['Cllr Susan Hill', 'Chair', 'Cabinet member for resources', 'councillor'],
  ['Anita Desai', 'Vice-chair', 'Director of Resources'],
  ['Helen Ward', 'Member', 'Director of Adult Social Care'],
  ['Michael Rowe', 'Member', 'Director of Children’s Services'],
  ['James Lloyd', 'Member', 'Director of Place'],
  ['Owen Morgan', 'Member', 'Head of Finance'],
  ['Priya Shah', 'Lead officer', 'Head of IT and Digital', 'headOfIt'],
  ['Claire Booth', 'Member', 'Information governance manager and data protection officer'],
  ['Paul Carter', 'Adviser', 'Internal audit', 'auditor'],
  ['Dave Hughes', 'Observer', 'UNISON branch secretary'],
];
const designAuthority: Seat[] = [
  ['Helen Walsh', 'Chair', 'Infrastructure and security', 'infrastructureManager'],
  ['Raj Patel', 'Member', 'Applications', 'applicationsManager'],
  ['Dan Price', 'Member', 'Infrastructure engineering', 'agentDan'],
  ['Tom Okafor', 'Member', 'Service desk', 'serviceDeskManager'],
  ['Claire Booth', 'Adviser', 'Information governance'],
];

interface DecisionSeed {
  title: string;
  options: string;
  rationale: string;
  public: boolean;
  about: [kind: 'project' | 'system' | 'risk', words: string][];
  actions: [title: string, owner: string, weeks: number][];
}
/** The digital board's decisions, the oldest meeting first; each entry is one meeting's decisions. */
const boardDecisions: DecisionSeed[][] = [
  [
    {
      title: 'Recommend the digital strategy 2025 to 2028 to Cabinet',
      options: '- Recommend it as drafted\n- Recommend it with a shorter, two-year roadmap\n- Defer for more engagement with services',
      rationale: 'Directors and the staff survey shaped the draft over the summer; a three-year roadmap matches the medium-term financial plan.',
      public: true,
      about: [],
      actions: [['Take the strategy to Cabinet with the board’s recommendation', 'Anita Desai', 4]],
    },
  ],
  [
    {
      title: 'Host the council’s systems in Microsoft Azure rather than refresh the data centre',
      options:
        '- Refresh the SAN and virtualisation clusters on site (about £1.1m over five years)\n- Move to a colocation data centre\n- Move to Azure, system by system, over three years',
      rationale:
        'The on-site kit is out of support in 2027; Azure avoids a second refresh, gives recovery in another region, and the council already holds Microsoft 365 licences.',
      public: true,
      about: [
        ['project', 'Move to Azure'],
        ['project', 'Close the Eastwold House data centre'],
      ],
      actions: [
        ['Bring the Azure landing zone design to the technical design authority', 'helen.walsh', 3],
        ['Report the first year’s Azure running costs against the business case', 'priya.shah', 26],
      ],
    },
  ],
  [
    {
      title: 'Replace adult social care case management through a framework call-off',
      options: '- Upgrade the current system in place\n- Run a full open procurement\n- Call off from a national framework after a supplier demonstration day',
      rationale:
        'The current supplier ends support for this version; a framework call-off saves about five months, and social workers will score the demonstrations.',
      public: true,
      about: [['project', 'Replace adult social care case management']],
      actions: [
        ['Arrange the supplier demonstration day with social workers scoring', 'raj.patel', 6],
        ['Name a senior social worker as product owner', 'Helen Ward', 4],
      ],
    },
  ],
  [
    {
      title: 'Build the new council website on LocalGov Drupal',
      options: '- Stay on the current content management system\n- Buy a proprietary platform\n- Join the LocalGov Drupal community',
      rationale: 'Other councils already share the components; no licence cost; the content team can be trained in-house.',
      public: true,
      about: [['project', 'New council website on LocalGov Drupal']],
      actions: [['Publish the content audit of the current website', 'Rebecca Lane, web manager', 8]],
    },
  ],
  [
    {
      title: 'Fund the Windows 11 laptop replacement from the capital programme',
      options: '- Replace every laptop at once\n- Replace over two years, oldest first, reusing the rest',
      rationale: 'Spreading the cost over two years fits the capital programme, and reusing laptops that can run Windows 11 supports the carbon objective.',
      public: true,
      about: [['project', 'Windows 11 for every laptop']],
      actions: [['Confirm the capital profile with finance', 'Owen Morgan', 4]],
    },
  ],
  [
    {
      title: 'Work towards Cyber Essentials Plus for the whole estate',
      options: '- Certify a ring-fenced part of the network\n- Certify the whole estate',
      rationale: 'Partners and the PSN ask for it; certifying the whole estate avoids a second, shadow network.',
      public: false,
      about: [
        ['project', 'Cyber Essentials Plus certification'],
        ['risk', 'Ransomware attack encrypts council systems and backups'],
      ],
      actions: [['Close the unsupported servers found by the readiness check', 'helen.walsh', 12]],
    },
  ],
  [
    {
      title: 'Extend the revenues and benefits contract by two years while it is re-procured',
      options: '- Let the contract end and run a quick procurement\n- Use the two-year extension in the contract',
      rationale: 'A quick procurement risks annual billing; the extension costs 3% more a year and keeps billing safe while the market is tested.',
      public: false,
      about: [['project', 'Revenues and benefits system re-procurement']],
      actions: [['Send the extension notice before the notice deadline', 'raj.patel', 2]],
    },
  ],
  [
    {
      title: 'Stop the separate licensing system replacement and add licensing to the planning procurement',
      options: '- Replace licensing on its own\n- Add licensing to the planning and building control procurement',
      rationale: 'Both suppliers on the shortlist cover licensing; one system means one contract and one address gazetteer link.',
      public: true,
      about: [
        ['project', 'Licensing system replacement'],
        ['project', 'Replace the planning and building control system'],
      ],
      actions: [['Tell licensing staff what the change means for them', 'James Lloyd', 3]],
    },
  ],
  [
    {
      title: 'Take on two digital apprentices a year from September',
      options: '- One a year\n- Two a year, one infrastructure, one data',
      rationale: 'Vacancies in infrastructure have stayed open for over a year; growing our own is cheaper than interims.',
      public: true,
      about: [['project', 'Two digital apprentices a year']],
      actions: [['Agree the apprenticeship standard and the training provider with HR', 'priya.shah', 6]],
    },
  ],
  [
    {
      title: 'Approve the business case for contact centre telephony in the cloud',
      options: '- Renew the on-site telephony for five years\n- Move to a cloud contact centre',
      rationale: 'The current system is at end of support next year; the cloud service adds call-backs and webchat for the same running cost.',
      public: true,
      about: [['project', 'Contact centre telephony into the cloud']],
      actions: [
        ['Bring the telephony design to the technical design authority', 'raj.patel', 2],
        ['Plan the switch-over around the council tax billing peak', 'tom.okafor', 10],
      ],
    },
  ],
  [
    {
      title: 'Publish a report of digital progress every quarter',
      options: '- Report to the board only\n- Publish a quarterly progress page for residents and staff',
      rationale: 'The strategy promises openness; the figures already come from Steward, so a public page costs little.',
      public: true,
      about: [],
      actions: [['Draft the first quarterly progress page for the board to see', 'priya.shah', 5]],
    },
  ],
  [
    {
      title: 'Hold the adult social care go-live until the data clean-up is signed off',
      options: '- Go live on the planned date and clean the data afterwards\n- Hold go-live until the clean-up is signed off',
      rationale: 'Migrating duplicate client records would put safeguarding information in two places; the delay is about six weeks.',
      public: true,
      about: [
        ['project', 'Replace adult social care case management'],
        ['project', 'Adult social care data clean-up'],
      ],
      actions: [
        ['Bring a revised go-live plan to the next meeting', 'raj.patel', 3],
        ['Report the number of duplicate client records left each fortnight', 'Helen Ward', 2],
      ],
    },
  ],
];

const standardAgenda: [string, string][] = [
  ['Minutes and actions of the last meeting', 'Chair'],
  ['The roadmap: projects at red and amber', 'Head of IT and Digital'],
  ['Measures: the service desk, the estate and cyber', 'Head of IT and Digital'],
];
const designDecisions: [string, string, [kind: 'system' | 'project', words: string][]][] = [
  [
    'New systems sign in with the council’s Microsoft Entra ID',
    'One identity means leavers lose every account at once; suppliers on the shortlists all support it.',
    [],
  ],
  [
    'New systems are hosted in Azure UK South, with UK West for recovery',
    'Follows the digital board’s hosting decision; both regions keep data in the UK.',
    [['project', 'Move to Azure']],
  ],
  [
    'Retire the remaining Windows Server 2012 R2 servers by the end of March',
    'They are out of support and block Cyber Essentials Plus; each has a named owner and a plan.',
    [['project', 'Cyber Essentials Plus certification']],
  ],
];

/** The Tuesday in the second week of a month, as the board meets. */
function secondTuesday(year: number, month: number) {
  const first = new Date(Date.UTC(year, month, 1));
  const offset = (2 - first.getUTCDay() + 7) % 7;
  return new Date(Date.UTC(year, month, 1 + offset + 7)).toISOString().slice(0, 10);
}
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function loadBoardsDemo(ctx: DemoContext) {
  const { db, organisationId: org } = ctx;
  const person = (key: string) => own(ctx.people, key) ?? null;
  const actor = { personId: person('headOfIt'), label: 'demo loader', organisationId: org };
  const chair = { personId: person('councillor'), label: 'demo loader', organisationId: org };
  const now = today();
  const projects = await projectIdsByReference(db, org);
  const projectNamed = new Map([...projects.values()].map((p) => [p.title, p]));
  const systems = estateLinkables.find((k) => k.kind === 'system');
  const find = async (kind: 'project' | 'system' | 'risk', words: string): Promise<NamedRecord | null> => {
    if (kind === 'project') {
      const p = projectNamed.get(words);
      return p ? { id: p.id, title: p.title, href: '' } : null;
    }
    return kind === 'risk' ? riskLinkable.find(db, org, words) : (systems?.find(db, org, words) ?? null);
  };
  const staffKeys: Record<string, string> = {
    'priya.shah': 'headOfIt',
    'helen.walsh': 'infrastructureManager',
    'raj.patel': 'applicationsManager',
    'tom.okafor': 'serviceDeskManager',
  };
  const emails = async (handle: string) => {
    const key = own(staffKeys, handle);
    const email = key ? await q.emailOfPerson(db, person(key)) : null;
    return email ? { ownerEmail: email, ownerName: '' } : { ownerEmail: '', ownerName: handle };
  };

  const seat = async (boardId: number, seats: Seat[]) => {
    const ids: number[] = [];
    for (const [name, role, represents, key] of seats) {
      const email = key ? await q.emailOfPerson(db, person(key)) : '';
      ids.push(await addMember(db, actor, org, boardId, { name, role, represents, email: email ?? '' }));
    }
    return ids;
  };

  // The digital board: a year of monthly meetings, and the next one arranged.
  const boardId = await addBoard(db, actor, org, { name: 'Digital board', purpose: digitalBoardTerms, meets: 'Monthly, second Tuesday, 14:00' });
  const members = await seat(boardId, digitalBoard);
  const formerId = await addMember(db, actor, org, boardId, { name: 'Cllr Peter Grant', role: 'Member', represents: 'Scrutiny committee', email: '' });
  // A councillor who left the board when the scrutiny committee changed its membership.
  const leftOn = addDays(now, -150);
  await memberLeaves(db, actor, org, boardId, formerId, leftOn);
  const thisMonth = new Date(`${now}T00:00:00Z`);
  const days: string[] = [];
  for (let k = -12; k <= 1; k++) days.push(secondTuesday(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() + k));
  const held = days.filter((d) => d <= now);
  const meetings: number[] = [];
  for (const [i, heldOn] of days.entries()) {
    const id = await addMeeting(db, actor, org, boardId, {
      heldOn,
      startsAt: '14:00',
      place: i % 3 === 2 ? 'Microsoft Teams' : 'Committee room 2, Eastwold House',
    });
    meetings.push(id);
    const decisions = held.includes(heldOn) ? (boardDecisions[boardDecisions.length - held.length + i] ?? []) : [];
    for (const [title, presenter] of standardAgenda) await addAgendaItem(db, actor, org, id, { title, presenter });
    for (const d of decisions)
      await addAgendaItem(db, actor, org, id, {
        title: `For decision: ${d.title.charAt(0).toLowerCase()}${d.title.slice(1)}`,
        presenter: 'Head of IT and Digital',
      });
    if (i % 4 === 1 || heldOn > now) {
      const title = heldOn > now ? 'Roadmap and measures report' : 'Quarterly digital progress report';
      const text = `Demo paper: ${title}, ${heldOn}.\n\nProjects at red: see the roadmap in Steward. Measures: see the KPI page. This file stands in for the council's own paper.\n`;
      await addPaper(
        db,
        actor,
        org,
        id,
        title,
        await checkFile({ filename: `${title.toLowerCase().replace(/[^a-z]+/g, '-')}-${heldOn}.txt`, data: Buffer.from(text) }, 1e6),
      );
    }
    if (heldOn > now) continue;
    const away = [(i * 3) % members.length, (i * 5 + 2) % members.length].filter((n) => n !== 0);
    const gone = heldOn >= leftOn;
    await recordAttendance(db, actor, org, id, {
      present: [...members.filter((_, n) => !away.includes(n)), ...(gone ? [] : [formerId])],
      apologies: members.filter((_, n) => away.includes(n)).slice(0, 1),
    });
    const minutes = [
      `# Digital board, ${heldOn}`,
      '',
      'Demo minutes.',
      '',
      '## 1. Minutes and actions of the last meeting',
      'The minutes were agreed as a true record. Actions were reviewed; those not done were carried forward.',
      '',
      '## 2. The roadmap',
      i % 2 ? 'The board asked for a recovery plan for each red project by the next meeting.' : 'The board noted the projects at amber and the reasons given.',
      '',
      '## 3. Measures',
      'The board noted the service desk, estate and cyber measures, and asked that resident-facing measures come first.',
      ...decisions.flatMap((d, n) => ['', `## ${4 + n}. ${d.title}`, `Decided: ${d.title.charAt(0).toLowerCase()}${d.title.slice(1)}. ${d.rationale}`]),
    ].join('\n');
    await saveMinutes(db, actor, org, id, minutes);
    for (const d of decisions) {
      const { id: decisionId } = await recordDecision(db, actor, org, boardId, id, {
        title: d.title,
        options: d.options,
        rationale: d.rationale,
        decidedBy: 'Digital board',
        decidedOn: heldOn,
        public: d.public,
      });
      for (const [kind, words] of d.about) {
        const found = await find(kind, words);
        if (found) await linkDecision(db, actor, org, decisionId, kind, found);
      }
      for (const [n, [title, owner, weeks]] of d.actions.entries()) {
        const dueOn = addDays(heldOn, weeks * 7);
        const actionId = await addAction(db, actor, org, boardId, { meetingId: id, decisionId }, { title, ...(await emails(owner)), dueOn });
        // Most actions are done a little before they are due; a few of the older ones are late and still open.
        const late = (i + n) % 5 === 3;
        const doneOn = addDays(dueOn, -((i + n) % 4));
        if (!late && doneOn <= addDays(now, -2)) await completeAction(db, chair, org, actionId, 'Reported to the board.', doneOn);
      }
    }
  }
  // Minutes are signed off at the next meeting, by the chair.
  for (const i of held.keys()) {
    const next = held[i + 1];
    if (next) await signOffMinutes(db, chair, org, meetings[i]!, 'Cllr Susan Hill', next);
  }
  const last = held.at(-1);
  if (last) {
    await recordDecision(db, actor, org, boardId, null, {
      title: 'Buy extra backup storage now rather than wait for the Azure move',
      options: '- Wait for the Azure backup service in the spring\n- Buy immutable backup storage on site now',
      rationale: 'The ransomware risk is outside appetite; the storage can be reused for the archive once backups move to Azure.',
      decidedBy: 'Anita Desai, Director of Resources, under delegation from the digital board',
      decidedOn: addDays(last, 6) <= now ? addDays(last, 6) : last,
      public: false,
    });
  }

  // The technical design authority: fortnightly, the last two months.
  const tdaId = await addBoard(db, actor, org, { name: 'Technical design authority', purpose: designAuthorityTerms, meets: 'Fortnightly, Thursday, 10:00' });
  const tdaMembers = await seat(tdaId, designAuthority);
  const lastThursday = addDays(now, -((new Date(`${now}T00:00:00Z`).getUTCDay() + 3) % 7));
  const tdaMeetings: [number, string][] = [];
  for (let k = 4; k >= 0; k--) {
    const heldOn = addDays(lastThursday, -k * 14);
    const id = await addMeeting(db, actor, org, tdaId, { heldOn, startsAt: '10:00', place: 'Microsoft Teams' });
    tdaMeetings.push([id, heldOn]);
    await addAgendaItem(db, actor, org, id, { title: 'Designs brought for review', presenter: 'Chair' });
    await recordAttendance(db, actor, org, id, { present: tdaMembers.filter((_, n) => n !== k % tdaMembers.length), apologies: [] });
    const seed = designDecisions[4 - k];
    await saveMinutes(db, actor, org, id, `Demo minutes.\n\n- Designs reviewed: ${seed ? seed[0] : 'none brought this time'}.\n- Standards: no change.`);
    if (seed) {
      const { id: decisionId } = await recordDecision(db, actor, org, tdaId, id, {
        title: seed[0],
        options: '',
        rationale: seed[1],
        decidedBy: 'Technical design authority',
        decidedOn: heldOn,
        public: false,
      });
      for (const [kind, words] of seed[2]) {
        const found = await find(kind, words);
        if (found) await linkDecision(db, actor, org, decisionId, kind, found);
      }
    }
  }
  for (const [n, [id]] of tdaMeetings.entries()) {
    const next = tdaMeetings[n + 1];
    if (next) await signOffMinutes(db, { ...actor, personId: person('infrastructureManager') }, org, id, 'Helen Walsh', next[1]);
  }
  await addMeeting(db, actor, org, tdaId, { heldOn: addDays(lastThursday, 14), startsAt: '10:00', place: 'Microsoft Teams' });
}
