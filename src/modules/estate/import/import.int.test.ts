import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../../test/support/app.js';
import { type Client, signedInClient } from '../../../../test/support/client.js';
import { systemActor, writeSpreadsheet } from '../../../platform/index.js';
import { addRelationship, createSystem, nothingKnown } from '../service.js';
import { unique } from '../../../../test/support/factories.js';
import { sheetXml, workbook } from '../../../../test/support/xlsx.js';

const csv = (rows: string[]) => Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`);
const register = [
  'System Ref,Application Name,Hosted,Supplier,EOL,Annual Cost (£),No. of users,Tier,Dependencies',
  'SRV-1,App server,On Prem,Hypervisor Co,Mar-26,"£12,000",,Tier 1,',
  'APP-1,Revenues and benefits,On Prem,Northway,31/03/2027,"£310,000",180,Business Critical,SRV-1; DB-9',
  'APP-2,Planning,Supplier hosted,TBC,31/02/2026,-5,lots,N/A,',
  'app-1,Duplicate,,,,,,,',
];

describe.each(testDatabases())('importing the estate register from a spreadsheet (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let agent: Client;
  let manager: Client;
  const systems = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('systems')
          .where('organisation_id', '=', org.id)
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  // Each test has an organisation of its own (its register, remembered columns and words), so
  // the tests pass in any order.
  beforeEach(async () => {
    org = await seedOrganisation(t, `Import Council ${unique()}`);
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
  });
  afterAll(() => t.close());

  async function upload(rows: string[], filename = 'register.csv', kind = 'systems', as = agent) {
    await as.get('/imports');
    return as.upload('/imports', { kind }, { filename, type: 'text/csv', data: csv(rows) });
  }

  async function uploadFile(data: Buffer, filename: string, kind = 'systems') {
    await agent.get('/imports');
    return agent.upload('/imports', { kind }, { filename, type: 'application/octet-stream', data });
  }

  it('refuses what is not a readable CSV or XLSX file, with a message', async () => {
    const notXlsx = await upload(register, 'register.xlsx');
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.body).toContain('not a readable XLSX spreadsheet');
    const word = await upload(register, 'register.docx');
    expect(word.statusCode).toBe(400);
    expect(word.body).toContain('must be a CSV or XLSX spreadsheet');
    const broken = await upload(['a,b', '"unclosed,quote']);
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('could not be read as CSV');
    const xlsx = (await writeSpreadsheet('xlsx', 'x', ['a'], [['b']])).body as Buffer;
    const truncated = await uploadFile(xlsx.subarray(0, xlsx.length - 30), 'cut.xlsx');
    expect(truncated.statusCode).toBe(400);
    expect(await systems()).toBe(0);
  });

  it('refuses a file over 100 MB with a message, writing nothing', async () => {
    const long = 'x'.repeat(800);
    const big = await upload(['Ref,Name', ...Array.from({ length: 130_000 }, (_, i) => `BIG-${i},A system with a long enough name ${i} ${long}`)], 'big.csv');
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('The selected file must be smaller than 100 MB');
    expect(await systems()).toBe(0);
  });

  it('reads an Excel workbook, dates and numbers as Excel stores them, and answers the upload script with where to go', async () => {
    const file = await writeSpreadsheet(
      'xlsx',
      'register',
      ['System Ref', 'Application Name', 'Hosted', 'EOL', 'Annual Cost (£)'],
      [['XL-1', 'Libraries', 'SaaS', new Date(Date.UTC(2027, 2, 31)) as unknown as string, 12500]],
    );
    await agent.get('/imports');
    const created = await agent.upload(
      '/imports',
      { kind: 'systems' },
      { filename: 'register.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: file.body as Buffer },
      { headers: { accept: 'application/json' } },
    );
    expect(created.statusCode).toBe(201);
    const location = created.json<{ location: string }>().location;
    const page = await agent.get(location);
    expect(page.body).toContain('1 row can be imported');
    expect(page.body).toContain('31 March 2027');
    await agent.post(`${location}/cancel`);
  });

  it('keeps every row that names a system: a cell it cannot read goes in as not known, named in the preview; cancelling writes nothing', async () => {
    const res = await upload(register);
    expect(res.statusCode).toBe(303);
    const path = String(res.headers.location);
    const page = await agent.get(path);
    expect(page.body).toContain('3 rows can be imported');
    expect(page.body).toContain('1 row cannot be read and will be left out');
    expect(page.body).toContain('4 cells go in as not known');
    expect(page.body).toContain('31/02/2026 is not a real date');
    expect(page.body).toContain('-5 is negative');
    expect(page.body).toContain('no system called DB-9 in the register or the file, so the dependency is not recorded');
    expect(page.body).toContain('Identifier: repeats the identifier on row 3');
    const leftOut = await agent.get(`${path}/left-out.csv`);
    expect(leftOut.body.split('\n')[0]).toBe(
      'Row,Why it was left out,System Ref,Application Name,Hosted,Supplier,EOL,Annual Cost (£),No. of users,Tier,Dependencies',
    );
    expect(leftOut.body.trim().split(/\r?\n/)).toHaveLength(2);
    expect(leftOut.body).toContain('5,Identifier: repeats the identifier on row 3');
    const api = (await agent.json('GET', `/api/v1/imports/${path.split('/').pop()}`)).json<{
      readable: number;
      leftOut: number;
      keptAsNotKnown: { count: number };
    }>();
    expect(api).toMatchObject({ readable: 3, leftOut: 1, keptAsNotKnown: { count: 4 } });
    await agent.post(`${path}/cancel`);
    expect(await systems()).toBe(0);
  });

  it('leaves out any row with a cell it cannot read when the import is all or nothing', async () => {
    await agent.get('/imports');
    const res = await agent.upload('/imports', { kind: 'systems', strict: 'yes' }, { filename: 'register.csv', type: 'text/csv', data: csv(register) });
    const path = String(res.headers.location);
    const page = await agent.get(path);
    expect(page.body).toContain('This import is all or nothing');
    expect(page.body).toContain('1 row can be imported');
    expect(page.body).toContain('End of support: 31/02/2026 is not a real date');
    const leftOut = await agent.get(`${path}/left-out.csv`);
    expect(leftOut.body.trim().split(/\r?\n/)).toHaveLength(4);
    await agent.post(`${path}/cancel`);
  });

  it('writes what it could not read as notes on the records, listed under Needs attention and put right there', async () => {
    const res = await upload(register);
    const path = String(res.headers.location);
    await agent.get(path);
    expect((await agent.post(`${path}/confirm`)).statusCode).toBe(303);
    const done = await agent.get(path);
    expect(done.body).toContain('3 systems added');
    expect(done.body).toContain('4 cells that could not be read went in as not known');
    expect(done.body).toContain('1 row left out');
    const planning = await t.database.db
      .selectFrom('systems')
      .where('organisation_id', '=', org.id)
      .where('identifier', '=', 'APP-2')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(planning).toMatchObject({ end_of_support: null, users: null, annual_cost: null, hosting: 'saas' });
    const system = await agent.get(`/estate/systems/${planning.id}`);
    expect(system.body).toContain('not known, since “lots” could not be read');
    const attention = await agent.get('/imports/attention');
    expect(attention.statusCode).toBe(200);
    expect(attention.body).toContain('Could not be read (4)');
    const notes = await t.database.db
      .selectFrom('data_quality_notes')
      .where('organisation_id', '=', org.id)
      .where('resolved_at', 'is', null)
      .selectAll()
      .orderBy('id')
      .execute();
    expect(notes.map((n) => [n.label, n.as_written]).sort()).toEqual([
      ['Annual cost', '-5'],
      ['Depends on', 'DB-9'],
      ['End of support', '31/02/2026'],
      ['Users', 'lots'],
    ]);
    for (const n of notes) expect(attention.body).toContain(`/imports/attention/${n.id}`);
    const users = notes.find((n) => n.as_written === 'lots')!;
    const bad = await agent.post(`/imports/attention/${users.id}`, { value: 'many' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Users: many is not a whole number');
    expect((await agent.post(`/imports/attention/${users.id}`, { value: 'about 40' })).statusCode).toBe(303);
    const eos = notes.find((n) => n.label === 'End of support')!;
    expect((await agent.post(`/imports/attention/${eos.id}`, { value: '2028' })).statusCode).toBe(303);
    const cost = notes.find((n) => n.label === 'Annual cost')!;
    expect((await agent.post(`/imports/attention/${cost.id}`, { leave: 'yes' })).statusCode).toBe(303);
    const dep = notes.find((n) => n.label === 'Depends on')!;
    expect((await agent.post(`/imports/attention/${dep.id}`, { value: 'SRV-1' })).statusCode).toBe(303);
    const fixed = await t.database.db.selectFrom('systems').where('id', '=', planning.id).selectAll().executeTakeFirstOrThrow();
    expect(fixed).toMatchObject({ users: 40, end_of_support: '2028-12-31', end_of_support_precision: 'year', annual_cost: null });
    expect((await agent.get(`/estate/systems/${planning.id}`)).body).toMatch(/End of support\s*<\/dt>\s*<dd[^>]*>\s*2028\s*</);
    expect((await agent.get('/imports/attention')).body).toContain('Could not be read (0)');
    // A note is dealt with once.
    expect((await agent.post(`/imports/attention/${users.id}`, { value: '41' })).statusCode).toBe(400);
  });

  it('imports the good rows with their dependencies, and updates by identifier the next time', async () => {
    const rows = register.map((r) => r.replace('; DB-9', ''));
    const res = await upload(rows);
    const path = String(res.headers.location);
    await agent.get(path);
    expect((await agent.post(`${path}/confirm`)).statusCode).toBe(303);
    expect(await systems()).toBe(3);
    const ours = () => t.database.db.selectFrom('systems').where('organisation_id', '=', org.id);
    const app = await ours().where('identifier', '=', 'APP-1').selectAll().executeTakeFirstOrThrow();
    expect(app).toMatchObject({ hosting: 'on-premises', end_of_support: '2027-03-31', users: 180, criticality: 1 });
    expect(Number(app.annual_cost)).toBe(310000);
    const deps = await t.database.db
      .selectFrom('system_relationships')
      .where('organisation_id', '=', org.id)
      .select(['from_system_id', 'to_system_id'])
      .execute();
    expect(deps).toHaveLength(1);
    const again = await upload(rows.map((r) => r.replace('"£310,000"', '22k')));
    const againPath = String(again.headers.location);
    expect((await agent.get(againPath)).body).toContain('3 update records already in Steward');
    await agent.post(`${againPath}/confirm`);
    expect(await systems()).toBe(3);
    const updated = await ours().where('identifier', '=', 'APP-1').select('annual_cost').executeTakeFirstOrThrow();
    expect(Number(updated.annual_cost)).toBe(22000);
    expect((await agent.get(againPath)).body).toContain('0 systems added, 1 updated, 2 already up to date');
    const twice = await agent.post(`${againPath}/confirm`);
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('This import has already been finished or cancelled');
  });

  it('finds the headings below a title and notes, says so, and numbers rows as the file does', async () => {
    const res = await upload(['Eastwold Council application register,,', 'Exported 14/11/2026 by ICT,,', ...register]);
    const path = String(res.headers.location);
    const page = await agent.get(path);
    expect(page.body).toContain('Steward took row 3 as the headings: the 2 rows above them were taken as a title or notes');
    expect(page.body).toContain('3 rows can be imported');
    const leftOut = await agent.get(`${path}/left-out.csv`);
    // Each row left out carries its own cells, counted past the lines above the headings.
    expect(leftOut.body).toMatch(/\n7,Identifier: repeats the identifier on row 5 but gives a different name,app-1,Duplicate/);
    const api = await agent.json('GET', `/api/v1/imports/${path.split('/').pop()}`);
    expect(api.json()).toMatchObject({ headingRow: 3, headers: expect.arrayContaining(['System Ref', 'Application Name']) });
    await agent.post(`${path}/cancel`);
  });

  it('takes rows that do not say as the defaults chosen, never overwriting what is recorded', async () => {
    await createSystem(t.database.db, systemActor('test', org.id), org.id, {
      ...nothingKnown,
      identifier: 'D-0',
      name: 'Core switch',
      kind: 'network',
      layer: 'infrastructure',
    });
    const res = await upload(['Ref,Name,Layer', 'D-0,Core switch,', 'D-1,Allotments,', 'D-2,Data warehouse,Information and data']);
    const path = String(res.headers.location);
    await agent.get(path);
    expect((await agent.post(`${path}/choices`, { 'default-layer': 'nonsense' })).statusCode).toBe(400);
    await agent.get(path);
    expect((await agent.post(`${path}/choices`, { 'default-layer': 'line-of-business', 'default-area': 'mission-it' })).statusCode).toBe(303);
    const page = await agent.get(path);
    expect(page.body).toContain('Line-of-business application (default)');
    const api = (await agent.json('GET', `/api/v1/imports/${path.split('/').pop()}`)).json<{ defaults: Record<string, string> }>();
    expect(api.defaults).toEqual({ layer: 'line-of-business', area: 'mission-it' });
    await agent.post(`${path}/confirm`);
    const rows = await t.database.db
      .selectFrom('systems')
      .where('organisation_id', '=', org.id)
      .select(['identifier', 'layer', 'area'])
      .orderBy('identifier')
      .execute();
    expect(rows).toEqual([
      { identifier: 'D-0', layer: 'infrastructure', area: 'mission-it' },
      { identifier: 'D-1', layer: 'line-of-business', area: 'mission-it' },
      { identifier: 'D-2', layer: 'information-and-data', area: 'mission-it' },
    ]);
  });

  it('reads one system listed once for each department that uses it as one system used by all of them', async () => {
    const res = await upload([
      'Ref,Name,Department,Annual cost',
      'DMS-1,Document management,Adult social care,',
      'DMS-1,Document management,Revenues and benefits,£70k',
      'DMS-1,Document management,adult social care,',
      'GIS-1,Corporate GIS,Planning; Highways,',
    ]);
    const path = String(res.headers.location);
    const page = await agent.get(path);
    expect(page.body).toContain('4 rows can be imported');
    expect(page.body).toContain('the same as row 2, so read as one record with it');
    await agent.post(`${path}/confirm`);
    expect(await systems()).toBe(2);
    const dms = await t.database.db
      .selectFrom('systems')
      .where('organisation_id', '=', org.id)
      .where('identifier', '=', 'DMS-1')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(Number(dms.annual_cost)).toBe(70000);
    const areas = await t.database.db
      .selectFrom('system_service_areas as l')
      .innerJoin('service_areas as a', 'a.id', 'l.service_area_id')
      .where('l.system_id', '=', dms.id)
      .select('a.name')
      .orderBy('a.name')
      .execute();
    expect(areas.map((a) => a.name)).toEqual(['Adult social care', 'Revenues and benefits']);
    expect((await agent.get(`/estate/systems/${dms.id}`)).body).toContain('Adult social care, Revenues and benefits');
    expect((await agent.get(path)).body).toContain('4 new service areas');
  });

  it('imports the whole register: systems, their suppliers (near names only as confirmed) and their contracts, linked', async () => {
    const civica = await t.database.db
      .insertInto('suppliers')
      .values({
        organisation_id: org.id,
        name: 'Civica UK Ltd',
        company_number: null,
        contact: '',
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = [
      'Eastwold application register,,,,,,,,',
      'App ID,Application,Supplier,Annual cost,Contract start,Contract end,Notice period,Notes,Department',
      'APP-10,Revenues and benefits,Civica,"£310,000",Apr-20,Mar-27,6 months,Renewal under review,Revenues and benefits',
      'APP-11,Planning,Idoma,£95k,01/04/2023,31/03/2026,3 months,,Planning',
      'APP-12,Intranet,In-house,,,,,,',
      'APP-13,Parking permits,Idoma Ltd,£35k,2024,2028,12 months,,Parking',
    ];
    const res = await upload(rows, 'register.csv', 'register', manager);
    expect(res.statusCode).toBe(303);
    const path = String(res.headers.location);
    let page = await manager.get(path);
    expect(page.body).toContain('4 rows can be imported');
    expect(page.body).toContain('Which suppliers these are');
    expect(page.body).toContain('Civica UK Ltd (already recorded)');
    // Nothing is matched, or imported, until the person says which supplier Civica is.
    const early = await manager.post(`${path}/confirm`);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Say which supplier each of these is first: Civica');
    const word = /name="name-vendor-(\d+)" value="civica"/.exec(page.body)!;
    expect((await manager.post(`${path}/choices`, { [`name-vendor-${word[1]}`]: 'civica', [`match-vendor-${word[1]}`]: '999999' })).statusCode).toBe(400);
    await manager.get(path);
    await manager.post(`${path}/choices`, { [`name-vendor-${word[1]}`]: 'civica', [`match-vendor-${word[1]}`]: String(civica.id) });
    page = await manager.get(path);
    expect(page.body).not.toContain('before importing');
    expect((await manager.post(`${path}/confirm`)).statusCode).toBe(303);
    const done = await manager.get(path);
    expect(done.body).toContain('4 systems added');
    expect(done.body).toContain('3 contracts added');
    const suppliers = await t.database.db.selectFrom('suppliers').where('organisation_id', '=', org.id).select('name').orderBy('name').execute();
    // Idoma and Idoma Ltd are near names of each other, but neither was recorded before: both are new.
    expect(suppliers.map((s) => s.name)).toEqual(['Civica UK Ltd', 'Idoma', 'Idoma Ltd', 'In-house']);
    const revs = await t.database.db
      .selectFrom('systems')
      .where('organisation_id', '=', org.id)
      .where('identifier', '=', 'APP-10')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(revs).toMatchObject({ vendor: 'Civica UK Ltd', description: 'Renewal under review' });
    const contract = await t.database.db
      .selectFrom('contracts')
      .innerJoin('contract_systems', 'contract_systems.contract_id', 'contracts.id')
      .where('contract_systems.system_id', '=', revs.id)
      .selectAll('contracts')
      .executeTakeFirstOrThrow();
    expect(contract).toMatchObject({
      start_date: '2020-04-01',
      end_date: '2027-03-31',
      notice_months: 6,
      notice_deadline: '2026-09-30',
      supplier_id: civica.id,
      start_date_precision: 'month',
      end_date_precision: 'month',
    });
    // The contract says what the register gave: a month, not a day.
    expect((await manager.get(`/estate/contracts/${contract.id}`)).body).toContain('April 2020 to March 2027');
    const parking = await t.database.db
      .selectFrom('contracts')
      .where('organisation_id', '=', org.id)
      .where('reference', '=', 'APP-13-CONTRACT')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(parking).toMatchObject({ start_date: '2024-01-01', end_date: '2028-12-31', start_date_precision: 'year', end_date_precision: 'year' });
    expect(await t.database.db.selectFrom('contracts').where('organisation_id', '=', org.id).selectAll().execute()).toHaveLength(3);
  });

  it('imports a register with no identifier column: identifiers are made, and the next import matches by name', async () => {
    const res = await upload(['Application,Hosting', 'Allotments,SaaS', 'Bulky waste bookings,SaaS', 'allotments,SaaS']);
    const path = String(res.headers.location);
    const page = await agent.get(path);
    expect(page.body).toContain('3 rows can be imported');
    expect(page.body).toContain('Identifier: none given, Steward makes one');
    await agent.post(`${path}/confirm`);
    const made = await t.database.db
      .selectFrom('systems')
      .where('organisation_id', '=', org.id)
      .select(['identifier', 'name', 'hosting'])
      .orderBy('identifier')
      .execute();
    expect(made).toEqual([
      { identifier: 'SYS-00001', name: 'Allotments', hosting: 'saas' },
      { identifier: 'SYS-00002', name: 'Bulky waste bookings', hosting: 'saas' },
    ]);
    const again = await upload(['Application,Hosting', 'Allotments,On prem']);
    const againPath = String(again.headers.location);
    expect((await agent.get(againPath)).body).toContain('Identifier: none given, matched by name');
    await agent.post(`${againPath}/confirm`);
    expect(await systems()).toBe(2);
    const allotments = await t.database.db
      .selectFrom('systems')
      .where('organisation_id', '=', org.id)
      .where('name', '=', 'Allotments')
      .select('hosting')
      .executeTakeFirstOrThrow();
    expect(allotments.hosting).toBe('on-premises');
  });

  it('reads owners as people when someone matches, and keeps a role title as written, unconfirmed', async () => {
    const res = await upload(['Ref,Name,Business owner,Technical owner', `OWN-1,Revenues,Head of Revenues,${org.people.manager.email}`]);
    const path = String(res.headers.location);
    expect((await agent.get(path)).body).toContain('no one in Steward is Head of Revenues, so it is kept as written, unconfirmed');
    await agent.post(`${path}/confirm`);
    const s = await t.database.db
      .selectFrom('systems')
      .where('organisation_id', '=', org.id)
      .where('identifier', '=', 'OWN-1')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(s).toMatchObject({ business_owner_id: null, business_owner_text: 'Head of Revenues', technical_owner_text: null });
    expect(Number(s.technical_owner_id)).toBe(org.people.manager.id);
    expect((await agent.get(`/estate/systems/${s.id}`)).body).toContain('Head of Revenues (as the register names them; not yet a person in Steward)');
  });

  it('reads a product and its version written in one cell apart', async () => {
    const res = await upload(['Ref,Name,Product', 'PV-1,File server,Windows Server 2012 R2', 'PV-2,Email,Microsoft 365']);
    const path = String(res.headers.location);
    expect((await agent.get(path)).body).toContain('Product: Windows Server 2012 R2 read as Windows Server, version 2012 R2');
    await agent.post(`${path}/confirm`);
    const rows = await t.database.db
      .selectFrom('systems')
      .where('organisation_id', '=', org.id)
      .select(['identifier', 'product', 'version'])
      .orderBy('identifier')
      .execute();
    expect(rows).toEqual([
      { identifier: 'PV-1', product: 'Windows Server', version: '2012 R2' },
      { identifier: 'PV-2', product: 'Microsoft 365', version: null },
    ]);
  });

  it('remembers how the columns were matched', async () => {
    const res = await upload(['Code,Title', 'X-1,Payroll']);
    const path = String(res.headers.location);
    await agent.get(path);
    await agent.post(`${path}/choices`, { identifier: '0', name: '1' });
    const next = await upload(['Title,Code', 'Finance,X-2']);
    const page = await agent.get(String(next.headers.location));
    expect(page.body).toContain('1 row can be imported');
    expect(page.body).toContain('X-2');
  });

  it('saves every step of the preview together, whichever step’s button is pressed', async () => {
    const res = await upload(['Ref,Name,Hosting,Layer', 'C-1,Intranet,Under the desk,', 'C-2,Wiki,On Prem,']);
    const path = String(res.headers.location);
    const page = await agent.get(path);
    const form = Object.fromEntries(
      [...page.body.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<\/select>/g)].map((m) => [m[1]!, /<option value="([^"]*)" selected/.exec(m[0])?.[1] ?? '']),
    );
    const hidden = Object.fromEntries([...page.body.matchAll(/<input type="hidden" name="((?:word|name)-[^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const word = Object.entries(hidden).find(([, v]) => v === 'under the desk')![0];
    // A meaning chosen in step 2 and a default chosen below it, posted by the columns' button.
    const posted = await agent.post(`${path}/choices`, {
      ...form,
      ...hidden,
      [word.replace('word-', 'means-')]: 'on-premises',
      'default-layer': 'line-of-business',
    });
    expect(posted.statusCode).toBe(303);
    const after = await agent.get(path);
    expect(after.body).not.toContain('goes in as not known');
    expect(after.body).toMatch(/<option value="line-of-business" selected/);
    await agent.post(`${path}/cancel`);
  });

  it('asks what free-text words mean and remembers the answer; a word with no meaning yet goes in as not known', async () => {
    const rows = ['Ref,Name,Hosting', 'W-1,Intranet,Under the stairs', 'W-2,Wiki,On Prem'];
    const res = await upload(rows);
    const path = String(res.headers.location);
    let page = await agent.get(path);
    expect(page.body).toContain('Under the stairs');
    expect(page.body).toContain('Not chosen yet');
    expect(page.body).toContain('2 rows can be imported');
    expect(page.body).toContain('1 cell goes in as not known');
    const wordField = /name="word-hosting-(\d+)" value="under the stairs"/.exec(page.body)!;
    expect(
      (await agent.post(`${path}/choices`, { [`word-hosting-${wordField[1]}`]: 'under the stairs', [`means-hosting-${wordField[1]}`]: 'cupboard' })).statusCode,
    ).toBe(400);
    await agent.get(path);
    await agent.post(`${path}/choices`, { [`word-hosting-${wordField[1]}`]: 'under the stairs', [`means-hosting-${wordField[1]}`]: 'on-premises' });
    page = await agent.get(path);
    expect(page.body).toContain('2 rows can be imported');
    expect(page.body).not.toContain('goes in as not known');
    await agent.post(`${path}/cancel`);
    const next = await upload(['Ref,Name,Hosting', 'W-3,Forms,under the  stairs']);
    expect((await agent.get(String(next.headers.location))).body).toContain('1 row can be imported');
    await agent.post(`${String(next.headers.location)}/cancel`);
    expect(await systems()).toBe(0);
  });

  it('imports relationships, suppliers and contracts; a link to what does not exist drops only the link', async () => {
    const a = systemActor('test', org.id);
    const server = await createSystem(t.database.db, a, org.id, { ...nothingKnown, identifier: 'SRV-1', name: 'App server', kind: 'server' });
    const app = await createSystem(t.database.db, a, org.id, { ...nothingKnown, identifier: 'APP-1', name: 'Revenues and benefits', kind: 'application' });
    await addRelationship(t.database.db, a, org.id, { fromSystemId: app, toSystemId: server, kind: 'depends-on' });
    const rel = await upload(
      ['System,Relationship,Depends On', 'APP-1,Runs on,SRV-1', 'APP-1,uses,Nowhere', 'SRV-1,hosts,SRV-1', 'Revenues and benefits,depends on,SRV-1'],
      'rels.csv',
      'relationships',
    );
    const relPath = String(rel.headers.location);
    const relPage = await agent.get(relPath);
    expect(relPage.body).toContain('Related system: no system called Nowhere in the register');
    expect(relPage.body).toContain('a system cannot have a relationship with itself');
    await agent.post(`${relPath}/confirm`);
    expect((await agent.get(relPath)).body).toContain('1 relationship added, 1 already recorded; 2 rows left out');

    // Suppliers and contracts are a manager's to record, in an import as on a form.
    expect((await upload(['Supplier', 'Northway'], 'suppliers.csv', 'suppliers')).statusCode).toBe(400);
    const sup = await upload(['Supplier,Company No.', 'Northway,01234567', 'Acme Ltd,'], 'suppliers.csv', 'suppliers', manager);
    await manager.get(String(sup.headers.location));
    await manager.post(`${String(sup.headers.location)}/confirm`);
    const contractRows = [
      'Contract Ref,Title,Supplier,Start Date,Expiry Date,Notice Period,Owner,Systems',
      `C-1,Revenues support,Northway,01/04/2024,31/03/2029,12 months,${org.people.agent.email},APP-1`,
      'C-2,Backwards,Acme Ltd,01/04/2025,31/03/2024,3,,',
      'C-3,New supplier,Brand New Co,01/04/2025,Mar-27,90 days,nobody@elsewhere.example,',
      'C-4,Also new,Brand New Co,01/04/2025,Mar-28,TBC,,SRV-1; Ghost',
    ];
    const con = await upload(contractRows, 'contracts.csv', 'contracts', manager);
    const conPath = String(con.headers.location);
    const conPage = await manager.get(conPath);
    expect(conPage.body).toContain('End date: 2024-03-31 is before the start date 2025-04-01');
    expect(conPage.body).toContain('no one with the email address nobody@elsewhere.example');
    expect(conPage.body).toContain('no system called Ghost in the register, so the link is not recorded');
    expect(conPage.body).toContain('3 rows can be imported');
    await manager.post(`${conPath}/confirm`);
    const c1 = await t.database.db
      .selectFrom('contracts')
      .where('organisation_id', '=', org.id)
      .where('reference', '=', 'C-1')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(c1).toMatchObject({ notice_deadline: '2028-03-31', notice_months: 12, owner_id: org.people.agent.id });
    expect(await t.database.db.selectFrom('contract_systems').where('contract_id', '=', c1.id).selectAll().execute()).toHaveLength(1);
    // A month alone ends on its last day; C-4 keeps its link to SRV-1 without Ghost.
    const c4 = await t.database.db
      .selectFrom('contracts')
      .where('organisation_id', '=', org.id)
      .where('reference', '=', 'C-4')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(c4.end_date).toBe('2028-03-31');
    expect(await t.database.db.selectFrom('contract_systems').where('contract_id', '=', c4.id).selectAll().execute()).toHaveLength(1);
    const suppliers = await t.database.db.selectFrom('suppliers').where('organisation_id', '=', org.id).select('name').orderBy('name').execute();
    expect(suppliers.map((s) => s.name)).toEqual(['Acme Ltd', 'Brand New Co', 'Northway']);
  });

  it('streams progress to the page while the one transaction runs', async () => {
    const rows = ['Ref,Name', ...Array.from({ length: 1200 }, (_, i) => `BULK-${i},Bulk system ${i}`)];
    const res = await upload(rows);
    const path = String(res.headers.location);
    await agent.get(path);
    const streamed = await agent.post(`${path}/confirm`, {}, { headers: { accept: 'application/x-ndjson' } });
    expect(streamed.headers['content-type']).toContain('application/x-ndjson');
    const lines = streamed.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { done?: number; total?: number; finished?: boolean });
    expect(lines.filter((l) => l.done !== undefined).map((l) => l.done)).toEqual([0, 500, 1000, 1200]);
    expect(lines.at(-1)).toMatchObject({ finished: true, location: path });
    expect(
      await t.database.db
        .selectFrom('systems')
        .where('organisation_id', '=', org.id)
        .where('identifier', 'like', 'BULK-%')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ n: 1200 });
  });

  it('keeps every organisation answering when a form names a field after a property of every object', async () => {
    const res = await upload(['Ref,Name,Hosting', 'P-1,Portal,constructor', 'P-2,Wiki,__proto__']);
    const path = String(res.headers.location);
    const page = await agent.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('constructor');
    for (const name of ['constructor', '__proto__', 'prototype', 'hasOwnProperty']) {
      const posted = await agent.post(`${path}/choices`, { [`word-${name}-0`]: 'entries', [`means-${name}-0`]: 'x' });
      expect(posted.statusCode).toBeLessThan(500);
      await agent.get(path);
    }
    expect(typeof Object.entries).toBe('function');
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await agent.post(`${path}/choices`, { 'word-hosting-0': 'constructor', 'means-hosting-0': 'saas' });
    const preview = await agent.get(path);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('2 rows can be imported');
    const api = await agent.json('GET', `/api/v1/imports/${path.split('/').pop()}`);
    expect(api.statusCode).toBe(200);
    expect(api.json<{ readable: number }>().readable).toBe(2);
    await agent.post(`${path}/cancel`);
  });

  it('refuses a workbook with a cell in column XFD on every row, and stays up', async () => {
    const rows = [
      new Map([
        [1, 'Ref'],
        [2, 'Name'],
      ]),
      ...Array.from({ length: 2_000 }, (_, i) => new Map([[16_384, `x${i}`]])),
    ];
    const res = await uploadFile(workbook(sheetXml(rows)), 'wide.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('has a value in column XFD');
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
