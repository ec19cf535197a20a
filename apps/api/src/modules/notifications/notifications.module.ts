import { Global, Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { Notifier } from './notifier';
import { OutboxWorker } from './outbox-worker';

/** Global: every module whose changes people hear about writes through the Notifier. */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [Notifier, NotificationsService, OutboxWorker],
  exports: [Notifier, OutboxWorker],
})
export class NotificationsModule {}
