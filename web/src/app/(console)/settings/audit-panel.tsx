'use client';

import { useState } from 'react';
import { useQuery } from 'urql';
import { Empty, ErrorNote, Loading, Pager } from '@/components/ui';
import { graphql } from '@/gql';
import { dateTime } from '@/lib/format';

const AuditDoc = graphql(`
  query AuditLogs($first: Int!, $after: String, $filter: AuditLogFilter) {
    auditLogs(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          action
          targetType
          targetId
          before
          after
          createdAt
          user {
            email
          }
        }
      }
    }
  }
`);

const summary = (value: Record<string, unknown> | null | undefined) => (value ? JSON.stringify(value) : '—');

export function AuditPanel() {
  const [action, setAction] = useState('');
  const [targetId, setTargetId] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter = { action: action.trim() ? [action.trim().toUpperCase()] : null, targetId: targetId.trim() || null };
  const [{ data, error, fetching }] = useQuery({
    query: AuditDoc,
    variables: { first: 30, after: cursors[cursors.length - 1], filter },
  });
  const rows = data?.auditLogs.edges.map((e) => e.node) ?? [];
  return (
    <section className="grid">
      <div className="toolbar">
        <label className="field inline">
          <span>Action</span>
          <input
            value={action}
            placeholder="e.g. ENABLE_PROTECTION"
            onChange={(e) => {
              setAction(e.target.value);
              setCursors([null]);
            }}
          />
        </label>
        <label className="field inline grow">
          <span>Target id</span>
          <input
            value={targetId}
            onChange={(e) => {
              setTargetId(e.target.value);
              setCursors([null]);
            }}
          />
        </label>
      </div>
      <ErrorNote error={error} />
      {!data && fetching ? (
        <Loading what="Loading the audit log" />
      ) : rows.length === 0 ? (
        <Empty>No audit entries match.</Empty>
      ) : (
        <div className="table-wrap">
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Target</th>
                <th className="hide-phone">Before → after</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{dateTime(r.createdAt)}</td>
                  <td>{r.user?.email ?? 'system'}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>
                    {r.targetType}
                    <div className="sub">{r.targetId}</div>
                  </td>
                  <td className="hide-phone small">
                    <code>{summary(r.before)}</code> → <code>{summary(r.after)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        cursors={cursors}
        hasNext={Boolean(data?.auditLogs.pageInfo.hasNextPage)}
        endCursor={data?.auditLogs.pageInfo.endCursor}
        total={data?.auditLogs.totalCount}
        onChange={setCursors}
      />
    </section>
  );
}
