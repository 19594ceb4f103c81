export interface FieldError {
  /** The form field or JSON property the message is about, e.g. `email`. */
  field: string;
  message: string;
}

/**
 * An error whose message is written for the person using Steward. Pages show it in a GOV.UK error
 * summary (linked to the field when there is one); the API answers it as problem+json.
 */
export class UserError extends Error {
  readonly status: number;
  readonly fieldErrors: FieldError[];
  constructor(message: string, options: { status?: number; field?: string; fieldErrors?: FieldError[] } = {}) {
    super(message);
    this.status = options.status ?? 422;
    this.fieldErrors = options.fieldErrors ?? (options.field ? [{ field: options.field, message }] : []);
  }
}

export class NotFoundError extends UserError {
  constructor(message = 'Page not found') {
    super(message, { status: 404 });
  }
}

export class ForbiddenError extends UserError {
  constructor(message = 'You do not have permission to do that') {
    super(message, { status: 403 });
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  instance?: string;
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign in required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problem(status: number, detail?: string, errors?: FieldError[], type?: string): Problem {
  return {
    type: type ?? `https://steward.dev/problems/${status}`,
    title: titles[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors && errors.length ? { errors } : {}),
  };
}
