import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ErasureRequestBody,
  Page,
  PrivacyRequest,
  PrivacyRequestListQuery,
  RefusePrivacyRequestBody,
} from '@skillbridge/contracts';
import { Observable } from 'rxjs';
import { queryParams as params } from '../../shared/data/query-params';

/** Typed calls of erasure requests (issue 23): the person's own, a partner's for its trainee, the admins' queue. */
@Injectable({ providedIn: 'root' })
export class ErasureApi {
  private readonly http = inject(HttpClient);

  /** The caller's latest request; 404 when there is none. */
  mine(): Observable<PrivacyRequest> {
    return this.http.get<PrivacyRequest>('/api/v1/me/erasure-request');
  }

  requestOwn(body: ErasureRequestBody): Observable<PrivacyRequest> {
    return this.http.post<PrivacyRequest>('/api/v1/me/erasure-request', body);
  }

  requestForTrainee(traineeId: string, body: ErasureRequestBody): Observable<PrivacyRequest> {
    return this.http.post<PrivacyRequest>(`/api/v1/trainees/${traineeId}/erasure-request`, body);
  }

  list(query: PrivacyRequestListQuery): Observable<Page<PrivacyRequest>> {
    return this.http.get<Page<PrivacyRequest>>('/api/v1/privacy/requests', { params: params(query) });
  }

  complete(id: string): Observable<PrivacyRequest> {
    return this.http.post<PrivacyRequest>(`/api/v1/privacy/requests/${id}/complete`, {});
  }

  refuse(id: string, body: RefusePrivacyRequestBody): Observable<PrivacyRequest> {
    return this.http.post<PrivacyRequest>(`/api/v1/privacy/requests/${id}/refuse`, body);
  }
}
