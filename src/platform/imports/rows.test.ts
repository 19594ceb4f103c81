import { describe, expect, it } from 'vitest';
import type { ImportField } from './contract.js';
import { findHeadingRow } from './rows.js';

const fields: ImportField[] = [
  { key: 'identifier', label: 'Identifier', headings: ['ref', 'system ref', 'id'] },
  { key: 'name', label: 'Name', required: true, headings: ['name', 'application name'] },
  { key: 'hosting', label: 'Hosting', headings: ['hosting', 'hosted'] },
];

describe('finding the row of headings', () => {
  it('takes the first row when the headings are there', () => {
    expect(
      findHeadingRow(fields, [
        ['Ref', 'Name'],
        ['A-1', 'Payroll'],
      ]),
    ).toBe(0);
  });

  it('looks past a title, a date and a blank line to the row that names the columns', () => {
    const records = [
      ['Eastwold Council application register', '', ''],
      ['Exported 14/11/2026 by ICT', '', ''],
      ['', '', ''],
      ['System Ref', 'Application Name', 'Hosted'],
      ['APP-1', 'Revenues and benefits', 'On Prem'],
    ];
    expect(findHeadingRow(fields, records)).toBe(3);
  });

  it('prefers the row naming the most fields, and a heading the person chose before', () => {
    const records = [
      ['Name of register', 'x'],
      ['Code', 'Application Name', 'Hosted'],
      ['A-1', 'Payroll', 'SaaS'],
    ];
    expect(findHeadingRow(fields, records)).toBe(1);
    expect(
      findHeadingRow(
        fields,
        [
          ['Register', ''],
          ['Code', 'Title'],
          ['A-1', 'Payroll'],
        ],
        { code: 'identifier', title: 'name' },
      ),
    ).toBe(1);
  });

  it('falls back to the first row with two cells filled when no heading is known, never a data row at the end', () => {
    expect(findHeadingRow(fields, [['Our systems'], ['Code', 'Title'], ['A-1', 'Payroll']])).toBe(1);
    expect(findHeadingRow(fields, [['only'], ['one', 'row']])).toBe(0);
  });
});
