import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ConsentPurpose,
  ConsentRecordView,
  CreatePrivacyNoticeRequest,
  MyConsents,
  PrivacyNotice,
} from '@skillbridge/contracts';
import type { Observable } from 'rxjs';

/** The privacy notice and the caller's consents (issue 23). */
@Injectable({ providedIn: 'root' })
export class PrivacyApi {
  private readonly http = inject(HttpClient);

  current(): Observable<PrivacyNotice> {
    return this.http.get<PrivacyNotice>('/api/v1/privacy-notice');
  }

  version(version: string): Observable<PrivacyNotice> {
    return this.http.get<PrivacyNotice>(`/api/v1/privacy-notices/${encodeURIComponent(version)}`);
  }

  versions(): Observable<PrivacyNotice[]> {
    return this.http.get<PrivacyNotice[]>('/api/v1/privacy-notices');
  }

  publish(body: CreatePrivacyNoticeRequest): Observable<PrivacyNotice> {
    return this.http.post<PrivacyNotice>('/api/v1/privacy-notices', body);
  }

  myConsents(): Observable<MyConsents> {
    return this.http.get<MyConsents>('/api/v1/me/consents');
  }

  give(purpose: ConsentPurpose, noticeVersion: string): Observable<ConsentRecordView> {
    return this.http.post<ConsentRecordView>('/api/v1/me/consents', { purpose, noticeVersion });
  }

  withdraw(purpose: ConsentPurpose): Observable<void> {
    return this.http.post<void>(`/api/v1/me/consents/${purpose}/withdraw`, null);
  }

  withdrawLogistics(id: string): Observable<void> {
    return this.http.post<void>(`/api/v1/me/logistics-consents/${id}/withdraw`, null);
  }
}

/** The notice's text as paragraphs (blank lines separate them). */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The partner countries a notice names, each once, in the order they first appear. */
export function recipientCountries(notice: Pick<PrivacyNotice, 'recipients'>): string[] {
  return [...new Set(notice.recipients.map((r) => r.country))];
}
