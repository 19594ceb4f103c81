import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DatabaseUnreachableError, redact } from './db/database.js';
import { MigrationFailedError } from './db/migrate.js';
import { prepare } from './startup.js';
import { sweepExpired } from './platform/auth/service.js';
import { startJobs, type Job } from './platform/jobs.js';
import { plannerStatisticsEveryMs, refreshPlannerStatistics } from './platform/maintenance.js';
import { drainOutbox, smtpMailer } from './platform/mail/outbox.js';
import { startMailReceiver } from './platform/mail/receiver.js';
import { modules } from './modules/index.js';

async function main() {
  const config = loadConfig();
  const { database, signInHelp } = await prepare(config, { info: (...args: unknown[]) => console.log(...args.filter((a) => typeof a === 'string')) });
  const app = await buildApp({ config, database });

  const jobs: Job[] = [
    { name: 'sweep-sessions', everyMs: 10 * 60_000, run: (now) => sweepExpired(database.db, app.steward.auth, now) },
    { name: 'planner-statistics', everyMs: plannerStatisticsEveryMs, run: () => refreshPlannerStatistics(database.db) },
    ...modules.flatMap((m) => (m.jobs ?? []).map((j) => ({ name: `${m.name}:${j.name}`, everyMs: j.everyMs, run: (now: Date) => j.run(database.db, now) }))),
  ];
  // Mail to the desk: kept by whichever instance receives it; any instance reads what was left unread.
  const mailIn = modules.find((m) => m.mailIn)?.mailIn;
  const receiver =
    config.mailIn && mailIn ? await startMailReceiver(database.db, mailIn, { ...config.mailIn, ownAddress: config.mail.from, log: app.log }) : null;
  if (mailIn && receiver)
    jobs.push({ name: 'mail-in-waiting', everyMs: 60_000, run: async () => void (await mailIn.readWaiting(database.db, config.mail.from)) });
  const stopJobs = startJobs(database.db, jobs, app.log);
  // Mail is claimed row by row, so every instance may send; without SMTP it waits in the outbox.
  const mailer = config.mail.smtpUrl ? smtpMailer(config.mail.smtpUrl, config.mail.from) : null;
  let sending = false;
  const mailTimer = setInterval(() => {
    if (!mailer || sending) return;
    sending = true;
    drainOutbox(database.db, database.dialect, mailer)
      .catch((err: unknown) => app.log.warn({ err }, 'could not send mail'))
      .finally(() => (sending = false));
  }, 5_000);
  mailTimer.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing requests in flight');
    stopJobs();
    clearInterval(mailTimer);
    await receiver?.close();
    mailer?.close?.();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? redact(config.databaseUrl) : config.sqliteFile;
  console.log(`\nSteward is running at ${config.publicUrl} (database: ${where})`);
  for (const line of signInHelp) console.log(line);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseUnreachableError || error instanceof MigrationFailedError) {
    console.error(error.message);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Steward could not start: the port is already in use (${(error as Error).message}). Set PORT to another port.`);
  } else {
    console.error('Steward could not start:', error);
  }
  process.exit(1);
});
