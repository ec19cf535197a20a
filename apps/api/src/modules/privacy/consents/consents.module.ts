import { Module } from '@nestjs/common';
import { PrivacyNoticesController } from '../notices/privacy-notices.controller';
import { PrivacyNoticesService } from '../notices/privacy-notices.service';
import { MyConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';

/** The privacy notice and consents to it (issue 23): registration, imports and the profile page record them. */
@Module({
  controllers: [PrivacyNoticesController, MyConsentsController],
  providers: [PrivacyNoticesService, ConsentsService],
  exports: [PrivacyNoticesService, ConsentsService],
})
export class ConsentsModule {}
