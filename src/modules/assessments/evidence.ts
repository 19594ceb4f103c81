import { auditedWrite, checkFile, NotFoundError, UserError, type Actor, type Db, type LinkableRecord } from '../../platform/index.js';
import * as q from './queries.js';
import { loadFramework, open } from './service.js';

/** Evidence files are kept like ticket attachments: up to 10 MB each, of the kinds Steward keeps. */
export const maxEvidenceBytes = 10 * 1024 * 1024;

export type EvidenceInput =
  | { kind: 'file'; title: string; file: { filename: string; data: Buffer } }
  | { kind: 'link'; title: string; url: string }
  | { kind: 'record'; recordKind: string; words: string };

/**
 * Adds one piece of evidence to an outcome of an assessment that is not yet approved: a file kept
 * in Steward, a link to a document elsewhere, or a record of Steward's own named by the person.
 */
export async function addEvidence(
  db: Db,
  actor: Actor,
  organisationId: number,
  assessmentId: number,
  nodeId: number,
  input: EvidenceInput,
  records: LinkableRecord[],
) {
  const a = await open(db, organisationId, assessmentId);
  const framework = await loadFramework(db, organisationId, a.framework_id);
  const node = framework.byId.get(nodeId);
  if (!node?.assessable) throw new NotFoundError('That outcome is not part of this assessment’s framework');
  const base = {
    organisation_id: organisationId,
    assessment_id: assessmentId,
    node_id: nodeId,
    url: '',
    record_kind: '',
    record_id: null,
    filename: '',
    content_type: '',
    size: 0,
    sha256: '',
    data: null,
    added_by: actor.personId,
    added_at: new Date().toISOString(),
  };
  let row: Parameters<typeof q.insertEvidence>[1];
  if (input.kind === 'file') {
    const f = await checkFile(input.file, maxEvidenceBytes);
    row = {
      ...base,
      kind: 'file',
      title: input.title || f.filename,
      filename: f.filename,
      content_type: f.contentType,
      size: f.size,
      sha256: f.sha256,
      data: f.data,
    };
  } else if (input.kind === 'link') {
    row = { ...base, kind: 'link', title: input.title, url: input.url };
  } else {
    const source = records.find((r) => r.kind === input.recordKind);
    if (!source) throw new UserError('Choose what kind of record it is', { field: 'kind' });
    const found = await source.find(db, organisationId, input.words);
    if (!found) throw new UserError(`There is no ${source.label} called “${input.words}”: ${source.hint.toLowerCase()}`, { field: 'words' });
    row = { ...base, kind: 'record', title: found.title, record_kind: source.kind, record_id: found.id };
  }
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertEvidence(tx, row);
    await audit.created(
      'assessment_evidence',
      id,
      {
        assessment: assessmentId,
        outcome: node.code,
        kind: row.kind,
        title: row.title,
        ...(row.kind === 'file' ? { filename: row.filename, size: row.size } : {}),
      },
      `${a.title}, ${node.code}: added evidence ${row.title}`,
      organisationId,
    );
    return { id, title: row.title, code: node.code };
  });
}

/** Takes a piece of evidence off an outcome while the assessment can still change. */
export async function removeEvidence(db: Db, actor: Actor, organisationId: number, assessmentId: number, evidenceId: number) {
  const a = await open(db, organisationId, assessmentId);
  const e = await q.evidenceById(db, organisationId, assessmentId, evidenceId);
  if (!e) throw new NotFoundError('There is no such evidence');
  const framework = await loadFramework(db, organisationId, a.framework_id);
  const code = framework.byId.get(Number(e.node_id))?.code ?? '';
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.deleteEvidence(tx, evidenceId);
    await audit.deleted(
      'assessment_evidence',
      evidenceId,
      { assessment: assessmentId, outcome: code, kind: e.kind, title: e.title },
      `${a.title}, ${code}: removed evidence ${e.title}`,
      organisationId,
    );
  });
  return { nodeId: Number(e.node_id), title: e.title };
}

/** A kept evidence file, to download. */
export async function evidenceFile(db: Db, organisationId: number, assessmentId: number, evidenceId: number) {
  const e = await q.evidenceById(db, organisationId, assessmentId, evidenceId);
  if (!e || e.kind !== 'file' || !e.data) throw new NotFoundError('There is no such file');
  return { filename: e.filename, content_type: e.content_type, data: e.data };
}

export const evidenceOf = q.evidenceOf;
