import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { readPdf } from '/work/wt/l20-letters/apps/api/src/modules/certificates/pdf/testing/read-pdf';
(async () => {
  const r = await readPdf(readFileSync(process.argv[2]), { dpi: 100 });
  const img = r.image!;
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.data);
  writeFileSync(process.argv[3], PNG.sync.write(png));
  console.log(r.text);
})();
