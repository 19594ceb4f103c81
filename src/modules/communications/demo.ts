import { own, serviceAreasOf, type DemoContext } from '../../platform/index.js';
import { servicesOf } from '../service-desk/index.js';
import { progressChoices, publishProgressItem } from './progress.js';
import { savePublicPage } from './public-pages.js';
import { shortNameHolder } from './queries.js';
import { writePost } from './posts.js';
import { addIncidentUpdate, confirmSubscription, followMajorIncidents, reportIncident, saveComponent, scheduleMaintenance, subscribe } from './status.js';

const hour = 3600_000;
const dayMs = 24 * hour;

type Component = [name: string, nameCy: string, group: 'online' | 'phones' | 'staff', service: string | null, description: string];
// Demo components, in Steward's own words: what Eastwold's residents and staff know by name.
const components: Component[] = [
  ['Council website', 'Gwefan y cyngor', 'online', 'Council website', 'eastwold.gov.uk and its pages of information'],
  ['Pay council tax online', 'Talu treth y cyngor ar-lein', 'online', 'Revenues and benefits', 'Paying, setting up a direct debit and checking your balance'],
  ['Benefits claims online', 'Hawlio budd-daliadau ar-lein', 'online', 'Revenues and benefits', 'Housing benefit and council tax reduction claims'],
  [
    'Report a problem in your street',
    'Rhoi gwybod am broblem yn eich stryd',
    'online',
    'Waste and street services',
    'Potholes, fly-tipping, street lights and graffiti',
  ],
  ['Bin collection days', 'Diwrnodau casglu biniau', 'online', 'Waste and street services', 'Your collection days and missed bins'],
  ['Planning applications search', 'Chwilio ceisiadau cynllunio', 'online', 'Planning and building control', 'Finding, reading and commenting on applications'],
  ['Library catalogue and renewals', 'Catalog y llyfrgell ac adnewyddu', 'online', 'Libraries', 'Searching, reserving and renewing books'],
  ['Online payments', 'Taliadau ar-lein', 'online', null, 'Card payments for parking permits, garden waste and other services'],
  ['My Eastwold account', 'Fy nghyfrif Eastwold', 'online', 'Customer relationship management', 'Signing in to see your requests and council tax'],
  ['Housing repairs online', 'Atgyweirio tai ar-lein', 'online', 'Housing management', 'Reporting and tracking repairs to council homes'],
  ['Interactive maps', '', 'online', 'GIS and mapping', 'Maps of schools, planning constraints, gritting routes and more'],
  [
    'Contact centre phone lines',
    'Llinellau ffôn y ganolfan gyswllt',
    'phones',
    'Telephony and contact centre',
    '01632 960 000, Monday to Friday 8:30am to 5pm',
  ],
  ['Webchat', '', 'phones', 'Customer relationship management', 'Chatting with an adviser on the website'],
  ['Out-of-hours emergency line', 'Llinell argyfwng y tu allan i oriau', 'phones', 'Telephony and contact centre', 'For emergencies outside office hours'],
  ['Email and Teams', '', 'staff', 'Microsoft 365', 'Outlook, Teams, OneDrive and SharePoint'],
  ['Remote access', '', 'staff', 'Remote access', 'The VPN and working away from the office'],
  ['Office network and Wi-Fi', '', 'staff', 'Network and Wi-Fi', 'Eastwold House, the depots and the libraries'],
  ['Printing', '', 'staff', 'Printing', 'Follow-me printing in every office'],
  ['Adult social care case management', '', 'staff', 'Adult social care case management', 'The case management system social workers use'],
  ['Payroll and HR self-service', '', 'staff', 'Payroll and HR', 'Payslips, leave and expenses'],
];
const groups = {
  online: ['Online services', 'Gwasanaethau ar-lein'],
  phones: ['Phones and contact', 'Ffôn a chysylltu'],
  staff: ['Staff systems', ''],
} as const;

