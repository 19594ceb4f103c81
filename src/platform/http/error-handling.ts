import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from '@fastify/type-provider-zod';
import { problem, UserError, type FieldError } from './errors.js';
import { isApiRequest } from './access.js';
import { formErrors, maxUploadBytes } from '../forms.js';

function sendProblem(reply: FastifyReply, status: number, detail?: string, errors?: FieldError[]) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send(problem(status, detail, errors));
}

async function sendPage(request: FastifyRequest, reply: FastifyReply, status: number, template: string, context: Record<string, unknown> = {}) {
  reply.code(status);
  try {
    return await reply.render(template, context);
  } catch (error) {
    request.log.error({ err: error }, 'could not render the error page');
    return reply.type('text/plain; charset=utf-8').send(`Error ${status}`);
  }
}

/** Unknown routes and failures answer in the requester's language: a helpful page, or problem+json. */
export function setUpErrorHandling(app: FastifyInstance) {
  app.setNotFoundHandler(async (request, reply) => {
    if (isApiRequest(request)) return sendProblem(reply, 404, `There is no ${request.method} ${request.url.split('?')[0]} in the API`);
    return sendPage(request, reply, 404, 'platform/views/pages/not-found.njk', { title: 'Page not found' });
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const api = isApiRequest(request);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({
        field:
          v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String((v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.') ?? 'body'),
        message: v.message ?? 'is not valid',
      }));
      if (api) return sendProblem(reply, 400, 'The request is not valid: see errors', fields);
      // A page's address that names nothing (an id that is not a number) is a page that is not there.
      if ((error as { validationContext?: string }).validationContext === 'params') {
        return sendPage(request, reply, 404, 'platform/views/pages/not-found.njk', { title: 'Page not found' });
      }
      return sendPage(request, reply, 400, 'platform/views/pages/error.njk', {
        title: 'Request not valid',
        message: fields.map((f) => `${f.field}: ${f.message}`).join('; '),
        errors: formErrors(fields),
      });
    }
    if (error.code === 'FST_PROTO_VIOLATION') {
      // The multipart reader refuses these names before Steward sees which one was sent.
      const message = 'Steward does not accept a field named __proto__, constructor or prototype';
      const fields = ['__proto__', 'constructor', 'prototype'].map((field) => ({ field, message }));
      if (api) return sendProblem(reply, 400, message, fields);
      return sendPage(request, reply, 400, 'platform/views/pages/error.njk', { title: 'There is a problem', message, errors: formErrors(fields) });
    }
    if (error.code?.startsWith('FST_CSRF')) {
      if (api) return sendProblem(reply, 403, 'Missing or invalid CSRF token: send it in the x-csrf-token header, or use a Bearer token');
      return sendPage(request, reply, 403, 'platform/views/pages/form-expired.njk', { title: 'Your form has expired' });
    }
    if (error instanceof UserError) {
      if (api) return sendProblem(reply, error.status, error.message, error.fieldErrors);
      if (error.status === 404) return sendPage(request, reply, 404, 'platform/views/pages/not-found.njk', { title: 'Page not found' });
      if (error.status === 403) return sendPage(request, reply, 403, 'platform/views/pages/forbidden.njk', { title: 'You do not have permission' });
      return sendPage(request, reply, error.status, 'platform/views/pages/error.njk', {
        title: 'There is a problem',
        message: error.message,
        ...(error.fieldErrors.length ? { errors: formErrors(error.fieldErrors) } : {}),
      });
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT') {
      const message =
        error.code === 'FST_FILES_LIMIT' ? 'Attach one file at a time' : `The selected file must be smaller than ${maxUploadBytes / 1024 / 1024} MB`;
      if (api) return sendProblem(reply, 413, message, [{ field: 'file', message }]);
      return sendPage(request, reply, 413, 'platform/views/pages/error.njk', { title: 'The file was not attached', message });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status < 500) {
      if (api) return sendProblem(reply, status, error.message);
      return sendPage(request, reply, status, 'platform/views/pages/error.njk', { title: 'There is a problem', message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    if (api) return sendProblem(reply, 500, `Something went wrong. Quote reference ${request.id} to your administrator.`);
    return sendPage(request, reply, 500, 'platform/views/pages/server-error.njk', { title: 'Sorry, there is a problem with Steward', reference: request.id });
  });
}
