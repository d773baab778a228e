'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useCanOperate } from '@/components/app-shell';
import { Badge, PagedList, Select, usePages } from '@/components/ui';
import { graphql } from '@/gql';
import type { FindingAction, FindingStatus } from '@/gql/graphql';
import { ago, label } from '@/lib/format';

const FindingsDoc = graphql(`
  query ServerFindings($first: Int!, $after: String, $filter: FindingFilter) {
    findings(first: $first, after: $after, filter: $filter) {
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
          remediation
          firstSeenAt
          lastSeenAt
        }
      }
    }
  }
`);

const HandleFindingsDoc = graphql(`
  mutation HandleFindings($input: HandleFindingsInput!) {
    handleFindings(input: $input) {
      findings {
        id
        status
      }
    }
  }
`);

const STATUSES: FindingStatus[] = ['OPEN', 'HANDLED', 'IGNORED', 'FIXED'];

export function FindingsPanel({ serverId, onChanged }: { serverId: string; onChanged: () => void }) {
  const canOperate = useCanOperate();
  const [status, setStatus] = useState<FindingStatus | ''>('OPEN');
  const pages = usePages(status);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: FindingsDoc,
    variables: { first: 25, after: pages.after, filter: { serverId, status: status ? [status] : null } },
  });
  const [handling, handle] = useMutation(HandleFindingsDoc);
  const act = async (id: string, action: FindingAction) => {
    const result = await handle({ input: { findingIds: [id], action } });
    if (result.data) {
      refetch({ requestPolicy: 'network-only' });
      onChanged();
    }
  };
  return (
    <section className="grid">
      <div className="toolbar">
        <Select label="Status" value={status} options={STATUSES} onChange={setStatus} />
      </div>
      <PagedList
        connection={data?.findings}
        fetching={fetching}
        error={handling.error ?? error}
        what="findings"
        pages={pages}
        empty={<>No findings{status ? ` with status ${label(status)}` : ''}.</>}
      >
        {(findings) => (
          <table data-testid="findings-table">
            <thead>
              <tr>
                <th>Severity</th>
                <th>Finding</th>
                <th className="hide-phone">Type</th>
                <th>Status</th>
                <th className="hide-phone">Last seen</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {findings.map((f) => (
                <tr key={f.id}>
                  <td>
                    <Badge value={f.severity} />
                  </td>
                  <td>
                    {f.title}
                    {f.remediation && <div className="sub">Fix: {f.remediation}</div>}
                  </td>
                  <td className="hide-phone">{label(f.type)}</td>
                  <td>
                    <Badge value={f.status} />
                  </td>
                  <td className="hide-phone">{ago(f.lastSeenAt)}</td>
                  <td className="actions">
                    {canOperate && f.status === 'OPEN' && (
                      <>
                        <button type="button" onClick={() => act(f.id, 'HANDLE')} disabled={handling.fetching}>
                          Handle
                        </button>
                        <button type="button" onClick={() => act(f.id, 'IGNORE')} disabled={handling.fetching}>
                          Ignore
                        </button>
                      </>
                    )}
                    {canOperate && (f.status === 'HANDLED' || f.status === 'IGNORED') && (
                      <button type="button" onClick={() => act(f.id, 'REOPEN')} disabled={handling.fetching}>
                        Reopen
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
    </section>
  );
}