type Past = {
  daysAgo: number;
  hours: number;
  title: string;
  titleCy: string;
  impact: 'degraded' | 'partial' | 'major';
  on: string[];
  public: boolean;
  first: string;
  firstCy: string;
  fix: string;
  fixCy: string;
  note: string;
};
const past: Past[] = [
  {
    daysAgo: 78,
    hours: 3,
    title: 'Card payments for council tax failing',
    titleCy: 'Taliadau cerdyn ar gyfer treth y cyngor yn methu',
    impact: 'partial',
    on: ['Pay council tax online', 'Online payments'],
    public: true,
    first: 'Some card payments are being declined. Direct debits are not affected. Please try again later rather than calling us.',
    firstCy:
      'Mae rhai taliadau cerdyn yn cael eu gwrthod. Nid yw debydau uniongyrchol wedi’u heffeithio. Rhowch gynnig arall arni nes ymlaen yn hytrach na’n ffonio.',
    fix: 'Card payments are working again. If you were charged twice, it will be refunded within five working days.',
    fixCy: 'Mae taliadau cerdyn yn gweithio eto. Os codwyd tâl ddwywaith arnoch, caiff ei ad-dalu o fewn pum diwrnod gwaith.',
    note: 'Payment provider certificate expired at their end; supplier incident ref recorded on the ticket.',
  },
  {
    daysAgo: 62,
    hours: 2,
    title: 'Calls to the contact centre being cut off',
    titleCy: 'Galwadau i’r ganolfan gyswllt yn cael eu torri',
    impact: 'major',
    on: ['Contact centre phone lines', 'Out-of-hours emergency line'],
    public: true,
    first: 'Calls are being cut off after a few seconds. For emergencies, call 999. We will update this page every 30 minutes.',
    firstCy: 'Mae galwadau’n cael eu torri ar ôl ychydig eiliadau. Mewn argyfwng, ffoniwch 999. Byddwn yn diweddaru’r dudalen hon bob 30 munud.',
    fix: 'Phone lines are working normally again.',
    fixCy: 'Mae’r llinellau ffôn yn gweithio’n arferol eto.',
    note: 'SIP trunk failover did not trigger; carrier fixed routing.',
  },
  {
    daysAgo: 47,
    hours: 20,
    title: 'Library catalogue slow to search',
    titleCy: '',
    impact: 'degraded',
    on: ['Library catalogue and renewals'],
    public: true,
    first: 'Searching the catalogue is slow. Renewals still work, and nothing will be charged as overdue while this lasts.',
    firstCy: '',
    fix: 'The catalogue is back to its usual speed.',
    fixCy: '',
    note: 'Supplier index rebuild ran in the daytime by mistake.',
  },
  {
    daysAgo: 33,
    hours: 5,
    title: 'Email arriving late',
    titleCy: '',
    impact: 'degraded',
    on: ['Email and Teams'],
    public: false,
    first: 'Email from outside the council is arriving up to an hour late. Teams is not affected.',
    firstCy: '',
    fix: 'Email is arriving on time again; everything delayed has been delivered.',
    fixCy: '',
    note: 'Mail filter queue backed up after a phishing wave; vendor cleared it.',
  },
  {
    daysAgo: 19,
    hours: 6,
    title: 'Bin collection days showing last week’s dates',
    titleCy: 'Diwrnodau casglu biniau yn dangos dyddiadau’r wythnos diwethaf',
    impact: 'degraded',
    on: ['Bin collection days'],
    public: true,
    first: 'The collection days page is showing last week’s dates. Collections themselves are running as normal.',
    firstCy: 'Mae’r dudalen diwrnodau casglu yn dangos dyddiadau’r wythnos diwethaf. Mae’r casgliadau eu hunain yn digwydd fel arfer.',
    fix: 'The page shows the right dates again.',
    fixCy: 'Mae’r dudalen yn dangos y dyddiadau cywir eto.',
    note: 'Nightly round import failed after the bank holiday change.',
  },
  {
    daysAgo: 9,
    hours: 7,
    title: 'Planning applications search unavailable',
    titleCy: 'Chwilio ceisiadau cynllunio ddim ar gael',
    impact: 'major',
    on: ['Planning applications search'],
    public: true,
    first: 'The planning search is not available. Comment deadlines falling today will be extended by two days.',
    firstCy: 'Nid yw’r chwiliad cynllunio ar gael. Bydd terfynau amser sylwadau sy’n dod i ben heddiw yn cael eu hymestyn ddau ddiwrnod.',
    fix: 'Planning search is working again. Deadlines that fell during the outage have been extended by two days.',
    fixCy: 'Mae’r chwiliad cynllunio yn gweithio eto. Mae terfynau amser a ddaeth i ben yn ystod y toriad wedi’u hymestyn ddau ddiwrnod.',
    note: 'Supplier-hosted; their data centre lost power.',
  },
  {
    daysAgo: 3,
    hours: 1.5,
    title: 'Webchat unavailable',
    titleCy: '',
    impact: 'partial',
    on: ['Webchat'],
    public: true,
    first: 'Webchat is not connecting. Please call us or use the online forms meanwhile.',
    firstCy: '',
    fix: 'Webchat is working again.',
    fixCy: '',
    note: 'CRM connector token expired.',
  },
];

