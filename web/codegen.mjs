// Generates the console's typed GraphQL documents (web/src/gql/) from schema/schema.graphql and
// the `graphql(...)` calls in web/src, with GraphQL Code Generator's client preset. This is what
// `graphql-codegen` (the CLI) does for one output; the CLI itself cannot be installed from this
// project's registry (a transitive @graphql-tools package it needs is missing there).
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preset } from '@graphql-codegen/client-preset';
import { codegen } from '@graphql-codegen/core';
import { gqlPluckFromCodeStringSync } from '@graphql-tools/graphql-tag-pluck';
import { buildSchema, parse } from 'graphql';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'src/gql/');
const schemaSdl = await readFile(path.join(here, '../schema/schema.graphql'), 'utf8');
const schemaAst = buildSchema(schemaSdl);

async function sourceFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== outDir.slice(0, -1)) out.push(...(await sourceFiles(full)));
    } else if (/\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

const documents = [];
for (const file of await sourceFiles(path.join(here, 'src'))) {
  const code = await readFile(file, 'utf8');
  if (!code.includes('graphql(')) continue;
  const sources = gqlPluckFromCodeStringSync(file, code, {
    skipIndent: true,
    modules: [{ name: '@/gql', identifier: 'graphql' }],
    globalGqlIdentifierName: ['graphql'],
  });
  for (const source of sources) documents.push({ location: file, document: parse(source.body), rawSDL: source.body });
}

const config = {
  useTypeImports: true,
  enumsAsTypes: true,
  skipTypename: true,
  scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' },
};
const outputs = await preset.buildGeneratesSection({
  baseOutputDir: outDir,
  presetConfig: { fragmentMasking: false },
  plugins: [],
  pluginMap: {},
  schema: parse(schemaSdl),
  schemaAst,
  documents,
  config,
  documentTransforms: [],
});
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
for (const output of outputs) {
  const content = await codegen({ ...output, cache: undefined });
  await writeFile(output.filename, content);
}
console.log(`codegen: ${documents.length} operations → ${path.relative(process.cwd(), outDir)}`);
