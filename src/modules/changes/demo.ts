import { own, type DemoContext } from '../../platform/index.js';
import { systemIdsByIdentifierOrName } from '../estate/index.js';
import * as q from './queries.js';
import { fromUkTime } from './schemas.js';
import type { ChangeInput } from './schemas.js';
import {
  addCabMember,
  addFreezeWindow,
  addMaintenanceWindow,
  moveChange,
  raiseChange,
  saveCabSettings,
  scheduleChange,
  submitChange,
  voteOnChange,
} from './service.js';

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A UK time on a day: `at('2026-12-09', '19:00')`. */
const at = (day: string, time: string) => fromUkTime(`${day}T${time}:00`);

/** The Wednesday after the second Tuesday of a month: when Eastwold patches its servers. */
function patchWednesday(year: number, month: number) {
  const first = new Date(Date.UTC(year, month, 1));
  const tuesday = 1 + ((2 - first.getUTCDay() + 7) % 7) + 7;
  return isoDay(Date.UTC(year, month, tuesday + 1));
}

const plain = {
  description: '',
  riskImpact: 0,
  riskSystems: 0,
  riskUntested: 0,
  riskBackout: 0,
  riskHours: 0,
  implementer: null,
  testPlan: '',
  communicationPlan: '',
  emergencyReason: '',
};

/**
 * Eastwold's changes: the monthly patching (a standard change), the revenues and benefits upgrade
 * the CAB approved with conditions, an emergency firewall rule, a housing upgrade that was backed
 * out, changes waiting for approval, and the freeze windows for Christmas, annual billing and the
 * May elections. One change overlaps the upgrade on its database server, so the calendar shows a
 * conflict.
 */
