import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import {
  activeMemberByEmail,
  addRequesterFromMail,
  auditedWrite,
  can,
  NotFoundError,
  domainOf,
  identityByMail,
  systemActor,
  threadsIn,
  UserError,
  type Actor,
  type Db,
  type Identity,
  type MailInHandler,
  type ReceivedMail,
  type Tx,
} from '../../../platform/index.js';
import { desk } from '../abilities.js';
import { addAttachment, maxAttachmentBytes } from '../tickets/attachments.js';
import { addComment, createTicket, ticketForViewer } from '../tickets/service.js';
import * as q from './queries.js';
import { automaticReason, descriptionOf, domainAllowed, domainsOf, loopThreshold, referenceIn, replyText, titleOf } from './rules.js';
import type { InboundMailStatus } from '../tables.js';

const maxAttachments = 20;

/** Keeps a mail the receiver accepted, then reads it; a mail that cannot be read stays kept, marked failed. */
export async function deliverMail(db: Db, mail: ReceivedMail, now = new Date()) {
  const id = await q.insertInbound(db, {
    organisation_id: mail.organisationId,
    recipient: mail.recipient,
    envelope_from: mail.envelopeFrom.slice(0, 320),
    subject: '',
    raw: mail.raw,
    size: mail.raw.length,
    received_at: now.toISOString(),
  });
  await readMail(db, id, mail.ownAddress, now);
  return id;
}

interface Outcome {
  status: InboundMailStatus;
  outcome: string;
  ticketId?: number | null;
}

/**
 * Reads one kept mail into the service desk: a reply joins its ticket, anything else from a person
 * raises an incident, and what a machine wrote, a loop or a stranger is kept with the reason. The
 * ticket, its attachments and the mail's outcome are one transaction.
 */
export async function readMail(db: Db, id: number, ownAddress: string, now = new Date()): Promise<Outcome> {
  const row = await q.findInbound(db, id);
  if (!row || row.status !== 'received') return { status: row?.status ?? 'failed', outcome: row?.outcome ?? '' };
  if (!(await q.claimForReading(db, id, now.toISOString(), new Date(now.getTime() - 5 * 60_000).toISOString())))
    return { status: 'received', outcome: 'Being read' };
  const organisationId = Number(row.organisation_id);
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(Buffer.from(row.raw), {
      skipHtmlToText: false,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
      maxHtmlLengthToParse: 2_000_000,
    });
  } catch (err) {
    const outcome = { status: 'failed' as const, outcome: `The mail could not be read: ${(err as Error).message.slice(0, 200)}` };
    await q.markInbound(db, id, { ...outcome, processed_at: now.toISOString() });
    return outcome;
  }
  const from = firstAddress(parsed.from);
  const subject = (parsed.subject ?? '').slice(0, 998);
  const messageId = parsed.messageId ? parsed.messageId.slice(0, 998) : null;
  const base = { from_address: from, message_id: messageId, subject, processed_at: now.toISOString() };
  const settle = async (tx: Db | Tx, o: Outcome) => {
    await q.markInbound(tx, id, { status: o.status, outcome: o.outcome, ticket_id: o.ticketId ?? null, ...base });
    return o;
  };

  const refusal = await screen(db, { organisationId, id, parsed, from, subject, messageId, envelopeFrom: row.envelope_from, ownAddress, now });
  if (refusal) return settle(db, refusal);

  // The desk's settings are read once per mail: who may be added, and the team new mail goes to.
  const settings = await q.settingsOf(db, organisationId);
  const sender = await senderOf(db, organisationId, from!, parsed, settings);
  if (!sender) return settle(db, { status: 'refused', outcome: strangerReason(from!, settings) });

  try {
    return await auditedWrite(db, sender.actor, async (tx) => {
      const identity = sender.personId ? await identityByMail(tx, organisationId, sender.personId) : null;
      if (!identity) return settle(tx, { status: 'refused', outcome: `${from} is not an active member of this organisation` });
      if (!can(identity, desk.useThePortal))
        return settle(tx, { status: 'refused', outcome: `${from} has a read-only role here, so their mail raises nothing` });
      const thread = await threadOf(tx, identity, parsed, subject, ownAddress);
      const text = parsed.text ?? '';
      let reference: string;
      let ticketId: number;
      let status: InboundMailStatus;
      if (thread && thread.open) {
        await addComment(tx, sender.actor, identity, thread.reference, { body: replyText(text) || '(An email with no text.)', internal: false }, now);
        ({ reference, id: ticketId } = thread);
        status = 'reply';
      } else {
        const followUp = thread ? `Follow-up by email to ${thread.reference}, which was closed.\n\n` : '';
        const created = await createTicket(
          tx,
          sender.actor,
          organisationId,
          {
            kind: 'incident',
            title: titleOf(subject),
            description: followUp + descriptionOf(text),
            requesterId: identity.person.id,
            impact: 3,
            urgency: 3,
            teamId: settings?.team_id ?? null,
          },
          now,
        );
        ({ reference, id: ticketId } = created);
        status = 'ticket';
      }
      const left = await attach(tx, sender.actor, identity, reference, parsed, now);
      if (left.length) {
        await addComment(
          tx,
          systemActor('mail in', organisationId),
          deskIdentity(identity),
          reference,
          { body: `Not kept from the email: ${left.join('; ')}.`, internal: true },
          now,
        );
      }
      return settle(tx, { status, outcome: status === 'reply' ? `Reply added to ${reference}` : `Raised ${reference}`, ticketId });
    });
  } catch (err) {
    const message = err instanceof UserError ? err.message : `Something went wrong reading it: ${(err as Error).message}`;
    return settle(db, { status: 'failed', outcome: message.slice(0, 300) });
  }
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): string | null {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  for (const group of list)
    for (const a of group.value) if (a.address && /^[^\s@]+@[^\s@]+$/.test(a.address)) return a.address.trim().toLowerCase().slice(0, 320);
  return null;
}

