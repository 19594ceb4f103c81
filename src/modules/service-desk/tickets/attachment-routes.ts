import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFor, formErrors, identityOf, idParam, multipartFields, multipartFile, readers, UserError, type Role } from '../../../platform/index.js';
import { addAttachment, attachmentForDownload } from './attachments.js';

const agents: readonly Role[] = ['agent', 'manager', 'admin'];

/** Uploading a file to a ticket, from the agent's ticket page or the staff portal, and downloading it again. */
export async function attachmentRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  async function upload(request: FastifyRequest, reply: FastifyReply, back: string, internalAllowed: boolean) {
    const { reference } = request.params as { reference: string };
    const fields = multipartFields(request.body);
    const file = await multipartFile(request.body, 'file');
    try {
      if (!file) throw new UserError('Choose a file to attach', { field: 'file' });
      await addAttachment(db, actorFor(request), identityOf(request), reference, { ...file, internal: internalAllowed && fields.visibility === 'internal' });
    } catch (error) {
      if (error instanceof UserError && error.status < 500 && error.status !== 404 && error.status !== 403) {
        return reply.code(400).render('modules/service-desk/tickets/views/attachment-refused.njk', {
          title: 'The file was not attached',
          back: `${back}/${reference}`,
          errors: formErrors(error.fieldErrors, error.message),
        });
      }
      throw error;
    }
    reply.flash(`Attached ${file.filename}`);
    return reply.redirect(`${back}/${reference}`, 303);
  }

  app.post('/service-desk/tickets/:reference/attachments', { config: { access: agents } }, (request, reply) =>
    upload(request, reply, '/service-desk/tickets', true),
  );
  app.post('/portal/tickets/:reference/attachments', { config: { access: 'signed-in' } }, (request, reply) => upload(request, reply, '/portal/tickets', false));

  async function download(request: FastifyRequest, reply: FastifyReply) {
    const { reference, id } = request.params as { reference: string; id: string };
    const file = await attachmentForDownload(db, identityOf(request), reference, idParam(id));
    return reply
      .header('content-type', file.content_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(file.data));
  }

  app.get('/service-desk/tickets/:reference/attachments/:id', { config: { access: readers } }, download);
  app.get('/portal/tickets/:reference/attachments/:id', { config: { access: 'signed-in' } }, download);
}
