import { isRealDay } from '../inputs/text.js';
import { z } from 'zod';

const isoDate = z
  .string()
  .max(10, 'Enter a date as YYYY-MM-DD')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
  .refine(isRealDay, 'Enter a real date')
  .meta({ example: '2026-04-01' });

/** Filters for the audit log, shared by the page and the API. Empty strings mean "any". */
export const auditFilterInput = z.object({
  entityType: z
    .string()
    .trim()
    .max(50)
    .optional()
    .transform((v) => v || undefined),
  action: z
    .union([z.enum(['create', 'update', 'delete'], { message: 'Choose create, update or delete' }), z.literal('')])
    .optional()
    .transform((v) => v || undefined),
  actor: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((v) => v || undefined),
  from: z
    .union([isoDate, z.literal('')])
    .optional()
    .transform((v) => v || undefined),
  to: z
    .union([isoDate, z.literal('')])
    .optional()
    .transform((v) => v || undefined),
  // Whose changes: people's by default (Steward's own, such as alerts it sends, only when asked).
  by: z
    .union([z.enum(['people', 'steward', 'all'], { message: 'Choose people, Steward itself or everyone' }), z.literal('')])
    .optional()
    .transform((v) => v || undefined),
  before: z.coerce.number().int().positive().optional(),
});
