/**
 * Development tool: writes a migration with the difference between the entities and a
 * database that has every existing migration applied. Review it, then add it to
 * db/migrations/index.ts.  Usage: DATABASE_URL=… node server/dist/tools/create-migration.js
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../db/orm.js';
const url = process.env.DATABASE_URL;
if (!url)
    throw new Error('Set DATABASE_URL to a scratch database.');
const orm = await MikroORM.init(ormConfig({ databaseUrl: url, poolMax: 2 }));
await orm.getMigrator().up();
const result = await orm.getMigrator().createMigration('server/src/db/migrations', false, process.argv[2] === '--initial');
console.log(result.fileName || 'no changes');
await orm.close();
//# sourceMappingURL=create-migration.js.map