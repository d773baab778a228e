'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { RegionSelect, useCanOperate } from '@/components/app-shell';
import { DisableProtectionDialog, EnableProtectionDialog, type ProtectableServer } from '@/components/protection-dialogs';
import { Badge, PagedList, Select, usePages } from '@/components/ui';
import { graphql } from '@/gql';
import type { AgentStatus, DetectionResult, EditionCode, ProtectionStatus } from '@/gql/graphql';
import { label } from '@/lib/format';
import { useThrottled } from '@/lib/live';
import { useUrlState } from '@/lib/url-state';

const ServersDoc = graphql(`
  query ServersPage($first: Int!, $after: String, $filter: ServerFilter) {
    servers(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          hostname
          ips
          osName
          osVersion
          agentStatus
          protectionStatus
          protectionInterruptedCause
          detectionResult
          billingMode
          edition {
            code
            name
          }
          region {
            id
            name
          }
          openFindings {
            critical
            high
            medium
            low
            total
          }
        }
      }
    }
  }
`);

const AgentStatusDoc = graphql(`
  subscription ServersAgentStatus($regionId: ID) {
    agentStatusChanged(regionId: $regionId) {
      serverId
      status
      since
    }
  }
`);

const ServerChangedDoc = graphql(`
  subscription ServersServerChanged($regionId: ID) {
    serverChanged(regionId: $regionId) {
      id
    }
  }
`);

const AGENT: AgentStatus[] = ['ONLINE', 'OFFLINE', 'NOT_INSTALLED'];
const PROTECTION: ProtectionStatus[] = ['ENABLED', 'DISABLED', 'INTERRUPTED'];
const DETECTION: DetectionResult[] = ['RISKY', 'SAFE', 'PENDING'];
const EDITIONS: EditionCode[] = ['BASIC', 'PROFESSIONAL', 'ENTERPRISE', 'PREMIUM', 'WTP', 'CONTAINER'];
const PAGE = 20;

