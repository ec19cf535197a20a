import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuditActionOption,
  AuditEvent,
  AuditEventListQuery,
  AuthUser,
  CreateInstitutionRequest,
  CreateUserRequest,
  Institution,
  InstitutionListQuery,
  MailboxMessage,
  MailboxPage,
  MailboxQuery,
  Page,
  UpdateInstitutionRequest,
  UpdateUserRequest,
  UserListQuery,
} from '@skillbridge/contracts';
import { Observable } from 'rxjs';
import { queryParams as params } from '../../shared/data/query-params';

/** Typed calls of the admin screens, shaped by @skillbridge/contracts. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  institutions(query: InstitutionListQuery): Observable<Page<Institution>> {
    return this.http.get<Page<Institution>>('/api/v1/institutions', { params: params(query) });
  }

  institution(id: string): Observable<Institution> {
    return this.http.get<Institution>(`/api/v1/institutions/${id}`);
  }

  createInstitution(body: CreateInstitutionRequest): Observable<Institution> {
    return this.http.post<Institution>('/api/v1/institutions', body);
  }

  updateInstitution(id: string, body: UpdateInstitutionRequest): Observable<Institution> {
    return this.http.patch<Institution>(`/api/v1/institutions/${id}`, body);
  }

  users(query: UserListQuery): Observable<Page<AuthUser>> {
    return this.http.get<Page<AuthUser>>('/api/v1/users', { params: params(query) });
  }

  createUser(body: CreateUserRequest): Observable<AuthUser> {
    return this.http.post<AuthUser>('/api/v1/users', body);
  }

  updateUser(id: string, body: UpdateUserRequest): Observable<AuthUser> {
    return this.http.patch<AuthUser>(`/api/v1/users/${id}`, body);
  }

  /** Deletes an account: 409 LAST_ADMIN for the last active admin, USER_IN_USE when records depend on it. */
  deleteUser(id: string): Observable<void> {
    return this.http.delete<void>(`/api/v1/users/${id}`);
  }

  auditEvents(query: AuditEventListQuery): Observable<Page<AuditEvent>> {
    return this.http.get<Page<AuditEvent>>('/api/v1/audit-events', { params: params(query) });
  }

  /** The actions the audit trail can be filtered by, each with its category. */
  auditActions(): Observable<AuditActionOption[]> {
    return this.http.get<AuditActionOption[]>('/api/v1/audit-events/actions');
  }

  /** The development mailbox: e-mail the API kept instead of sending, newest first. */
  mailbox(query: MailboxQuery): Observable<MailboxPage> {
    return this.http.get<MailboxPage>('/api/v1/mailbox', { params: params(query) });
  }

  mailboxMessage(id: string): Observable<MailboxMessage> {
    return this.http.get<MailboxMessage>(`/api/v1/mailbox/${id}`);
  }
}
