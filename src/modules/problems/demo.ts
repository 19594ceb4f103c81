import { dict, own, type Actor, type DemoContext } from '../../platform/index.js';
import { createTicket, servicesOf } from '../service-desk/index.js';
import * as q from './queries.js';
import { moveProblem, proposeFor, raiseProblem } from './service.js';
import type { ProblemInput } from './schemas.js';

const dayMs = 86_400_000;

/** A weekday `days` ago at `hour` UTC (a weekend moves back to the Friday). */
function workingDay(now: number, days: number, hour: number, minute = 0) {
  const d = new Date(now - days * dayMs);
  if (d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() - 1);
  if (d.getUTCDay() === 0) d.setUTCDate(d.getUTCDate() - 2);
  d.setUTCHours(hour, minute, 0, 0);
  return d.getTime() > now ? new Date(now - 3600_000) : d;
}

/** Problems of the past year, fixed and closed. */
const past: { title: string; description: string; service: string; owner: string; rootCause: string; fix: string }[] = [
  {
    title: 'Mosaic times out for adult social care at month end',
    description: 'Social workers lost case notes when Mosaic timed out on the last two working days of the month.',
    service: 'Adult social care case management',
    owner: 'agentMegan',
    rootCause: 'The month-end finance extract ran in working hours and locked the case tables.',
    fix: 'The supplier moved the extract to 7pm and added an index on the care package table.',
  },
  {
    title: 'Wi-Fi in the council chamber drops during meetings',
    description: 'Councillors’ tablets lost the Wi-Fi during full council and planning committee.',
    service: 'Network and Wi-Fi',
    owner: 'agentDan',
    rootCause: 'One access point served the chamber and reached its limit of 60 devices with the public gallery connected.',
    fix: 'Added two access points and a separate SSID for the public.',
  },
  {
    title: 'Payroll file to the bank refused when a name has an apostrophe',
    description: 'The BACS submission was refused twice for names such as O’Brien.',
    service: 'Payroll and HR',
    owner: 'agentMegan',
    rootCause: 'The export wrote typographic apostrophes, which the bank’s format does not allow.',
    fix: 'The supplier’s patch 7.4.2 writes plain characters only.',
  },
  {
    title: 'Library self-service kiosks freeze after the Windows update',
    description: 'Kiosks at Eastwold and Marsh Lane libraries froze on the issue screen every morning.',
    service: 'Libraries',
    owner: 'agentDan',
    rootCause: 'The kiosk software’s RFID driver was not signed for the new Windows build.',
    fix: 'Installed the signed driver from the supplier and held the kiosks back one update ring.',
  },
  {
    title: 'Planning documents over 20 MB fail to upload',
    description: 'Agents could not attach large plans to planning applications.',
    service: 'Planning and building control',
    owner: 'agentMegan',
    rootCause: 'The web application firewall limited request bodies to 20 MB.',
    fix: 'Raised the limit to 100 MB for the document upload address only.',
  },
  {
    title: 'Laptops do not wake from sleep on the new docking stations',
    description: 'Staff at the depot had to hold the power button to restart after lunch.',
    service: 'Laptops and devices',
    owner: 'agentDan',
    rootCause: 'The docks’ firmware mishandled USB wake with the laptop lid closed.',
    fix: 'Deployed dock firmware 1.0.17 through the management tool.',
  },
];

interface DemoIncident {
  title: string;
  description: string;
  requester: string;
  daysAgo: number;
  hour: number;
}

/**
 * Eastwold's problems: a recurring VPN drop after a client update (a known error with its
 * workaround published), the second-floor printers at the Civic Centre losing their queue and
 * Revenues and Benefits slow on Monday mornings (both under investigation), Outlook asking for
 * passwords after the MFA change (resolved), and a cluster of dropped contact-centre calls that
 * Steward proposes as a problem. Made through the module's own functions.
 */
