import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { SecretsModule } from './common/crypto/secrets';
import { AppConfig, ConfigModule } from './config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from './database/data-source-options';
import { keepConnectionErrorsHandled } from './database/pool-client-errors';
import { replicaPools, routeReplicaReads } from './database/replicas/replica-routing';
import { ReplicaSet } from './database/replicas/replica-set';
import { ReplicasModule } from './database/replicas/replicas.module';
import { AttendanceModule } from './modules/attendance/attendance.module';
import { AuditModule } from './modules/audit/audit.module';
import { AccessLogModule } from './modules/privacy/access-log.module';
import { AuthModule } from './modules/auth/auth.module';
import { CalendarFeedsModule } from './modules/calendar-feeds/calendar-feeds.module';
import { CertificatesModule } from './modules/certificates/certificates.module';
import { PublicCatalogModule } from './modules/public-catalog/public-catalog.module';
import { CredentialsModule } from './modules/credentials/credentials.module';
import { EnrolmentsModule } from './modules/enrolments/enrolments.module';
import { HealthModule } from './modules/health/health.module';
import { InstitutionsModule } from './modules/institutions/institutions.module';
import { LogisticsModule } from './modules/logistics/logistics.module';
import { InvitationLettersModule } from './modules/logistics/letters/invitation-letters.module';
import { DataCopyModule } from './modules/privacy/data-copy/data-copy.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { ErasureModule } from './modules/privacy/erasure/erasure.module';
import { RetentionModule } from './modules/privacy/retention/retention.module';
import { ConsentsModule } from './modules/privacy/consents/consents.module';
import { ProgramsModule } from './modules/programs/programs.module';
import { ReportsModule } from './modules/reports/reports.module';
import { RoomsModule } from './modules/logistics/rooms/rooms.module';
import { TraineesModule } from './modules/trainees/trainees.module';
import { UsersModule } from './modules/users/users.module';

export interface AppContext {
  config: AppConfig;
  /** The database to use: DATABASE_URL, or the embedded server main.ts started. */
  databaseUrl: string;
  logger: PinoLogger;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, logger }: AppContext): DynamicModule {
    const replicas = new ReplicaSet(config.replicaUrls.length, {
      maxLagMs: config.REPLICA_MAX_LAG_MS,
      checkIntervalMs: config.REPLICA_CHECK_INTERVAL_MS,
      log: (level, message) => logger[level]({ context: 'replicas' }, message),
    });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // Tests find the controllers through it (the route table reads their metadata without it, see route-table.ts).
        DiscoveryModule,
        // nestjs-pino is Nest's logger here (the process-wide pino logger); requests are logged by a Fastify hook
        // (registerRequestLogging), so it mounts no middleware.
        LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions({
              url: databaseUrl,
              poolMax: config.DB_POOL_MAX,
              statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
              replicaUrls: config.replicaUrls,
            }),
            // A database that is still starting gets a few seconds; then start-up fails with the reason.
            retryAttempts: 3,
            retryDelay: 2_000,
          }),
          dataSourceFactory: async (options) => {
            const dataSource = new DataSource(options as DataSourceOptions);
            if (replicas.size > 0) routeReplicaReads(dataSource, replicas, config.replicaUrls);
            // After the replica routing, so that the replicas' pools are covered too.
            keepConnectionErrorsHandled(dataSource, (message) => logger.warn(message));
            if (replicas.size === 0) return dataSource;
            await dataSource.initialize();
            replicas.attach(replicaPools(dataSource));
            return dataSource;
          },
        }),
        ReplicasModule.forRoot(replicas),
        SecretsModule,
        AuditModule,
        AccessLogModule,
        NotificationsModule,
        AuthModule,
        HealthModule,
        InstitutionsModule,
        ProgramsModule,
        TraineesModule,
        ConsentsModule,
        EnrolmentsModule,
        AttendanceModule,
        CertificatesModule,
        CredentialsModule,
        CalendarFeedsModule,
        ReportsModule,
        UsersModule,
        LogisticsModule,
        RoomsModule,
        InvitationLettersModule,
        PublicCatalogModule,
        DataCopyModule,
        ErasureModule,
        RetentionModule,
      ],
    };
  }
}