async function screen(
  db: Db,
  m: {
    organisationId: number;
    id: number;
    parsed: ParsedMail;
    from: string | null;
    subject: string;
    messageId: string | null;
    envelopeFrom: string;
    ownAddress: string;
    now: Date;
  },
): Promise<Outcome | null> {
  if (!m.from) return { status: 'dropped', outcome: 'The mail says nobody sent it (no From address)' };
  const own = firstOwnAddress(m.ownAddress);
  if (own && m.from === own) return { status: 'dropped', outcome: 'Steward’s own mail, come back: a mail loop' };
  const automatic = automaticReason({
    headers: m.parsed.headers,
    from: m.from,
    envelopeFrom: m.envelopeFrom,
    subject: m.subject,
    contentType: String((m.parsed.headers.get('content-type') as { value?: string } | undefined)?.value ?? ''),
  });
  if (automatic) return { status: 'dropped', outcome: `Not answered: ${automatic}` };
  if (m.messageId && (await q.alreadyReceived(db, m.organisationId, m.messageId, m.id)))
    return { status: 'dropped', outcome: 'Already received: the same message arrived before' };
  const since = new Date(m.now.getTime() - loopThreshold.minutes * 60_000).toISOString();
  if ((await q.recentFromSender(db, m.organisationId, m.from, since)) > loopThreshold.mails) {
    return { status: 'dropped', outcome: `More than ${loopThreshold.mails} mails from ${m.from} in an hour: taken for a mail loop` };
  }
  return null;
}