export async function loadProblemsDemo(ctx: DemoContext) {
  const { db, organisationId: org, people } = ctx;
  const services = dict<number>();
  for (const s of await servicesOf(db, org)) services[s.name] = Number(s.id);
  if (!own(services, 'Remote access')) return;
  const now = Date.now();
  const agent = (key: string): Actor => ({ personId: people[key] ?? null, label: 'demo loader', organisationId: org });
  const system = async (name: string) => {
    const found = await q.systemNamed(db, org, name);
    return found ? Number(found.id) : null;
  };
  const raiseIncidents = async (service: string, incidents: DemoIncident[]) => {
    const ids: number[] = [];
    for (const i of incidents) {
      const requester = people[i.requester]!;
      const made = await createTicket(
        db,
        { personId: requester, label: 'demo loader', organisationId: org },
        org,
        {
          kind: 'incident',
          title: i.title,
          description: i.description,
          requesterId: requester,
          serviceId: own(services, service) ?? null,
          impact: 2,
          urgency: 2,
        },
        workingDay(now, i.daysAgo, i.hour, 10 + ids.length * 7),
      );
      ids.push(made.id);
    }
    return ids;
  };
  /** Some of the service's incidents of the last weeks, as the desk would have found them. */
  const earlier = async (service: string, days: number, count: number) =>
    (await q.incidentsOfServiceSince(db, org, own(services, service)!, new Date(now - days * dayMs).toISOString(), count)).map((t) => Number(t.id));
  const problem = (v: Partial<ProblemInput> & Pick<ProblemInput, 'title' | 'priority'>): ProblemInput => ({
    description: '',
    serviceId: null,
    systemId: null,
    ownerId: null,
    teamId: null,
    rootCause: '',
    workaround: '',
    fix: '',
    ...v,
  });

  // A known error: the VPN client update.
  const vpnIncidents = await raiseIncidents('Remote access', [
    {
      title: 'VPN keeps disconnecting since the update',
      description: 'Since my laptop updated on Tuesday the VPN drops every few minutes when I work from home, and I lose what I was typing in Mosaic.',
      requester: 'socialWorker',
      daysAgo: 12,
      hour: 9,
    },
    {
      title: 'Always On VPN drops after lunch',
      description: 'The VPN was fine this morning but since I came back to my laptop after lunch it keeps dropping out. Restarting did not help.',
      requester: 'planner',
      daysAgo: 11,
      hour: 13,
    },
    {
      title: 'Cannot stay connected to the VPN at home',
      description: 'The VPN connects, then drops after a few minutes. My broadband is fine: everything else works.',
      requester: 'financeOfficer',
      daysAgo: 10,
      hour: 10,
    },
  ]);
  const vpn = await raiseProblem(
    db,
    agent('agentDan'),
    org,
    problem({
      title: 'Always On VPN drops every few minutes after the client update',
      description:
        'Since the VPN client went from 24.1 to 24.2 in last week’s update ring, staff working from home lose the tunnel every few minutes, mostly after the laptop has been idle or asleep.',
      priority: 'p2',
      serviceId: own(services, 'Remote access') ?? null,
      systemId: await system('Always On VPN'),
      ownerId: people.agentDan ?? null,
    }),
    [...vpnIncidents, ...(await earlier('Remote access', 30, 2))],
    workingDay(now, 10, 11),
  );
  await moveProblem(db, agent('agentDan'), org, vpn.id, { status: 'investigating', rootCause: '', workaround: '', fix: '' }, workingDay(now, 10, 14));
  await moveProblem(
    db,
    agent('agentDan'),
    org,
    vpn.id,
    {
      status: 'known_error',
      rootCause:
        'The 24.2 client turns on power saving for the network adapter, so Windows switches the adapter off when the laptop is idle and the tunnel drops. Microsoft have confirmed it and a fixed client is due in the next release.',
      workaround:
        '1. Right-click the Wi-Fi icon in the system tray and choose Network and Internet settings.\n2. Choose Advanced network settings, then your Wi-Fi adapter, then More adapter options and Edit.\n3. On the Power Management tab, untick “Allow the computer to turn off this device to save power”.\n4. Restart the laptop and connect to the VPN again.\n\nIf you cannot change the setting, call the service desk on 01632 960 400 and we will do it for you remotely.',
      fix: 'Deploy the 24.3 client to the update rings once Microsoft release it (expected this month).',
    },
    workingDay(now, 9, 10),
  );

  // Under investigation: the Civic Centre's second floor printers.
  const printerIncidents = await raiseIncidents('Printing', [
    {
      title: 'Second floor printer has lost all my print jobs',
      description: 'I sent three documents to Follow-Me and the printer by the lifts on the second floor of the Civic Centre says there are no jobs waiting.',
      requester: 'financeOfficer',
      daysAgo: 6,
      hour: 9,
    },
    {
      title: 'Print queue empty on Civic Centre floor 2',
      description: 'Jobs disappear from the queue before I can release them at the second floor printer. It happened yesterday too.',
      requester: 'planner',
      daysAgo: 5,
      hour: 11,
    },
    {
      title: 'Cannot release print jobs, second floor',
      description: 'The printer near committee room 2 recognises my badge but shows an empty queue.',
      requester: 'wasteOfficer',
      daysAgo: 4,
      hour: 15,
    },
  ]);
  const printers = await raiseProblem(
    db,
    agent('agentSam'),
    org,
    problem({
      title: 'Printers on the second floor of the Civic Centre lose their queue',
      description:
        'Jobs sent to Follow-Me printing vanish before staff can release them, only at the three second-floor devices. The first floor and the depot are not affected.',
      priority: 'p3',
      serviceId: own(services, 'Printing') ?? null,
      systemId: await system('Print management'),
      ownerId: people.agentDan ?? null,
    }),
    printerIncidents,
    workingDay(now, 4, 16),
  );
  await moveProblem(
    db,
    agent('agentDan'),
    org,
    printers.id,
    {
      status: 'investigating',
      rootCause: '',
      workaround: '',
      fix: '',
    },
    workingDay(now, 3, 9),
  );

  // Under investigation: Revenues and Benefits on Monday mornings.
  const revenues = await raiseProblem(
    db,
    agent('agentMegan'),
    org,
    problem({
      title: 'Revenues and Benefits system slow on Monday mornings',
      description:
        'Every Monday between 8:30 and about 10:30 the Revenues and Benefits system takes 20 to 40 seconds to open an account, which holds up the contact centre and the benefits team. By lunchtime it is normal.',
      priority: 'p2',
      serviceId: own(services, 'Revenues and benefits') ?? null,
      systemId: await system('Revenues and benefits'),
      ownerId: people.agentMegan ?? null,
    }),
    await earlier('Revenues and benefits', 45, 3),
    workingDay(now, 20, 10),
  );
  await moveProblem(db, agent('agentMegan'), org, revenues.id, { status: 'investigating', rootCause: '', workaround: '', fix: '' }, workingDay(now, 19, 9));

  // Resolved: Outlook prompts after the MFA change.
  const outlook = await raiseProblem(
    db,
    agent('agentAisha'),
    org,
    problem({
      title: 'Outlook keeps asking for a password after the MFA change',
      description: 'After conditional access moved to number matching, staff on older Office builds were asked for their password every hour.',
      priority: 'p3',
      serviceId: own(services, 'Microsoft 365') ?? null,
      ownerId: people.agentAisha ?? null,
    }),
    await earlier('Microsoft 365', 120, 2),
    workingDay(now, 95, 10),
  );
  await moveProblem(
    db,
    agent('agentAisha'),
    org,
    outlook.id,
    {
      status: 'resolved',
      rootCause: 'Laptops on Office build 2308 did not support modern authentication with number matching.',
      workaround: '',
      fix: 'Moved the remaining 140 laptops to the current Office build through Intune.',
    },
    workingDay(now, 80, 15),
  );

  // Problems of the past year, fixed and closed: as many as the demo's volume of tickets calls for.
  // The full demo has each once. The test-sized councils differ widely (none in the smallest, thirty
  // in the next), so that the hostile-input probe's two councils never share a problem reference,
  // however many problems its tests raise in the first.
  const volume = ctx.demoTickets ?? 1200;
  const count = volume <= 30 ? 0 : volume < 100 ? 30 : past.length;
  const closed = Array.from({ length: count }, (_, i) => past[i % past.length]!);
  for (const [i, p] of closed.entries()) {
    const daysAgo = 330 - (i % past.length) * 45 - Math.floor(i / past.length) * 3;
    const made = await raiseProblem(
      db,
      agent(p.owner),
      org,
      problem({ title: p.title, description: p.description, priority: 'p3', serviceId: own(services, p.service) ?? null, ownerId: people[p.owner] ?? null }),
      [],
      workingDay(now, daysAgo, 10),
    );
    await moveProblem(
      db,
      agent(p.owner),
      org,
      made.id,
      { status: 'resolved', rootCause: p.rootCause, workaround: '', fix: p.fix },
      workingDay(now, daysAgo - 12, 15),
    );
    await moveProblem(db, agent(p.owner), org, made.id, { status: 'closed', rootCause: '', workaround: '', fix: '' }, workingDay(now, daysAgo - 26, 11));
  }

  // A cluster no problem covers yet: Steward proposes one.
  await raiseIncidents('Telephony and contact centre', [
    {
      title: 'Calls to the contact centre cut off after 30 seconds',
      description: 'Residents calling about council tax are cut off about 30 seconds into the call. Three have rung back to complain.',
      requester: 'financeOfficer',
      daysAgo: 2,
      hour: 9,
    },
    {
      title: 'Contact centre calls dropping',
      description: 'Two of my calls dropped this morning as I transferred them to the benefits team.',
      requester: 'socialWorker',
      daysAgo: 1,
      hour: 10,
    },
    {
      title: 'Phone line drops when transferring a caller',
      description: 'Every transfer to another team drops the caller. It started yesterday.',
      requester: 'wasteOfficer',
      daysAgo: 1,
      hour: 14,
    },
  ]);
  await proposeFor(db, org, new Date(now));
}
