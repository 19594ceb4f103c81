import type { PlatformTables } from '../platform/tables.js';

/** Every table Steward has: the platform's, then each module's as modules add them. */
export type Schema = PlatformTables;
