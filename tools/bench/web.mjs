// The web app's side of the benchmark: what the first page costs to download,
// and what Lighthouse (with Debian's Chromium) makes of it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * JS and CSS the first page loads before it can render: the scripts,
 * stylesheets and module preloads named in index.html, compressed as the
 * server sends them (brotli at its highest quality, gzip at level 9).
 */
export function webFirstPageSize(webRoot) {
  const html = readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const files = new Set();
  for (const [, src] of html.matchAll(/<script[^>]+src="([^"]+)"/g)) files.add(src);
  for (const [, tag] of html.matchAll(/<link([^>]+)>/g)) {
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    if (href && /rel="(stylesheet|modulepreload)"/.test(tag) && /\.(js|css)$/.test(href)) files.add(href);
  }
  // Inlined critical CSS counts too: it travels in index.html.
  const inline = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('');
  let raw = Buffer.byteLength(inline);
  let gzip = inline ? gzipSync(inline, { level: 9 }).length : 0;
  let brotli = inline ? brotliCompressSync(inline, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length : 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(webRoot, file.replace(/^\//, '')));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { files: [...files], raw, gzip, brotli };
}

/** Lighthouse's performance and accessibility scores (0–100) of one page, in headless Chromium. */
export async function lighthouseScores(url, chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium') {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    const { categories, audits } = result.lhr;
    return {
      performance: Math.round(categories.performance.score * 100),
      accessibility: Math.round(categories.accessibility.score * 100),
      firstContentfulPaintMs: Math.round(audits['first-contentful-paint'].numericValue),
      largestContentfulPaintMs: Math.round(audits['largest-contentful-paint'].numericValue),
      totalBlockingTimeMs: Math.round(audits['total-blocking-time'].numericValue),
      failedAccessibilityAudits: Object.values(audits)
        .filter((a) => a.score === 0 && categories.accessibility.auditRefs.some((r) => r.id === a.id))
        .map((a) => a.id),
    };
  } finally {
    await chrome.kill();
  }
}
