import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateEnrolmentRequest,
  Enrolment,
  EnrolmentDecisionRequest,
  EnrolmentDecisionResult,
  EnrolmentQueueEntry,
  EnrolmentQueueQuery,
  MyEnrolment,
  Page,
  RejectEnrolmentRequest,
  RosterEntry,
  RosterQuery,
  WithdrawEnrolmentRequest,
} from '@skillbridge/contracts';
import { Observable } from 'rxjs';
import { FileDownloads } from '../../shared/data/file-download';
import { queryParams } from '../../shared/data/query-params';

export type RosterFormat = 'csv' | 'xlsx';
/** The bulk decision, with the host's `accept` of nominations (issue 22), whichever contract version is in. */
export type DecisionRequest = Omit<EnrolmentDecisionRequest, 'action'> & {
  action: EnrolmentDecisionRequest['action'] | 'accept';
};

/** Typed calls for enrolments, the review queue and program rosters. */
@Injectable({ providedIn: 'root' })
export class EnrolmentsApi {
  private readonly http = inject(HttpClient);
  private readonly files = inject(FileDownloads);

  /** A trainee enrols themself with `{}`; admins and partners name the trainee. */
  enrol(programId: string, body: CreateEnrolmentRequest = {}): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/v1/programs/${programId}/enrolments`, body);
  }

  roster(programId: string, query: RosterQuery): Observable<Page<RosterEntry>> {
    return this.http.get<Page<RosterEntry>>(`/api/v1/programs/${programId}/enrolments`, {
      params: queryParams(query),
    });
  }

  /** The roster as a spreadsheet, with the same filters; headers come in the viewer's language. */
  downloadRoster(programId: string, format: RosterFormat, query: RosterQuery, fallbackName: string): Promise<void> {
    const { status, institutionId, nationality, q } = query;
    return this.files.download(`/api/v1/programs/${programId}/roster.${format}`, fallbackName, {
      status,
      institutionId,
      nationality,
      q,
    });
  }

  queue(query: EnrolmentQueueQuery): Observable<Page<EnrolmentQueueEntry>> {
    return this.http.get<Page<EnrolmentQueueEntry>>('/api/v1/enrolments', { params: queryParams(query) });
  }

  approve(id: string): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/v1/enrolments/${id}/approve`, {});
  }

  /** The host accepts a nomination: a seat, or the wait-list when the partner's quota or the program is full. */
  accept(id: string): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/v1/enrolments/${id}/accept`, {});
  }

  reject(id: string, body: RejectEnrolmentRequest): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/v1/enrolments/${id}/reject`, body);
  }

  withdraw(id: string, body: WithdrawEnrolmentRequest = {}): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/v1/enrolments/${id}/withdraw`, body);
  }

  /** Approves (accepts) or rejects many at once; the API applies all of them or none. */
  decide(body: DecisionRequest): Observable<EnrolmentDecisionResult> {
    return this.http.post<EnrolmentDecisionResult>('/api/v1/enrolments/decisions', body);
  }

  mine(query: { limit?: number; cursor?: string }): Observable<Page<MyEnrolment>> {
    return this.http.get<Page<MyEnrolment>>('/api/v1/me/enrolments', { params: queryParams(query) });
  }
}