const posts: {
  title: string;
  titleCy?: string;
  body: string;
  bodyCy?: string;
  daysAgo: number | null;
  audience?: 'all' | 'it' | 'area';
  area?: string;
  public?: boolean;
}[] = [
  {
    title: 'Emails pretending to be from payroll',
    daysAgo: 4,
    body: 'Demo post. Some of you have had emails saying your December pay is on hold and asking you to sign in to a link. **They are not from us or from payroll.**\n\n- Do not click the link or sign in.\n- Use the **Report** button in Outlook, then delete the email.\n- If you did sign in, change your password now and call the service desk on extension 4000.\n\nThank you to everyone who reported it: 140 of you did within the first hour.',
  },
  {
    title: 'Council tax online: quicker, and works on your phone',
    titleCy: 'Treth y cyngor ar-lein: cyflymach, ac yn gweithio ar eich ffôn',
    daysAgo: 12,
    public: true,
    body: 'Demo post. Residents can now check their balance, set up a direct debit and tell us they have moved in one place, on any phone. We built it with residents who told us the old forms asked the same thing three times.\n\nCalls about council tax balances are down by a fifth since the new pages went live.',
    bodyCy:
      'Post demo. Gall trigolion nawr wirio eu balans, sefydlu debyd uniongyrchol a dweud wrthym eu bod wedi symud mewn un lle, ar unrhyw ffôn. Fe wnaethom ei adeiladu gyda thrigolion a ddywedodd wrthym fod yr hen ffurflenni’n gofyn yr un peth dair gwaith.\n\nMae galwadau am falansau treth y cyngor wedi gostwng un rhan o bump ers i’r tudalennau newydd fynd yn fyw.',
  },
  {
    title: 'What you told us in the service desk survey',
    daysAgo: 20,
    public: true,
    body: 'Demo post. 612 of you answered. You like that the desk fixes most things on the first call; you do not like waiting on hold on Monday mornings or being asked for your details twice.\n\n## What we are changing\n\n- More people on the desk from 8am to 11am on Mondays.\n- Your details are filled in when you call from a council phone.\n- A fortnightly note here on what we fixed.',
  },
  {
    title: 'Windows 11 for everyone by March',
    daysAgo: 27,
    body: 'Demo post. Every council laptop moves to Windows 11 before support for Windows 10 ends for us. Your team will get a date two weeks ahead; the upgrade takes about an hour and keeps your files.\n\nIf your team runs a system that has not been tested on Windows 11, your manager has been asked to tell us by 19 December.',
  },
  {
    title: 'Longer passwords, changed less often',
    daysAgo: 41,
    body: 'Demo post. From next month your password needs to be at least 14 characters, and you will no longer be asked to change it every 90 days. Three random words work well, like *kettle-harbour-violet*.\n\nThis follows the National Cyber Security Centre’s advice: frequent changes lead to weaker passwords.',
  },
  {
    title: 'Cyber awareness training due by 31 March',
    daysAgo: 55,
    body: 'Demo post. The annual course takes 25 minutes on the learning site. Managers can see who in their team has done it. It is needed for the council’s PSN compliance, so please do not leave it to the last week.',
  },
  {
    title: 'Our digital plan for 2027',
    titleCy: 'Ein cynllun digidol ar gyfer 2027',
    daysAgo: 60,
    public: true,
    body: 'Demo post. The digital board has agreed what we will work on next year: moving the remaining servers in Eastwold House to the cloud, a new case management system for adult social care, and making the ten most-used online forms work well on a phone.\n\nEach has a page on our progress page, and we will say here when they reach each stage.',
    bodyCy:
      'Post demo. Mae’r bwrdd digidol wedi cytuno ar beth y byddwn yn gweithio arno y flwyddyn nesaf: symud y gweinyddion sy’n weddill yn Nhŷ Eastwold i’r cwmwl, system rheoli achosion newydd ar gyfer gofal cymdeithasol i oedolion, a gwneud i’r deg ffurflen ar-lein a ddefnyddir fwyaf weithio’n dda ar ffôn.',
  },
  {
    title: 'New printers in Eastwold House',
    daysAgo: 70,
    audience: 'area',
    area: 'Resources',
    body: 'Demo post. The printers on floors 2 and 3 are being replaced over two weekends. Follow-me printing works the same way: tap your pass on any printer.',
  },
  {
    title: 'Teams phones replacing desk phones',
    daysAgo: 84,
    body: 'Demo post. Desk phones are being switched off team by team between now and April; your number moves to Teams and rings on your laptop and mobile. Headsets are available from the service desk.',
  },
  {
    title: 'Patching weekend for the IT team',
    daysAgo: 6,
    audience: 'it',
    body: 'Demo post. The infrastructure team patches the core servers on Saturday night. The on-call rota is on the team site; the change is on the CAB calendar.',
  },
  {
    title: 'Christmas and New Year service desk hours',
    daysAgo: -10,
    body: 'Demo post. The service desk closes at 1pm on 24 December and reopens on 2 January. The out-of-hours line stays open for urgent problems.',
  },
  {
    title: 'Your questions about the new laptops',
    daysAgo: null,
    body: 'Demo draft. Answers to the questions from the Windows 11 briefings, to publish once the rollout dates are confirmed.',
  },
];

