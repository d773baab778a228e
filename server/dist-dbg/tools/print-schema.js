/**
 * Writes schema/schema.graphql from the code. With --check, fails instead when the checked-in
 * file differs, so that CI catches a contract change nobody regenerated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHssSchema, printHssSchema } from '../graphql/schema.js';
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema/schema.graphql');
const header = '# Generated from the server code by `npm run schema`. Do not edit by hand.\n\n';
const printed = header + printHssSchema(await buildHssSchema());
if (process.argv.includes('--check')) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current !== printed) {
        console.error(`${target} is stale: run "npm run schema" and commit the result.`);
        process.exit(1);
    }
    console.log('schema/schema.graphql is up to date');
}
else {
    fs.writeFileSync(target, printed);
    console.log(`wrote ${target}`);
}
//# sourceMappingURL=print-schema.js.map