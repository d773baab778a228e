import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { AccountService } from './account.service.js';
/**
 * The first start creates an account, its default region and an administrator. A generated
 * password is written once to the terminal (not to the log), and never again.
 */
export declare function bootstrapFirstAccount(em: EntityManager, accounts: AccountService, config: Config, log: Logger, print?: (line: string) => void): Promise<void>;
