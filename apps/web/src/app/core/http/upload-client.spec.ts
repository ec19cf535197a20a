import {
  HttpEventType,
  HttpRequest,
  HttpResponse,
  HttpXhrBackend,
  provideHttpClient,
  withFetch,
  withInterceptors,
} from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { firstValueFrom, of, toArray } from 'rxjs';
import { provideTestTranslations } from '../../../testing/translations';
import { authInterceptor } from '../auth/auth.interceptor';
import { LanguageService } from '../i18n/language.service';
import { UploadClient } from './upload-client';

describe('UploadClient', () => {
  it('sends through XMLHttpRequest (which reports upload progress) with the app’s interceptor', async () => {
    const sent: HttpRequest<unknown>[] = [];
    const xhr = {
      handle: (request: HttpRequest<unknown>) => {
        sent.push(request);
        return of(
          { type: HttpEventType.Sent as const },
          { type: HttpEventType.UploadProgress as const, loaded: 5, total: 10 },
          new HttpResponse({ status: 200, body: { ok: true } }),
        );
      },
    };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        // The app's own client runs on fetch(), which cannot report upload progress.
        provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
        { provide: HttpXhrBackend, useValue: xhr },
        provideTestTranslations(),
      ],
    });
    await TestBed.inject(LanguageService).use('th');
    const client = TestBed.inject(UploadClient);

    const events = await firstValueFrom(
      client.http
        .post('/api/v1/trainees/import', new FormData(), { reportProgress: true, observe: 'events' })
        .pipe(toArray()),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0].headers.get('Accept-Language')).toBe('th');
    expect(events.map((event) => event.type)).toContain(HttpEventType.UploadProgress);
  });
});
