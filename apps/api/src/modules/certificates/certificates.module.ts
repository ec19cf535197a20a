import { Module } from '@nestjs/common';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';
import { RateLimiter } from './rate-limiter';

@Module({ controllers: [CertificatesController], providers: [CertificatesService, RateLimiter] })
export class CertificatesModule {}
