import { can, checkFile, auditedWrite, ForbiddenError, NotFoundError, type Actor, type Db, type Identity } from '../../../platform/index.js';
import * as q from './queries.js';
import { desk } from '../abilities.js';
import { isAgent, ticketForViewer } from './service.js';

export const maxAttachmentBytes = 10 * 1024 * 1024;

export async function addAttachment(
  db: Db,
  actor: Actor,
  identity: Identity,
  reference: string,
  file: { filename: string; data: Buffer; internal: boolean },
  now = new Date(),
) {
  const ticket = await ticketForViewer(db, identity, reference);
  if (!can(identity, desk.useThePortal)) throw new ForbiddenError();
  if (file.internal && !isAgent(identity)) throw new ForbiddenError('Only the service desk can add internal files');
  const { filename, contentType: type, size, sha256, data } = await checkFile(file, maxAttachmentBytes);
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertAttachment(tx, {
      organisation_id: ticket.organisation_id,
      ticket_id: ticket.id,
      filename,
      content_type: type,
      size,
      sha256,
      data,
      uploaded_by: actor.personId,
      internal: file.internal ? 1 : 0,
      at: now.toISOString(),
    });
    await q.insertEvent(tx, {
      organisation_id: ticket.organisation_id,
      ticket_id: ticket.id,
      kind: file.internal ? 'note' : 'reply',
      author_id: actor.personId,
      body: `Attached ${filename}`,
      changes_json: null,
      at: now.toISOString(),
    });
    await audit.created('ticket_attachment', id, { filename, content_type: type, size }, `${ticket.reference}: attached ${filename}`, ticket.organisation_id);
    return id;
  });
}

/** Attachments a viewer may see: requesters never see internal ones. */
export async function attachmentsFor(db: Db, identity: Identity, ticketId: number) {
  return q.attachmentsOf(db, ticketId, { includeInternal: can(identity, desk.readTickets) });
}

export async function attachmentForDownload(db: Db, identity: Identity, reference: string, id: number) {
  const ticket = await ticketForViewer(db, identity, reference);
  const file = await q.findAttachment(db, ticket.id, id);
  if (!file || (file.internal && !can(identity, desk.readTickets))) throw new NotFoundError();
  return file;
}
