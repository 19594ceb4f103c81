import { importSpreadsheet, serviceAreasOf, type DemoContext } from '../../platform/index.js';
import { systemsImport } from './import/systems.js';
import { servicesOf } from '../service-desk/index.js';
import { teamsOf } from '../teams/index.js';
import { addDataFlow, addRelationship, createSystem, linkSystemToService, nothingKnown, setServiceAreasOf, type SystemInput } from './service.js';
import { createContract, createSupplier } from './contracts/service.js';
import { createCapability, linkSystemToCapability } from './capabilities/service.js';
import { addMonths } from './contracts/notice.js';
import type { Area, Hosting, Layer, Lifecycle, SystemKind } from './tables.js';

function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

type App = [
  name: string,
  vendor: string,
  layer: Layer,
  area: Area,
  hosting: Hosting,
  lifecycle: Lifecycle,
  service: string | null,
  users: number,
  cost: number,
  endOfSupport: string | null,
];

/** Line-of-business and corporate applications of a unitary council (fictional suppliers). */
const apps: App[] = [
  [
    'Revenues and benefits',
    'Northway Software',
    'line-of-business',
    'mission-it',
    'on-premises',
    'migrate',
    'Revenues and benefits',
    180,
    310000,
    '2027-03-31',
  ],
  [
    'Adult social care case management',
    'Carewell Systems',
    'line-of-business',
    'mission-it',
    'saas',
    'invest',
    'Adult social care case management',
    650,
    420000,
    null,
  ],
  [
    'Children’s social care case management',
    'Carewell Systems',
    'line-of-business',
    'mission-it',
    'saas',
    'invest',
    'Children’s social care case management',
    480,
    380000,
    null,
  ],
  [
    'Planning and building control',
    'Idoma',
    'line-of-business',
    'mission-it',
    'on-premises',
    'migrate',
    'Planning and building control',
    120,
    95000,
    '2026-12-31',
  ],
  ['Waste management and in-cab', 'Routewise', 'line-of-business', 'mission-it', 'saas', 'invest', 'Waste and street services', 160, 88000, null],
  ['Library management', 'Shelfmark', 'line-of-business', 'mission-it', 'saas', 'tolerate', 'Libraries', 90, 41000, null],
  ['HR and payroll', 'PeoplePay', 'line-of-business', 'back-office', 'saas', 'invest', 'Payroll and HR', 5200, 260000, null],
  ['Finance (ERP)', 'Ledgerline', 'line-of-business', 'back-office', 'on-premises', 'migrate', 'Finance', 300, 240000, '2027-09-30'],
  ['Housing management', 'Hearth Systems', 'line-of-business', 'mission-it', 'on-premises', 'tolerate', 'Housing management', 210, 150000, '2028-03-31'],
  [
    'Customer relationship management',
    'Clarion CRM',
    'line-of-business',
    'digital-public-service',
    'saas',
    'invest',
    'Customer relationship management',
    260,
    120000,
    null,
  ],
  ['Council website', 'Open source CMS', 'line-of-business', 'digital-public-service', 'paas', 'invest', 'Council website', 0, 45000, null],
  ['Online forms and payments', 'Formwise', 'line-of-business', 'digital-public-service', 'saas', 'invest', 'Council website', 0, 60000, null],
  ['Electoral registration', 'Ballotline', 'line-of-business', 'mission-it', 'on-premises', 'tolerate', null, 25, 38000, '2027-06-30'],
  ['Licensing and environmental health', 'Idoma', 'line-of-business', 'mission-it', 'on-premises', 'eliminate', null, 70, 52000, '2026-06-30'],
  ['Parking and permits', 'ParkRight', 'line-of-business', 'mission-it', 'saas', 'tolerate', null, 40, 35000, null],
  ['Contact centre telephony', 'Callstream', 'infrastructure', 'infrastructure', 'saas', 'invest', 'Telephony and contact centre', 140, 98000, null],
  ['Document management', 'Archivo', 'information-and-data', 'back-office', 'on-premises', 'migrate', null, 900, 70000, '2026-09-30'],
  ['Corporate GIS', 'Mapwise', 'information-and-data', 'mission-it', 'on-premises', 'tolerate', 'GIS and mapping', 150, 66000, '2028-12-31'],
  ['Local land and property gazetteer', 'Mapwise', 'master-data', 'mission-it', 'on-premises', 'invest', 'GIS and mapping', 12, 18000, null],
  ['Master person index', 'In-house', 'master-data', 'back-office', 'iaas', 'invest', null, 6, 25000, null],
  ['Data warehouse', 'In-house', 'business-intelligence', 'back-office', 'iaas', 'invest', 'Data and reporting', 40, 55000, null],
  ['Power BI reporting', 'Microsoft', 'business-intelligence', 'back-office', 'saas', 'invest', 'Data and reporting', 350, 30000, null],
  ['Microsoft 365', 'Microsoft', 'infrastructure', 'infrastructure', 'saas', 'invest', 'Microsoft 365', 5600, 720000, null],
  ['Identity and sign-in (Entra ID)', 'Microsoft', 'infrastructure', 'infrastructure', 'saas', 'invest', 'Accounts and passwords', 5600, 0, null],
  ['Always On VPN', 'Microsoft', 'infrastructure', 'infrastructure', 'on-premises', 'tolerate', 'Remote access', 3800, 0, null],
  ['Print management', 'PrintFlow', 'infrastructure', 'infrastructure', 'on-premises', 'tolerate', 'Printing', 5000, 42000, '2027-01-31'],
  ['IT service management (Steward)', 'Steward', 'line-of-business', 'back-office', 'iaas', 'invest', null, 60, 0, null],
  ['Cemeteries and crematorium', 'Restwell', 'line-of-business', 'mission-it', 'on-premises', 'eliminate', null, 8, 9000, '2025-12-31'],
  ['School admissions', 'Edufirst', 'line-of-business', 'digital-public-service', 'saas', 'tolerate', null, 20, 48000, null],
  ['Highways asset management', 'Roadsense', 'line-of-business', 'mission-it', 'saas', 'invest', null, 75, 61000, null],
];

