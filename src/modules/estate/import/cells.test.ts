import { describe, expect, it } from 'vitest';
import { productAndVersion } from './cells.js';

describe('a product and its version in one cell', () => {
  it('reads them apart', () => {
    expect(productAndVersion('Windows Server 2016')).toEqual({ product: 'Windows Server', version: '2016' });
    expect(productAndVersion('Windows Server 2012 R2')).toEqual({ product: 'Windows Server', version: '2012 R2' });
    expect(productAndVersion('SQL Server 2019')).toEqual({ product: 'SQL Server', version: '2019' });
    expect(productAndVersion('Civica Revenues 5.2')).toEqual({ product: 'Civica Revenues', version: '5.2' });
    expect(productAndVersion('Oracle Database 19c')).toEqual({ product: 'Oracle Database', version: '19c' });
    expect(productAndVersion('Exchange 2016 CU23')).toEqual({ product: 'Exchange', version: '2016 CU23' });
    expect(productAndVersion('Uniform v10.4')).toEqual({ product: 'Uniform', version: '10.4' });
    expect(productAndVersion('Idox Uniform version 10')).toEqual({ product: 'Idox Uniform', version: '10' });
  });

  it('leaves a name with no version alone', () => {
    expect(productAndVersion('Microsoft 365')).toBeNull();
    expect(productAndVersion('Sage 200')).toBeNull();
    expect(productAndVersion('Revenues and benefits')).toBeNull();
    expect(productAndVersion('2019')).toBeNull();
  });
});
