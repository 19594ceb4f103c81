import { z } from 'zod';
import { blankToNull, line, measureUnits, optionalLine } from '../../platform/index.js';

const unitKeys = Object.keys(measureUnits) as [keyof typeof measureUnits, ...(keyof typeof measureUnits)[]];
const figure = (label: string, example: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? blankToNull(v.replace(/[,%£\s]/g, '')) : (v ?? null)),
    z.coerce
      .number({ message: `Enter the ${label} as a number, like ${example}` })
      .min(-1e12, `Enter the ${label} as a number`)
      .max(1e12, `Enter the ${label} as a number`)
      .meta({ example })
      .nullable(),
  );

/** A KPI: from one of Steward's measures (`measure`), or entered by hand with its unit, direction and source. */
export const kpiInput = z
  .object({
    measure: line(80, { required: 'Choose what the KPI measures, or that it is entered by hand' }).meta({ example: 'manual' }),
    name: optionalLine(200),
    unit: z.preprocess((v) => (v === '' ? undefined : v), z.enum(unitKeys, { message: 'Choose what the figure counts' }).optional()),
    direction: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['up', 'down'], { message: 'Say whether more is better or less is' }).optional()),
    target: figure('target', 95),
    tolerance: figure('tolerance', 2),
    period: z.enum(['month', 'quarter'], { message: 'Choose monthly or quarterly' }),
    owner: optionalLine(200),
    userOutcome: z.preprocess((v) => v === 'yes' || v === true, z.boolean()),
    source: optionalLine(200),
  })
  .refine((v) => v.tolerance === null || v.tolerance >= 0, { message: 'The tolerance is 0 or more', path: ['tolerance'] });
export type KpiInput = z.output<typeof kpiInput>;

export const readingInput = z.object({
  month: z
    .string({ message: 'Enter the month as YYYY-MM' })
    .trim()
    .max(7, 'Enter the month as YYYY-MM, like 2026-10')
    .regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'Enter the month as YYYY-MM, like 2026-10')
    .meta({ example: '2026-10' }),
  value: figure('figure', 72).refine((v) => v !== null, 'Enter the figure'),
  note: optionalLine(300),
});
export type ReadingInput = z.output<typeof readingInput>;
