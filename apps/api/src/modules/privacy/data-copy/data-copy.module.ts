import { Module } from '@nestjs/common';
import { CertificatesModule } from '../../certificates/certificates.module';
import { CredentialsModule } from '../../credentials/credentials.module';
import { DataCopyController } from './data-copy.controller';
import { DataCopyService } from './data-copy.service';
import { DataExportWorker } from './data-export-worker';

/** A copy of my data (issue 23): `GET /me/data`, the exports made off the request path, and their worker. */
@Module({
  imports: [CertificatesModule, CredentialsModule],
  controllers: [DataCopyController],
  providers: [DataCopyService, DataExportWorker],
  exports: [DataExportWorker],
})
export class DataCopyModule {}
