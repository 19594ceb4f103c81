import { z } from 'zod';
import { organisationTypes } from './types.js';

export const organisationInput = z.object({
  name: z.string({ message: 'Enter the organisation’s name' }).trim().min(1, 'Enter the organisation’s name').max(200, 'Name must be 200 characters or fewer'),
  type: z.enum(organisationTypes, { message: 'Choose the type of organisation' }),
});
export type OrganisationInput = z.infer<typeof organisationInput>;
