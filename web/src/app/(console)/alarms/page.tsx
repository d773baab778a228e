'use client';

import { Suspense } from 'react';
import { useQuery } from 'urql';
import { Tabs } from '@/components/ui';
import { graphql } from '@/gql';
import type { AlarmStatus, AlarmType, Severity } from '@/gql/graphql';
import { useUrlState } from '@/lib/url-state';
import { AlarmsTable } from './alarms-table';
import { WhitelistPanel } from './whitelist-panel';

const ServerOptionsDoc = graphql(`
  query AlarmServerOptions {
    servers(first: 100, filter: { agentStatus: [ONLINE, OFFLINE] }) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

function Alarms() {
  const [url, update] = useUrlState(['severity', 'type', 'status', 'serverId', 'tab']);
  const [{ data }] = useQuery({ query: ServerOptionsDoc });
  const filters = {
    severity: url.severity as Severity | '',
    type: url.type as AlarmType | '',
    // Unhandled first: what needs a person is the default view.
    status: (url.status === 'ALL' ? '' : url.status || 'UNHANDLED') as AlarmStatus | '',
  };
  return (
    <div className="page">
      <h1>Alarms</h1>
      <Tabs
        tabs={[
          { id: 'alarms', label: 'Alarms' },
          { id: 'whitelist', label: 'Whitelist' },
        ]}
        current={url.tab === 'whitelist' ? 'whitelist' : 'alarms'}
        onChange={(id) => update({ tab: id === 'alarms' ? '' : id })}
      />
      {url.tab === 'whitelist' ? (
        <WhitelistPanel />
      ) : (
        <AlarmsTable
          key={url.serverId}
          serverId={url.serverId || undefined}
          filters={filters}
          onFilters={(f) => update({ severity: f.severity, type: f.type, status: f.status || 'ALL' })}
          serverFilter={
            <label className="field inline">
              <span>Server</span>
              <select value={url.serverId} onChange={(e) => update({ serverId: e.target.value })}>
                <option value="">All servers</option>
                {(data?.servers.edges ?? []).map(({ node }) => (
                  <option key={node.id} value={node.id}>
                    {node.name}
                  </option>
                ))}
              </select>
            </label>
          }
        />
      )}
    </div>
  );
}

export default function AlarmsPage() {
  return (
    <Suspense>
      <Alarms />
    </Suspense>
  );
}
