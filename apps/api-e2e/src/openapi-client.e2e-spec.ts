import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ts from 'typescript';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createOpenApiDocumentOffline } from '@skillbridge/api/openapi';

/*
 * A client generated from the OpenAPI document compiles: openapi-typescript (the npm package, run with
 * this Node) turns the document `npm run openapi:json` writes into TypeScript types, and tsc checks
 * apps/api-e2e/openapi-client/client.ts — sign in, list programs, create a trainee, list certificates —
 * against them, strictly. No database and no server: the document is built from the code.
 */

const root = path.resolve(__dirname, '../../..');
const CLIENT = path.join(root, 'apps/api-e2e/openapi-client/client.ts');

function openapiTypescriptBin(): string {
  const manifest = require.resolve('openapi-typescript/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return path.join(path.dirname(manifest), bin['openapi-typescript']);
}

/** Generates `schema.ts` from the document into its own folder beside a copy of the client; the folder. */
function generate(document: OpenAPIObject, into: string): string {
  const folder = mkdtempSync(path.join(into, 'client-'));
  writeFileSync(path.join(folder, 'openapi.json'), JSON.stringify(document));
  const result = spawnSync(process.execPath, [openapiTypescriptBin(), 'openapi.json', '--output', 'schema.ts'], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.status !== 0) throw new Error(`openapi-typescript failed:\n${result.stdout}\n${result.stderr}`);
  copyFileSync(CLIENT, path.join(folder, 'client.ts'));
  return folder;
}

/** tsc's diagnostics for the client, as `client.ts(line,col): message` lines. */
function compile(folder: string): string[] {
  const program = ts.createProgram({
    rootNames: [path.join(folder, 'client.ts')],
    options: {
      strict: true,
      noEmit: true,
      noUnusedLocals: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
    },
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${path.basename(diagnostic.file.fileName)}(${line + 1},${character + 1}): ${message}`;
  });
}

describe('a client generated from the OpenAPI document', () => {
  let document: OpenAPIObject;
  let work: string;

  beforeAll(async () => {
    document = await createOpenApiDocumentOffline();
    work = mkdtempSync(path.join(tmpdir(), 'skillbridge-openapi-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('compiles: sign in, list programs, create a trainee, list certificates', () => {
    const folder = generate(document, work);
    expect(readFileSync(path.join(folder, 'schema.ts'), 'utf8')).toContain('"/api/v1/certificates"');
    expect(compile(folder)).toEqual([]);
  }, 60_000);

  it('does not compile when the document is wrong', () => {
    // As the document was before issue 18: nationality an `object`, certificates without a schema.
    const broken = structuredClone(document);
    const trainee = broken.components?.schemas?.['TraineeDto'] as { properties: Record<string, unknown> };
    trainee.properties['nationality'] = { type: 'object' };
    const list = broken.paths['/api/v1/certificates'].get;
    if (!list) throw new Error('GET /api/v1/certificates is not in the document');
    list.responses['200'] = { description: '' };

    const errors = compile(generate(broken, work));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/is not assignable to type 'string'/),
        expect.stringMatching(/Property 'items' does not exist on type 'never'/),
      ]),
    );
  }, 60_000);
});
