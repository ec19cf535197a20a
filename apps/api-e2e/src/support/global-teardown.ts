import { rm } from 'node:fs/promises';
import type { EmbeddedPostgres } from '@skillbridge/api/database/embedded';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)['__SB_E2E__'] as
    { server: EmbeddedPostgres; dataDir: string } | undefined;
  if (!state) return;
  await state.server.stop();
  await rm(state.dataDir, { recursive: true, force: true });
}
