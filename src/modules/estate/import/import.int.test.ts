import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../../test/support/app.js';
import { type Client, signedInClient } from '../../../../test/support/client.js';

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
  const systems = async () => Number((await t.database.db.selectFrom('systems').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await seedOrganisation(t, 'Import Council');
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
  });
  afterAll(() => t.close());

  async function upload(rows: string[], filename = 'register.csv') {
    await agent.get('/estate/import');
    return agent.upload('/estate/import', {}, { filename, type: 'text/csv', data: csv(rows) });
  }

  it('refuses what is not a readable CSV file, with a message', async () => {
    const notCsv = await upload(register, 'register.xlsx');
    expect(notCsv.statusCode).toBe(400);
    expect(notCsv.body).toContain('must be a CSV file');
    const broken = await upload(['a,b', '"unclosed,quote']);
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('could not be read as CSV');
  });

  it('previews how each row was read and names every row it cannot read; cancelling writes nothing', async () => {
    const res = await upload(register);
    expect(res.statusCode).toBe(303);
    const page = await agent.get(String(res.headers.location));
    expect(page.body).toContain('1 row can be imported');
    expect(page.body).toContain('End of support: 31/02/2026 is not a real date');
    expect(page.body).toContain('Annual cost: -5 is negative');
    expect(page.body).toContain('Identifier: repeats the identifier on row 3');
    expect(page.body).toContain('Depends on: no system called DB-9');
    expect(page.body).toContain('2026-03-31');
    await agent.post(`${String(res.headers.location)}/cancel`);
    expect(await systems()).toBe(0);
  });

  it('imports the good rows with their dependencies, and updates by identifier the next time', async () => {
    const rows = register.map((r) => r.replace('; DB-9', ''));
    const res = await upload(rows);
    const path = String(res.headers.location);
    await agent.get(path);
    expect((await agent.post(`${path}/confirm`)).statusCode).toBe(303);
    expect(await systems()).toBe(2);
    const app = await t.database.db.selectFrom('systems').where('identifier', '=', 'APP-1').selectAll().executeTakeFirstOrThrow();
    expect(app).toMatchObject({ hosting: 'on-premises', end_of_support: '2027-03-31', users: 180, criticality: 1 });
    expect(Number(app.annual_cost)).toBe(310000);
    const deps = await t.database.db.selectFrom('system_relationships').select(['from_system_id', 'to_system_id']).execute();
    expect(deps).toHaveLength(1);
    const again = await upload(rows.map((r) => r.replace('"£310,000"', '22k')));
    const againPath = String(again.headers.location);
    expect((await agent.get(againPath)).body).toContain('2 update systems already in the register');
    await agent.post(`${againPath}/confirm`);
    expect(await systems()).toBe(2);
    const updated = await t.database.db.selectFrom('systems').where('identifier', '=', 'APP-1').select('annual_cost').executeTakeFirstOrThrow();
    expect(Number(updated.annual_cost)).toBe(22000);
    expect((await agent.post(`${againPath}/confirm`)).statusCode).toBe(422);
  });

  it('remembers how the columns were matched', async () => {
    const res = await upload(['Code,Title', 'X-1,Payroll']);
    const path = String(res.headers.location);
    await agent.get(path);
    await agent.post(`${path}/mapping`, { identifier: '0', name: '1' });
    const next = await upload(['Title,Code', 'Finance,X-2']);
    const page = await agent.get(String(next.headers.location));
    expect(page.body).toContain('1 row can be imported');
    expect(page.body).toContain('X-2');
  });
});
