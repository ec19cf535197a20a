import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AssignRoomRequest,
  CreateRoomRequest,
  EnrolmentLogistics,
  InvitationLetterVerification,
  LogisticsSettings,
  LogisticsStatusEntry,
  LogisticsStatusQuery,
  MyLogisticsEntry,
  Page,
  Room,
  UpdateEnrolmentLogisticsRequest,
  UpdateRoomRequest,
} from '@skillbridge/contracts';
import { Observable, firstValueFrom } from 'rxjs';
import { FileDownloads } from '../../shared/data/file-download';
import { queryParams } from '../../shared/data/query-params';

/** The program-wide files an admin downloads from the logistics dashboard. */
export type LogisticsFile = 'rooming-list.xlsx' | 'arrivals.xlsx' | 'invitation-letters.zip';

/** Typed calls of camp logistics (API.md, "Camp logistics"). */
@Injectable({ providedIn: 'root' })
export class LogisticsApi {
  private readonly http = inject(HttpClient);
  private readonly files = inject(FileDownloads);

  get(enrolmentId: string): Observable<EnrolmentLogistics> {
    return this.http.get<EnrolmentLogistics>(`/api/v1/enrolments/${enrolmentId}/logistics`);
  }

  /** Sections present are replaced, `null` clears one, absent ones stay. */
  update(enrolmentId: string, body: UpdateEnrolmentLogisticsRequest): Observable<EnrolmentLogistics> {
    return this.http.put<EnrolmentLogistics>(`/api/v1/enrolments/${enrolmentId}/logistics`, body);
  }

  mine(): Observable<MyLogisticsEntry[]> {
    return this.http.get<MyLogisticsEntry[]>('/api/v1/me/logistics');
  }

  settings(programId: string): Observable<LogisticsSettings> {
    return this.http.get<LogisticsSettings>(`/api/v1/programs/${programId}/logistics-settings`);
  }

  saveSettings(programId: string, body: LogisticsSettings): Observable<LogisticsSettings> {
    return this.http.put<LogisticsSettings>(`/api/v1/programs/${programId}/logistics-settings`, body);
  }

  status(programId: string, query: LogisticsStatusQuery): Observable<Page<LogisticsStatusEntry>> {
    return this.http.get<Page<LogisticsStatusEntry>>(`/api/v1/programs/${programId}/logistics`, {
      params: queryParams(query),
    });
  }

  /** Every line of the program (all pages), for the arrivals chart and room assignment. */
  async allStatus(programId: string): Promise<LogisticsStatusEntry[]> {
    const entries: LogisticsStatusEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await firstValueFrom(this.status(programId, { limit: 200, ...(cursor ? { cursor } : {}) }));
      entries.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return entries;
  }

  rooms(programId: string): Observable<Room[]> {
    return this.http.get<Room[]>(`/api/v1/programs/${programId}/rooms`);
  }

  createRoom(programId: string, body: CreateRoomRequest): Observable<Room> {
    return this.http.post<Room>(`/api/v1/programs/${programId}/rooms`, body);
  }

  updateRoom(roomId: string, body: UpdateRoomRequest): Observable<Room> {
    return this.http.patch<Room>(`/api/v1/rooms/${roomId}`, body);
  }

  deleteRoom(roomId: string): Observable<void> {
    return this.http.delete<void>(`/api/v1/rooms/${roomId}`);
  }

  assignRoom(enrolmentId: string, body: AssignRoomRequest): Observable<unknown> {
    return this.http.put(`/api/v1/enrolments/${enrolmentId}/room`, body);
  }

  downloadProgramFile(programId: string, file: LogisticsFile, programCode: string): Promise<void> {
    return this.files.download(`/api/v1/programs/${programId}/${file}`, `${programCode}-${file}`);
  }

  downloadLetter(enrolmentId: string): Promise<void> {
    return this.files.download(`/api/v1/enrolments/${enrolmentId}/invitation-letter.pdf`, 'invitation-letter.pdf');
  }

  verifyLetter(reference: string): Observable<InvitationLetterVerification> {
    return this.http.get<InvitationLetterVerification>(`/api/v1/verify/letters/${encodeURIComponent(reference)}`);
  }
}
