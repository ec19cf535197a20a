import { HttpClient, HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateTraineeRequest,
  ImportReport,
  Page,
  Trainee,
  TraineeListQuery,
  UpdateTraineeRequest,
} from '@skillbridge/contracts';
import { Observable } from 'rxjs';
import { UploadClient } from '../../core/http/upload-client';
import { queryParams } from '../../shared/data/query-params';

/** Typed calls for trainees and their spreadsheet import. */
@Injectable({ providedIn: 'root' })
export class TraineesApi {
  private readonly http = inject(HttpClient);
  private readonly uploads = inject(UploadClient);

  list(query: TraineeListQuery): Observable<Page<Trainee>> {
    return this.http.get<Page<Trainee>>('/api/v1/trainees', { params: queryParams(query) });
  }

  get(id: string): Observable<Trainee> {
    return this.http.get<Trainee>(`/api/v1/trainees/${id}`);
  }

  create(body: CreateTraineeRequest): Observable<Trainee> {
    return this.http.post<Trainee>('/api/v1/trainees', body);
  }

  update(id: string, body: UpdateTraineeRequest): Observable<Trainee> {
    return this.http.patch<Trainee>(`/api/v1/trainees/${id}`, body);
  }

  /**
   * Sends a CSV or XLSX file as `multipart/form-data` (field `file`), with
   * upload progress events; a dry run only reports what would happen. A real
   * run needs the attestation.
   */
  import(file: File, dryRun: boolean, attestation?: { noticeVersion: string }): Observable<HttpEvent<ImportReport>> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.uploads.http.post<ImportReport>('/api/v1/trainees/import', body, {
      // A real run carries the importer's word that the people were informed with this notice (issue 23).
      params: queryParams({
        dryRun,
        ...(attestation ? { noticeVersion: attestation.noticeVersion, informedAttested: true } : {}),
      }),
      reportProgress: true,
      observe: 'events',
    });
  }
}
