import type { PlatformTables } from '../platform/tables.js';

/**
 * Every table Steward has. The platform's are here; each module adds its own from its tables.ts
 * by declaration merging (`declare module '../../db/schema.js' { interface Schema extends ... {} }`),
 * so adding a module edits nothing in src/db/.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the platform's tables and each module's
export interface Schema extends PlatformTables {}
