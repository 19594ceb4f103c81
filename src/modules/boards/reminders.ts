import { absoluteLink, auditedWrite, date, notify, systemActor, type Db } from '../../platform/index.js';
import * as q from './queries.js';
import { dueSoonDays, reminderDue } from './rules.js';

/**
 * Reminds the owner of a board's action (when they use Steward) a week before it is due and once a
 * week while it is late: each reminder once, in the transaction that records it.
 */
export async function sendActionReminders(db: Db, now = new Date()) {
  const today = now.toISOString().slice(0, 10);
  const horizon = new Date(now.getTime() + dueSoonDays * 86_400_000).toISOString().slice(0, 10);
  let sent = 0;
  for (const a of await q.actionsToRemind(db, horizon)) {
    const dueOn = String(a.due_on).slice(0, 10);
    const due = reminderDue({ dueOn, doneOn: null }, today);
    if (!due) continue;
    const organisationId = Number(a.organisation_id);
    await auditedWrite(db, systemActor('board action reminders', organisationId), async (tx, audit) => {
      const id = Number(a.id);
      if (!(await q.recordReminder(tx, { action_id: id, kind: due.kind, key: due.key, at: now.toISOString() }))) return;
      sent++;
      const link = absoluteLink(`/boards/actions/${id}`);
      const when = date(dueOn);
      await notify(tx, {
        organisationId,
        personId: Number(a.owner_person_id),
        kind: 'board-action',
        subject: due.kind === 'overdue' ? `Overdue for ${a.board_name}: ${a.title}` : `Due on ${when} for ${a.board_name}: ${a.title}`,
        body:
          due.kind === 'overdue'
            ? `${a.board_name} gave you this action, due on ${when}, and it is not marked done yet:\n\n${a.title}\n\nIf it is done, mark it done with a line on what happened; if not, tell the board's secretary when it will be.\n\n${link}\n`
            : `${a.board_name} gave you this action, due on ${when}:\n\n${a.title}\n\nWhen it is done, mark it done with a line on what happened, so the board sees it.\n\n${link}\n`,
        now: now.toISOString(),
      });
      await audit.created(
        'board_action_reminder',
        `${id}:${due.kind}:${due.key}`,
        { kind: due.kind, due_on: dueOn },
        `Reminded the owner of: ${a.title}`,
        organisationId,
      );
    });
  }
  return sent;
}