const firstOwnAddress = (from: string) => (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();

type DeskMailSettings = Awaited<ReturnType<typeof q.settingsOf>>;

async function senderOf(
  db: Db,
  organisationId: number,
  from: string,
  parsed: ParsedMail,
  settings: DeskMailSettings,
): Promise<{ personId: number; actor: Actor } | null> {
  const member = await activeMemberByEmail(db, organisationId, from);
  if (member) return { personId: member.id, actor: { personId: member.id, label: member.email, organisationId } };
  if (settings?.unknown_senders !== 'requester' || !domainAllowed(from, domainsOf(settings.allowed_domains))) return null;
  const name = displayNameOf(parsed.from) ?? from.split('@')[0]!;
  const personId = await addRequesterFromMail(db, systemActor('mail in', organisationId), organisationId, from, name);
  return personId ? { personId, actor: { personId, label: from, organisationId } } : null;
}

function displayNameOf(field: AddressObject | AddressObject[] | undefined): string | null {
  const first = (Array.isArray(field) ? field[0] : field)?.value[0];
  const name = first?.name?.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  return name ? name.slice(0, 200) : null;
}

function strangerReason(from: string, settings: DeskMailSettings) {
  if (settings?.unknown_senders !== 'requester')
    return `${from} is not a member of this organisation, and the desk is set to refuse mail from people it does not know`;
  if (domainAllowed(from, domainsOf(settings.allowed_domains)))
    return `${from} is not a member here, and has a Steward account elsewhere that mail cannot attach`;
  return `${from} is not a member, and ${from.slice(from.lastIndexOf('@') + 1)} is not one of the domains the desk adds people from`;
}

/** The open ticket a reply answers: by its headers first, then by the reference in its subject; only one the sender may see. */
async function threadOf(tx: Tx, identity: Identity, parsed: ParsedMail, subject: string, ownAddress: string) {
  const ids = [parsed.inReplyTo ?? '', ...(Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [])].filter(
    Boolean,
  );
  const candidates = [...threadsIn(ids, identity.organisation.id, domainOf(ownAddress)), referenceIn(subject)].filter((r): r is string => !!r);
  for (const reference of candidates) {
    // Only a ticket the sender may see: a reference typed into a subject is not a way into others'.
    const ticket = await ticketForViewer(tx, identity, reference).catch((err: unknown) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    if (ticket) return { reference: ticket.reference, id: Number(ticket.id), open: ticket.status !== 'closed' && ticket.status !== 'cancelled' };
  }
  return null;
}

/** Keeps each attachment a person sent (not inline images of a signature); names what could not be kept. */
async function attach(tx: Tx, actor: Actor, identity: Identity, reference: string, parsed: ParsedMail, now: Date) {
  const left: string[] = [];
  const files = parsed.attachments.filter((a) => !(a.related && a.contentDisposition === 'inline' && a.size < 50_000));
  for (const [n, file] of files.entries()) {
    const name = (file.filename ?? `attachment-${n + 1}`).slice(0, 200);
    if (n >= maxAttachments) {
      left.push(`${name} (more than ${maxAttachments} attachments)`);
      continue;
    }
    if (file.content.length > maxAttachmentBytes) {
      left.push(`${name} (larger than ${maxAttachmentBytes / 1024 / 1024} MB)`);
      continue;
    }
    try {
      await addAttachment(tx, actor, identity, reference, { filename: name, data: file.content, internal: false }, now);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      left.push(`${name} (${err.message.replace(/^The selected file /, 'it ')})`);
    }
  }
  return left;
}

/** The desk's own note on the ticket is written as Steward, with the reach an agent has. */
const deskIdentity = (identity: Identity): Identity => ({ ...identity, role: 'agent' });

/** Reads mail kept but not read (the server stopped between keeping and reading it). */
export async function readWaitingMail(db: Db, ownAddress: string, now = new Date()) {
  const waiting = await q.waitingMail(db, new Date(now.getTime() - 5 * 60_000).toISOString(), 200);
  for (const { id } of waiting) await readMail(db, Number(id), ownAddress, now);
  return waiting.length;
}

/** What the platform's mail receiver hands the service desk. */
export const serviceDeskMail: MailInHandler = {
  organisationFor: (db, address) => q.organisationOfAddress(db, address),
  deliver: async (db, mail) => void (await deliverMail(db, mail)),
  readWaiting: (db, ownAddress) => readWaitingMail(db, ownAddress),
};

export interface MailInSettingsInput {
  address: string;
  unknownSenders: 'refuse' | 'requester';
  allowedDomains: string;
  /** Already resolved inside the organisation (a `ref`), or null. */
  teamId?: number | null;
}

export async function saveMailInSettings(db: Db, actor: Actor, organisationId: number, input: MailInSettingsInput) {
  const address = input.address.trim().toLowerCase();
  const owner = await q.organisationOfAddress(db, address);
  if (owner !== null && owner !== organisationId)
    throw new UserError('Another organisation in this installation already uses that address', { field: 'address' });
  const domains = domainsOf(input.allowedDomains);
  if (input.unknownSenders === 'requester' && !domains.length)
    throw new UserError('Enter the domains whose staff may be added, such as eastwold.gov.uk', { field: 'allowedDomains' });
  const before = await q.settingsOf(db, organisationId);
  await auditedWrite(db, actor, async (tx, audit) => {
    const row = {
      organisation_id: organisationId,
      address,
      unknown_senders: input.unknownSenders,
      allowed_domains: domains.join(', '),
      team_id: input.teamId ?? null,
      updated_at: new Date().toISOString(),
    };
    await q.saveSettings(tx, row);
    const after = { address, unknown_senders: row.unknown_senders, allowed_domains: row.allowed_domains, team_id: row.team_id };
    if (before)
      await audit.updated(
        'mail_in_settings',
        organisationId,
        { address: before.address, unknown_senders: before.unknown_senders, allowed_domains: before.allowed_domains, team_id: before.team_id },
        after,
        'Changed how the service desk takes email',
        organisationId,
      );
    else await audit.created('mail_in_settings', organisationId, after, `The service desk takes email at ${address}`, organisationId);
  });
}

export { settingsOf as mailInSettingsOf, recentInbound, organisationOfAddress } from './queries.js';
