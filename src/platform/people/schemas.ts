import { z } from 'zod';
import { roles } from '../access/roles.js';
import { passwordProblem } from '../auth/passwords.js';

export const emailField = z
  .string({ message: 'Enter an email address' })
  .trim()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .pipe(z.email({ message: 'Enter an email address in the correct format, like name@council.gov.uk' }))
  .transform((v) => v.toLowerCase())
  .meta({ example: 'jo.bloggs@council.example' });

export const displayNameField = z
  .string({ message: 'Enter the person’s full name' })
  .trim()
  .min(1, 'Enter the person’s full name')
  .max(200, 'Full name must be 200 characters or fewer');

export const roleField = z.enum(roles, { message: 'Choose a role' });

export const newPasswordField = z
  .string({ message: 'Enter a password' })
  .min(1, 'Enter a password')
  .max(1024, 'Passwords must be 1,024 characters or fewer')
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

// Fields in the order the form shows them, so the error summary lists them in that order too.
export const newPersonInput = z.object({
  displayName: displayNameField,
  email: emailField,
  role: roleField,
  /** Always needed when a person adds someone; only Steward itself (the command line) attaches an existing account without one. */
  password: z.string().max(1024, 'Passwords must be 1,024 characters or fewer').optional(),
});
export type NewPersonInput = z.infer<typeof newPersonInput>;

export const changeRoleInput = z.object({ role: roleField });
