import { HttpBackend, HttpClient, HttpXhrBackend, provideHttpClient, withInterceptors } from '@angular/common/http';
import { EnvironmentInjector, Injectable, createEnvironmentInjector, inject } from '@angular/core';
import { authInterceptor } from '../auth/auth.interceptor';

/**
 * An HttpClient for file uploads. The app's client runs on fetch(), which
 * cannot report upload progress; this one sends through XMLHttpRequest (which
 * can) with the same interceptor, so uploads still carry the token and the
 * viewer's language.
 */
@Injectable({ providedIn: 'root' })
export class UploadClient {
  readonly http: HttpClient = createEnvironmentInjector(
    [
      provideHttpClient(withInterceptors([authInterceptor])),
      // Declared after provideHttpClient so it wins over the parent's fetch backend.
      { provide: HttpBackend, useExisting: HttpXhrBackend },
    ],
    inject(EnvironmentInjector),
    'UploadClient',
  ).get(HttpClient);
}
