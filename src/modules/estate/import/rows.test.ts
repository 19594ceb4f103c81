import { describe, expect, it } from 'vitest';
import { guessMapping, readRows, rememberable } from './rows.js';

const headers = ['\uFEFFSystem Ref', 'Application Name', 'Hosted', 'Supplier', 'EOL', 'Annual Cost (£)', 'No. of users', 'Tier', 'Dependencies'];

describe('reading a council’s estate spreadsheet', () => {
  it('maps the usual headings, byte-order mark and all, and remembers a person’s choices', () => {
    const m = guessMapping(headers);
    expect(m).toMatchObject({ identifier: 0, name: 1, hosting: 2, vendor: 3, endOfSupport: 4, annualCost: 5, users: 6, criticality: 7, dependsOn: 8, layer: -1 });
    const remembered = rememberable(['Code', 'Title'], { identifier: 0, name: 1 });
    expect(guessMapping(['Title', 'Code'], remembered)).toMatchObject({ identifier: 1, name: 0 });
  });

  it('reads messy rows, names each bad cell, and refuses a repeated identifier', () => {
    const m = guessMapping(headers);
    const rows = readRows(
      [
        ['APP-1', 'Revenues and benefits', 'On Prem', 'Northway', 'Mar-26', '£310,000', '180', 'Business Critical', 'SRV-1; SRV-2'],
        ['APP-2', 'Planning', 'Supplier hosted', 'TBC', '31/02/2026', '-5', 'lots', 'N/A', ''],
        ['app-1', 'Duplicate', '', '', '', '', '', '', ''],
        ['', 'No identifier', '', '', '', '', '', '', ''],
      ],
      m,
    );
    expect(rows[0]!.input).toMatchObject({ identifier: 'APP-1', hosting: 'on-premises', endOfSupport: '2026-03-31', annualCost: 310000, users: 180, criticality: 1, vendor: 'Northway' });
    expect(rows[0]!.dependsOn).toEqual(['SRV-1', 'SRV-2']);
    expect(rows[1]!.input).toBeNull();
    expect(rows[1]!.errors.map((e) => e.field)).toEqual(['End of support', 'Users', 'Annual cost']);
    expect(rows[2]!.errors).toEqual([{ field: 'Identifier', reason: 'repeats the identifier on row 2' }]);
    expect(rows[3]!.errors).toEqual([{ field: 'Identifier', reason: 'is needed' }]);
  });
});
