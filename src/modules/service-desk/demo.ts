import { loadMailInDemo } from './mail-in/demo.js';
import { dict, own, serviceAreasOf, type Actor, type DemoContext } from '../../platform/index.js';
import { addTeamMember, createTeam } from '../teams/index.js';
import { createCategory, createRequestType, createService } from './catalogue/service.js';
import type { FormField } from './catalogue/fields.js';
import { deskSettings } from './sla/service.js';
import { addComment, assignTicket, changeStatus, createTicket } from './tickets/service.js';
import { resolutionCodes } from './tickets/rules.js';
import { createArticle } from './knowledge/service.js';
import { loadCannedReplyDemo } from './replies/demo.js';
import { rateTicket } from './tickets/ratings.js';

/** A small, repeatable random source, so the demo council is the same every time. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const teams = [
  { key: 'desk', name: 'Service desk', description: 'First line: takes every call and ticket, fixes what it can' },
  { key: 'infra', name: 'Infrastructure', description: 'Network, servers, end-user devices, telephony' },
  { key: 'apps', name: 'Applications', description: 'Line-of-business systems and their suppliers' },
  { key: 'security', name: 'Cyber security', description: 'Security operations, access and vulnerabilities' },
];

const services: { name: string; team: string; description: string; problems: string[] }[] = [
  {
    name: 'Accounts and passwords',
    team: 'desk',
    description: 'Sign-in, password resets, multi-factor authentication, new starters and leavers',
    problems: ['Locked out of my account', 'MFA code not arriving on my phone', 'Password reset not working'],
  },
  {
    name: 'Microsoft 365',
    team: 'desk',
    description: 'Email, Teams, OneDrive, SharePoint and Office apps',
    problems: ['Outlook keeps asking for my password', 'Cannot join Teams meetings', 'Shared mailbox missing from Outlook', 'OneDrive not syncing'],
  },
  {
    name: 'Laptops and devices',
    team: 'infra',
    description: 'Laptops, monitors, docking stations, mobile phones and headsets',
    problems: ['Laptop will not start', 'Docking station not detecting monitors', 'Laptop very slow since update', 'Phone screen cracked'],
  },
  {
    name: 'Network and Wi-Fi',
    team: 'infra',
    description: 'Office network, Wi-Fi at council sites and the guest Wi-Fi',
    problems: ['Wi-Fi drops in the council chamber', 'No network at the depot', 'Guest Wi-Fi not loading'],
  },
  {
    name: 'Remote access',
    team: 'infra',
    description: 'Working from home and on the move: VPN and remote desktop',
    problems: ['VPN will not connect from home', 'Remote desktop disconnects every few minutes'],
  },
  {
    name: 'Printing',
    team: 'desk',
    description: 'Multi-function printers, scanning and print release',
    problems: ['Printer on floor 2 jammed', 'Scan to email not working', 'Print release badge not recognised'],
  },
  {
    name: 'Telephony and contact centre',
    team: 'infra',
    description: 'Desk phones, Teams calling and the contact centre system',
    problems: ['Contact centre queue not routing calls', 'No dial tone on desk phone', 'Call recordings missing'],
  },
  {
    name: 'Revenues and benefits',
    team: 'apps',
    description: 'Council tax, business rates and housing benefit system',
    problems: ['Council tax bills batch failed overnight', 'Benefits calculation screen errors', 'Direct debit file rejected by bank'],
  },
  {
    name: 'Adult social care case management',
    team: 'apps',
    description: 'Case records, assessments and care packages for adult social care',
    problems: ['Cannot save assessment form', 'Care package costs not showing', 'Case notes slow to open'],
  },
  {
    name: 'Children’s social care case management',
    team: 'apps',
    description: 'Case records and workflows for children’s services',
    problems: ['Referral form will not submit', 'Chronology report times out'],
  },
  {
    name: 'Planning and building control',
    team: 'apps',
    description: 'Planning applications, the public planning register and building control',
    problems: ['Planning portal documents not importing', 'Public register search returns nothing', 'Consultation letters not generating'],
  },
  {
    name: 'Waste and street services',
    team: 'apps',
    description: 'Bin rounds, missed collections, street cleansing and in-cab devices',
    problems: ['In-cab tablets not receiving rounds', 'Missed bin reports not reaching crews', 'Garden waste subscriptions not renewing'],
  },
  {
    name: 'Libraries',
    team: 'apps',
    description: 'Library management system, public computers and self-service kiosks',
    problems: ['Self-service kiosk offline at Central Library', 'Public PCs not booking'],
  },
  {
    name: 'Payroll and HR',
    team: 'apps',
    description: 'The HR and payroll system, expenses and self-service',
    problems: ['Payslips not visible in self-service', 'Expenses claim stuck awaiting approval'],
  },
  {
    name: 'Finance',
    team: 'apps',
    description: 'The finance system: purchase orders, invoices and budget reports',
    problems: ['Purchase order approval emails not sent', 'Budget report shows last month’s figures'],
  },
  {
    name: 'Council website',
    team: 'apps',
    description: 'The public website and its online forms',
    problems: ['Online form payment page error', 'Website search not finding pages'],
  },
  {
    name: 'GIS and mapping',
    team: 'apps',
    description: 'Corporate GIS, the local land and property gazetteer, map layers',
    problems: ['Map layers not loading', 'Gazetteer update failed'],
  },
  {
    name: 'Customer relationship management',
    team: 'apps',
    description: 'The CRM used by the contact centre and online services',
    problems: ['CRM case not linked to resident', 'Duplicate resident records'],
  },
  {
    name: 'Housing management',
    team: 'apps',
    description: 'Tenancies, repairs and rents for council housing',
    problems: ['Repairs orders not reaching contractor', 'Rent statements incorrect'],
  },
  {
    name: 'Data and reporting',
    team: 'apps',
    description: 'The data warehouse and Power BI reports',
    problems: ['Power BI dashboard not refreshing', 'Warehouse load failed overnight'],
  },
];

const categories = ['Hardware', 'Software', 'Access and passwords', 'Network', 'Email and collaboration', 'Telephony', 'Printing', 'Data and reporting'];

/** The category a service's incidents are filed under: the council's business systems are software. */
function categoryOf(service: string): string {
  const byService: Record<string, string> = {
    'Accounts and passwords': 'Access and passwords',
    'Microsoft 365': 'Email and collaboration',
    'Laptops and devices': 'Hardware',
    'Network and Wi-Fi': 'Network',
    'Remote access': 'Network',
    Printing: 'Printing',
    'Data and reporting': 'Data and reporting',
    'Telephony and contact centre': 'Telephony',
  };
  return own(byService, service) ?? 'Software';
}

