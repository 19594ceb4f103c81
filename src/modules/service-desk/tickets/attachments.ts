import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { can, own, auditedWrite, ForbiddenError, NotFoundError, UserError, type Actor, type Db, type Identity } from '../../../platform/index.js';
import * as q from './queries.js';
import { desk } from '../abilities.js';
import { isAgent, ticketForViewer } from './service.js';

export const maxAttachmentBytes = 10 * 1024 * 1024;

/** What can be attached: documents, images and data a council shares; never scripts, web pages or programs. */
const allowed: Record<string, string> = {
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'text/plain': 'text file',
  'text/csv': 'CSV file',
};
const textExtensions: Record<string, string> = { txt: 'text/plain', log: 'text/plain', csv: 'text/csv' };
export const allowedDescription = 'PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP, text or CSV';

/** The real type of a file from its bytes, not from what the browser claims. Text has no signature, so its name decides. */
export async function detectType(filename: string, data: Buffer): Promise<string | null> {
  const detected = await fileTypeFromBuffer(data);
  if (detected) return own(allowed, detected.mime) ? detected.mime : null;
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const textType = own(textExtensions, ext);
  if (!textType) return null;
  // Plain text only: no NUL bytes and valid UTF-8.
  if (data.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return null;
  }
  return textType;
}

export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  return base.replace(/[^\p{L}\p{N} ._()-]+/gu, '_').slice(0, 150) || 'file';
}

/** The extensions each type is saved under; the first is used when the name claims another. */
const extensions: Record<string, string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'text/plain': ['txt', 'log'],
  'text/csv': ['csv'],
};

/** The name a file is downloaded under follows what it really is: poly.html that is a GIF downloads as poly.gif. */
export function filenameFor(name: string, type: string): string {
  const safe = safeFilename(name);
  const allowed = own(extensions, type) ?? ['bin'];
  const dot = safe.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot + 1).toLowerCase()] : [safe, ''];
  return allowed.includes(ext) ? safe : `${stem}.${allowed[0]}`;
}

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
  if (!file.data.length) throw new UserError('The selected file is empty', { field: 'file' });
  if (file.data.length > maxAttachmentBytes) throw new UserError('The selected file must be smaller than 10 MB', { field: 'file', status: 413 });
  const type = await detectType(file.filename, file.data);
  if (!type) throw new UserError(`The selected file must be a ${allowedDescription}`, { field: 'file' });
  const filename = filenameFor(file.filename, type);
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertAttachment(tx, {
      organisation_id: ticket.organisation_id,
      ticket_id: ticket.id,
      filename,
      content_type: type,
      size: file.data.length,
      sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
      data: file.data,
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
    await audit.created(
      'ticket_attachment',
      id,
      { filename, content_type: type, size: file.data.length },
      `${ticket.reference}: attached ${filename}`,
      ticket.organisation_id,
    );
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
