import { organisationRows } from '../inputs/references.js';

/** An import of the organisation's, as an address or the API names it. */
export const importRecord = organisationRows('imports', { noun: 'import', message: 'There is no such import' });

/** A data-quality note on one of the organisation's records. */
export const qualityNoteRecord = organisationRows('data_quality_notes', { noun: 'note', message: 'There is no such note' });
