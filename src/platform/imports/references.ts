import { organisationRows } from '../inputs/references.js';

/** An import of the organisation's, as an address or the API names it. */
export const importRecord = organisationRows('imports', { noun: 'import', message: 'There is no such import' });