export function ServersTab() {
  const canOperate = useCanOperate();
  const [f, update] = useUrlState(['regionId', 'agentStatus', 'protectionStatus', 'detectionResult', 'edition', 'search']);
  const [search, setSearch] = useState(f.search);
  const [live, setLive] = useState<Record<string, AgentStatus>>({});
  const [enabling, setEnabling] = useState<ProtectableServer | null>(null);
  const [disabling, setDisabling] = useState<ProtectableServer | null>(null);

  const filter = {
    regionId: f.regionId || null,
    agentStatus: f.agentStatus ? [f.agentStatus as AgentStatus] : null,
    protectionStatus: f.protectionStatus ? [f.protectionStatus as ProtectionStatus] : null,
    detectionResult: f.detectionResult ? [f.detectionResult as DetectionResult] : null,
    edition: f.edition ? [f.edition as EditionCode] : null,
    search: f.search || null,
  };
  const pages = usePages(JSON.stringify(filter));
  useEffect(() => {
    const t = setTimeout(() => search !== f.search && update({ search }), 300);
    return () => clearTimeout(t);
  }, [search, f.search, update]);

  const [{ data, error, fetching }, refetch] = useQuery({
    query: ServersDoc,
    variables: { first: PAGE, after: pages.after, filter },
  });
  const refresh = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 700);
  // A badge changes the moment the status event arrives; the list is refetched (throttled) so
  // that filters by agent status stay true.
  useSubscription({ query: AgentStatusDoc, variables: { regionId: f.regionId || null } }, (_p, event) => {
    setLive((m) => ({ ...m, [event.agentStatusChanged.serverId]: event.agentStatusChanged.status }));
    refresh();
    return event;
  });
  useSubscription({ query: ServerChangedDoc, variables: { regionId: f.regionId || null } }, (_p, event) => {
    refresh();
    return event;
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: fresh data supersedes live overrides
  useEffect(() => setLive({}), [data]);

  const closeDialog = (changed: boolean) => {
    setEnabling(null);
    setDisabling(null);
    if (changed) refetch({ requestPolicy: 'network-only' });
  };

  return (
    <section className="grid">
      <div className="toolbar">
        <RegionSelect value={f.regionId} onChange={(regionId) => update({ regionId })} allowAll />
        <Select
          label="Agent"
          value={f.agentStatus as AgentStatus | ''}
          options={AGENT}
          onChange={(v) => update({ agentStatus: v })}
        />
        <Select
          label="Protection"
          value={f.protectionStatus as ProtectionStatus | ''}
          options={PROTECTION}
          onChange={(v) => update({ protectionStatus: v })}
        />
        <Select
          label="Detection"
          value={f.detectionResult as DetectionResult | ''}
          options={DETECTION}
          onChange={(v) => update({ detectionResult: v })}
        />
        <Select
          label="Edition"
          value={f.edition as EditionCode | ''}
          options={EDITIONS}
          onChange={(v) => update({ edition: v })}
        />
        <label className="field inline grow">
          <span>Search</span>
          <input type="search" placeholder="Name, hostname or IP" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <button
          type="button"
          className={f.detectionResult === 'RISKY' ? 'primary' : ''}
          aria-pressed={f.detectionResult === 'RISKY'}
          onClick={() => update({ detectionResult: f.detectionResult === 'RISKY' ? '' : 'RISKY' })}
        >
          Risky only
        </button>
      </div>
      <PagedList
        connection={data?.servers}
        fetching={fetching}
        error={error}
        what="servers"
        pages={pages}
        empty={
          Object.values(f).some(Boolean) ? (
            'No server matches these filters.'
          ) : (
            <>
              No servers yet. <Link href="/install">Install the agent</Link> on a server to see it here.
            </>
          )
        }
      >
        {(servers) => (
          <table data-testid="servers-table">
            <thead>
              <tr>
                <th>Server</th>
                <th className="hide-phone">OS</th>
                <th>Agent</th>
                <th>Protection</th>
                <th>Detection</th>
                <th className="hide-phone">Edition</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {servers.map((s) => {
                const agentStatus = live[s.id] ?? s.agentStatus;
                const protectable = { id: s.id, name: s.name, region: s.region };
                return (
                  <tr key={s.id} data-server-id={s.id} data-server-name={s.name}>
                    <td>
                      <Link href={`/servers/${s.id}`}>{s.name}</Link>
                      <div className="sub">
                        {s.ips[0] ?? s.hostname} · {s.region.name}
                      </div>
                    </td>
                    <td className="hide-phone">{[s.osName, s.osVersion].filter(Boolean).join(' ') || '—'}</td>
                    <td>
                      <Badge value={agentStatus} testId="agent-status" />
                    </td>
                    <td>
                      <Badge value={s.protectionStatus} testId="protection-status" />
                      {s.protectionInterruptedCause && <div className="sub">{s.protectionInterruptedCause}</div>}
                    </td>
                    <td>
                      <Badge value={s.detectionResult} testId="detection-result" />
                      {s.openFindings.total > 0 && (
                        <div className="sub">
                          {s.openFindings.total} open ({s.openFindings.critical} crit, {s.openFindings.high} high)
                        </div>
                      )}
                    </td>
                    <td className="hide-phone">
                      {s.edition?.name ?? '—'}
                      {s.billingMode && <div className="sub">{label(s.billingMode)}</div>}
                    </td>
                    <td className="actions">
                      {canOperate &&
                        (s.protectionStatus === 'DISABLED' ? (
                          <button type="button" onClick={() => setEnabling(protectable)}>
                            Enable
                          </button>
                        ) : (
                          <button type="button" onClick={() => setDisabling(protectable)}>
                            Disable
                          </button>
                        ))}
                      <Link href={`/servers/${s.id}`}>Details</Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </PagedList>
      <EnableProtectionDialog server={enabling} onClose={closeDialog} />
      <DisableProtectionDialog server={disabling} onClose={closeDialog} />
    </section>
  );
}
