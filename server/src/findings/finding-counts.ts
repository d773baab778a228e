import { FindingStatus, Severity } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Open findings of a server, counted by severity.' })
export class FindingCounts {
  @Field(() => Int) critical = 0;
  @Field(() => Int) high = 0;
  @Field(() => Int) medium = 0;
  @Field(() => Int) low = 0;
  @Field(() => Int) total = 0;
}

/** One GROUP BY for a whole page of servers. */
export async function loadOpenFindingCounts(
  em: EntityManager,
  accountId: string,
  serverIds: readonly string[],
): Promise<FindingCounts[]> {
  const rows = await em.execute<{ server_id: string; severity: Severity; n: string }[]>(
    `select server_id, severity, count(*) as n from finding
      where account_id = ? and status = ? and server_id in (?)
      group by server_id, severity`,
    [accountId, FindingStatus.OPEN, [...serverIds]],
  );
  const counts = new Map(serverIds.map((id) => [id, new FindingCounts()]));
  for (const row of rows) {
    const c = counts.get(row.server_id);
    if (!c) continue;
    const n = Number(row.n);
    c.total += n;
    if (row.severity === Severity.CRITICAL) c.critical += n;
    else if (row.severity === Severity.HIGH) c.high += n;
    else if (row.severity === Severity.MEDIUM) c.medium += n;
    else c.low += n;
  }
  return serverIds.map((id) => counts.get(id) ?? new FindingCounts());
}
