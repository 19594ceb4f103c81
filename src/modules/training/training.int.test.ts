import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { signedInClient, type Client } from '../../../test/support/client.js';
import { unique } from '../../../test/support/factories.js';

const csv = (rows: string[]) => Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`);
const day = (daysAgo: number) => {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

interface Record {
  person: { email: string; directorate: string };
  course: { id: number; name: string; required: boolean };
  completedOn: string;
  score: number | null;
  inDate: boolean;
}

describe.each(testDatabases())('training records from the learning system (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let manager: Client;
  let agent: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `Training Council ${unique()}`);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
  });
  afterAll(() => t.close());

  async function importFile(rows: string[]) {
    await manager.get('/imports');
    const res = await manager.upload('/imports', { kind: 'training-records' }, { filename: 'completions.csv', type: 'text/csv', data: csv(rows) });
    expect(res.statusCode).toBe(303);
    const path = String(res.headers.location);
    const preview = (await manager.get(path)).body;
    expect((await manager.post(`${path}/confirm`)).statusCode).toBe(303);
    return { preview, done: (await manager.get(path)).body };
  }
  const records = async (query = '') => (await agent.json('GET', `/api/v1/training-records${query}`)).json<{ items: Record[]; next: string | null }>();
  const requireCourse = async (id: number, months = '12') => {
    await manager.get(`/training/courses/${id}`);
    return manager.post(`/training/courses/${id}`, { required: 'yes', refreshMonths: months });
  };

  const file = [
    'Learner Name,Email Address,Directorate,Department,Course Title,Completion Date,Score',
    `Asha Patel,Asha.Patel@council.example,Place,Housing,Cyber security awareness,${day(30)},92%`,
    `Asha Patel,asha.patel@council.example,Place,Housing,Data protection,${day(800)},88`,
    `Ben Clarke,ben.clarke@council.example,Place,Planning,Cyber security awareness,${day(400)},75%`,
    'Cara Jones,cara.jones@council.example,Resources,Finance,Cyber security awareness,Not started,',
    `Dev Shah,dev.shah@council.example,,Legal,Cyber security awareness,${day(10)},Pass`,
    `Former Employee,n/a,Resources,Finance,Cyber security awareness,${day(20)},`,
    'Eve Lane,eve.lane@council.example,Resources,Finance,Cyber security awareness,31/02/2026,',
  ];

  it('reads an export as a learning system writes it: completions, people not yet started, and the rows it cannot take named', async () => {
    const { preview, done } = await importFile(file);
    expect(preview).toContain('“n/a” is not an email address');
    expect(preview).toContain('31/02/2026 is not a real date');
    expect(done).toContain('4 completions recorded, 4 new people');
    expect(done).toContain('1 row assigned and not yet done');
    expect(done).toContain('2 rows left out');
    const { items } = await records();
    expect(items).toHaveLength(4);
    const asha = items.find((r) => r.person.email === 'asha.patel@council.example' && r.course.name === 'Cyber security awareness')!;
    expect(asha).toMatchObject({ score: 92, inDate: true, person: { directorate: 'Place' } });
    expect(items.find((r) => r.person.email === 'dev.shah@council.example')!.score).toBeNull();
    // The same file again records nothing twice.
    const again = await importFile(file);
    expect(again.done).toContain('0 completions recorded');
    expect((await records()).items).toHaveLength(4);
  });

  it('gives coverage of the required courses by directorate and lists who is due, once a course is required', async () => {
    await importFile(file);
    const before = await agent.get('/training');
    expect(before.body).toContain('No course is required yet');
    const cyber = (await records()).items.find((r) => r.course.name === 'Cyber security awareness')!.course.id;
    const refused = await requireCourse(cyber, '0');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('A completion counts for at least 1 month');
    expect((await agent.post(`/training/courses/${cyber}`, { required: 'yes', refreshMonths: '12' })).statusCode).toBe(403);
    expect((await requireCourse(cyber)).statusCode).toBe(303);
    const page = await agent.get('/training');
    // Asha and Dev are in date; Ben's lapsed; Cara never started: 2 of 4.
    expect(page.body).toContain('2 of 4 people (50%) have every required course in date');
    expect(page.body).toMatch(/Place<\/a><\/th>\s*<td[^>]*>2<\/td>\s*<td[^>]*>50%/);
    expect(page.body).toContain('ben.clarke@council.example');
    expect(page.body).toContain('cara.jones@council.example');
    expect(page.body).not.toContain('asha.patel@council.example</span>');
    const place = await agent.get('/training?directorate=Place');
    expect(place.body).toContain('ben.clarke@council.example');
    expect(place.body).not.toContain('cara.jones@council.example');
    const due = await agent.get('/training/due.csv');
    expect(due.body).toContain('ben.clarke@council.example');
    expect((await agent.get('/cyber')).body).toContain('50% of 4 people');
  });

  it('records a phishing exercise, refusing numbers that cannot be', async () => {
    await manager.get('/training');
    const bad = await manager.post('/training/phishing', { name: 'Parcel text', sentOn: '2026-11-01', sent: '100', clicked: '120', reported: '5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('More people cannot click than were sent the email');
    const ok = await manager.post('/training/phishing', { name: 'Parcel text', sentOn: '2026-11-01', sent: '100', clicked: '12', reported: '30' });
    expect(ok.statusCode).toBe(303);
    expect((await agent.get('/training')).body).toMatch(/Parcel text[\s\S]*12 \(12%\)[\s\S]*30 \(30%\)/);
  });

  it('keeps another organisation’s records and courses out of reach', async () => {
    await importFile(file);
    const course = (await records()).items[0]!.course.id;
    const other = await seedOrganisation(t, `Other Council ${unique()}`);
    const outsider = await signedInClient(t.app, other.people.manager.email, testPassword);
    expect((await outsider.json('GET', '/api/v1/training-records')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await outsider.get(`/training/courses/${course}`)).statusCode).toBe(404);
    expect((await outsider.json('GET', `/api/v1/training-records?course=${course}`)).statusCode).toBe(422);
  });
});
