import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { DemoContext } from '../../../platform/index.js';
import { deliverMail, saveMailInSettings } from './service.js';
import { emailsOf, newestOpenTicketOf } from './queries.js';

// A photo is a photo to Steward by its first bytes: a one-pixel PNG stands in for the plotter's.
const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * The demo desk takes email at servicedesk@eastwold.example: a few days of mail through the
 * receiver's own path (kept, then read), so the page shows what became of each kind.
 */
export async function loadMailInDemo(ctx: DemoContext, frontLineTeamId: number | null) {
  const { db, organisationId, actor, people } = ctx;
  const known = await emailsOf(db, [people.planner!, people.financeOfficer!, people.wasteOfficer!, people.socialWorker!]);
  const emails = {
    planner: known.get(people.planner!)!,
    finance: known.get(people.financeOfficer!)!,
    waste: known.get(people.wasteOfficer!)!,
    social: known.get(people.socialWorker!)!,
  };
  const socialWorkersTicket = await newestOpenTicketOf(db, organisationId, people.socialWorker!);
  // The desk's address is at the demo people's own domain: each demo organisation in an installation has its own.
  const domain = emails.planner.slice(emails.planner.lastIndexOf('@') + 1);
  const address = `servicedesk@${domain}`;
  await saveMailInSettings(db, actor, organisationId, { address, unknownSenders: 'requester', allowedDomains: domain, teamId: frontLineTeamId });
  const compose = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const day = (daysAgo: number, hour: number) => {
    const d = new Date(Date.now() - daysAgo * 86_400_000);
    d.setUTCHours(hour, 12, 0, 0);
    return d;
  };
  const mails: { at: Date; message: SendMailOptions }[] = [
    {
      at: day(3, 9),
      message: {
        from: `Mark Evans <${emails.planner}>`,
        subject: 'Plotter in Planning will not feed A1 paper',
        text: 'Morning,\n\nThe big plotter on the first floor keeps pulling the A1 roll in crooked and then stops with a paper jam light. We need to print the committee plans for Thursday.\n\nPhoto attached.\n\nMark Evans\nPlanning officer',
        attachments: [{ filename: 'plotter-jam.png', content: photo }],
      },
    },
    {
      at: day(2, 14),
      message: {
        from: `Fatima Begum <${emails.finance}>`,
        subject: 'Cannot open budget monitoring workbook on the Finance share',
        text: 'Hi,\n\nWhen I open Budget Monitoring P8.xlsx from the Finance share it says the file is locked for editing by another user, but everyone in the team has closed it.\n\nThanks\nFatima',
      },
    },
    {
      at: day(2, 15),
      message: {
        from: `Gareth Jones <${emails.waste}>`,
        subject: 'Automatic reply: Your ticket has been logged',
        text: 'I am out on rounds inspections until Friday with limited access to email. For missed bins please call the contact centre.',
        headers: { 'Auto-Submitted': 'auto-replied' },
      },
    },
    {
      at: day(1, 11),
      message: {
        from: 'Sales Team <offers@printer-deals.example>',
        subject: 'Save 40% on toner for your council',
        text: 'Dear IT Manager, we are offering exclusive discounts on compatible toner cartridges.',
      },
    },
  ];
  if (socialWorkersTicket)
    mails.push({
      at: day(0, 8),
      message: {
        from: `Rachel Adams <${emails.social}>`,
        subject: `RE: ${socialWorkersTicket}: following up`,
        text: 'Hello, just checking whether there is any news on this one? It is still happening this morning.\n\nRachel\n\nFrom: Eastwold IT Service Desk\nSent: last week\nSubject: Your ticket',
      },
    });
  for (const m of mails) {
    const built = await compose.sendMail({ to: address, ...m.message, date: m.at });
    await deliverMail(
      db,
      {
        organisationId,
        recipient: address,
        envelopeFrom: String(m.message.from).replace(/^.*<|>$/g, ''),
        raw: built.message as Buffer,
        ownAddress: 'Steward <steward@localhost>',
      },
      m.at,
    );
  }
}