// How staff go on after the first line of a problem: not every ticket started this morning.
const incidentWords = [
  'It started this morning and affects my work with residents.',
  'It has happened three times this week and restarting does not help.',
  'Several of us in the team have had the same since yesterday afternoon.',
  'I have a deadline this afternoon, so a quick look would be a great help.',
  'I am working from home today, if that makes a difference.',
  'It was fine on Friday; nothing has changed on my side that I know of.',
  'I have attached nothing yet but can send a screenshot if it helps.',
];
const requestWords = [
  'Thank you. My manager has agreed this.',
  'Please let me know if you need anything else from me.',
  'As discussed with the team leader last week.',
  '',
];
const demoNames = ['Aisha Khan', 'Tom Reeves', 'Chloe Martin', 'Daniel Osei', 'Hannah Price', 'Liam Walsh', 'Sophie Turner', 'Ravi Sharma'];

/** Answers a member of staff would give on a request form, so the demo's requests read like real ones. */
function demoAnswers(fields: FormField[], pick: <T>(list: readonly T[]) => T, day: Date): Record<string, string> {
  const answers = dict<string>();
  const inAWeek = new Date(day.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  for (const f of fields) {
    if (f.type === 'choice' && f.options?.length) answers[f.key] = pick(f.options);
    else if (f.type === 'yes-no') answers[f.key] = pick(['yes', 'no']);
    else if (f.type === 'date') answers[f.key] = inAWeek;
    else if (f.key === 'address') answers[f.key] = pick(['planning.enquiries', 'licensing.team', 'elections.office', 'housing.repairs']);
    else if (f.key === 'printer') answers[f.key] = pick(['Civic Centre floor 2, by the lifts', 'Depot office', 'Central Library reception']);
    else if (f.key === 'members' || f.key === 'mailbox') answers[f.key] = `${pick(demoNames)} and ${pick(demoNames)}`;
    else if (/name/i.test(f.key) || /name/i.test(f.label)) answers[f.key] = pick(demoNames);
    else if (/job/i.test(f.key)) answers[f.key] = pick(['Social worker', 'Planning officer', 'Revenues officer', 'Customer services adviser']);
    else
      answers[f.key] = pick(['For the new team structure from next month', 'Mine stopped working after the office move', 'To cover the contact centre rota']);
  }
  return answers;
}

const requestTypes: { service: string; name: string; description: string; fields: FormField[] }[] = [
  {
    service: 'Accounts and passwords',
    name: 'Set up a new starter',
    description: 'An account, email and equipment for someone joining the council. Ask at least 5 working days before they start.',
    fields: [
      { key: 'name', label: 'New starter’s full name', type: 'text', required: true },
      { key: 'start-date', label: 'Start date', type: 'date', required: true },
      { key: 'job-title', label: 'Job title', type: 'text', required: true },
      {
        key: 'equipment',
        label: 'Equipment needed',
        type: 'choice',
        required: true,
        options: ['Laptop and headset', 'Laptop, headset and monitor', 'None: they share a device'],
      },
      { key: 'mobile', label: 'Do they need a mobile phone?', type: 'yes-no', required: true },
    ],
  },
  {
    service: 'Accounts and passwords',
    name: 'Tell us about a leaver',
    description: 'We disable accounts on the leaving date and collect equipment.',
    fields: [
      { key: 'name', label: 'Leaver’s full name', type: 'text', required: true },
      { key: 'leaving-date', label: 'Last working day', type: 'date', required: true },
      { key: 'mailbox', label: 'Who should have access to their mailbox?', type: 'text', required: false },
    ],
  },
  {
    service: 'Laptops and devices',
    name: 'Ask for equipment',
    description: 'A monitor, docking station, headset or replacement laptop.',
    fields: [
      {
        key: 'item',
        label: 'What do you need?',
        type: 'choice',
        required: true,
        options: ['Monitor', 'Docking station', 'Headset', 'Keyboard and mouse', 'Replacement laptop'],
      },
      { key: 'reason', label: 'Why do you need it?', type: 'long-text', required: true },
    ],
  },
  {
    service: 'Microsoft 365',
    name: 'Ask for a shared mailbox',
    description: 'A shared mailbox for a team, with the people who should see it.',
    fields: [
      { key: 'address', label: 'Mailbox address you would like', type: 'text', required: true, hint: 'For example planning.enquiries' },
      { key: 'members', label: 'Who needs access?', type: 'long-text', required: true },
    ],
  },
  {
    service: 'Printing',
    name: 'Order printer toner',
    description: 'Toner for a multi-function printer.',
    fields: [{ key: 'printer', label: 'Printer name or location', type: 'text', required: true }],
  },
];

const replies = [
  'Thanks for reporting this. I am looking into it now.',
  'Could you send a screenshot of the error message, please?',
  'We have applied a fix. Please try again and let us know.',
  'The supplier has confirmed a known issue and is working on a patch.',
];

/** Eastwold's service desk: teams, 20 services, request forms and about 18 months of tickets, all through the product's own functions. */
export async function loadServiceDeskDemo(ctx: DemoContext) {
  const { db, organisationId: org, actor, people } = ctx;
  await deskSettings(db, actor, org);
  const teamIds = dict<number>();
  for (const t of teams) teamIds[t.key] = await createTeam(db, actor, org, t.name, t.description);
  const membership: [string, string[]][] = [
    ['desk', ['agentSam', 'agentAisha', 'serviceDeskManager']],
    ['infra', ['agentDan', 'infrastructureManager']],
    ['apps', ['agentMegan', 'applicationsManager']],
    ['security', ['infrastructureManager', 'agentDan']],
  ];
  for (const [team, keys] of membership) for (const k of keys) await addTeamMember(db, actor, org, teamIds[team]!, people[k]!);
  await loadCannedReplyDemo(ctx, teamIds, people.agentSam!);

  const serviceIds = dict<number>();
  // Each service belongs to a part of the council (the platform's list of service areas).
  const areas = new Map((await serviceAreasOf(db, org)).map((a) => [a.name, Number(a.id)]));
  const areaOf: Record<string, string> = {
    'Telephony and contact centre': 'Customer services',
    'Revenues and benefits': 'Revenues and benefits',
    'Adult social care case management': 'Adult social care',
    'Children’s social care case management': 'Children’s social care',
    'Planning and building control': 'Planning and building control',
    'Waste and street services': 'Waste and street services',
    Libraries: 'Libraries',
    'Payroll and HR': 'HR and payroll',
    Finance: 'Finance',
    'Council website': 'Customer services',
    'GIS and mapping': 'Planning and building control',
    'Customer relationship management': 'Customer services',
    'Housing management': 'Housing',
  };
  for (const s of services) {
    serviceIds[s.name] = await createService(db, actor, org, {
      name: s.name,
      description: s.description,
      hours: 'Monday to Friday, 8:30am to 5pm',
      teamId: teamIds[s.team],
      ownerId: people.headOfIt,
      serviceAreaId: areas.get(own(areaOf, s.name) ?? 'Digital and ICT') ?? null,
      visibleToStaff: true,
    });
  }
  const categoryIds = dict<number>();
  for (const c of categories) categoryIds[c] = await createCategory(db, actor, org, c);
  const typesOf = dict<{ id: number; name: string; fields: FormField[] }[]>();
  for (const r of requestTypes) {
    const id = await createRequestType(db, actor, org, serviceIds[r.service]!, { name: r.name, description: r.description, fields: r.fields });
    typesOf[r.service] = [...(own(typesOf, r.service) ?? []), { id, name: r.name, fields: r.fields }];
  }

  const articles: { title: string; service: string; audience: 'staff' | 'agents' | 'public'; body: string }[] = [
    {
      title: 'How do I reset my password?',
      service: 'Accounts and passwords',
      audience: 'staff',
      body: 'Go to the **self-service password reset** page from any council computer or your phone.\n\n1. Enter your work email address.\n2. Approve the request in the Authenticator app.\n3. Choose a new password of at least 12 characters: three random words work well.\n\nIf you are locked out after several attempts, wait 15 minutes or call the service desk.',
    },
    {
      title: 'My MFA code is not arriving',
      service: 'Accounts and passwords',
      audience: 'staff',
      body: 'Check your phone has signal and the right time. Open the **Microsoft Authenticator** app and use the code shown there instead of a text message. If you have a new phone, ask the service desk to reset your MFA registration.',
    },
    {
      title: 'Outlook keeps asking for my password',
      service: 'Microsoft 365',
      audience: 'staff',
      body: 'Close Outlook, then open **Credential Manager** and remove entries that start with *MicrosoftOffice*. Open Outlook again and sign in once. If it still asks, restart your laptop while connected to the office network or VPN.',
    },
    {
      title: 'Connecting to the VPN from home',
      service: 'Remote access',
      audience: 'staff',
      body: 'Connect to your home Wi-Fi first, then open **Always On VPN** from the system tray. If it will not connect, restart your router and laptop. Hotel and café Wi-Fi often needs you to accept terms in a browser before the VPN can connect.',
    },
    {
      title: 'Printing with print release',
      service: 'Printing',
      audience: 'staff',
      body: 'Send your document to **Follow-Me** printing, then tap your badge on any multi-function printer and choose *Print all*. Jobs wait for 24 hours. If your badge is not recognised, register it at the printer with your network login.',
    },
    {
      title: 'Docking station not showing my monitors',
      service: 'Laptops and devices',
      audience: 'staff',
      body: 'Unplug the dock’s power for ten seconds, then plug it back in, and connect the laptop last. Press **Windows + P** and choose *Extend*. If it still fails, report a problem with the dock’s asset tag.',
    },
    {
      title: 'Revenues batch failure: first checks',
      service: 'Revenues and benefits',
      audience: 'agents',
      body: 'Check the overnight job log on the application server for the failing step. Most failures are the bank file arriving late: re-run from the failed step once the file is in the import folder. Escalate to the supplier if the same step fails twice.',
    },
    {
      title: 'Council website is down: what to check',
      service: 'Council website',
      audience: 'agents',
      body: 'Check the status of the hosting provider and the DNS. If the site answers but forms fail, check the payment provider’s status page. Declare a major incident if the site has been unavailable for more than 15 minutes in working hours.',
    },
  ];
  for (const a of articles) {
    await createArticle(db, actor, org, { title: a.title, body: a.body, audience: a.audience, serviceId: serviceIds[a.service], reviewOn: '2027-06-30' });
  }

  // About 18 months of tickets, raised in working hours, most resolved within target.
  const rand = random(20261125);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const requesters = ['socialWorker', 'planner', 'financeOfficer', 'wasteOfficer', 'serviceDeskManager', 'applicationsManager'].map((k) => people[k]!);
  const agentsByTeam = dict<string[]>({ desk: ['agentSam', 'agentAisha'], infra: ['agentDan'], apps: ['agentMegan'], security: ['agentDan'] });
  const now = Date.now();
  const start = now - 548 * 86_400_000;
  const total = ctx.demoTickets ?? 1200;
  for (let i = 0; i < total; i++) {
    const day = new Date(start + ((now - start) * i) / total);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + (day.getUTCDay() === 6 ? 2 : 1));
    day.setUTCHours(8 + Math.floor(rand() * 8), Math.floor(rand() * 60), 0, 0);
    if (day.getTime() > now - 3600_000) break;
    const service = pick(services);
    const requester = pick(requesters);
    const requesterActor: Actor = { personId: requester, label: 'demo loader', organisationId: org };
    const impact = rand() < 0.05 ? 1 : rand() < 0.3 ? 2 : 3;
    const urgency = rand() < 0.1 ? 1 : rand() < 0.4 ? 2 : 3;
    // A service with request forms gets requests through them; every other ticket is an incident
    // in the words staff use for that service, filed under the category that service's work falls in.
    const types = own(typesOf, service.name) ?? [];
    const type = types.length && rand() < 0.4 ? pick(types) : null;
    const problem = pick(service.problems);
    const answers = type ? demoAnswers(type.fields, pick, day) : {};
    const { reference } = await createTicket(
      db,
      requesterActor,
      org,
      {
        kind: type ? 'request' : 'incident',
        title: type ? `${type.name}${answers.name ? `: ${answers.name}` : ''}` : problem,
        description: type ? pick(requestWords) : `${problem}. ${pick(incidentWords)}`,
        requesterId: requester,
        serviceId: serviceIds[service.name],
        requestTypeId: type?.id ?? null,
        answers,
        categoryId: type ? null : (own(categoryIds, categoryOf(service.name)) ?? null),
        impact: type ? 3 : impact,
        urgency: type ? 3 : urgency,
      },
      day,
    );
    const agentKey = pick(agentsByTeam[service.team]!);
    const agentIdentity = {
      person: { id: people[agentKey]!, email: '', displayName: '' },
      organisation: { id: org, name: '', type: 'unitary' as const, isDemo: true },
      role: 'agent' as const,
      organisationCount: 1,
      via: 'session' as const,
    };
    const agentActor: Actor = { personId: people[agentKey]!, label: 'demo loader', organisationId: org };
    const age = now - day.getTime();
    const later = (minutes: number) => new Date(Math.min(day.getTime() + minutes * 60_000, now - 60_000));
    await assignTicket(db, agentActor, agentIdentity, reference, { teamId: teamIds[service.team]!, assigneeId: people[agentKey]! }, later(5 + rand() * 30));
    // The last fortnight's tickets are still being worked, as a real queue is.
    if (age < 14 * 86_400_000 && rand() < 0.5) {
      const roll = rand();
      if (roll < 0.4) await changeStatus(db, agentActor, agentIdentity, reference, { status: 'in-progress' }, later(40));
      else if (roll < 0.6) await changeStatus(db, agentActor, agentIdentity, reference, { status: 'awaiting-requester' }, later(40));
      else if (roll < 0.7) await changeStatus(db, agentActor, agentIdentity, reference, { status: 'on-hold' }, later(40));
      continue;
    }
    await addComment(db, agentActor, agentIdentity, reference, { body: pick(replies), internal: false }, later(10 + rand() * 60));
    if (rand() < 0.15)
      await addComment(
        db,
        agentActor,
        agentIdentity,
        reference,
        { body: 'Checked the logs: this matches the supplier’s known issue.', internal: true },
        later(70 + rand() * 60),
      );
    // Most are resolved inside the target; some take longer, as they do.
    const priority = [0, 1, 2, 2, 3, 3, 4, 4, 4][impact * 3 - 3 + urgency - 1] ?? 4;
    const slow = rand() < 0.15;
    const minutes = priority <= 2 ? (slow ? 200 + rand() * 900 : 20 + rand() * 100) : slow ? 4000 + rand() * 12000 : 60 + rand() * 2000;
    if (day.getTime() + minutes * 60_000 > now - 60_000) continue;
    await changeStatus(
      db,
      agentActor,
      agentIdentity,
      reference,
      { status: 'resolved', resolutionCode: pick(resolutionCodes.slice(0, 5)), resolutionNotes: 'Fixed and confirmed working.' },
      later(minutes),
    );
    if (age > 10 * 86_400_000) {
      const requesterIdentity = { ...agentIdentity, person: { id: requester, email: '', displayName: '' }, role: 'requester' as const };
      if (rand() < 0.35) {
        const score = rand() < 0.7 ? 5 : rand() < 0.6 ? 4 : rand() < 0.5 ? 3 : rand() < 0.5 ? 2 : 1;
        await rateTicket(
          db,
          requesterActor,
          requesterIdentity,
          reference,
          score,
          score >= 4 ? 'Quick and helpful, thank you.' : 'It took a while to hear back.',
          later(minutes + 300),
        );
      }
      await changeStatus(db, requesterActor, requesterIdentity, reference, { status: 'closed' }, later(minutes + 600));
    }
  }
  await loadMailInDemo(ctx, teamIds.desk ?? null);
}
