import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module';
import { RateLimiter } from '../certificates/rate-limiter';
import { PublicCatalogController } from './public-catalog.controller';
import { PublicCatalogService } from './public-catalog.service';
import { PublicMediaService } from './public-media.service';
import { PublicProgramPages } from './public-program-pages';

/** The open catalog: public program lists and pages, their share images and posters (issue 22). */
@Module({
  imports: [CertificatesModule],
  controllers: [PublicCatalogController],
  // A limiter of its own (the same shared counts in PostgreSQL, its own buckets).
  providers: [PublicCatalogService, PublicMediaService, PublicProgramPages, RateLimiter],
  exports: [PublicProgramPages],
})
export class PublicCatalogModule {}
