import { dict, own } from '../../../platform/index.js';
import { z } from 'zod';

/** A question on a request type's form. */
export interface FormField {
  key: string;
  label: string;
  type: 'text' | 'long-text' | 'choice' | 'date' | 'yes-no';
  required: boolean;
  options?: string[];
  hint?: string;
}

export const formFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
  label: z.string().min(1).max(200),
  type: z.enum(['text', 'long-text', 'choice', 'date', 'yes-no']),
  required: z.boolean(),
  options: z.array(z.string().min(1).max(200)).max(50).optional(),
  hint: z.string().max(300).optional(),
});

/** Checks a requester's answers against the form: each error names the field's key. */
export function checkAnswers(fields: FormField[], input: Record<string, unknown>) {
  const answers = dict<string>();
  const errors: { field: string; message: string }[] = [];
  for (const f of fields) {
    const raw = own(input, f.key);
    const value = typeof raw === 'string' ? raw.trim() : '';
    const name = `field-${f.key}`;
    if (!value) {
      if (f.required)
        errors.push({ field: name, message: f.type === 'choice' || f.type === 'yes-no' ? `Choose an answer for ‘${f.label}’` : `Enter ‘${f.label}’` });
      continue;
    }
    if (value.length > 5000) errors.push({ field: name, message: `‘${f.label}’ must be 5,000 characters or fewer` });
    else if (f.type === 'choice' && !f.options?.includes(value)) errors.push({ field: name, message: `Choose one of the answers for ‘${f.label}’` });
    else if (f.type === 'yes-no' && value !== 'yes' && value !== 'no') errors.push({ field: name, message: `Choose yes or no for ‘${f.label}’` });
    else if (f.type === 'date' && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) {
      errors.push({ field: name, message: `‘${f.label}’ must be a real date, like 2026-12-31` });
    } else answers[f.key] = value;
  }
  return { answers, errors };
}
