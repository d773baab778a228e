import type { MessageType, Payloads } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgentIdentity } from '../agents/agent.service.js';
import { firstDelivery } from '../agents/agent-messages.js';
import { authorize, Permission } from '../auth/permissions.js';
import { notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import type { RequestContext } from '../common/request-context.js';
import { Server } from '../servers/server.entity.js';
import { AutostartItem, HostAccount, HostProcess, ListeningPort, Software } from './asset.entities.js';

type Inventory = Payloads[MessageType.INVENTORY];

/** How one snapshot list maps onto its table: [payload key, column, SQL type]. */
interface SnapshotTable {
  table: string;
  key: keyof Omit<Inventory, 'collectedAt'>;
  columns: [field: string, column: string, type: string][];
}

const TABLES: SnapshotTable[] = [
  {
    table: 'software',
    key: 'software',
    columns: [
      ['name', 'name', 'text'],
      ['version', 'version', 'text'],
      ['architecture', 'architecture', 'text'],
      ['source', 'source', 'text'],
    ],
  },
  {
    table: 'listening_port',
    key: 'ports',
    columns: [
      ['protocol', 'protocol', 'text'],
      ['address', 'address', 'text'],
      ['port', 'port', 'int'],
      ['pid', 'pid', 'int'],
      ['process', 'process', 'text'],
    ],
  },
  {
    table: 'process',
    key: 'processes',
    columns: [
      ['pid', 'pid', 'int'],
      ['name', 'name', 'text'],
      ['commandLine', 'command_line', 'text'],
      ['user', 'user_name', 'text'],
      ['executable', 'executable', 'text'],
      ['startedAt', 'started_at', 'timestamptz'],
    ],
  },
  {
    table: 'host_account',
    key: 'accounts',
    columns: [
      ['name', 'name', 'text'],
      ['uid', 'uid', 'int'],
      ['gid', 'gid', 'int'],
      ['shell', 'shell', 'text'],
      ['home', 'home', 'text'],
      ['loginShell', 'login_shell', 'boolean'],
      ['sudo', 'sudo', 'boolean'],
      ['emptyPassword', 'empty_password', 'boolean'],
      ['passwordChangedAt', 'password_changed_at', 'text'],
    ],
  },
  {
    table: 'autostart_item',
    key: 'autostart',
    columns: [
      ['kind', 'kind', 'text'],
      ['name', 'name', 'text'],
      ['command', 'command', 'text'],
      ['user', 'user_name', 'text'],
    ],
  },
];

/** One statement per table: delete the old snapshot and insert the new one from a JSON array. */
function replaceSql({ table, columns }: SnapshotTable): string {
  const cols = columns.map(([, column]) => `"${column}"`).join(', ');
  const fields = columns.map(([field]) => `r."${field}"`).join(', ');
  const shape = columns.map(([field, , type]) => `"${field}" ${type}`).join(', ');
  return `with removed as (delete from "${table}" where server_id = ?)
    insert into "${table}" (id, account_id, server_id, ${cols})
    select gen_random_uuid(), ?, ?, ${fields} from jsonb_to_recordset(?::jsonb) as r(${shape})`;
}
const STATEMENTS = TABLES.map((t) => ({ ...t, sql: replaceSql(t) }));

export class InventoryService {
  /** Replaces the server's asset snapshot. Returns false for a resent message (already stored). */
  async replaceInventory(em: EntityManager, identity: AgentIdentity, messageId: string, inventory: Inventory): Promise<boolean> {
    return em.transactional(async (tx: EntityManager) => {
      if (!(await firstDelivery(tx, identity.agentId, messageId))) return false;
      for (const t of STATEMENTS) {
        await tx.execute(t.sql, [identity.serverId, identity.accountId, identity.serverId, JSON.stringify(inventory[t.key])]);
      }
      await tx.nativeUpdate(Server, { id: identity.serverId }, { inventoryAt: new Date(inventory.collectedAt) });
      return true;
    });
  }

  /** The latest snapshot of one server, for the server detail page. */
  async assets(ctx: RequestContext, serverId: string) {
    const viewer = authorize(ctx.viewer, Permission.READ);
    const id = assertId(serverId, 'serverId');
    if (!(await ctx.em.count(Server, { id, account: viewer.accountId }))) throw notFound('Server', serverId);
    const scope = { server: id, account: viewer.accountId };
    return {
      software: await ctx.em.find(Software, scope, { orderBy: { name: 'asc', version: 'asc' } }),
      ports: await ctx.em.find(ListeningPort, scope, { orderBy: { port: 'asc', protocol: 'asc' } }),
      processes: await ctx.em.find(HostProcess, scope, { orderBy: { pid: 'asc' } }),
      accounts: await ctx.em.find(HostAccount, scope, { orderBy: { uid: 'asc' } }),
      autostart: await ctx.em.find(AutostartItem, scope, { orderBy: { kind: 'asc', name: 'asc' } }),
    };
  }
}
