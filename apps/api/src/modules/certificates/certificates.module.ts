import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';
import { RateLimiter } from './rate-limiter';

@Module({
  imports: [CredentialsModule],
  controllers: [CertificatesController],
  providers: [CertificatesService, RateLimiter],
})
export class CertificatesModule {}
