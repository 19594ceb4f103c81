import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../audit/audit.js';
import type { MailInHandler } from '../module.js';

export interface ReceiverOptions {
  port: number;
  host: string;
  /** The largest message accepted, announced with SIZE and enforced while it streams in. */
  maxBytes: number;
  ownAddress: string;
  log: { warn: (obj: object, msg: string) => void };
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
const maxRecipients = 20;

/**
 * The SMTP receiver the council's mail system forwards the service desk's mailbox to. A mail is
 * acknowledged (250) only once it is kept in the database, so a server that stops mid-way loses
 * nothing: the sending system tries again, and a kept mail not yet read is read by the sweep.
 * Mail for an address no organisation has set is refused at RCPT; nothing here relays.
 */
export async function startMailReceiver(db: Db, handler: MailInHandler, options: ReceiverOptions) {
  const organisations = new WeakMap<SMTPServerSession, Map<number, string>>();
  const server = new SMTPServer({
    name: 'steward',
    banner: 'Steward service desk mail',
    authOptional: true,
    disabledCommands: ['AUTH'],
    size: options.maxBytes,
    maxClients: 50,
    socketTimeout: 60_000,
    logger: false,
    onRcptTo(address, session, callback) {
      const seen = organisations.get(session) ?? new Map<number, string>();
      organisations.set(session, seen);
      if (session.envelope.rcptTo.length >= maxRecipients) return callback(smtpError(452, 'Too many recipients'));
      handler
        .organisationFor(db, address.address)
        .then((organisationId) => {
          if (organisationId === null) return callback(smtpError(550, `No mailbox here for ${address.address.slice(0, 100)}`));
          if (!seen.has(organisationId)) seen.set(organisationId, address.address.toLowerCase());
          callback();
        })
        .catch((err: unknown) => {
          options.log.warn({ err }, 'mail in: could not look up a recipient');
          callback(smtpError(451, 'Try again later'));
        });
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded || size > options.maxBytes) {
          return callback(smtpError(552, `The message is larger than the ${Math.round(options.maxBytes / 1024 / 1024)} MB this desk accepts`));
        }
        const raw = Buffer.concat(chunks);
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const targets = [...(organisations.get(session) ?? new Map<number, string>())];
        organisations.delete(session);
        Promise.all(
          targets.map(([organisationId, recipient]) => handler.deliver(db, { organisationId, recipient, envelopeFrom, raw, ownAddress: options.ownAddress })),
        )
          .then(() => callback(null, 'Kept'))
          .catch((err: unknown) => {
            options.log.warn({ err }, 'mail in: could not keep a message');
            callback(smtpError(451, 'Could not keep the message; try again later'));
          });
      });
    },
  });
  server.on('error', (err) => options.log.warn({ err }, 'mail in: receiver error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
