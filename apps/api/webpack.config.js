const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
    // Entries export what their module exports (module.exports): piscina calls the worker entry's default export.
    library: { type: 'commonjs2' },
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // The worker threads piscina loads by file name (certificate rendering, reading uploaded spreadsheets,
      // building XLSX exports):
      // each its own bundle beside main.js.
      additionalEntryPoints: [
        { entryName: 'certificate-render.worker', entryPath: './src/modules/certificates/documents/render.worker.ts' },
        { entryName: 'sheet-read.worker', entryPath: './src/common/spreadsheet/sheet-read.worker.ts' },
        { entryName: 'workbook.worker', entryPath: './src/common/spreadsheet/workbook.worker.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      assets: [],
      optimization: false,
      outputHashing: 'none',
      // dist/apps/api/package.json lists exactly the runtime dependencies (used by the docker image).
      generatePackageJson: true,
      sourceMap: true,
    }),
  ],
};
