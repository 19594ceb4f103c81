import type { PlatformTables } from '../platform/tables.js';
import type { TeamTables } from '../modules/teams/tables.js';
import type { ServiceDeskTables } from '../modules/service-desk/tables.js';
import type { EstateTables } from '../modules/estate/tables.js';

/** Every table Steward has: the platform's, then each module's. */
export type Schema = PlatformTables & TeamTables & ServiceDeskTables & EstateTables;
