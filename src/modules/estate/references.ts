import { z } from 'zod';
import { activeMemberEmail, organisationRows, ref, refText } from '../../platform/index.js';

/** What a form or the API can name in the tech estate, each resolved inside the caller's organisation. */
export const estateRecords = {
  system: organisationRows('systems', { noun: 'system', message: 'Choose one of the systems in the register' }),
  supplier: organisationRows('suppliers', { noun: 'supplier', message: 'Choose one of the suppliers' }),
  contract: organisationRows('contracts', { noun: 'contract', message: 'There is no such contract' }),
  capability: organisationRows('capabilities', { noun: 'business capability', message: 'Choose one of the business capabilities' }),
};

export const systemParams = z.object({ id: ref(estateRecords.system, 'There is no such system') });
export const supplierParams = z.object({ id: ref(estateRecords.supplier, 'There is no such supplier') });
export const contractParams = z.object({ id: ref(estateRecords.contract) });
export const capabilityParams = z.object({ id: ref(estateRecords.capability, 'There is no such business capability') });

/** A person of the organisation named by email on a form; blank for nobody. */
export const personEmail = () => z.union([z.literal(''), refText(activeMemberEmail, { max: 254, normalise: (s) => s.toLowerCase() })]).optional();
