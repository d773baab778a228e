'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { FindingTrendChart } from '@/components/finding-trend-chart';
import { Badge, Empty, ErrorNote, Loading } from '@/components/ui';
import { graphql } from '@/gql';
import type { DashboardQuery } from '@/gql/graphql';
import { ago, label } from '@/lib/format';
import { useThrottled } from '@/lib/live';

const DashboardDoc = graphql(`
  query Dashboard {
    overview {
      serverCount
      agentStatus {
        online
        offline
        notInstalled
      }
      protectionStatus {
        enabled
        disabled
        interrupted
      }
      detectionResult {
        risky
        safe
        pending
      }
      quotas {
        edition
        status
        count
      }
    }
    findingTrend(days: 14) {
      day
      critical
      high
      medium
      low
      total
    }
    alarms(first: 8) {
      edges {
        node {
          ...DashboardAlarm
        }
      }
    }
  }
`);

graphql(`
  fragment DashboardAlarm on Alarm {
    id
    title
    type
    severity
    status
    sourceIp
    occurredAt
    server {
      id
      name
    }
  }
`);

const AlarmRaisedDoc = graphql(`
  subscription DashboardAlarmRaised {
    alarmRaised {
      ...DashboardAlarm
    }
  }
`);

const StatusChangedDoc = graphql(`
  subscription DashboardStatusChanged {
    agentStatusChanged {
      serverId
      status
    }
  }
`);

const ServerChangedDoc = graphql(`
  subscription DashboardServerChanged {
    serverChanged {
      id
    }
  }
`);

type Alarm = DashboardQuery['alarms']['edges'][number]['node'];

function Stat({ title, rows, href }: { title: string; rows: [string, number, string?][]; href?: (key: string) => string }) {
  const total = rows.reduce((n, [, v]) => n + v, 0);
  return (
    <section className="card stat">
      <h2>{title}</h2>
      <div className="bar" aria-hidden="true">
        {rows.map(([key, value]) => (
          <span key={key} className={`seg seg-${key.toLowerCase()}`} style={{ flexGrow: value }} />
        ))}
        {total === 0 && <span className="seg seg-none" style={{ flexGrow: 1 }} />}
      </div>
      <dl>
        {rows.map(([key, value]) => (
          <div key={key} data-testid={`${title}-${key}`.toLowerCase().replaceAll(' ', '-')}>
            <dt>{href ? <Link href={href(key)}>{label(key)}</Link> : label(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export default function DashboardPage() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: DashboardDoc });
  const [liveAlarms, setLiveAlarms] = useState<Alarm[]>([]);
  const refresh = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 700);

  useSubscription({ query: AlarmRaisedDoc }, (_prev, event) => {
    setLiveAlarms((list) => [event.alarmRaised, ...list.filter((a) => a.id !== event.alarmRaised.id)].slice(0, 8));
    refresh();
    return event;
  });
  useSubscription({ query: StatusChangedDoc }, (_prev, event) => {
    refresh();
    return event;
  });
  useSubscription({ query: ServerChangedDoc }, (_prev, event) => {
    refresh();
    return event;
  });

  if (!data) return fetching ? <Loading what="Loading the dashboard" /> : <ErrorNote error={error} />;
  const o = data.overview;
  const stored = data.alarms.edges.map((e) => e.node);
  const alarms = [...liveAlarms, ...stored.filter((a) => !liveAlarms.some((l) => l.id === a.id))].slice(0, 8);
  const quotaRows = new Map<string, { idle: number; inUse: number; expired: number }>();
  for (const q of o.quotas) {
    const row = quotaRows.get(q.edition) ?? { idle: 0, inUse: 0, expired: 0 };
    if (q.status === 'IDLE') row.idle += q.count;
    else if (q.status === 'IN_USE') row.inUse += q.count;
    else row.expired += q.count;
    quotaRows.set(q.edition, row);
  }

  return (
    <div className="page">
      <h1>Dashboard</h1>
      <ErrorNote error={error} />
      <div className="grid stats">
        <Stat
          title="Agent status"
          rows={[
            ['ONLINE', o.agentStatus.online],
            ['OFFLINE', o.agentStatus.offline],
            ['NOT_INSTALLED', o.agentStatus.notInstalled],
          ]}
          href={(k) => `/servers?agentStatus=${k}`}
        />
        <Stat
          title="Protection"
          rows={[
            ['ENABLED', o.protectionStatus.enabled],
            ['DISABLED', o.protectionStatus.disabled],
            ['INTERRUPTED', o.protectionStatus.interrupted],
          ]}
          href={(k) => `/servers?protectionStatus=${k}`}
        />
        <Stat
          title="Detection"
          rows={[
            ['RISKY', o.detectionResult.risky],
            ['SAFE', o.detectionResult.safe],
            ['PENDING', o.detectionResult.pending],
          ]}
          href={(k) => `/servers?detectionResult=${k}`}
        />
        <section className="card stat">
          <h2>Quotas</h2>
          {quotaRows.size === 0 ? (
            <Empty>
              No quotas yet. <Link href="/servers?tab=quotas">Purchase quotas</Link>
            </Empty>
          ) : (
            <table className="compact">
              <thead>
                <tr>
                  <th>Edition</th>
                  <th>Idle</th>
                  <th>In use</th>
                  <th>Expired</th>
                </tr>
              </thead>
              <tbody>
                {[...quotaRows].map(([edition, r]) => (
                  <tr key={edition}>
                    <td>{label(edition)}</td>
                    <td>{r.idle}</td>
                    <td>{r.inUse}</td>
                    <td>{r.expired}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <div className="grid two">
        <section className="card">
          <h2>Open findings, last 14 days</h2>
          <FindingTrendChart points={data.findingTrend} />
        </section>
        <section className="card" aria-live="polite">
          <h2>
            Latest alarms <span className="live-dot" title="Live" />
          </h2>
          {alarms.length === 0 ? (
            <Empty>No alarms. Agents report intrusions here the moment they see them.</Empty>
          ) : (
            <ul className="alarm-list" data-testid="latest-alarms">
              {alarms.map((a) => (
                <li key={a.id}>
                  <Badge value={a.severity} />
                  <div>
                    <Link href={`/servers/${a.server.id}?tab=alarms`}>{a.title}</Link>
                    <div className="muted small">
                      {a.server.name} · {label(a.type)}
                      {a.sourceIp ? ` · from ${a.sourceIp}` : ''} · {ago(a.occurredAt)}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <Link href="/alarms">All alarms →</Link>
        </section>
      </div>
      <p className="muted small">{o.serverCount} servers in all.</p>
    </div>
  );
}
