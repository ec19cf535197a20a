import { defineConfig } from '@playwright/test';

/*
 * Browser tests: Debian's Chromium drives the real built app (web + API) on a
 * real, throw-away embedded PostgreSQL. `npm run test:browser` builds first.
 */
const port = Number(process.env['E2E_PORT'] ?? 4310);
const baseURL = `http://localhost:${port}`;
const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './src',
  outputDir: '../../dist/web-e2e/test-results',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: process.env['CI'] ? 2 : undefined,
  reporter: [['list'], ['html', { outputFolder: '../../dist/web-e2e/report', open: 'never' }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
    /*
     * A phone: the flows of the roles who work from one (trainee, partner,
     * instructor), the accessibility sweep and the screenshots — every test
     * whose title ends in @phone — again at 390×844 with touch.
     */
    {
      name: 'phone',
      grep: /@phone/,
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
  ],
  webServer: {
    command: 'node apps/web-e2e/src/support/serve-app.mjs',
    cwd: '../..',
    url: `${baseURL}/api/v1/health`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
