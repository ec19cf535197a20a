import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { formatVerificationCode, type CertificateListEntry } from '@skillbridge/contracts';
import { PagedList } from '../../shared/data/paged-list';
import { LocalNumberPipe } from '../../shared/i18n/local-number.pipe';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { isExpired } from '../../shared/time/validity';
import { CertificateCredentialComponent } from './certificate-credential.component';
import { CertificatePdfComponent } from './certificate-pdf.component';
import { CertificateStatusComponent } from './certificate-status.component';
import { CertificatesApi } from './certificates.api';
import { verificationUrl } from './verification-link';

/**
 * A trainee's certificates: each with what it states (dates, hours,
 * validity), its state (a replaced one points to its replacement), its PDF
 * (Chinese beside the language they choose), its signed digital credential
 * (the file, its address, LinkedIn), the code printed on it and the public
 * verification link to share with employers.
 */
@Component({
  selector: 'sb-my-certificates-page',
  imports: [
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    LocalNumberPipe,
    CalendarDatePipe,
    InstantDatePipe,
    CertificatePdfComponent,
    CertificateCredentialComponent,
    CertificateStatusComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-certificates.page.html',
  styleUrl: './my-certificates.page.css',
})
export class MyCertificatesPage implements OnInit {
  private readonly api = inject(CertificatesApi);
  private readonly document = inject(DOCUMENT);

  protected readonly list = new PagedList<CertificateListEntry, { limit: number }>((query) => this.api.mine(query));
  /** The certificate whose link was just copied (or could not be), for the note beside it. */
  protected readonly copied = signal<{ id: string; ok: boolean } | null>(null);

  ngOnInit(): void {
    void this.list.load({ limit: 50 });
  }

  protected expired(certificate: CertificateListEntry): boolean {
    return certificate.status === 'issued' && isExpired(certificate.validUntil, certificate.timeZone);
  }

  /** The code as the certificate prints it, in groups of four. */
  protected printedCode(certificate: CertificateListEntry): string {
    return formatVerificationCode(certificate.verificationCode);
  }

  /** Brings another of the trainee's certificates (the one this one replaced, or was replaced by) into view. */
  protected goTo(id: string): void {
    const card = this.document.getElementById(`certificate-${id}`);
    card?.scrollIntoView({ block: 'start' });
    card?.focus({ preventScroll: true });
  }

  protected link(certificate: CertificateListEntry): string {
    return verificationUrl(certificate.verificationCode, this.document.location.origin);
  }

  protected async copy(certificate: CertificateListEntry, field: HTMLInputElement): Promise<void> {
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(this.link(certificate));
      this.copied.set({ id: certificate.id, ok: true });
    } catch {
      // No clipboard permission (or an old browser): select the link so it can be copied by hand.
      field.focus();
      field.select();
      this.copied.set({ id: certificate.id, ok: false });
    }
  }
}
