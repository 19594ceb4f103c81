import { z } from 'zod';
import { line } from '../inputs/text.js';
import { organisationTypes } from './types.js';

export const organisationInput = z.object({
  name: line(200, { required: 'Enter the organisation’s name', tooLong: 'Name must be 200 characters or fewer' }),
  type: z.enum(organisationTypes, { message: 'Choose the type of organisation' }),
});
export type OrganisationInput = z.infer<typeof organisationInput>;
