import { describe, expect, it } from 'vitest';
import { choiceColumns, guessMapping, readRows, rememberable } from '../../../platform/index.js';
import { systemsImport } from './systems.js';
import { contractsImport } from './contracts.js';

const systemFields = systemsImport.fields;

const headers = ['\uFEFFSystem Ref', 'Application Name', 'Hosted', 'Supplier', 'EOL', 'Annual Cost (£)', 'No. of users', 'Tier', 'Dependencies'];

describe('reading a council’s estate spreadsheet', () => {
  it('maps the usual headings, byte-order mark and all, and remembers a person’s choices', () => {
    const m = guessMapping(systemFields, headers);
    expect(m).toMatchObject({
      identifier: 0,
      name: 1,
      hosting: 2,
      vendor: 3,
      endOfSupport: 4,
      annualCost: 5,
      users: 6,
      criticality: 7,
      dependsOn: 8,
      layer: -1,
    });
    const remembered = rememberable(['Code', 'Title'], { identifier: 0, name: 1 });
    expect(guessMapping(systemFields, ['Title', 'Code'], remembered)).toMatchObject({ identifier: 1, name: 0 });
  });

  it('reads messy rows, keeps each bad cell as not known with a note, and refuses a repeated identifier', () => {
    const m = guessMapping(systemFields, headers);
    const rows = readRows(
      systemsImport,
      [
        ['APP-1', 'Revenues and benefits', 'On Prem', 'Northway', 'Mar-26', '£310,000', '180', 'Business Critical', 'SRV-1; SRV-2'],
        ['APP-2', 'Planning', 'Supplier hosted', 'TBC', '31/02/2026', '-5', 'lots', 'N/A', ''],
        ['app-1', 'Duplicate', '', '', '', '', '', '', ''],
        ['', 'No identifier', '', '', '', '', '', '', ''],
      ],
      m,
    );
    expect(rows[0]!.values).toMatchObject({
      identifier: 'APP-1',
      hosting: 'on-premises',
      endOfSupport: '2026-03-31',
      annualCost: 310000,
      users: 180,
      criticality: '1',
      vendor: 'Northway',
    });
    expect(rows[0]!.values!.dependsOn).toEqual(['SRV-1', 'SRV-2']);
    expect(rows[0]!.shown.hosting).toBe('On-premises');
    expect(rows[0]!.precision).toEqual({ endOfSupport: 'month' });
    expect(rows[1]!.values).toMatchObject({ identifier: 'APP-2', endOfSupport: null, users: null, annualCost: null, hosting: 'saas' });
    expect(rows[1]!.quality.map((q) => [q.label, q.asWritten])).toEqual([
      ['End of support', '31/02/2026'],
      ['Users', 'lots'],
      ['Annual cost', '-5'],
    ]);
    const strict = readRows(systemsImport, [['APP-2', 'Planning', 'Supplier hosted', 'TBC', '31/02/2026', '-5', 'lots', 'N/A', '']], m, {}, 2, {
      strict: true,
    });
    expect(strict[0]!.values).toBeNull();
    expect(strict[0]!.errors.map((e) => e.field)).toEqual(['End of support', 'Users', 'Annual cost']);
    expect(rows[2]!.errors).toEqual([{ field: 'Identifier', reason: 'repeats the identifier on row 2 but gives a different name' }]);
    // A row with a name but no identifier is kept: Steward makes its identifier.
    expect(rows[3]!.values).toMatchObject({ identifier: null, name: 'No identifier' });
  });

  it('lists the free-text words of each choice column with their meaning, and the person’s meanings win', () => {
    const m = guessMapping(systemFields, headers);
    const cells = [
      ['A', 'One', 'On Prem', '', '', '', '', 'Tier 1', ''],
      ['B', 'Two', 'on prem', '', '', '', '', 'Gold', ''],
      ['C', 'Three', 'Under the stairs', '', '', '', '', 'TBC', ''],
    ];
    const columns = choiceColumns(systemsImport, cells, m);
    const hosting = columns.find((c) => c.key === 'hosting')!;
    expect(hosting.words).toEqual([
      { word: 'on prem', shown: 'On Prem', rows: 2, value: 'on-premises' },
      { word: 'under the stairs', shown: 'Under the stairs', rows: 1, value: undefined },
    ]);
    expect(readRows(systemsImport, cells, m)[2]!.quality[0]).toMatchObject({ label: 'Hosting', kind: 'unreadable', asWritten: 'Under the stairs' });
    const meanings = { hosting: { 'under the stairs': 'on-premises' }, criticality: { gold: '1', 'tier 1': '' } };
    const read = readRows(systemsImport, cells, m, meanings);
    expect(read.map((r) => r.values?.hosting)).toEqual(['on-premises', 'on-premises', 'on-premises']);
    expect(read.map((r) => r.values?.criticality)).toEqual([null, '1', null]);
  });

  it('reads contracts with periods, new suppliers and the systems they cover', () => {
    const contractHeaders = [
      'Contract Ref',
      'Title',
      'Supplier',
      'Start Date',
      'Expiry Date',
      'Notice Period',
      'Extension Options',
      'Route to market',
      'Systems',
    ];
    const m = guessMapping(contractsImport.fields, contractHeaders);
    expect(m).toMatchObject({
      reference: 0,
      title: 1,
      supplier: 2,
      startDate: 3,
      endDate: 4,
      noticeMonths: 5,
      extensionMonths: 6,
      procurementRoute: 7,
      systems: 8,
    });
    const [row] = readRows(contractsImport, [['C-1', 'Payroll', 'Acme', '01/04/2024', 'Mar-29', '90 days', '2 x 12 months', 'G-Cloud', 'APP-1; APP-2']], m);
    expect(row!.values).toMatchObject({
      startDate: '2024-04-01',
      endDate: '2029-03-31',
      noticeMonths: 3,
      extensionMonths: 24,
      procurementRoute: 'framework',
      systems: ['APP-1', 'APP-2'],
    });
    expect(row!.notes).toContain('Notice period: 90 days read as 3 months');
  });
});
