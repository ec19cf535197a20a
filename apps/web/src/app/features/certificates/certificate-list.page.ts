import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  CERTIFICATE_STATUSES,
  type CertificateListEntry,
  type CertificateListQuery,
  type CertificateStatus,
  type Program,
} from '@skillbridge/contracts';
import { catchError, debounceTime, firstValueFrom, map, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { PagedList } from '../../shared/data/paged-list';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { LocalNumberPipe } from '../../shared/i18n/local-number.pipe';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { ReasonDialogComponent } from '../../shared/ui/reason-dialog.component';
import { ProgramsApi } from '../programs/programs.api';
import { withReissue } from './certificate-lines';
import { CertificatePdfComponent } from './certificate-pdf.component';
import { CertificateStatusComponent } from './certificate-status.component';
import { CertificatesApi } from './certificates.api';

/** What the reason dialog is asked for. */
type Action = 'revoke' | 'reissue';

/** The words of the reason dialog, per action. */
const DIALOGS: Record<Action, { title: string; message: string; confirm: string }> = {
  revoke: {
    title: i18nKey('certificates.revoke.title'),
    message: i18nKey('certificates.revoke.message'),
    confirm: i18nKey('certificates.revoke.action'),
  },
  reissue: {
    title: i18nKey('certificates.reissue.title'),
    message: i18nKey('certificates.reissue.message'),
    confirm: i18nKey('certificates.reissue.action'),
  },
};

/** The note above the list after an action. */
type Notice = { action: 'revoke'; serial: string } | { action: 'reissue'; serial: string; newSerial: string };

/**
 * Certificates, filtered by program, status and name or serial, a page at a
 * time, each with its PDF, its frozen hours and the certificates it replaced
 * or was replaced by. Admins see all and may revoke or reissue (a correction:
 * a new certificate from today's records, the old one revoked and pointing to
 * it); partners see their own institution's trainees' (the "Certificates" tab
 * of their portal).
 */
@Component({
  selector: 'sb-certificate-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    LocalNumberPipe,
    InstantDatePipe,
    ReasonDialogComponent,
    CertificatePdfComponent,
    CertificateStatusComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './certificate-list.page.html',
  styleUrl: './certificate-list.page.css',
})
export class CertificateListPage implements OnInit {
  private readonly api = inject(CertificatesApi);
  private readonly auth = inject(AuthService);

  /** `?programId=` from the link on a closed program's outcome page. */
  readonly programId = input<string>();

  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly statuses = CERTIFICATE_STATUSES;
  protected readonly dialogs = DIALOGS;
  /** Certificates exist only for closed programs. */
  protected readonly programs = toSignal(
    inject(ProgramsApi)
      .list({ status: 'completed', limit: 200 })
      .pipe(
        map((page) => page.items),
        catchError(() => of([] as Program[])),
      ),
    { initialValue: [] as Program[] },
  );
  protected readonly filters = new FormGroup({
    programId: new FormControl('', { nonNullable: true }),
    status: new FormControl<CertificateStatus | ''>('', { nonNullable: true }),
    q: new FormControl('', { nonNullable: true }),
  });
  protected readonly list = new PagedList<CertificateListEntry, CertificateListQuery>((query) => this.api.list(query));

  /** The certificate the reason dialog is open for, and what for. */
  protected readonly acting = signal<{ action: Action; certificate: CertificateListEntry } | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly notice = signal<Notice | null>(null);
  private readonly reasonDialog = viewChild<ReasonDialogComponent>('reasonDialog');

  ngOnInit(): void {
    const programId = this.programId();
    if (programId) this.filters.controls.programId.setValue(programId, { emitEvent: false });
    void this.list.load(this.query());
    this.filters.valueChanges.pipe(debounceTime(250)).subscribe(() => void this.list.load(this.query()));
  }

  protected query(): CertificateListQuery {
    const { programId, status, q } = this.filters.getRawValue();
    return { programId: programId || undefined, status: status || undefined, q: q.trim() || undefined, limit: 50 };
  }

  protected ask(action: Action, certificate: CertificateListEntry): void {
    this.notice.set(null);
    this.acting.set({ action, certificate });
    setTimeout(() => this.reasonDialog()?.open());
  }

  /** Shows the certificate with this serial (one a line says it replaced, or was replaced by). */
  protected show(serial: string): void {
    this.filters.patchValue({ status: '', q: serial });
  }

  protected async confirm(reason: string): Promise<void> {
    const acting = this.acting();
    if (!acting) return;
    this.busy.set(true);
    this.failure.set(null);
    try {
      if (acting.action === 'revoke') await this.revoke(acting.certificate, reason);
      else await this.reissue(acting.certificate, reason);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.busy.set(false);
    }
  }

  private async revoke(certificate: CertificateListEntry, reason: string): Promise<void> {
    const revoked = await firstValueFrom(this.api.revoke(certificate.id, reason));
    this.list.items.update((items) => items.map((item) => (item.id === revoked.id ? { ...item, ...revoked } : item)));
    this.notice.set({ action: 'revoke', serial: revoked.serial });
  }

  private async reissue(certificate: CertificateListEntry, reason: string): Promise<void> {
    const fresh = await firstValueFrom(this.api.reissue(certificate.id, reason));
    this.notice.set({ action: 'reissue', serial: certificate.serial, newSerial: fresh.serial });
    // The old certificate as it now stands (revoked, unless it already was, and pointing to the new one).
    const old = await firstValueFrom(this.api.get(certificate.id));
    this.list.items.update((items) => withReissue(items, old, fresh));
  }
}
