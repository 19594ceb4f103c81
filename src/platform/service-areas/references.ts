import { organisationRows } from '../inputs/references.js';

/** One of the organisation's directorates or service areas. */
export const serviceAreaRecord = organisationRows('service_areas', { noun: 'service area', message: 'Choose one of the council’s service areas' });
