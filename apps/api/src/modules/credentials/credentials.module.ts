import { Module } from '@nestjs/common';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { IssuerKeysService } from './issuer-keys.service';
import { StatusListsService } from './status-lists.service';

/** Open Badges 3.0 credentials: signing keys, status lists, the public issuer and status documents. */
@Module({
  controllers: [CredentialsController],
  providers: [CredentialsService, IssuerKeysService, StatusListsService],
  exports: [CredentialsService],
})
export class CredentialsModule {}