/** Real products with their real end of support, so the same version always ends on the same day. */
const operatingSystems: [product: string, version: string, endOfSupport: string][] = [
  ['Windows Server', '2012 R2', '2023-10-10'],
  ['Windows Server', '2016', '2027-01-12'],
  ['Windows Server', '2019', '2029-01-09'],
  ['Windows Server', '2022', '2031-10-14'],
  ['Red Hat Enterprise Linux', '8', '2029-05-31'],
];
const databases: [product: string, version: string, endOfSupport: string][] = [
  ['SQL Server', '2014', '2024-07-09'],
  ['SQL Server', '2016', '2026-07-14'],
  ['SQL Server', '2019', '2030-01-08'],
  ['Oracle Database', '19c', '2029-12-31'],
];
function platformOf(choices: [string, string, string][], rand: () => number) {
  const [product, version, endOfSupport] = choices[Math.floor(rand() * choices.length)]!;
  return { product, version, endOfSupport };
}

/** The last day of a month, as YYYY-MM-DD. */
const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** Eastwold's estate: about 250 systems and 600 relationships and data flows, made through the register's own functions. */
export async function loadEstateDemo(ctx: DemoContext) {
  const { db, organisationId: org, actor } = ctx;
  const rand = random(4242);
  const services = new Map((await servicesOf(db, org)).map((s) => [s.name, s.id]));
  const teams = new Map((await teamsOf(db, org)).map((t) => [t.name, t.id]));
  const resolverTeam = (name: string, kind: SystemKind) =>
    teams.get(
      name.startsWith('Firewall')
        ? 'Cyber security'
        : kind === 'application' || kind === 'data-store' || kind === 'productivity-suite'
          ? 'Applications'
          : 'Infrastructure',
    ) ?? null;
  const ids = new Map<string, number>();
  let n = 0;
  // The business owners of the big line-of-business systems: the services that rely on them.
  const ownerKeys: [RegExp, string][] = [
    [/social care|Master person/, 'socialWorker'],
    [/Planning|GIS|gazetteer|Licensing/, 'planner'],
    [/Revenues|Finance|HR and payroll/, 'financeOfficer'],
    [/Waste|Highways|Parking/, 'wasteOfficer'],
  ];
  const businessOwnerOf = (name: string) => {
    if (name.includes(':')) return null;
    const key = ownerKeys.find(([pattern]) => pattern.test(name))?.[1];
    return key ? (ctx.people[key] ?? null) : null;
  };
  let smallTools = false;
  const add = async (name: string, kind: SystemKind, fields: Partial<SystemInput>) => {
    n++;
    const id = await createSystem(
      db,
      actor,
      org,
      {
        identifier: `EW-${String(n).padStart(4, '0')}`,
        name,
        kind,
        ...nothingKnown,
        ...fields,
      },
      {
        business_owner_id: businessOwnerOf(name),
        // Infrastructure is Helen Walsh's; applications Raj Patel's; the many small tools have no one named yet.
        technical_owner_id: smallTools
          ? null
          : ((kind === 'application' || kind === 'data-store' ? ctx.people.applicationsManager : ctx.people.infrastructureManager) ?? null),
        service_manager_id: null,
        team_id: resolverTeam(name, kind),
      },
    );
    ids.set(name, id);
    return id;
  };

  // Infrastructure: the core network, storage, virtualisation and the servers on them.
  for (const name of ['Core network (Eastwold House)', 'WAN to council sites', 'Firewall cluster', 'Public Wi-Fi', 'Corporate Wi-Fi']) {
    await add(name, 'network', {
      layer: 'infrastructure',
      area: 'infrastructure',
      hosting: 'on-premises',
      sourcing: 'commodity',
      criticality: 1,
      lifecycle: 'tolerate',
      annualCost: 40000 + Math.round(rand() * 80000),
      recoveryPlan: true,
    });
  }
  // Everything on site reaches the outside world, and the cloud, through the core network.
  for (const name of ['WAN to council sites', 'Firewall cluster', 'Public Wi-Fi', 'Corporate Wi-Fi'])
    await addRelationship(db, actor, org, { fromSystemId: ids.get(name)!, toSystemId: ids.get('Core network (Eastwold House)')!, kind: 'depends-on' });
  await add('Storage area network', 'server', {
    layer: 'infrastructure',
    area: 'infrastructure',
    hosting: 'on-premises',
    vendor: 'Storewise',
    criticality: 1,
    lifecycle: 'migrate',
    endOfSupport: '2027-05-31',
    lifecycleReason: 'Move to cloud storage as on-premises systems leave',
    annualCost: 65000,
    recoveryPlan: true,
    hosts: 'san01.eastwold.local\n10.10.0.5',
  });
  for (let c = 1; c <= 3; c++) {
    await add(`Virtualisation cluster ${c}`, 'server', {
      layer: 'infrastructure',
      area: 'infrastructure',
      hosting: 'on-premises',
      vendor: 'Hypervisor Co',
      product: 'Hypervisor',
      version: '7.0',
      endOfSupport: '2025-10-02',
      criticality: 1,
      lifecycle: 'migrate',
      lifecycleReason: 'Hypervisor licensing changed; migrating to the cloud',
      annualCost: 52000,
      recoveryPlan: c === 1,
      hosts: [1, 2, 3, 4].map((h) => `vc${c}-esx0${h}.eastwold.local\n10.10.${c}.${20 + h}`).join('\n'),
    });
    await addRelationship(db, actor, org, {
      fromSystemId: ids.get(`Virtualisation cluster ${c}`)!,
      toSystemId: ids.get('Storage area network')!,
      kind: 'depends-on',
    });
    await addRelationship(db, actor, org, {
      fromSystemId: ids.get(`Virtualisation cluster ${c}`)!,
      toSystemId: ids.get('Core network (Eastwold House)')!,
      kind: 'depends-on',
    });
  }
  await add('Azure landing zone', 'cloud-service', {
    layer: 'infrastructure',
    area: 'infrastructure',
    hosting: 'iaas',
    vendor: 'Microsoft',
    criticality: 1,
    lifecycle: 'invest',
    annualCost: 180000,
    recoveryPlan: true,
  });
  for (let d = 1; d <= 6; d++) {
    await add(
      `End-user devices: ${['corporate laptops', 'social care tablets', 'library public PCs', 'depot rugged tablets', 'mobile phones', 'meeting room devices'][d - 1]}`,
      'device-group',
      {
        layer: 'infrastructure',
        area: 'infrastructure',
        hosting: 'on-premises',
        sourcing: 'commodity',
        users: [4200, 500, 120, 160, 2300, 90][d - 1],
        annualCost: [520000, 90000, 30000, 40000, 210000, 25000][d - 1],
        lifecycle: 'invest',
        // The laptops' names follow the council's naming convention; the scanners find them by it.
        ...(d === 1 ? { hosts: 'ew-lt*' } : {}),
      },
    );
  }

  // Host names as the scanners report them: a short name from the application's initials, on the council's domain.
  const takenHosts = new Set<string>();
  const hostsOf = (name: string, role: string, subnet: number) => {
    const initials = name
      .replace(/[’':()]/g, '')
      .split(/[\s-]+/)
      .filter((w) => w && !['and', 'of', 'the', 'for'].includes(w.toLowerCase()))
      .map((w) => w[0]!.toLowerCase())
      .join('')
      .slice(0, 5);
    let short = `${initials}-${role === 'database server' ? 'db' : 'app'}01`;
    for (let i = 2; takenHosts.has(short); i++) short = `${initials}-${role === 'database server' ? 'db' : 'app'}${String(i).padStart(2, '0')}`;
    takenHosts.add(short);
    return `${short}.eastwold.local\n10.20.${subnet}.${role === 'database server' ? 12 : 11}`;
  };
  let subnet = 10;
  const servers: string[] = [];
  for (const app of apps) {
    const [name, vendor, layer, area, hosting, lifecycle, service, users, cost, endOfSupport] = app;
    const critical =
      users > 1000 || ['Revenues and benefits', 'Adult social care case management', 'Children’s social care case management', 'HR and payroll'].includes(name)
        ? 1
        : users > 150
          ? 2
          : 3;
    const id = await add(name, 'application', {
      layer,
      area,
      hosting,
      vendor,
      product: name,
      lifecycle,
      endOfSupport,
      users,
      annualCost: cost,
      criticality: critical,
      sourcing: vendor === 'In-house' ? 'bespoke' : 'commodity',
      recoveryPlan: hosting !== 'on-premises' || rand() < 0.4,
      lifecycleReason:
        lifecycle === 'migrate'
          ? 'On-premises and near end of support: move to a supported hosted service'
          : lifecycle === 'eliminate'
            ? 'Duplicates another system; retire after data migration'
            : null,
    });
    if (service && services.has(service)) await linkSystemToService(db, actor, org, id, services.get(service)!);
    if (hosting === 'on-premises' || hosting === 'iaas') {
      subnet++;
      // Application and database servers, each on a cluster or in Azure.
      for (const role of ['application server', 'database server']) {
        const server = `${name}: ${role}`;
        const sid = await add(server, role === 'database server' ? 'data-store' : 'server', {
          layer: role === 'database server' ? 'information-and-data' : 'infrastructure',
          area: 'infrastructure',
          hosting,
          ...platformOf(role === 'database server' ? databases : operatingSystems, rand),
          criticality: critical,
          lifecycle: hosting === 'on-premises' ? 'migrate' : 'tolerate',
          recoveryPlan: rand() < 0.5,
          hosts: hostsOf(name, role, subnet),
        });
        servers.push(server);
        await addRelationship(db, actor, org, { fromSystemId: id, toSystemId: sid, kind: role === 'database server' ? 'depends-on' : 'runs-on' });
        const host = hosting === 'iaas' ? 'Azure landing zone' : `Virtualisation cluster ${1 + Math.floor(rand() * 3)}`;
        await addRelationship(db, actor, org, { fromSystemId: sid, toSystemId: ids.get(host)!, kind: 'runs-on' });
      }
    }
    await addRelationship(db, actor, org, { fromSystemId: id, toSystemId: ids.get('Identity and sign-in (Entra ID)') ?? id, kind: 'depends-on' }).catch(
      () => undefined,
    );
    await addRelationship(db, actor, org, {
      fromSystemId: id,
      toSystemId: ids.get(hosting === 'saas' ? 'Firewall cluster' : 'Core network (Eastwold House)')!,
      kind: 'depends-on',
    }).catch(() => undefined);
  }

  // Integrations and data flows between the applications, the way councils' systems really talk.
  const flow = async (
    from: string,
    to: string,
    data: string,
    personal: 'none' | 'personal' | 'special-category',
    method: 'api' | 'file-transfer' | 'database-link' | 'manual-rekeying',
    frequency: string,
  ) => {
    await addDataFlow(db, actor, org, { fromSystemId: ids.get(from)!, toSystemId: ids.get(to)!, data, personal, method, frequency });
    await addRelationship(db, actor, org, { fromSystemId: ids.get(to)!, toSystemId: ids.get(from)!, kind: 'integrates-with' }).catch(() => undefined);
  };
  await flow('Revenues and benefits', 'Finance (ERP)', 'Council tax and business rates income', 'none', 'file-transfer', 'nightly');
  await flow('HR and payroll', 'Finance (ERP)', 'Payroll journals', 'none', 'file-transfer', 'monthly');
  await flow('Customer relationship management', 'Waste management and in-cab', 'Missed bin reports', 'personal', 'api', 'real time');
  await flow('Online forms and payments', 'Customer relationship management', 'Resident requests and payments', 'personal', 'api', 'real time');
  await flow('Adult social care case management', 'Finance (ERP)', 'Care package payments', 'personal', 'manual-rekeying', 'weekly');
  await flow('Housing management', 'Revenues and benefits', 'Tenancy changes for housing benefit', 'personal', 'manual-rekeying', 'daily');
  await flow('Planning and building control', 'Corporate GIS', 'Application sites', 'none', 'database-link', 'nightly');
  await flow('Local land and property gazetteer', 'Revenues and benefits', 'Property addresses (UPRNs)', 'none', 'file-transfer', 'weekly');
  await flow('Local land and property gazetteer', 'Customer relationship management', 'Property addresses (UPRNs)', 'none', 'api', 'daily');
  await flow('Children’s social care case management', 'Master person index', 'Child identities', 'special-category', 'api', 'real time');
  await flow('Adult social care case management', 'Master person index', 'Adult identities', 'special-category', 'api', 'real time');
  for (const source of [
    'Revenues and benefits',
    'Adult social care case management',
    'Housing management',
    'Customer relationship management',
    'Finance (ERP)',
    'HR and payroll',
    'Waste management and in-cab',
  ]) {
    await flow(
      source,
      'Data warehouse',
      'Operational data for reporting',
      source.includes('care') ? 'special-category' : 'personal',
      'database-link',
      'nightly',
    );
  }
  await flow('Data warehouse', 'Power BI reporting', 'Reporting models', 'personal', 'api', 'hourly');
  await flow('Electoral registration', 'Revenues and benefits', 'Household changes', 'personal', 'manual-rekeying', 'monthly');

  // Many smaller systems: departmental tools, SaaS subscriptions and data stores, as every council has.
  const small = [
    'Trading standards case log',
    'Pest control bookings',
    'Bulky waste bookings',
    'Blue badge applications',
    'Register office bookings',
    'Concessionary travel',
    'Fleet management',
    'Building maintenance',
    'Procurement portal',
    'Grants management',
    'Member enquiries',
    'Freedom of information requests',
    'Complaints handling',
    'Democratic services (committees)',
    'Schools finance',
    'Leisure bookings',
    'Museum collections',
    'Tourism website',
    'Events and filming permits',
    'Street naming and numbering',
    'Emergency planning',
    'CCTV control room',
    'Land charges',
    'Council tax reduction calculator',
    'Home to school transport',
    'Youth services records',
    'Public health commissioning',
    'Energy monitoring',
    'Intranet',
    'E-learning',
  ];
  smallTools = true;
  for (let i = 0; n < 250; i++) {
    const base = small[i % small.length]!;
    const name =
      i < small.length
        ? base
        : `${base} (${['archive', 'test', 'reporting extract', 'legacy spreadsheet tool', 'backup copy', 'mobile app'][Math.floor(i / small.length) % 6]})`;
    if (ids.has(name)) continue;
    const kind: SystemKind = i % 5 === 4 ? 'data-store' : 'application';
    const hosting: Hosting = (['saas', 'saas', 'on-premises', 'paas', 'iaas'] as const)[i % 5]!;
    const id = await add(name, kind, {
      layer: kind === 'data-store' ? 'information-and-data' : 'line-of-business',
      area: i % 3 === 0 ? 'back-office' : i % 3 === 1 ? 'mission-it' : 'digital-public-service',
      hosting,
      sourcing: i % 4 === 0 ? 'bespoke' : 'commodity',
      users: 5 + Math.floor(rand() * 150),
      annualCost: Math.round(rand() * 30) * 1000,
      criticality: 3 + (i % 2),
      lifecycle: (['tolerate', 'invest', 'migrate', 'eliminate'] as const)[i % 4],
      endOfSupport: rand() < 0.3 ? monthEnd(2025 + Math.floor(rand() * 4), 1 + Math.floor(rand() * 12)) : null,
      recoveryPlan: rand() < 0.3,
    });
    const anchor =
      hosting === 'on-premises' ? servers[Math.floor(rand() * servers.length)] : hosting === 'iaas' ? 'Azure landing zone' : 'Identity and sign-in (Entra ID)';
    if (anchor)
      await addRelationship(db, actor, org, {
        fromSystemId: id,
        toSystemId: ids.get(anchor)!,
        kind: hosting === 'on-premises' || hosting === 'iaas' ? 'runs-on' : 'depends-on',
      });
    await addRelationship(db, actor, org, {
      fromSystemId: id,
      toSystemId: ids.get(apps[Math.floor(rand() * apps.length)]![0])!,
      kind: 'integrates-with',
    }).catch(() => undefined);
    if (rand() < 0.5)
      await addRelationship(db, actor, org, { fromSystemId: id, toSystemId: ids.get(apps[Math.floor(rand() * apps.length)]![0])!, kind: 'depends-on' }).catch(
        () => undefined,
      );
    if (rand() < 0.8)
      await addDataFlow(db, actor, org, {
        fromSystemId: id,
        toSystemId: ids.get('Data warehouse')!,
        data: 'Extract for reporting',
        personal: rand() < 0.5 ? 'personal' : 'none',
        method: rand() < 0.3 ? 'manual-rekeying' : 'file-transfer',
        frequency: 'weekly',
      });
  }

  // Which of Eastwold's service areas (the platform's list, loaded first) use each application.
  const areaIds = new Map((await serviceAreasOf(db, org)).map((a) => [a.name, Number(a.id)]));
  const usedBy: [string, string[]][] = [
    ['Revenues and benefits', ['Revenues and benefits']],
    ['Adult social care case management', ['Adult social care']],
    ['Children’s social care case management', ['Children’s social care']],
    ['Planning and building control', ['Planning and building control']],
    ['Waste management and in-cab', ['Waste and street services']],
    ['Library management', ['Libraries']],
    ['HR and payroll', ['HR and payroll']],
    ['Finance (ERP)', ['Finance']],
    ['Housing management', ['Housing']],
    ['Customer relationship management', ['Customer services', 'Waste and street services', 'Housing']],
    ['Electoral registration', ['Legal and democratic services']],
    ['Licensing and environmental health', ['Licensing and regulatory services']],
    ['Parking and permits', ['Parking services']],
    ['Contact centre telephony', ['Customer services']],
    ['Document management', ['Adult social care', 'Children’s social care', 'Revenues and benefits', 'Legal and democratic services']],
    ['Corporate GIS', ['Planning and building control', 'Highways and transport']],
    ['Cemeteries and crematorium', ['Bereavement services']],
    ['School admissions', ['Education and skills']],
    ['Highways asset management', ['Highways and transport']],
    ['IT service management (Steward)', ['Digital and ICT']],
  ];
  for (const [name, areas] of usedBy) {
    const systemId = ids.get(name);
    if (systemId === undefined) continue;
    await setServiceAreasOf(
      db,
      actor,
      org,
      systemId,
      areas.map((a) => areaIds.get(a)).filter((id): id is number => id !== undefined),
    );
  }

  // The children's services directorate keeps its own list, imported as it came, messy cells and
  // all: what could not be read waits under Needs attention, what was read roughly is marked so.
  const childrens = [
    'Children’s services application list (kept by the directorate, November 2026),,,,,,,',
    'Ref,System,Supplier,Hosting,Support ends,Annual cost,Users,Depends on,Service area',
    'CSC-01,Fostering and adoption portal,Carewell Systems,Supplier hosted,2028,c. £12k,~45,Children’s social care case management,Children’s social care',
    'CSC-02,Youth justice case records,Justicia Software,On prem,TBC,"£18,500",30,,Children’s social care',
    'CSC-03,Early help assessments,In-house,Azure,n/a,incl. M365,120+,Microsoft 365,Children’s social care',
    'CSC-03,Early help assessments,In-house,Azure,n/a,incl. M365,120+,Microsoft 365,Education and skills',
    'CSC-04,Educational psychology bookings,Bookwell,SaaS,Q2 2027,£250 per month,12,,Education and skills',
    'CSC-05,SEND annual reviews,Carewell Systems,Cloud,end of March,£22k,~60,EHC plan tracker,Education and skills',
    'CSC-06,Virtual school attendance,Edufirst,SaaS,31/08/2027,ask finance,all staff,,Virtual school',
  ];
  await importSpreadsheet(
    db,
    { personId: ctx.people.applicationsManager ?? null, label: 'demo loader', organisationId: org },
    org,
    systemsImport,
    'Childrens services application list.csv',
    Buffer.from(childrens.join('\r\n')),
  );

  // Business capabilities, with the overlaps a council's estate really has (several booking tools, several case logs).
  const capabilities: [string, string[]][] = [
    ['Council tax and business rates collection', ['Revenues and benefits', 'Council tax reduction calculator']],
    ['Benefits assessment', ['Revenues and benefits', 'Council tax reduction calculator']],
    ['Adult social care case management', ['Adult social care case management']],
    ['Children’s social care case management', ['Children’s social care case management', 'Youth services records']],
    ['Planning and building control', ['Planning and building control']],
    ['Waste collection', ['Waste management and in-cab', 'Bulky waste bookings']],
    ['Payroll and HR', ['HR and payroll', 'E-learning']],
    ['Financial management', ['Finance (ERP)', 'Schools finance', 'Grants management']],
    ['Customer contact', ['Customer relationship management', 'Online forms and payments', 'Contact centre telephony']],
    ['Casework and complaints', ['Complaints handling', 'Member enquiries', 'Freedom of information requests', 'Trading standards case log']],
    ['Bookings and payments', ['Online forms and payments', 'Pest control bookings', 'Bulky waste bookings', 'Register office bookings', 'Leisure bookings']],
    ['Document and records management', ['Document management', 'Intranet']],
    ['Mapping and address data', ['Corporate GIS', 'Local land and property gazetteer', 'Street naming and numbering']],
    ['Reporting and analytics', ['Data warehouse', 'Power BI reporting']],
    ['Housing management', ['Housing management']],
    ['Licensing and permits', ['Licensing and environmental health', 'Parking and permits', 'Events and filming permits', 'Blue badge applications']],
    ['Elections', ['Electoral registration']],
    ['Collaboration and email', ['Microsoft 365', 'Intranet']],
    ['Asset management', ['Highways asset management', 'Building maintenance', 'Fleet management']],
  ];
  for (const [name, systems] of capabilities) {
    const capabilityId = await createCapability(db, actor, org, { name, description: '' });
    for (const system of systems) if (ids.has(system)) await linkSystemToCapability(db, actor, org, ids.get(system)!, capabilityId);
  }

  // Suppliers and contracts: one or more per supplier, ending over the next few years.
  const supplierIds = new Map<string, number>();
  const vendors = [...new Set(apps.map((a) => a[1]).filter((v) => v !== 'In-house' && v !== 'Open source CMS'))];
  const extra = [
    'Storewise',
    'Hypervisor Co',
    'Netlink Telecom',
    'Countywide Print',
    'SecureGate',
    'Cloudbridge',
    'DeviceCare',
    'Helpline Services',
    'Dataworks Consulting',
    'Archive Boxes Ltd',
    'Signal Mobile',
    'Backup Vault',
    'Cable & Duct',
    'Schools IT Partnership',
    'Penetration Testing Co',
    'Training Academy',
    'Licence Brokers',
    'Audio Visual Ltd',
    'Kiosk Systems',
    'Payment Gateway Ltd',
    'Mailroom Solutions',
    'Web Agency North',
    'Accessibility Audits',
    'Survey Tools',
    'Fleet Telematics',
    'Smart Buildings',
    'Energy Meters Co',
    'Parking Sensors Ltd',
    'GIS Data Services',
    'Translation Services',
    'Records Storage Co',
    'Digital Inclusion Trust',
    'Cyber Response Ltd',
    'Network Cabling North',
    'Print Supplies Direct',
    'Interpreting Services',
    'Occupational Health IT',
    'Asset Tagging Ltd',
    'Software Asset Advisors',
    'Data Protection Consultants',
  ];
  for (const v of [...vendors, ...extra])
    if (supplierIds.size < 60)
      supplierIds.set(v, await createSupplier(db, actor, org, { name: v, companyNumber: String(10000000 + Math.floor(rand() * 8999999)), contact: '' }));
  const today = new Date().toISOString().slice(0, 10);
  const routes = ['framework', 'framework', 'open', 'direct-award', 'below-threshold', 'restricted'] as const;
  let k = 0;
  for (const [supplier, supplierId] of supplierIds) {
    const covered = apps
      .filter((a) => a[1] === supplier)
      .map((a) => ids.get(a[0])!)
      .filter(Boolean);
    const coveredServices = [...new Set(apps.filter((a) => a[1] === supplier && a[6] && services.has(a[6])).map((a) => services.get(a[6]!)!))];
    const count = covered.length ? 2 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 3);
    for (let i = 0; i < count && k < 120; i++) {
      k++;
      const end = addMonths(today, -6 + Math.floor(rand() * 54));
      const start = addMonths(end, -(12 * (2 + Math.floor(rand() * 4))));
      const annual = Math.round((covered.length ? 20000 + rand() * 300000 : 2000 + rand() * 60000) / 100) * 100;
      await createContract(
        db,
        actor,
        org,
        {
          reference: `EWC-${String(k).padStart(4, '0')}`,
          title:
            i === 0 && covered.length
              ? `${apps.find((a) => a[1] === supplier)![0]}: licences and support`
              : `${supplier}: ${['support and maintenance', 'professional services', 'hosting', 'licences', 'managed service'][k % 5]}`,
          supplierId,
          annualValue: annual,
          wholeLifeValue: annual * (2 + Math.floor(rand() * 4)),
          startDate: start,
          endDate: end,
          noticeMonths: [1, 3, 3, 6, 6, 12][Math.floor(rand() * 6)]!,
          extensionMonths: rand() < 0.4 ? 12 : 0,
          procurementRoute: routes[k % routes.length]!,
          framework:
            routes[k % routes.length] === 'framework'
              ? ['G-Cloud 14', 'Technology Products and Associated Services 2', 'Network Services 3', 'Digital Outcomes 6'][k % 4]!
              : null,
          notes: '',
        },
        i === 0 ? covered : [],
        actor.personId,
        i === 0 ? coveredServices : [],
      );
    }
  }
}
