export interface HealthStatus {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  version: string;
}
