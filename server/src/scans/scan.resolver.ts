import { ScanStatus } from '@hss/schema';
import { IsUUID } from 'class-validator';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import type { RequestContext } from '../common/request-context.js';
import { type ScanProgressEvent, Topic } from '../events/topics.js';
import { subscribeScoped } from '../graphql/subscriptions.js';
import { Server } from '../servers/server.entity.js';
import type { ScanService } from './scan.service.js';
import { ScanTask } from './scan-task.entity.js';

@ObjectType({ description: 'A step of a scan: queued, running with progress, done, failed or timed out.' })
export class ScanProgress {
  @Field(() => ID) scanTaskId!: string;
  @Field(() => ID) serverId!: string;
  @Field(() => ScanStatus) status!: ScanStatus;
  @Field(() => Int) progress!: number;
}

@InputType()
export class StartScanInput {
  @Field(() => ID)
  @IsUUID()
  serverId!: string;
}

@ObjectType()
export class StartScanPayload {
  @Field(() => ScanTask) scanTask!: ScanTask;
}

@Resolver(() => ScanTask)
export class ScanResolver {
  constructor(private readonly scanService: ScanService) {}

  @Mutation(() => StartScanPayload, {
    description: 'Starts a full scan of a protected server ("Scan now"); queued while its agent is offline.',
  })
  async startScan(
    @Arg('input', () => StartScanInput) input: StartScanInput,
    @Ctx() ctx: RequestContext,
  ): Promise<StartScanPayload> {
    return { scanTask: await this.scanService.startScan(ctx, input.serverId) };
  }

  @Query(() => [ScanTask], { description: 'The latest scans of a server, newest first.' })
  scanTasks(
    @Arg('serverId', () => ID) serverId: string,
    @Arg('last', () => Int, { defaultValue: 20 }) last: number,
    @Ctx() ctx: RequestContext,
  ): Promise<ScanTask[]> {
    return this.scanService.recent(ctx, serverId, last);
  }

  @FieldResolver(() => Server)
  server(@Root() task: ScanTask, @Ctx() ctx: RequestContext): Promise<Server | null> {
    return ctx.loaders.serverById.load(task.server.id);
  }

  @Subscription(() => ScanProgress, {
    description: 'Progress of the scans of one server.',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      const serverId = assertId(args.serverId as string, 'serverId');
      const iterable = await subscribeScoped(ctx, Topic.SCAN_PROGRESS, { accept: (event) => event.serverId === serverId });
      // The server must be the caller's: NOT_FOUND otherwise, as for every other root field.
      if (!(await ctx.loaders.serverById.load(serverId))) throw notFound('Server', serverId);
      return iterable;
    },
  })
  scanProgress(@Root() event: ScanProgressEvent, @Arg('serverId', () => ID) _serverId: string): ScanProgress {
    return { scanTaskId: event.scanTaskId, serverId: event.serverId, status: event.status, progress: event.progress };
  }
}
