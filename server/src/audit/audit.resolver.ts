import { IsOptional, ValidateNested } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { User } from '../accounts/user.entity.js';
import { ApiToken } from '../api-tokens/api-token.entity.js';
import type { RequestContext } from '../common/request-context.js';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { AuditLogFilter } from './audit.inputs.js';
import type { AuditLogReader } from './audit.service.js';
import { AuditLog } from './audit-log.entity.js';

export const AuditLogConnection = ConnectionType(AuditLog, 'AuditLog');

@ArgsType()
class AuditLogsArgs extends PageArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: AuditLogFilter | null;
}

@Resolver(() => AuditLog)
export class AuditResolver {
  constructor(private readonly reader: AuditLogReader) {}

  @Query(() => AuditLogConnection, { description: 'Every change made in the account, newest first (administrators only).' })
  async auditLogs(@Args(() => AuditLogsArgs) args: AuditLogsArgs, @Ctx() ctx: RequestContext) {
    return toConnection(await this.reader.list(ctx, args.filter ?? {}, args));
  }

  @FieldResolver(() => User, { nullable: true, description: 'Null for the system itself (sweeps, first start).' })
  user(@Root() log: AuditLog, @Ctx() ctx: RequestContext): Promise<User | null> {
    return log.user ? ctx.loaders.userById.load(log.user.id) : Promise.resolve(null);
  }

  @FieldResolver(() => ApiToken, {
    nullable: true,
    description: 'The API token the user acted with; null for a console session or the system.',
  })
  apiToken(@Root() log: AuditLog, @Ctx() ctx: RequestContext): Promise<ApiToken | null> {
    return log.apiToken ? ctx.loaders.apiTokenById.load(log.apiToken.id) : Promise.resolve(null);
  }
}
