import { Module } from '@nestjs/common';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';
import { CertificateDesignsController } from './design/certificate-designs.controller';
import { CertificateDesignsService } from './design/certificate-designs.service';
import { CertificateDocumentsService } from './documents/certificate-documents.service';
import { CertificateRenderPool } from './documents/render-pool';
import { RateLimiter } from './rate-limiter';

@Module({
  controllers: [CertificatesController, CertificateDesignsController],
  providers: [
    CertificatesService,
    RateLimiter,
    CertificateRenderPool,
    CertificateDocumentsService,
    CertificateDesignsService,
  ],
})
export class CertificatesModule {}
