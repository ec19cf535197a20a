import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { AuthModule } from '../../auth/auth.module';
import { CertificatesModule } from '../../certificates/certificates.module';
import { Anonymizer } from './anonymizer';
import { ErasureController } from './erasure.controller';
import { ErasureNotices } from './erasure-notices';
import { ErasureService } from './erasure.service';

/** Erasure requests and the anonymization that completes them (issue 23). */
@Module({
  imports: [AuditModule, AuthModule, CertificatesModule],
  controllers: [ErasureController],
  providers: [Anonymizer, ErasureNotices, ErasureService],
  exports: [Anonymizer],
})
export class ErasureModule {}
