import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, identityOf, ref, sendKeptFile, submitForm, upload, type Ability } from '../../../platform/index.js';
import { desk } from '../abilities.js';
import { deskRecords, ticketParams } from '../references.js';
import { addAttachment, attachmentForDownload } from './attachments.js';

const attachForm = z.object({
  visibility: z.enum(['public', 'internal'], { message: 'Choose who can see the file' }).optional(),
  file: upload('Choose a file to attach'),
});
const fileParams = ticketParams.extend({ id: ref(deskRecords.attachment) });

/** Uploading a file to a ticket, from the agent's ticket page or the staff portal, and downloading it again. */
export async function attachmentRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  const attach = (url: string, access: Ability, back: string, internalAllowed: boolean) =>
    app.post(url, { config: { access, form: attachForm, multipart: true }, schema: { params: ticketParams } }, async (request, reply) => {
      const { reference } = request.params as z.output<typeof ticketParams>;
      return submitForm(request, reply, {
        schema: attachForm,
        view: 'modules/service-desk/tickets/views/attachment-refused.njk',
        context: () => ({ title: 'The file was not attached', back: `${back}/${reference}` }),
        action: async (v) => {
          await addAttachment(db, actorFor(request), identityOf(request), reference, { ...v.file, internal: internalAllowed && v.visibility === 'internal' });
          return { redirect: `${back}/${reference}`, flash: `Attached ${v.file.filename}` };
        },
      });
    });
  attach('/service-desk/tickets/:reference/attachments', desk.workTickets, '/service-desk/tickets', true);
  attach('/portal/tickets/:reference/attachments', desk.useThePortal, '/portal/tickets', false);

  async function download(request: FastifyRequest, reply: FastifyReply) {
    const { reference, id } = request.params as z.output<typeof fileParams>;
    const file = await attachmentForDownload(db, identityOf(request), reference, id);
    return sendKeptFile(reply, file);
  }

  app.get('/service-desk/tickets/:reference/attachments/:id', { config: { access: desk.readTickets }, schema: { params: fileParams } }, download);
  app.get('/portal/tickets/:reference/attachments/:id', { config: { access: 'signed-in' }, schema: { params: fileParams } }, download);
}
