import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateInstructorRequest,
  Instructor,
  InstructorListQuery,
  Page,
  UpdateInstructorRequest,
} from '@skillbridge/contracts';
import { Observable } from 'rxjs';
import { queryParams as params } from '../../shared/data/query-params';

/** Typed calls for instructor profiles (guest experts have a profile and no account). */
@Injectable({ providedIn: 'root' })
export class InstructorsApi {
  private readonly http = inject(HttpClient);

  list(query: InstructorListQuery): Observable<Page<Instructor>> {
    return this.http.get<Page<Instructor>>('/api/v1/instructors', { params: params(query) });
  }

  get(id: string): Observable<Instructor> {
    return this.http.get<Instructor>(`/api/v1/instructors/${id}`);
  }

  create(body: CreateInstructorRequest): Observable<Instructor> {
    return this.http.post<Instructor>('/api/v1/instructors', body);
  }

  update(id: string, body: UpdateInstructorRequest): Observable<Instructor> {
    return this.http.patch<Instructor>(`/api/v1/instructors/${id}`, body);
  }
}
