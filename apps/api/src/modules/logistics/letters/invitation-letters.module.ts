import { Module } from '@nestjs/common';
import { CertificatesModule } from '../../certificates/certificates.module';
import { InvitationLettersController } from './invitation-letters.controller';
import { InvitationLettersService } from './invitation-letters.service';

/** Visa invitation letters (issue 20), drawn by the certificates' render pool on the host's certificate design. */
@Module({
  imports: [CertificatesModule],
  controllers: [InvitationLettersController],
  providers: [InvitationLettersService],
})
export class InvitationLettersModule {}
