import { z } from 'zod';
import { organisationRows, ref, refText } from '../../platform/index.js';
import { changeNumber, changeReference } from './rules.js';

export const changeRecords = {
  change: organisationRows<string>('changes', { noun: 'change', message: 'There is no such change', column: 'reference' }),
  changeId: organisationRows('changes', { noun: 'change', message: 'There is no such change' }),
  freeze: organisationRows('change_freeze_windows', { noun: 'freeze window', message: 'There is no such freeze window' }),
  maintenance: organisationRows('change_maintenance_windows', { noun: 'maintenance window', message: 'There is no such maintenance window' }),
  member: organisationRows('cab_members', { noun: 'CAB member', message: 'Choose one of the CAB’s members' }),
};

/** A change's reference in any case, with or without the leading zeros: chg-123 is CHG-000123. */
const normalise = (s: string) => {
  const n = changeNumber(s) ?? (/^CHG-(\d{1,6})$/i.test(s.trim()) ? Number(s.trim().slice(4)) : null);
  return n === null ? s : changeReference(n);
};
export const changeParams = z.object({
  reference: refText(changeRecords.change, { max: 20, normalise }).meta({ example: 'CHG-000001' }),
});
export const freezeParams = z.object({ id: ref(changeRecords.freeze, 'There is no such freeze window') });
export const memberParams = z.object({ id: ref(changeRecords.member, 'There is no such CAB member') });
export const maintenanceParams = z.object({ id: ref(changeRecords.maintenance, 'There is no such maintenance window') });
