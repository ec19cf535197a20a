import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';
import { CompletionController } from './completion.controller';
import { CompletionService } from './completion.service';
import { RateLimiter } from './rate-limiter';
import { VerificationService } from './verification.service';

@Module({
  imports: [CredentialsModule],
  controllers: [CompletionController, CertificatesController],
  providers: [CertificatesService, CompletionService, VerificationService, RateLimiter],
  exports: [CertificatesService],
})
export class CertificatesModule {}
