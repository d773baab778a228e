'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useCanOperate } from '@/components/app-shell';
import { Badge, PagedList, Select, usePages } from '@/components/ui';
import { graphql } from '@/gql';
import type { AlarmAction, AlarmStatus, AlarmType, Severity } from '@/gql/graphql';
import { dateTime, label } from '@/lib/format';
import { useThrottled } from '@/lib/live';

const AlarmsDoc = graphql(`
  query AlarmsPage($first: Int!, $after: String, $filter: AlarmFilter) {
    alarms(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          type
          severity
          status
          title
          sourceIp
          occurredAt
          server {
            id
            name
          }
        }
      }
    }
  }
`);

const HandleAlarmsDoc = graphql(`
  mutation HandleAlarms($input: HandleAlarmsInput!) {
    handleAlarms(input: $input) {
      alarms {
        id
        status
      }
      whitelistEntries {
        id
      }
    }
  }
`);

const AlarmRaisedDoc = graphql(`
  subscription AlarmsPageRaised {
    alarmRaised {
      id
    }
  }
`);

const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const TYPES: AlarmType[] = [
  'BRUTE_FORCE',
  'ABNORMAL_LOGIN',
  'SSH_WHITELIST_VIOLATION',
  'MALICIOUS_PROGRAM',
  'FILE_INTEGRITY',
  'WEB_TAMPER',
  'CREDENTIAL_REUSE',
];
const STATUSES: AlarmStatus[] = ['UNHANDLED', 'HANDLED', 'IGNORED', 'ISOLATED', 'WHITELISTED'];

export interface AlarmFilters {
  severity: Severity | '';
  type: AlarmType | '';
  status: AlarmStatus | '';
}

/** The alarm list with its filters and bulk actions; the alarms page and a server's alarms tab share it. */
export function AlarmsTable({
  serverId,
  filters: controlled,
  onFilters,
  serverFilter,
}: {
  serverId?: string;
  filters?: AlarmFilters;
  onFilters?: (f: AlarmFilters) => void;
  serverFilter?: React.ReactNode;
}) {
  const canOperate = useCanOperate();
  const [own, setOwn] = useState<AlarmFilters>({ severity: '', type: '', status: 'UNHANDLED' });
  const filters = controlled ?? own;
  const setFilters = (f: AlarmFilters) => {
    setSelected(new Set());
    (onFilters ?? setOwn)(f);
  };
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const filter = {
    serverId: serverId ?? null,
    severity: filters.severity ? [filters.severity] : null,
    type: filters.type ? [filters.type] : null,
    status: filters.status ? [filters.status] : null,
  };
  const pages = usePages(JSON.stringify(filter));
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AlarmsDoc,
    variables: { first: 25, after: pages.after, filter },
  });
  const refresh = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 700);
  useSubscription({ query: AlarmRaisedDoc }, (_p, event) => {
    if (pages.cursors.length === 1) refresh();
    return event;
  });
  const [handling, handle] = useMutation(HandleAlarmsDoc);

  const act = async (action: AlarmAction, ids: string[]) => {
    const result = await handle({ input: { alarmIds: ids, action } });
    if (result.data) {
      setSelected(new Set());
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="grid">
      <div className="toolbar">
        <Select
          label="Severity"
          value={filters.severity}
          options={SEVERITIES}
          onChange={(v) => setFilters({ ...filters, severity: v })}
        />
        <Select label="Type" value={filters.type} options={TYPES} onChange={(v) => setFilters({ ...filters, type: v })} />
        <Select
          label="Status"
          value={filters.status}
          options={STATUSES}
          onChange={(v) => setFilters({ ...filters, status: v })}
        />
        {serverFilter}
        <span className="grow" />
        {canOperate && (
          <>
            <button type="button" disabled={!selected.size || handling.fetching} onClick={() => act('HANDLE', [...selected])}>
              Mark handled
            </button>
            <button type="button" disabled={!selected.size || handling.fetching} onClick={() => act('IGNORE', [...selected])}>
              Ignore
            </button>
            <button type="button" disabled={!selected.size || handling.fetching} onClick={() => act('WHITELIST', [...selected])}>
              Add to whitelist
            </button>
          </>
        )}
      </div>
      <PagedList
        connection={data?.alarms}
        fetching={fetching}
        error={handling.error ?? error}
        what="alarms"
        pages={pages}
        empty="No alarms match these filters."
      >
        {(alarms) => (
          <table data-testid="alarms-table">
            <thead>
              <tr>
                {canOperate && (
                  <th>
                    <input
                      type="checkbox"
                      aria-label="Select all"
                      checked={alarms.length > 0 && alarms.every((a) => selected.has(a.id))}
                      onChange={(e) => setSelected(e.target.checked ? new Set(alarms.map((a) => a.id)) : new Set())}
                    />
                  </th>
                )}
                <th>Severity</th>
                <th>Alarm</th>
                {!serverId && <th>Server</th>}
                <th>Status</th>
                <th className="hide-phone">Occurred</th>
              </tr>
            </thead>
            <tbody>
              {alarms.map((a) => (
                <tr key={a.id}>
                  {canOperate && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${a.title}`}
                        checked={selected.has(a.id)}
                        onChange={() => toggle(a.id)}
                      />
                    </td>
                  )}
                  <td>
                    <Badge value={a.severity} />
                  </td>
                  <td>
                    {a.title}
                    <div className="sub">
                      {label(a.type)}
                      {a.sourceIp ? ` · from ${a.sourceIp}` : ''}
                    </div>
                  </td>
                  {!serverId && (
                    <td>
                      <Link href={`/servers/${a.server.id}`}>{a.server.name}</Link>
                    </td>
                  )}
                  <td>
                    <Badge value={a.status} />
                  </td>
                  <td className="hide-phone">{dateTime(a.occurredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
    </section>
  );
}
