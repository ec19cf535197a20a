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
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { ReasonDialogComponent } from '../../shared/ui/reason-dialog.component';
import { ProgramsApi } from '../programs/programs.api';
import { CertificatePdfComponent } from './certificate-pdf.component';
import { CertificateStatusComponent } from './certificate-status.component';
import { CertificatesApi } from './certificates.api';

/**
 * Certificates, filtered by program, status and name or serial, a page at a
 * time, each with its PDF. Admins see all and may revoke; partners see their
 * own institution's trainees' (the "Certificates" tab of their portal).
 */
@Component({
  selector: 'sb-certificate-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    InstantDatePipe,
    ReasonDialogComponent,
    CertificatePdfComponent,
    CertificateStatusComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './certificate-list.page.html',
})
export class CertificateListPage implements OnInit {
  private readonly api = inject(CertificatesApi);
  private readonly auth = inject(AuthService);

  /** `?programId=` from the link on a closed program's outcome page. */
  readonly programId = input<string>();

  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly statuses = CERTIFICATE_STATUSES;
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

  protected readonly revoking = signal<CertificateListEntry | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly notice = signal<CertificateListEntry | null>(null);
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

  protected ask(certificate: CertificateListEntry): void {
    this.notice.set(null);
    this.revoking.set(certificate);
    setTimeout(() => this.reasonDialog()?.open());
  }

  protected async revoke(reason: string): Promise<void> {
    const certificate = this.revoking();
    if (!certificate) return;
    this.busy.set(true);
    this.failure.set(null);
    try {
      const revoked = await firstValueFrom(this.api.revoke(certificate.id, reason));
      this.list.items.update((items) => items.map((item) => (item.id === revoked.id ? { ...item, ...revoked } : item)));
      this.notice.set({ ...certificate, ...revoked });
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.busy.set(false);
    }
  }
}
