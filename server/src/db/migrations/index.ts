import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000000Init } from './Migration20261121000000Init.js';
import { Migration20261121170000AgentChannel } from './Migration20261121170000AgentChannel.js';
import { Migration20261121200000Security } from './Migration20261121200000Security.js';
import { Migration20261121220000AgentProtocol } from './Migration20261121220000AgentProtocol.js';
import { Migration20261121230000AlarmHandling } from './Migration20261121230000AlarmHandling.js';
import { Migration20261121233000AuditToken } from './Migration20261121233000AuditToken.js';
import { Migration20261121234000PolicyAuthor } from './Migration20261121234000PolicyAuthor.js';

/**
 * Migrations are listed here rather than discovered on disk, so that the same list runs from
 * the compiled `dist/` and from TypeScript sources under test. Append new ones in order.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261121000000Init', class: Migration20261121000000Init },
  { name: 'Migration20261121170000AgentChannel', class: Migration20261121170000AgentChannel },
  { name: 'Migration20261121230000AlarmHandling', class: Migration20261121230000AlarmHandling },
  { name: 'Migration20261121200000Security', class: Migration20261121200000Security },
  { name: 'Migration20261121220000AgentProtocol', class: Migration20261121220000AgentProtocol },
  { name: 'Migration20261121233000AuditToken', class: Migration20261121233000AuditToken },
  { name: 'Migration20261121234000PolicyAuthor', class: Migration20261121234000PolicyAuthor },
];
