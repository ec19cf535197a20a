import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { ErasureModule } from '../erasure/erasure.module';
import { RetentionJob } from './retention.service';

/** The daily retention job (issue 23). */
@Module({
  imports: [AuditModule, ErasureModule],
  providers: [RetentionJob],
  exports: [RetentionJob],
})
export class RetentionModule {}
