import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Certificate,
  CertificateListEntry,
  CertificateListQuery,
  CompletionPreview,
  CompletionResult,
  Locale,
  Page,
  ReissueCertificateRequest,
  RevokeCertificateRequest,
  SelectionRequest,
  SelectionResult,
} from '@skillbridge/contracts';
import { Observable } from 'rxjs';
import { FileDownloads } from '../../shared/data/file-download';
import { queryParams } from '../../shared/data/query-params';

/** Typed calls for closing programs, choosing completers, and certificates. */
@Injectable({ providedIn: 'root' })
export class CertificatesApi {
  private readonly http = inject(HttpClient);
  private readonly files = inject(FileDownloads);

  completion(programId: string): Observable<CompletionPreview> {
    return this.http.get<CompletionPreview>(`/api/v1/programs/${programId}/completion`);
  }

  /** Closes the program; running it again issues nothing new. */
  complete(programId: string): Observable<CompletionResult> {
    return this.http.post<CompletionResult>(`/api/v1/programs/${programId}/complete`, null);
  }

  /** Enrols completers of `fromProgramId` in `programId`, all or none. */
  select(programId: string, body: SelectionRequest): Observable<SelectionResult> {
    return this.http.post<SelectionResult>(`/api/v1/programs/${programId}/selections`, body);
  }

  list(query: CertificateListQuery): Observable<Page<CertificateListEntry>> {
    return this.http.get<Page<CertificateListEntry>>('/api/v1/certificates', { params: queryParams(query) });
  }

  mine(query: { limit?: number; cursor?: string }): Observable<Page<CertificateListEntry>> {
    return this.http.get<Page<CertificateListEntry>>('/api/v1/me/certificates', { params: queryParams(query) });
  }

  /** One certificate as issued (its holder, an admin, or the holder's partner). */
  get(id: string): Observable<Certificate> {
    return this.http.get<Certificate>(`/api/v1/certificates/${id}`);
  }

  revoke(id: string, reason: string): Observable<Certificate> {
    return this.http.post<Certificate>(`/api/v1/certificates/${id}/revoke`, {
      reason,
    } satisfies RevokeCertificateRequest);
  }

  /** A new certificate from today's records; the old one is revoked with the reason and points to it. */
  reissue(id: string, reason: string): Observable<Certificate> {
    return this.http.post<Certificate>(`/api/v1/certificates/${id}/reissue`, {
      reason,
    } satisfies ReissueCertificateRequest);
  }

  /** The bilingual PDF (Chinese beside `lang`), fetched with the session's token and saved. */
  downloadPdf(certificate: Pick<Certificate, 'id' | 'serial'>, lang: Locale): Promise<void> {
    return this.files.download(`/api/v1/certificates/${certificate.id}/pdf`, `${certificate.serial}-${lang}.pdf`, {
      lang,
    });
  }

  /**
   * The Open Badges credential (signed JSON-LD), fetched with the session's
   * token and saved as `<serial>.json`, the name the holder knows it by.
   */
  downloadCredential(certificate: Pick<Certificate, 'id' | 'serial'>): Promise<void> {
    return this.files.download(
      `/api/v1/certificates/${certificate.id}/credential`,
      `${certificate.serial}.json`,
      {},
      {
        keepName: true,
      },
    );
  }
}
