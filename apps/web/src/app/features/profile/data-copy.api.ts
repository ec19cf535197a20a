import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { DataExport, Page } from '@skillbridge/contracts';
import type { Observable } from 'rxjs';
import { FileDownloads } from '../../shared/data/file-download';

/** A copy of my data (issue 23): the caller's exports, a new one, and the download of a ready one. */
@Injectable({ providedIn: 'root' })
export class DataCopyApi {
  private readonly http = inject(HttpClient);
  private readonly files = inject(FileDownloads);

  list(): Observable<Page<DataExport>> {
    return this.http.get<Page<DataExport>>('/api/v1/me/data-exports');
  }

  request(): Observable<DataExport> {
    return this.http.post<DataExport>('/api/v1/me/data-exports', null);
  }

  get(id: string): Observable<DataExport> {
    return this.http.get<DataExport>(`/api/v1/me/data-exports/${id}`);
  }

  /** Through HttpClient, so the bearer token goes with it; saved under the server's dated name. */
  download(id: string): Promise<void> {
    return this.files.download(`/api/v1/me/data-exports/${id}/download`, 'skillbridge-my-data.zip');
  }
}