export async function loadCommunicationsDemo(ctx: DemoContext) {
  const { db, organisationId, actor } = ctx;
  // A second demo council on the same installation (a shared service trying Steward) takes the next free name.
  let shortName = 'eastwold';
  for (let n = 2; (await shortNameHolder(db, shortName)) !== null; n++) shortName = `eastwold-${n}`;
  await savePublicPage(db, actor, organisationId, {
    shortName,
    name: 'Eastwold Council (demo)',
    nameCy: 'Cyngor Eastwold (demo)',
    about: 'How the council’s online services and phone lines are running, and what we are doing when they are not. This is demonstration data.',
    aboutCy: 'Sut mae gwasanaethau ar-lein a llinellau ffôn y cyngor yn gweithio, a beth rydym yn ei wneud pan nad ydynt. Data demo yw hwn.',
    colour: '#005a8c',
    welsh: true,
  });

  const services = await servicesOf(db, organisationId);
  const serviceId = (name: string | null) => (name ? (services.find((s) => s.name === name)?.id ?? null) : null);
  const ids = new Map<string, number>();
  for (const [name, nameCy, group, service, description] of components) {
    const [g, gCy] = own(groups, group)!;
    ids.set(
      name,
      await saveComponent(db, actor, organisationId, {
        name,
        nameCy,
        description,
        descriptionCy: '',
        group: g,
        groupCy: gCy,
        serviceId: serviceId(service) === null ? null : Number(serviceId(service)),
        systemId: null,
        public: group !== 'staff',
      }),
    );
  }

  const now = Date.now();
  for (const p of past) {
    const start = new Date(now - p.daysAgo * dayMs - 5 * hour);
    const id = await reportIncident(
      db,
      actor,
      organisationId,
      {
        title: p.title,
        titleCy: p.titleCy,
        impact: p.impact,
        componentIds: p.on.map((n) => ids.get(n)!),
        state: 'investigating',
        body: p.first,
        bodyCy: p.firstCy,
        internalNote: p.note,
        public: p.public,
      },
      start,
    );
    await addIncidentUpdate(
      db,
      actor,
      organisationId,
      id,
      {
        state: 'identified',
        impact: p.impact,
        body: 'We have found the cause and are fixing it.',
        bodyCy: 'Rydym wedi dod o hyd i’r achos ac yn ei drwsio.',
        internalNote: '',
      },
      new Date(start.getTime() + (p.hours * hour) / 3),
    );
    await addIncidentUpdate(
      db,
      actor,
      organisationId,
      id,
      { state: 'resolved', impact: p.impact, body: p.fix, bodyCy: p.fixCy, internalNote: '' },
      new Date(start.getTime() + p.hours * hour),
    );
  }
  // One problem still open, being watched after a fix.
  const open = await reportIncident(
    db,
    actor,
    organisationId,
    {
      title: 'Interactive maps slow to load',
      titleCy: '',
      impact: 'degraded',
      componentIds: [ids.get('Interactive maps')!],
      state: 'investigating',
      body: 'Maps are taking up to a minute to appear. The information in them is still right.',
      bodyCy: '',
      internalNote: 'Tile server at 95% CPU since the supplier update.',
      public: true,
    },
    new Date(now - 7 * hour),
  );
  await addIncidentUpdate(
    db,
    actor,
    organisationId,
    open,
    {
      state: 'monitoring',
      impact: 'degraded',
      body: 'We have made a change and maps are loading faster. We are watching to make sure it lasts.',
      bodyCy: '',
      internalNote: 'Rolled back the supplier update; watching.',
    },
    new Date(now - 2 * hour),
  );

  const saturday = new Date(now + ((6 - new Date(now).getUTCDay() + 7) % 7 || 7) * dayMs);
  const at = (d: Date, h: number, m = 0) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), h, m)).toISOString();
  await scheduleMaintenance(db, actor, organisationId, {
    title: 'Council website upgrade',
    titleCy: 'Uwchraddio gwefan y cyngor',
    body: 'The website and the online forms will be unavailable while we upgrade them. Card payments and the phone lines are not affected.',
    bodyCy: 'Ni fydd y wefan a’r ffurflenni ar-lein ar gael tra byddwn yn eu huwchraddio. Nid yw taliadau cerdyn na’r llinellau ffôn wedi’u heffeithio.',
    startsAt: at(saturday, 18),
    endsAt: at(saturday, 22),
    componentIds: [ids.get('Council website')!, ids.get('Report a problem in your street')!, ids.get('My Eastwold account')!],
    public: true,
  });
  const later = new Date(saturday.getTime() + 8 * dayMs);
  await scheduleMaintenance(db, actor, organisationId, {
    title: 'Phone system software update',
    titleCy: '',
    body: 'Calls may drop for a minute or two during the update, early in the morning before the lines open.',
    bodyCy: '',
    startsAt: at(later, 6),
    endsAt: at(later, 7, 30),
    componentIds: [ids.get('Contact centre phone lines')!, ids.get('Out-of-hours emergency line')!],
    public: true,
  });

  // Work done last quarter, announced a week before it happened.
  for (const [daysAgo, title, titleCy, on] of [
    [64, 'Council tax and benefits system upgrade', 'Uwchraddio system treth y cyngor a budd-daliadau', ['Pay council tax online', 'Benefits claims online']],
    [26, 'Network switch replacement at Eastwold House', '', ['Office network and Wi-Fi']],
  ] as const) {
    const day = new Date(now - daysAgo * dayMs);
    await scheduleMaintenance(
      db,
      actor,
      organisationId,
      {
        title,
        titleCy,
        body: 'Demo: the service was unavailable while the work was done, out of office hours.',
        bodyCy: '',
        startsAt: at(day, 19),
        endsAt: at(day, 23),
        componentIds: on.map((n) => ids.get(n)!),
        public: on.some((n) => components.find((c) => c[0] === n)?.[2] !== 'staff'),
      },
      new Date(now - (daysAgo + 7) * dayMs),
    );
  }

  // Subscribers, through the same form residents use: most confirm, a few never do.
  const names = [
    'a.khan',
    'j.murphy',
    'l.evans',
    'parish.clerk',
    's.begum',
    'd.roberts',
    'm.jones',
    'r.williams',
    'k.thomas',
    'c.davies',
    'residents.assoc',
    'b.hughes',
    'h.price',
    'g.lewis',
    'e.morgan',
    'f.walker',
    't.wright',
    'n.ali',
    'p.green',
    'w.edwards',
  ];
  for (const [i, n] of names.entries()) {
    const lang = i % 4 === 0 ? 'cy' : 'en';
    const chosen = i % 3 === 0 ? [] : [ids.get(components[i % 14]![0])!];
    const { token } = await subscribe(db, organisationId, { email: `${n}@example.org`, lang, componentIds: chosen });
    if (token && i % 7 !== 6) await confirmSubscription(db, organisationId, token);
  }

  const areas = await serviceAreasOf(db, organisationId);
  for (const p of posts) {
    const areaId = p.area ? (areas.find((a) => a.name === p.area)?.id ?? null) : null;
    const audience = p.audience === 'area' && areaId === null ? 'all' : (p.audience ?? 'all');
    const future = p.daysAgo !== null && p.daysAgo < 0;
    const input = {
      title: p.title,
      titleCy: p.titleCy ?? '',
      body: p.body,
      bodyCy: p.bodyCy ?? '',
      audience,
      serviceAreaId: audience === 'area' ? Number(areaId) : null,
      public: p.public ?? false,
      publish: p.daysAgo === null ? ('draft' as const) : future ? ('later' as const) : ('now' as const),
      publishAt: future ? new Date(now - p.daysAgo! * dayMs).toISOString().slice(0, 11) + '09:00' : null,
    };
    // A post of weeks ago is written as it was then, so its dates read true.
    // Posted at half past nine on the day, as a team would.
    const on = new Date(now - p.daysAgo! * dayMs);
    const morning = new Date(Date.UTC(on.getUTCFullYear(), on.getUTCMonth(), on.getUTCDate(), 9, 30));
    await writePost(db, actor, organisationId, input, null, p.daysAgo !== null && !future ? morning : new Date(now));
  }

  // The progress page: chosen roadmap items, KPIs and decisions, some with Welsh and some without.
  for (const section of await progressChoices(db, organisationId)) {
    const chosen =
      section.kind === 'project'
        ? section.items.filter((i) => published.has(i.title))
        : section.kind === 'kpi'
          ? section.items.filter(
              (i) =>
                own(welsh, i.title) !== undefined ||
                i.title === 'Satisfaction with the service desk' ||
                i.title === 'Priority 1 tickets resolved within their SLA',
            )
          : section.items.slice(0, 5);
    for (const item of chosen)
      await publishProgressItem(db, actor, organisationId, { kind: section.kind, recordId: item.id, titleCy: own(welsh, item.title) ?? '', summaryCy: '' });
  }
  await followMajorIncidents(db);
}

const published = new Set([
  'Digital front door',
  'New council website on LocalGov Drupal',
  'Council tax and benefits online accounts',
  'Report it: missed bins, fly-tipping and potholes',
  'Replace adult social care case management',
  'Move to Azure',
  'Disaster recovery tests for critical services',
]);
// Demo Welsh for some of what is published; the rest shows in English with a note, as a real page would while translation catches up.
const welsh: Record<string, string> = {
  'Digital front door': 'Drws ffrynt digidol',
  'New council website on LocalGov Drupal': 'Gwefan newydd y cyngor ar LocalGov Drupal',
  'Council tax and benefits online accounts': 'Cyfrifon ar-lein treth y cyngor a budd-daliadau',
  'Replace adult social care case management': 'Disodli’r system rheoli achosion gofal cymdeithasol i oedolion',
  'Disaster recovery tests for critical services': 'Profion adfer ar ôl trychineb ar gyfer gwasanaethau hanfodol',
  'Residents satisfied with the council’s website': 'Trigolion sy’n fodlon â gwefan y cyngor',
  'Council tax payments made online': 'Taliadau treth y cyngor a wnaed ar-lein',
  'Online forms completed without a phone call': 'Ffurflenni ar-lein a gwblhawyd heb alwad ffôn',
};
