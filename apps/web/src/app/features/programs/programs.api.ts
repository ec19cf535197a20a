import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CancelSessionRequest,
  CreateProgramRequest,
  CreateSessionRequest,
  DuplicatedProgram,
  DuplicateProgramRequest,
  Instructor,
  InstructorListQuery,
  Page,
  Program,
  ProgramListQuery,
  Session,
  TimetableEntry,
  UpdateProgramRequest,
  UpdateSessionRequest,
} from '@skillbridge/contracts';
import { Observable } from 'rxjs';
import { FileDownloads } from '../../shared/data/file-download';
import { queryParams as params } from '../../shared/data/query-params';

/** Typed calls for programs, sessions, instructors and calendars. */
@Injectable({ providedIn: 'root' })
export class ProgramsApi {
  private readonly http = inject(HttpClient);
  private readonly files = inject(FileDownloads);

  list(query: ProgramListQuery & { order?: 'asc' | 'desc' }): Observable<Page<Program>> {
    return this.http.get<Page<Program>>('/api/v1/programs', { params: params(query) });
  }

  get(id: string): Observable<Program> {
    return this.http.get<Program>(`/api/v1/programs/${id}`);
  }

  create(body: CreateProgramRequest): Observable<Program> {
    return this.http.post<Program>('/api/v1/programs', body);
  }

  update(id: string, body: UpdateProgramRequest): Observable<Program> {
    return this.http.patch<Program>(`/api/v1/programs/${id}`, body);
  }

  transition(id: string, action: 'publish' | 'cancel'): Observable<Program> {
    return this.http.post<Program>(`/api/v1/programs/${id}/${action}`, null);
  }

  /** A draft copy with a new code and start date (admin); `clashes` lists instructors left off copied sessions. */
  duplicate(id: string, body: DuplicateProgramRequest): Observable<DuplicatedProgram> {
    return this.http.post<DuplicatedProgram>(`/api/v1/programs/${id}/duplicate`, body);
  }

  sessions(programId: string): Observable<Session[]> {
    return this.http.get<Session[]>(`/api/v1/programs/${programId}/sessions`);
  }

  createSession(programId: string, body: CreateSessionRequest): Observable<Session> {
    return this.http.post<Session>(`/api/v1/programs/${programId}/sessions`, body);
  }

  updateSession(id: string, body: UpdateSessionRequest): Observable<Session> {
    return this.http.patch<Session>(`/api/v1/sessions/${id}`, body);
  }

  deleteSession(id: string): Observable<void> {
    return this.http.delete<void>(`/api/v1/sessions/${id}`);
  }

  cancelSession(id: string, body: CancelSessionRequest): Observable<Session> {
    return this.http.post<Session>(`/api/v1/sessions/${id}/cancel`, body);
  }

  instructors(query: InstructorListQuery): Observable<Page<Instructor>> {
    return this.http.get<Page<Instructor>>('/api/v1/instructors', { params: params(query) });
  }

  timetable(instructorId: string, from: string, to: string): Observable<TimetableEntry[]> {
    return this.http.get<TimetableEntry[]>(`/api/v1/instructors/${instructorId}/sessions`, {
      params: params({ from, to }),
    });
  }

  /** Fetches an .ics (with the session's token and language) and hands it to the browser as a download. */
  downloadCalendar(path: string, filename: string): Promise<void> {
    return this.files.download(path, filename);
  }
}
