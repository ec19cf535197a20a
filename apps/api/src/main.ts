import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { Secrets } from './common/crypto/secrets';
import { createRootLogger } from './common/logging/logger';
import { AppConfig, InvalidConfigError, loadConfig } from './config';
import { createApp } from './create-app';
import { EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded';
import {
  ensureFirstAdmin,
  loadDemoCompletion,
  loadDemoData,
  loadDemoEnrolments,
  loadDemoLogistics,
  loadDemoSchedule,
} from './database/demo/seed';
import { readOrCreateSecret } from './database/local-secret';
import { runMigrations, runSeeding } from './database/migrate';
import { AttendanceService } from './modules/attendance/attendance.service';
import { PasswordService } from './modules/auth/password.service';
import { AuditService } from './modules/audit/audit.service';
import { ConsentsService } from './modules/privacy/consents/consents.service';
import { EnrolmentsService } from './modules/enrolments/enrolments.service';
import { TraineesService } from './modules/trainees/trainees.service';
import { OutboxWorker } from './modules/notifications/outbox-worker';
import { DataExportWorker } from './modules/privacy/data-copy/data-export-worker';
import { InstructorsService } from './modules/instructors/instructors.service';
import { CompletionService } from './modules/certificates/completion.service';
import { ProgramsService } from './modules/programs/programs.service';
import { SessionsService } from './modules/sessions/sessions.service';
import { UsersService } from './modules/users/users.service';

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      console.error(`Skillbridge cannot start. ${error.message}\nSee the environment table in README.md.`);
      process.exit(1);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const config = readConfig();
  const logger = createRootLogger(config);
  let embedded: EmbeddedPostgres | undefined;
  let app: NestFastifyApplication | undefined;

  let stopping = false;
  const stop = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: shutting down`);
    setTimeout(() => process.exit(exitCode || 1), 20_000).unref();
    try {
      // First stop taking requests and let those in flight finish, then the
      // pool, then the embedded server — so nothing committed is lost.
      await app?.close();
      await embedded?.stop();
      logger.info('stopped');
    } finally {
      logger.flush();
      process.exit(exitCode);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT', 0));
  process.once('SIGTERM', () => void stop('SIGTERM', 0));

  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      logger.info(`No DATABASE_URL: starting the embedded PostgreSQL with its data in ${config.DATA_DIR}`);
      embedded = await startEmbeddedPostgres({
        dataDir: config.DATA_DIR,
        port: config.EMBEDDED_PG_PORT,
        log: (message) => logger.debug({ context: 'postgres' }, message),
      });
      databaseUrl = embedded.url;
      logger.info(`Embedded PostgreSQL is up on 127.0.0.1:${embedded.port}`);
      // Only the embedded set-up may run without JWT_SECRET, DATA_ENCRYPTION_KEY and CREDENTIAL_KEY_SECRET
      // (config validation enforces it).
      config.JWT_SECRET ??= await readOrCreateSecret(config.DATA_DIR, 'jwt.secret');
      config.DATA_ENCRYPTION_KEY ??= await readOrCreateSecret(config.DATA_DIR, 'data.key');
      config.CREDENTIAL_KEY_SECRET ??= await readOrCreateSecret(config.DATA_DIR, 'credential.key');
    }

    app = await createApp({ config, databaseUrl, logger });

    if (config.MIGRATIONS_RUN) {
      const applied = await runMigrations(app.get(DataSource));
      if (applied.length) logger.info(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    }
    const seed = { users: app.get(UsersService), passwords: app.get(PasswordService), logger };
    // A const the closure can see as set (`app` is a let, for the shutdown handler).
    const nest = app;
    await runSeeding(nest.get(DataSource), async () => {
      if (config.demoData) {
        await loadDemoData(nest.get(DataSource), seed);
        await loadDemoSchedule(nest.get(DataSource), {
          instructors: nest.get(InstructorsService),
          programs: nest.get(ProgramsService),
          sessions: nest.get(SessionsService),
          logger,
        });
        await loadDemoEnrolments(nest.get(DataSource), {
          trainees: nest.get(TraineesService),
          enrolments: nest.get(EnrolmentsService),
          users: nest.get(UsersService),
          passwords: nest.get(PasswordService),
          consents: nest.get(ConsentsService),
          audit: nest.get(AuditService),
          logger,
        });
        await loadDemoCompletion(nest.get(DataSource), {
          completion: nest.get(CompletionService),
          enrolments: nest.get(EnrolmentsService),
          attendance: nest.get(AttendanceService),
          logger,
        });
        await loadDemoLogistics(nest.get(DataSource), { secrets: nest.get(Secrets), logger });
      }
      if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
        await ensureFirstAdmin(nest.get(DataSource), seed, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
      }
    });

    // E-mail delivery starts once the schema is there (and the demo's notices are written).
    app.get(OutboxWorker).start();
    app.get(DataExportWorker).start();
    await app.listen({ port: config.PORT, host: config.HOST });
    const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.HOST) ? 'localhost' : config.HOST;
    const { port } = app.getHttpServer().address() as AddressInfo;
    const base = `http://${shownHost}:${port}`;
    logger.info(`Skillbridge is listening on ${base} — web app ${base}/, API ${base}/api/v1, docs ${base}/api/docs`);
    logger.info(
      `Certificate QR codes, credentials and e-mailed links carry ${config.publicUrl}` +
        (config.PUBLIC_URL ? '' : ' (PUBLIC_URL is not set: set it to the address people open the app at)'),
    );
  } catch (error) {
    logger.fatal(
      { err: error },
      `Skillbridge could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    await stop('start-up failed', 1);
  }
}

void bootstrap();
