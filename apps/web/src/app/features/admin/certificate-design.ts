import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import {
  ACCENT_COLOR_MIN_CONTRAST,
  ACCENT_COLOR_PATTERN,
  CERTIFICATE_IMAGE_MAX_BYTES,
  CERTIFICATE_SIGNATORIES_MAX,
  SIGNATORY_TEXT_MAX_LENGTH,
  contrastWithWhite,
  type CertificateDesign,
  type UpdateCertificateDesignRequest,
} from '@skillbridge/contracts';
import {
  localizedTextForm,
  localizedTextValue,
  type LocalizedTextForm,
} from '../../shared/forms/localized-text-input.component';

/*
 * The logic of the certificate design page, apart from the component: the
 * form, the body it sends, and the hints given before a file is uploaded.
 */

export const DEFAULT_ACCENT = '#1A3357';

export type SignatoryForm = FormGroup<{ name: LocalizedTextForm; title: LocalizedTextForm }>;

export function signatoryForm(value: { name?: object; title?: object } = {}): SignatoryForm {
  return new FormGroup({
    name: localizedTextForm(value.name ?? {}, SIGNATORY_TEXT_MAX_LENGTH),
    title: localizedTextForm(value.title ?? {}, SIGNATORY_TEXT_MAX_LENGTH),
  });
}

export function designForm(design?: CertificateDesign) {
  return new FormGroup({
    useAccent: new FormControl(Boolean(design?.accentColor), { nonNullable: true }),
    accentColor: new FormControl(design?.accentColor ?? DEFAULT_ACCENT, {
      nonNullable: true,
      validators: [Validators.pattern(ACCENT_COLOR_PATTERN), readableOnWhite],
    }),
    signatories: new FormArray<SignatoryForm>((design?.signatories ?? []).map((s) => signatoryForm(s))),
  });
}

export type DesignForm = ReturnType<typeof designForm>;

/** A colour too light to read on the white certificate (the server refuses it too). */
export function readableOnWhite(control: { value: unknown }): { contrast: true } | null {
  const value = control.value;
  if (typeof value !== 'string' || !ACCENT_COLOR_PATTERN.test(value)) return null;
  return contrastWithWhite(value) < ACCENT_COLOR_MIN_CONTRAST ? { contrast: true } : null;
}

export function canAddSignatory(form: DesignForm): boolean {
  return form.controls.signatories.length < CERTIFICATE_SIGNATORIES_MAX;
}

/** The body of `PUT /institutions/:id/certificate-design`. */
export function designBody(form: DesignForm): UpdateCertificateDesignRequest {
  const value = form.getRawValue();
  return {
    accentColor: value.useAccent ? value.accentColor.toUpperCase() : null,
    signatories: form.controls.signatories.controls.map((s) => ({
      name: localizedTextValue(s.controls.name),
      title: localizedTextValue(s.controls.title),
    })),
  };
}

/**
 * What to tell the admin before uploading: the server decides by the file's
 * content, but a name or type that is plainly not PNG or JPEG, or a file over
 * 1 MiB, need not travel to be refused.
 */
export function imageFileHint(file: Pick<File, 'name' | 'type' | 'size'>): 'type' | 'size' | null {
  const byType = file.type === 'image/png' || file.type === 'image/jpeg';
  const byName = /\.(png|jpe?g)$/i.test(file.name);
  if (!byType && !byName) return 'type';
  if (file.size > CERTIFICATE_IMAGE_MAX_BYTES) return 'size';
  return null;
}
