// The pdf.js half of read-pdf.ts, run in a worker thread: pdf.js ships only
// as ES modules (and reads import.meta.url), which Jest's CommonJS module
// system cannot load, while a worker thread loads them with Node's own
// loader. Reads every page of the PDF in workerData.pdf and posts back its
// document metadata and, per page, its text items with the marked-content
// boundaries, the fonts it uses, the images it paints, and, when
// workerData.dpi is set, the page rendered to RGBA pixels (only page 1
// unless workerData.renderAll).
import { parentPort, workerData } from 'node:worker_threads';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

const { pdf, dpi, renderAll } = workerData;

const document = await getDocument({
  data: new Uint8Array(pdf),
  // Fail on data pdf.js cannot parse instead of recovering what it can.
  stopAtErrors: true,
  // Font names and the embedded-or-not flag come with the extra properties.
  fontExtraProperties: true,
  useSystemFonts: false,
  verbosity: 0,
}).promise;
try {
  // The Info dictionary (with the catalog's /Lang as Language) and the XMP metadata, as pdf.js reads them.
  const { info, metadata } = await document.getMetadata();
  const documentInfo = {
    title: info.Title ?? null,
    subject: info.Subject ?? null,
    language: info.Language ?? null,
    xmp: metadata ? Object.fromEntries(metadata) : null,
    xmpRaw: metadata?.getRaw() ?? null,
  };
  const pages = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);

    const content = await page.getTextContent({ includeMarkedContent: true });
    const items = content.items.map((item) =>
      'str' in item
        ? { str: item.str, hasEOL: item.hasEOL, transform: item.transform, height: item.height }
        : { type: item.type },
    );

    const operators = await page.getOperatorList();
    const fontIds = new Set();
    const images = [];
    operators.fnArray.forEach((fn, i) => {
      if (fn === OPS.setFont) fontIds.add(operators.argsArray[i][0]);
      // [objId, width, height] of each image painted (pdf.js has applied any soft mask by then).
      if (fn === OPS.paintImageXObject)
        images.push({ width: operators.argsArray[i][1], height: operators.argsArray[i][2] });
    });
    const fonts = [...fontIds].map((id) => {
      const font = page.commonObjs.get(id);
      // missingFile: no /FontFile, /FontFile2 or /FontFile3 in the descriptor, or one pdf.js could not read.
      return { name: font.name, type: font.type, embedded: font.missingFile === false };
    });

    let image;
    if (dpi && (number === 1 || renderAll)) {
      const viewport = page.getViewport({ scale: dpi / 72 });
      const { canvas, context } = document.canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({ canvas, canvasContext: context, viewport }).promise;
      const { width, height, data } = context.getImageData(0, 0, canvas.width, canvas.height);
      image = { width, height, data: new Uint8ClampedArray(data) };
    }
    pages.push({ items, fonts, images, image });
  }
  parentPort.postMessage({ pages, info: documentInfo });
} finally {
  await document.destroy();
}
