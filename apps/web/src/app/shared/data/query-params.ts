import { HttpParams } from '@angular/common/http';

/** Query parameters from a filter object; empty values are left out (the API reads them as "any"). */
export function queryParams(query: object): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') result = result.set(key, String(value));
  }
  return result;
}
