import type { Db } from './audit/audit.js';
import { claimSlot, forgetOldSlots } from './mail/queries.js';

export interface Job {
  name: string;
  everyMs: number;
  run: (now: Date) => Promise<void>;
}

/**
 * Runs each job once per time slot across every instance: the instance that records the slot in
 * the database runs it, the others skip it. Returns a function that stops the timer.
 */
export function startJobs(db: Db, jobs: Job[], log: { warn: (o: object, m: string) => void }, tickMs = 5_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    const now = new Date();
    try {
      for (const job of jobs) {
        const slot = Math.floor(now.getTime() / job.everyMs);
        if (!(await claimSlot(db, job.name, slot, now.toISOString()))) continue;
        try {
          await job.run(now);
        } catch (err) {
          log.warn({ err, job: job.name }, 'a scheduled job failed; it runs again in its next slot');
        }
      }
      if (now.getUTCMinutes() === 0) await forgetOldSlots(db, new Date(now.getTime() - 86_400_000).toISOString());
    } catch (err) {
      log.warn({ err }, 'could not run scheduled jobs');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
