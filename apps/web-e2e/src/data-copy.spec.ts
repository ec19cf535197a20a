import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { Api } from './support/api';
import { signIn, useLanguage } from './support/demo';

const PASSWORD = 'Kinabalu-sunrise-2025!';

/** The entries of a ZIP file, name → bytes. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(bytes, { lazyEntries: true }, (error: Error | null, zip?: ZipFile) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

test('a trainee, reading the app in Malay, asks for a copy of their data and downloads it', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await Api.open(testInfo, 'admin');
  const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
  const email = `nurul.aina.${stamp}@e2e.test`;
  await admin.register({
    email,
    password: PASSWORD,
    fullName: 'Nurul Aina binti Ahmad',
    nationality: 'MY',
  });

  await signIn(page, email, PASSWORD);
  await useLanguage(page, 'ms');
  await page.goto('/profile#data-copy');
  const section = page.getByTestId('data-copy-section');
  await expect(section.getByRole('heading', { name: 'Salinan data saya' })).toBeVisible();
  await expect(section.getByTestId('data-copy-empty')).toHaveText('Anda belum meminta salinan.');

  await section.getByTestId('data-copy-request').click();
  await expect(section.getByTestId('data-copy-notice')).toContainText('Kami sedang menyediakan salinan anda');
  // Made off the request path by the API's worker; the section reads the list again until it is ready.
  const copy = section.getByTestId('data-copy').first();
  await expect(copy).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(copy.getByTestId('data-copy-state')).toHaveText('Sedia');
  await expect(copy.getByTestId('data-copy-expires')).toContainText('Boleh dimuat turun sehingga');
  await expect(section.getByTestId('data-copy-notice')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('data-copy-ms.png'), fullPage: true });

  const download = page.waitForEvent('download');
  await copy.getByTestId('data-copy-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^skillbridge-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = await unzip(await readFile(await file.path()));
  const profile = JSON.parse((files.get('profile.json') as Buffer).toString('utf8'));
  expect(profile.account.email).toBe(email);
  expect(profile.trainee.fullName).toBe('Nurul Aina binti Ahmad');
  // The README speaks the language the person chose (switching the app's language made it their account's).
  expect((files.get('README.txt') as Buffer).toString('utf8')).toContain('Skillbridge: salinan data anda');
  await admin.dispose();
});