export async function loadChangesDemo(ctx: DemoContext) {
  const { db, organisationId: org } = ctx;
  const person = (key: string) => own(ctx.people, key) ?? null;
  const actorOf = (key: string) => ({ personId: person(key), label: 'demo loader', organisationId: org });
  const head = actorOf('headOfIt');
  const dan = actorOf('agentDan');
  const megan = actorOf('agentMegan');
  const systems = await systemIdsByIdentifierOrName(db, org);
  const system = (...names: string[]) => names.map((n) => systems.get(n.toLowerCase())).filter((id): id is number => id !== undefined);
  const now = Date.now();
  const today = isoDay(now);
  const year = new Date(now).getUTCFullYear();

  // The CAB: the Head of IT chairs it; three votes decide, two for the emergency CAB.
  const seats: [string, string][] = [
    ['headOfIt', 'Chair'],
    ['infrastructureManager', 'Member'],
    ['applicationsManager', 'Member'],
    ['serviceDeskManager', 'Member'],
    ['agentDan', 'Adviser (infrastructure)'],
  ];
  for (const [key, role] of seats) {
    const email = await q.emailOfPerson(db, person(key));
    if (email) await addCabMember(db, head, org, { email, role });
  }
  await saveCabSettings(db, head, org, { cabQuorum: 3, ecabQuorum: 2 });

  // Freeze windows: this Christmas (or the one just past, early in January), annual billing, the elections.
  const christmas = new Date(now).getUTCMonth() === 0 && new Date(now).getUTCDate() < 6 ? year - 1 : year;
  const billingYear = new Date(now).getUTCMonth() < 2 ? year : year + 1;
  const mayFirst = new Date(Date.UTC(billingYear, 4, 1));
  const electionDay = isoDay(Date.UTC(billingYear, 4, 1 + ((4 - mayFirst.getUTCDay() + 7) % 7)));
  const freezes = [
    {
      name: `Christmas and New Year ${christmas}`,
      reason: 'Skeleton staffing over the holidays, and residents rely on online services while the offices are closed.',
      startsAt: at(`${christmas}-12-15`, '00:00'),
      endsAt: at(`${christmas + 1}-01-05`, '08:00'),
    },
    {
      name: `Council tax annual billing ${billingYear}`,
      reason: 'Bills for 2027/28 are printed and sent from Revenues and benefits; nothing touches it or its servers.',
      startsAt: at(`${billingYear}-03-01`, '00:00'),
      endsAt: at(`${billingYear}-03-07`, '00:00'),
    },
    {
      name: `Local elections ${billingYear}`,
      reason: 'Electoral registration, the count and the results pages must not change in the week of the poll.',
      startsAt: at(isoDay(Date.parse(`${electionDay}T00:00:00Z`) - 7 * dayMs), '00:00'),
      endsAt: at(isoDay(Date.parse(`${electionDay}T00:00:00Z`) + dayMs), '18:00'),
    },
  ];
  for (const f of freezes) await addFreezeWindow(db, head, org, f);
  // Maintenance windows: weekday evenings, and Sunday mornings for the longer work.
  for (const weekday of [1, 2, 3, 4, 5]) await addMaintenanceWindow(db, head, org, { weekday, starts: '18:00', ends: '23:30' });
  await addMaintenanceWindow(db, head, org, { weekday: 7, starts: '07:00', ends: '13:00' });
  /** A time clear of the freeze windows: as given, or two days before the freeze, or the day after it ends. */
  const clear = (start: string, hours: number, future: boolean) => {
    const end = (s: string) => new Date(Date.parse(s) + hours * 3_600_000).toISOString();
    const hit = freezes.find((f) => start < f.endsAt && f.startsAt < end(start));
    if (!hit) return { plannedStart: start, plannedEnd: end(start) };
    // Two days before the freeze, on a weekday (the maintenance windows are weekday evenings).
    let back = 2;
    while ([0, 6].includes(new Date(Date.parse(hit.startsAt) - back * dayMs).getUTCDay())) back++;
    const before = new Date(Date.parse(hit.startsAt) - back * dayMs).toISOString().slice(0, 11) + start.slice(11);
    const after = new Date(Date.parse(hit.endsAt) + dayMs).toISOString().slice(0, 11) + start.slice(11);
    const s = !future || Date.parse(before) > now ? before : after;
    return { plannedStart: s, plannedEnd: end(s) };
  };
  const day = (offset: number) => isoDay(now + offset * dayMs);
  const votes = async (id: number, keys: string[], conditions: Record<string, string> = {}) => {
    for (const key of keys) {
      const words = own(conditions, key);
      await voteOnChange(
        db,
        actorOf(key),
        org,
        id,
        person(key)!,
        words ? { decision: 'approve_with_conditions', conditions: words } : { decision: 'approve', conditions: '' },
      );
    }
  };

  // Monthly patching: the standard change, two months done and the next one booked.
  const servers = system(
    'Revenues and benefits: application server',
    'Finance (ERP): application server',
    'Housing management: application server',
    'Document management: application server',
  );
  // Months of patching done: six in the full demo, fewer in a small one (so demo councils differ in size).
  const pastMonths = Math.max(1, Math.min(6, Math.floor((ctx.demoTickets ?? 1200) / 10)));
  const patchMonths = Array.from({ length: pastMonths + 3 }, (_, i) => i - pastMonths - 1).map((k) => {
    const d = new Date(Date.UTC(year, new Date(now).getUTCMonth() + k, 1));
    return patchWednesday(d.getUTCFullYear(), d.getUTCMonth());
  });
  const pastPatches = patchMonths.filter((d) => d < today).slice(-pastMonths);
  const nextPatch = patchMonths.find((d) => d > today)!;
  for (const d of [...pastPatches, nextPatch]) {
    const when = clear(at(d, '19:00'), 4, d > today);
    const c = await raiseChange(db, dan, org, {
      ...plain,
      title: `Windows Server security updates, ${new Date(`${d}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`,
      description: 'Microsoft’s monthly security updates on the on-premises application servers, from the standard patching template.',
      kind: 'standard',
      riskSystems: 2,
      systems: servers,
      ...when,
      implementer: person('agentDan'),
      testPlan: 'Updates go to the test servers the week before; after the restart, check each service’s health page and a sign-in.',
      backoutPlan: 'Uninstall the update from the server that misbehaves, or restore last night’s snapshot.',
      communicationPlan: 'Staff are told on the portal banner the day before; systems are unavailable for up to 20 minutes each.',
    } satisfies ChangeInput);
    await scheduleChange(db, dan, org, c.id, { ...when, emergencyReason: '' });
    if (d < today) {
      await moveChange(db, dan, org, c.id, 'in_progress', '');
      await moveChange(db, dan, org, c.id, 'implemented', 'All four servers updated and restarted by 21:40; health checks green.');
      await moveChange(db, actorOf('infrastructureManager'), org, c.id, 'reviewed', 'Routine. No incidents raised the next morning.');
    }
  }

  // The revenues and benefits upgrade: medium risk, approved by the CAB with conditions, scheduled.
  // On a weekday evening, inside the maintenance window.
  let revsDay = 9;
  while ([0, 6].includes(new Date(now + revsDay * dayMs).getUTCDay())) revsDay++;
  const revsWhen = clear(at(day(revsDay), '18:00'), 5, true);
  const revs = await raiseChange(db, megan, org, {
    ...plain,
    title: 'Upgrade Revenues and benefits to the supplier’s 2027 release',
    description:
      'Northway’s annual release: the 2027/28 council tax and housing benefit rules, and the fix for the direct debit file format the bank changes in February.',
    kind: 'normal',
    riskImpact: 2,
    riskSystems: 1,
    riskUntested: 1,
    riskBackout: 1,
    riskHours: 0,
    systems: system('Revenues and benefits', 'Revenues and benefits: database server'),
    ...revsWhen,
    implementer: person('agentMegan'),
    testPlan: 'Run last year’s billing run on the training copy and compare 500 sample bills; the benefits team sign off the test scripts.',
    backoutPlan: 'Restore the database from the pre-upgrade backup and reinstall the 2026 release (about two hours).',
    communicationPlan: 'Revenues and benefits will be unavailable from 18:00 to 23:00; the contact centre has a script for callers.',
  });
  await submitChange(db, megan, org, revs.id);
  await votes(revs.id, ['headOfIt', 'applicationsManager', 'infrastructureManager'], {
    applicationsManager: 'The benefits team sign off the test billing run before the day.',
    infrastructureManager: 'Take a full database backup immediately before, and check it restores.',
  });
  await scheduleChange(db, megan, org, revs.id, { ...revsWhen, emergencyReason: '' });

  // A database update booked on the same server the same evening: the calendar shows the conflict.
  const sqlStart = new Date(Date.parse(revsWhen.plannedStart) + 3 * 3_600_000).toISOString();
  const sqlWhen = { plannedStart: sqlStart, plannedEnd: new Date(Date.parse(sqlStart) + 2.5 * 3_600_000).toISOString() };
  const sqlCu = await raiseChange(db, dan, org, {
    ...plain,
    title: 'SQL Server cumulative update on the revenues database server',
    description: 'The latest cumulative update for SQL Server, from the standard database patching template.',
    kind: 'standard',
    riskSystems: 1,
    systems: system('Revenues and benefits: database server'),
    ...sqlWhen,
    implementer: person('agentDan'),
    testPlan: 'Applied to the test database server last week.',
    backoutPlan: 'Uninstall the cumulative update.',
  });
  await scheduleChange(db, dan, org, sqlCu.id, { ...sqlWhen, emergencyReason: '' });

  // The emergency firewall change, decided by the emergency CAB and done.
  const fwDay = day(-12);
  const fw = await raiseChange(db, actorOf('infrastructureManager'), org, {
    ...plain,
    title: 'Block the exploited VPN portal vulnerability at the firewall',
    description: 'The NCSC warned of active exploitation of the VPN portal; a rule blocks the vulnerable path until the vendor’s fix is installed.',
    kind: 'emergency',
    riskImpact: 2,
    riskSystems: 1,
    riskUntested: 2,
    riskBackout: 0,
    riskHours: 3,
    systems: system('Firewall cluster', 'Always On VPN'),
    plannedStart: at(fwDay, '13:00'),
    plannedEnd: at(fwDay, '14:00'),
    implementer: person('agentDan'),
    testPlan: 'Test the rule on the standby firewall, then check three remote staff can still connect.',
    backoutPlan: 'Disable the rule: it takes effect at once.',
    communicationPlan: 'A portal banner for remote staff in case the VPN drops for a minute.',
    emergencyReason: 'Actively exploited vulnerability on an internet-facing service (NCSC alert).',
  });
  await submitChange(db, actorOf('infrastructureManager'), org, fw.id);
  await votes(fw.id, ['headOfIt', 'infrastructureManager']);
  await scheduleChange(db, dan, org, fw.id, {
    plannedStart: at(fwDay, '13:00'),
    plannedEnd: at(fwDay, '14:00'),
    emergencyReason: 'Actively exploited vulnerability on an internet-facing service (NCSC alert).',
  });
  await moveChange(db, dan, org, fw.id, 'in_progress', '');
  await moveChange(db, dan, org, fw.id, 'implemented', 'Rule in place at 13:25; VPN connections unaffected.');
  await moveChange(db, head, org, fw.id, 'reviewed', 'Right call. The vendor’s fix is now a normal change for next month.');

  // The housing upgrade that failed its checks and was backed out.
  const housingWhen = clear(at(day(-40), '18:00'), 4, false);
  const housing = await raiseChange(db, megan, org, {
    ...plain,
    title: 'Upgrade Housing management to version 9',
    description: 'Hearth Systems’ version 9, needed for the new repairs scheduling module.',
    kind: 'normal',
    riskImpact: 2,
    riskSystems: 1,
    riskUntested: 2,
    riskBackout: 1,
    riskHours: 0,
    systems: system('Housing management', 'Housing management: database server'),
    ...housingWhen,
    implementer: person('agentMegan'),
    testPlan: 'Housing officers test the rent account and repairs screens on the test system.',
    backoutPlan: 'Restore the database and the application server snapshots taken at 18:00.',
    communicationPlan: 'Housing management is unavailable from 18:00 to 22:00.',
  });
  await submitChange(db, megan, org, housing.id);
  await votes(housing.id, ['headOfIt', 'applicationsManager', 'serviceDeskManager']);
  await scheduleChange(db, megan, org, housing.id, { ...housingWhen, emergencyReason: '' });
  await moveChange(db, megan, org, housing.id, 'in_progress', '');
  await moveChange(
    db,
    megan,
    org,
    housing.id,
    'backed_out',
    'The data migration stopped at 62% on a rent account with a negative balance; restored from the snapshots by 21:50, service back on the old version.',
  );
  await moveChange(
    db,
    actorOf('applicationsManager'),
    org,
    housing.id,
    'reviewed',
    'The supplier has fixed the migration script. Re-plan with a full trial migration on a copy of live data first.',
  );

  // Waiting: one with the CAB, one with the change manager, one still a draft.
  const printWhen = clear(at(day(20), '17:30'), 3, true);
  const print = await raiseChange(db, dan, org, {
    ...plain,
    title: 'Move print management to cloud printing',
    description: 'Replace the on-premises print servers with the cloud print service before PrintFlow goes out of support.',
    kind: 'normal',
    riskImpact: 1,
    riskSystems: 2,
    riskUntested: 1,
    riskBackout: 1,
    riskHours: 1,
    systems: system('Print management'),
    ...printWhen,
    implementer: person('agentDan'),
    testPlan: 'Pilot with the IT team and the Eastwold House second floor for two weeks.',
    backoutPlan: 'Point the print queues back at the old print servers by group policy.',
    communicationPlan: 'An article on the staff portal, and floor walkers on the first morning.',
  });
  await submitChange(db, dan, org, print.id);
  await votes(print.id, ['infrastructureManager']);

  const m365 = await raiseChange(db, actorOf('agentAisha'), org, {
    ...plain,
    title: 'Raise the mailbox size of the contact centre’s shared mailboxes',
    description: 'The council tax and benefits shared mailboxes are at 95% of their quota.',
    kind: 'normal',
    riskSystems: 1,
    systems: system('Microsoft 365'),
    ...clear(at(day(3), '12:00'), 1, true),
    backoutPlan: 'Set the quota back.',
  });
  await submitChange(db, actorOf('agentAisha'), org, m365.id);

  await raiseChange(db, dan, org, {
    ...plain,
    title: 'Replace the core switches at Eastwold House',
    description: 'The core switches reach end of support next year; replace both with the new pair, one at a time.',
    kind: 'normal',
    riskImpact: 3,
    riskSystems: 3,
    riskUntested: 1,
    riskBackout: 2,
    riskHours: 0,
    systems: system('Core network (Eastwold House)'),
    ...clear(at(day(45), '19:00'), 6, true),
    implementer: person('agentDan'),
    backoutPlan: 'Move the links back to the old switch, which stays racked until the weekend after.',
  });
}
