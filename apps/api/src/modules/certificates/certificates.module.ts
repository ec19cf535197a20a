import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';
import { CompletionController } from './completion.controller';
import { CompletionService } from './completion.service';
import { CertificateDesignsController } from './design/certificate-designs.controller';
import { CertificateDesignsService } from './design/certificate-designs.service';
import { CertificateDocumentsService } from './documents/certificate-documents.service';
import { CertificateRenderPool } from './documents/render-pool';
import { RateLimiter } from './rate-limiter';
import { VerificationService } from './verification.service';

@Module({
  imports: [CredentialsModule],
  controllers: [CompletionController, CertificatesController, CertificateDesignsController],
  providers: [
    CertificatesService,
    CompletionService,
    VerificationService,
    RateLimiter,
    CertificateRenderPool,
    CertificateDocumentsService,
    CertificateDesignsService,
  ],
  // The render pool, the designs and the rate limiter serve the visa invitation letters too (issue 20).
  exports: [CertificatesService, CertificateRenderPool, CertificateDesignsService, RateLimiter],
})
export class CertificatesModule {}
