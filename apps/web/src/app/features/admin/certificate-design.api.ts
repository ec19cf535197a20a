import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CertificateDesign, Locale, UpdateCertificateDesignRequest } from '@skillbridge/contracts';
import { Observable, firstValueFrom } from 'rxjs';
import { UploadClient } from '../../core/http/upload-client';

/** Where an image of the design goes: the logo, the seal, or the signature of signatory 0 or 1. */
export type DesignImageSlot = 'logo' | 'seal' | `signatures/${0 | 1}`;

/** Typed calls for a host institution's certificate design and the preview of a program's certificate. */
@Injectable({ providedIn: 'root' })
export class CertificateDesignApi {
  private readonly http = inject(HttpClient);
  private readonly uploads = inject(UploadClient);

  get(institutionId: string): Observable<CertificateDesign> {
    return this.http.get<CertificateDesign>(`/api/v1/institutions/${institutionId}/certificate-design`);
  }

  update(institutionId: string, body: UpdateCertificateDesignRequest): Observable<CertificateDesign> {
    return this.http.put<CertificateDesign>(`/api/v1/institutions/${institutionId}/certificate-design`, body);
  }

  /** Sends the image as `multipart/form-data`, field `file`; the server checks its content. */
  upload(institutionId: string, slot: DesignImageSlot, file: File): Observable<CertificateDesign> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.uploads.http.put<CertificateDesign>(
      `/api/v1/institutions/${institutionId}/certificate-design/${slot}`,
      body,
    );
  }

  remove(institutionId: string, slot: DesignImageSlot): Observable<CertificateDesign> {
    return this.http.delete<CertificateDesign>(`/api/v1/institutions/${institutionId}/certificate-design/${slot}`);
  }

  /** The sample certificate of a program as a PDF blob (fetched with the token, then opened). */
  preview(programId: string, lang: Locale): Promise<Blob> {
    return firstValueFrom(
      this.http.get(`/api/v1/programs/${programId}/certificate-preview.pdf`, {
        params: { lang },
        responseType: 'blob',
      }),
    );
  }
}
