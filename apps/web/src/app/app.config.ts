import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  isDevMode,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
import { appRoutes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { AuthService } from './core/auth/auth.service';
import { provideI18n } from './core/i18n/i18n.providers';
import { QueuedMarksSender } from './features/attendance/queued-marks.sender';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideI18n(),
    // A reload keeps the session: the refresh cookie is exchanged before the first route is guarded.
    provideAppInitializer(() => {
      const sender = inject(QueuedMarksSender);
      // Then attendance marks saved on this phone without a connection go out (and again when it is back).
      return inject(AuthService)
        .restore()
        .then(() => sender.start());
    }),
    // Production builds only: the app shell, its chunks and words stay on the phone, so a register once opened
    // works without a connection (ngsw-config.json; the API serves ngsw-worker.js and ngsw.json with no-cache).
    provideServiceWorker('ngsw-worker.js', { enabled: !isDevMode(), registrationStrategy: 'registerWhenStable:30000' }),
  ],
};
