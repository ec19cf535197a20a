import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { queryParams } from './query-params';

/**
 * The file name a `Content-Disposition` header offers: the UTF-8 `filename*`
 * (RFC 6266) first, since it keeps Thai and Chinese names, then `filename`.
 */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  const name = plain ? (plain[2] ?? plain[1]).trim() : '';
  return name || null;
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Downloads of files the API only gives to signed-in people (calendars,
 * rosters): a plain link would carry no token, so the file is fetched through
 * HttpClient (the interceptor adds the token and the viewer's language) and
 * then saved. The server's file name wins when it sends one, unless
 * `keepName` says the name given here is the one to save under.
 */
@Injectable({ providedIn: 'root' })
export class FileDownloads {
  private readonly http = inject(HttpClient);

  async download(
    path: string,
    fallbackName: string,
    query: object = {},
    options: { keepName?: boolean } = {},
  ): Promise<void> {
    const response = await firstValueFrom(
      this.http.get(path, { params: queryParams(query), responseType: 'blob', observe: 'response' }),
    );
    const offered = options.keepName ? null : filenameFromDisposition(response.headers.get('Content-Disposition'));
    const filename = offered ?? fallbackName;
    saveBlob(response.body ?? new Blob(), filename);
  }
}
