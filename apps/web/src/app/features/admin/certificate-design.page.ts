import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  CERTIFICATE_IMAGE_MAX_BYTES,
  LOCALE_NATIVE_NAMES,
  SUPPORTED_LOCALES,
  type CertificateDesign,
  type Locale,
  type Program,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf, problemOfDownload } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { LocalizedTextInputComponent } from '../../shared/forms/localized-text-input.component';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { ProgramsApi } from '../programs/programs.api';
import { CertificateDesignApi, type DesignImageSlot } from './certificate-design.api';
import { canAddSignatory, designBody, designForm, imageFileHint, signatoryForm } from './certificate-design';
import { saveBlob } from '../../shared/data/file-download';

/**
 * `/admin/institutions/:id/certificate-design`: a host institution's
 * certificate design — accent colour, up to two signatories (name and title
 * per language), logo, seal and signature images — and a preview PDF of a
 * program's certificate with it.
 */
@Component({
  selector: 'sb-certificate-design-page',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    FieldErrorComponent,
    LocalizedTextInputComponent,
    LocalizedPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './certificate-design.page.html',
  styleUrl: './certificate-design.page.css',
})
export class CertificateDesignPage implements OnInit {
  private readonly api = inject(CertificateDesignApi);
  private readonly programsApi = inject(ProgramsApi);

  /** Route parameter: the institution. */
  readonly id = input.required<string>();

  protected form = designForm();
  protected readonly design = signal<CertificateDesign | null>(null);
  protected readonly programs = signal<Program[]>([]);
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly failure = signal<string | null>(null);
  /** Per image slot: the upload in progress, or what went wrong (a catalog key). */
  protected readonly uploading = signal<DesignImageSlot | null>(null);
  protected readonly imageErrors = signal<Partial<Record<DesignImageSlot, string>>>({});
  protected readonly previewProgram = signal('');
  protected readonly previewLanguage = signal<Locale>('en');
  protected readonly previewing = signal(false);
  protected readonly maxMiB = CERTIFICATE_IMAGE_MAX_BYTES / 1024 / 1024;
  protected readonly languages = SUPPORTED_LOCALES.filter((l) => l !== 'zh');
  protected readonly names = LOCALE_NATIVE_NAMES;
  protected readonly canAdd = () => canAddSignatory(this.form);

  async ngOnInit(): Promise<void> {
    try {
      const [design, programs] = await Promise.all([
        firstValueFrom(this.api.get(this.id())),
        firstValueFrom(this.programsApi.list({ limit: 200 })),
      ]);
      this.show(design);
      const own = programs.items.filter((p) => p.hostInstitutionId === this.id());
      this.programs.set(own);
      if (own[0]) this.previewProgram.set(own[0].id);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
  }

  private show(design: CertificateDesign): void {
    this.design.set(design);
    this.form = designForm(design);
  }

  protected addSignatory(): void {
    if (this.canAdd()) this.form.controls.signatories.push(signatoryForm());
  }

  protected removeSignatory(index: number): void {
    this.form.controls.signatories.removeAt(index);
  }

  protected async save(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    this.saved.set(false);
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.busy.set(true);
    try {
      this.show(await firstValueFrom(this.api.update(this.id(), designBody(this.form))));
      this.saved.set(true);
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.form, problem);
      this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }

  protected async upload(slot: DesignImageSlot, input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const hint = imageFileHint(file);
    this.imageErrors.update((errors) => ({
      ...errors,
      [slot]: hint ? `admin.certificateDesign.hint.${hint}` : undefined,
    }));
    if (hint) return;
    this.uploading.set(slot);
    try {
      const design = await firstValueFrom(this.api.upload(this.id(), slot, file));
      this.design.set(design);
    } catch (error) {
      const problem = problemOf(error);
      const message = problem.errors?.find((e) => e.field === 'file')?.message;
      this.imageErrors.update((errors) => ({ ...errors, [slot]: message ?? `errors.${problem.code}` }));
    } finally {
      this.uploading.set(null);
    }
  }

  protected async remove(slot: DesignImageSlot): Promise<void> {
    try {
      this.design.set(await firstValueFrom(this.api.remove(this.id(), slot)));
    } catch (error) {
      this.imageErrors.update((errors) => ({ ...errors, [slot]: `errors.${problemOf(error).code}` }));
    }
  }

  protected imageError(slot: DesignImageSlot): string | undefined {
    return this.imageErrors()[slot];
  }

  protected hasSignature(index: number): boolean {
    return Boolean(this.design()?.signatories[index]?.hasSignature);
  }

  /** Opens the preview PDF in a new tab (opened at once, so no pop-up blocker stops it), or saves it. */
  protected async preview(): Promise<void> {
    const programId = this.previewProgram();
    if (!programId) return;
    this.previewing.set(true);
    this.failure.set(null);
    const tab = window.open('', '_blank');
    try {
      const blob = await this.api.preview(programId, this.previewLanguage());
      const url = URL.createObjectURL(blob);
      if (tab) tab.location.href = url;
      else saveBlob(blob, `certificate-preview-${this.previewLanguage()}.pdf`);
    } catch (error) {
      tab?.close();
      this.failure.set((await problemOfDownload(error)).code);
    } finally {
      this.previewing.set(false);
    }
  }

  protected signatureSlot(index: number): DesignImageSlot {
    return `signatures/${index as 0 | 1}`;
  }
}
