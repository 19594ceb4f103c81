import crypto from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { own } from '../dict.js';
import { UserError } from '../http/errors.js';

/** What can be kept as a file: documents, images and data a council shares; never scripts, web pages or programs. */
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
export const allowedFileTypes = 'PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP, text or CSV';

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

/** A file accepted for keeping: its safe name, its real type, its size and its digest. */
export interface CheckedFile {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  data: Buffer;
}

/**
 * The one way to accept a file someone uploads to keep (an attachment, a piece of evidence): empty,
 * too large or of a type Steward does not keep is refused on the form's `file` field.
 */
export async function checkFile(file: { filename: string; data: Buffer }, maxBytes: number): Promise<CheckedFile> {
  if (!file.data.length) throw new UserError('The selected file is empty', { field: 'file' });
  if (file.data.length > maxBytes)
    throw new UserError(`The selected file must be smaller than ${Math.round(maxBytes / 1024 / 1024)} MB`, { field: 'file', status: 413 });
  const type = await detectType(file.filename, file.data);
  if (!type) throw new UserError(`The selected file must be a ${allowedFileTypes}`, { field: 'file' });
  return {
    filename: filenameFor(file.filename, type),
    contentType: type,
    size: file.data.length,
    sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
    data: file.data,
  };
}

/** Sends a kept file as a download that a browser will never run as a page. */
export function sendKeptFile(reply: FastifyReply, file: { filename: string; content_type: string; data: Uint8Array | Buffer }) {
  return reply
    .header('content-type', file.content_type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.data));
}
