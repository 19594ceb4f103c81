import { z } from 'zod';
import {
  anyOf,
  plainAmount,
  blankToNull,
  cursor,
  isoDate,
  line,
  moneyInput,
  optionalDate,
  optionalLine,
  optionalRef,
  paragraphs,
  ref,
} from '../../platform/index.js';
import { team } from '../teams/index.js';
import { estateRecords } from '../estate/index.js';
import { trainingKindKeys } from '../training/index.js';
import { peopleRecords } from './references.js';
import { skillLevels } from './rules.js';

export const contractTypes = {
  permanent: 'Permanent',
  'fixed-term': 'Fixed-term',
  contractor: 'Contractor',
  interim: 'Interim',
  apprentice: 'Apprentice',
  graduate: 'Graduate',
} as const;
export const contractTypeKeys = Object.keys(contractTypes) as [keyof typeof contractTypes, ...(keyof typeof contractTypes)[]];
/** Contractors and interims are paid by the day and are not on the council's establishment. */
export const isContractor = (c: string) => c === 'contractor' || c === 'interim';
export const onProgramme = (c: string) => c === 'apprentice' || c === 'graduate';

const money = (label: string) => moneyInput(label);
const text = optionalLine;
const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : (v ?? '')),
  z.union([
    z.literal(''),
    z.string().max(254, 'Enter an email address of 254 characters or fewer').email('Enter an email address like jo.bloggs@council.gov.uk'),
  ]),
);

const staffFields = z.object({
  name: line(200, { required: 'Enter the person’s name' }),
  email,
  jobTitle: text(200),
  grade: text(60),
  teamId: optionalRef(team),
  lineManagerId: optionalRef(peopleRecords.staff, 'Choose the line manager from the department’s people'),
  contract: z.enum(contractTypeKeys, { message: 'Choose the kind of contract' }),
  startDate: optionalDate('Enter the start date as YYYY-MM-DD'),
  endDate: optionalDate('Enter the end date as YYYY-MM-DD'),
  dayRate: money('day rate'),
  annualCost: money('annual cost'),
  programme: text(200),
  provider: text(200),
  location: text(200),
  workingPattern: text(200),
  roleLevelId: optionalRef(peopleRecords.roleLevel),
});
const endsAfter = (v: { startDate: string | null; endDate: string | null }) => !v.startDate || !v.endDate || v.endDate >= v.startDate;
export const staffInput = staffFields.refine(endsAfter, { message: 'The end date must be on or after the start date', path: ['endDate'] });
export type StaffInput = z.output<typeof staffInput>;

export const leaverInput = z.object({ leftOn: isoDate('Enter the day they left as YYYY-MM-DD') });

export const staffQuery = z.object({
  q: line(100, { tooLong: 'Search for 100 characters or fewer' }).optional(),
  team: anyOf(ref(team)),
  contract: anyOf(z.enum(contractTypeKeys, { message: 'Choose one of the kinds of contract' })),
  after: cursor(z.object({ n: z.string().max(200), id: z.number().int().positive() })),
});

export const vacancyInput = z.object({
  title: line(200, { required: 'Enter the post’s title' }),
  grade: text(60),
  teamId: optionalRef(team),
  reportsToId: optionalRef(peopleRecords.staff, 'Choose who the post reports to from the department’s people'),
  roleLevelId: optionalRef(peopleRecords.roleLevel),
  openSince: isoDate('Enter the day the post became vacant as YYYY-MM-DD'),
  timesAdvertised: z.preprocess(
    (v) => (v === '' || v === undefined ? 0 : v),
    z.coerce
      .number({ message: 'Enter how many times it has been advertised' })
      .int('Enter a whole number')
      .min(0, 'It cannot be advertised fewer than 0 times')
      .max(99),
  ),
  coverStaffId: optionalRef(peopleRecords.staff, 'Choose the interim or contractor covering the post from the department’s people'),
  notes: z.preprocess((v) => v ?? '', paragraphs(5000)),
});
export type VacancyInput = z.output<typeof vacancyInput>;
export const fillInput = z.object({ filledOn: isoDate('Enter the day the post was filled as YYYY-MM-DD') });

export const jobTitleInput = z.object({
  jobTitle: line(200, { required: 'Enter the council’s job title' }),
  grade: text(60),
  roleLevelId: ref(peopleRecords.roleLevel, 'Choose the framework role level the job is'),
});

const level = z.preprocess(blankToNull, z.enum(skillLevels, { message: 'Choose awareness, working, practitioner or expert' }).nullable());
/** One person's levels: a pair of lists in the same order (skill, level). */
export const skillLevelsInput = z.object({
  as: z.enum(['self', 'agreed'], { message: 'Say whether these are your own view or the agreed levels' }),
  skillId: z
    .union([ref(peopleRecords.skill), z.array(ref(peopleRecords.skill)).max(400, 'Too many skills at once')])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat())),
  level: z
    .union([level, z.array(level).max(400, 'Too many skills at once')])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat())),
});

/** A system named as people know it: its name or its identifier in the register. */
export const supportsInput = z.object({ system: line(200, { required: 'Enter the system’s name or identifier' }) });
export const supportRemovalInput = z.object({ systemId: ref(estateRecords.system, 'Choose a system from the register') });

export const matrixQuery = z.object({
  teamId: anyOf(ref(team)),
  gapsOnly: z.enum(['yes']).optional(),
});

/** The kinds of development the guidance lists, and shadowing. */
export const developmentInput = z.object({
  activity: line(300, { required: 'Say what they will do, like “AZ-104 Azure Administrator course”' }),
  kind: z.enum(trainingKindKeys, { message: 'Choose the kind of development' }),
  skillId: optionalRef(peopleRecords.skill),
  targetLevel: level,
  dueOn: optionalDate('Enter the date as YYYY-MM-DD'),
  cost: money('cost'),
});
export type DevelopmentInput = z.output<typeof developmentInput>;
// A blank is "not given", never the number 0.
const given = (v: unknown) => (v === '' ? undefined : v);
export const budgetInput = z.object({
  year: z.preprocess(
    given,
    z.coerce
      .number({ message: 'Enter the year the budget starts, like 2026' })
      .int('Enter a year like 2026')
      .min(2000, 'Enter a year from 2000')
      .max(2100, 'Enter a year before 2100'),
  ),
  amount: z.preprocess(
    (v) => given(typeof v === 'string' ? plainAmount(v) : v),
    z.coerce
      .number({ message: 'Enter the budget in pounds, like 25000' })
      .min(0, 'A budget cannot be negative')
      .max(100_000_000, 'Enter a budget under £100 million'),
  ),
});
export const noFields = z.object({});

export type CertificationInput = z.output<typeof certificationInput>;
export const certificationInput = z
  .object({
    name: line(200, { required: 'Enter the certification, like “AZ-104 Azure Administrator Associate”' }),
    awardedOn: optionalDate('Enter the day it was awarded as YYYY-MM-DD'),
    // An example later than the award's, so the example certification runs out after it was awarded.
    expiresOn: z.preprocess(blankToNull, isoDate('Enter the day it runs out as YYYY-MM-DD').meta({ example: '2029-03-31' }).nullable()),
  })
  .refine((v) => !v.awardedOn || !v.expiresOn || v.expiresOn > v.awardedOn, { message: 'It runs out after the day it was awarded', path: ['expiresOn'] });
