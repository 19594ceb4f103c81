import { absoluteLink, auditedWrite, date, notify, systemActor, type Db } from '../../platform/index.js';
import * as q from './queries.js';
import { certificationReminderDays, dueReminders } from './rules.js';

/**
 * Reminds the holder of a certification, and their line manager, 90 and 30 days before it runs
 * out (when they are Steward users): each reminder once, in the transaction that records it.
 */
export async function sendCertificationReminders(db: Db, now = new Date()) {
  const today = now.toISOString().slice(0, 10);
  const horizon = new Date(now.getTime() + Math.max(...certificationReminderDays) * 86_400_000).toISOString().slice(0, 10);
  let sent = 0;
  for (const c of await q.certificationsDue(db, today, horizon)) {
    const expiresOn = String(c.expires_on).slice(0, 10);
    for (const lead of dueReminders(expiresOn, today)) {
      const organisationId = Number(c.organisation_id);
      await auditedWrite(db, systemActor('certification reminders', organisationId), async (tx, audit) => {
        const id = Number(c.id);
        if (!(await q.recordReminder(tx, { certification_id: id, lead_days: lead, expires_on: expiresOn, at: now.toISOString() }))) return;
        sent++;
        const theirs = absoluteLink('/people/my-skills#certifications');
        const link = absoluteLink(`/people/staff/${c.staff_id}#certifications`);
        const when = date(expiresOn);
        const holder = c.person_id === null ? null : Number(c.person_id);
        const manager = c.manager_person_id === null ? null : Number(c.manager_person_id);
        await notify(tx, {
          organisationId,
          personId: holder,
          kind: 'certification-expiry',
          subject: `Your ${c.name} certification runs out on ${when}`,
          body: `Your ${c.name} certification runs out on ${when}. If the role still needs it, book the renewal or the exam now and add it to your development plan.\n\n${theirs}\n`,
          now: now.toISOString(),
        });
        if (manager !== holder)
          await notify(tx, {
            organisationId,
            personId: manager,
            kind: 'certification-expiry',
            subject: `${c.staff_name}’s ${c.name} certification runs out on ${when}`,
            body: `${c.staff_name}’s ${c.name} certification runs out on ${when}. Agree with them whether to renew it, and put it in their development plan.\n\n${link}\n`,
            now: now.toISOString(),
          });
        await audit.created(
          'certification_reminder',
          `${id}:${lead}`,
          { lead_days: lead, expires_on: expiresOn },
          `${c.staff_name}: ${c.name}, ${lead}-day reminder`,
          organisationId,
        );
      });
    }
  }
  return sent;
}
