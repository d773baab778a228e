'use client';

import { useState } from 'react';
import { useQuery } from 'urql';
import { PagedList, usePages } from '@/components/ui';
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
  const filter = { action: action.trim() ? [action.trim().toUpperCase()] : null, targetId: targetId.trim() || null };
  const pages = usePages(JSON.stringify(filter));
  const [{ data, error, fetching }] = useQuery({
    query: AuditDoc,
    variables: { first: 30, after: pages.after, filter },
  });
  return (
    <section className="grid">
      <div className="toolbar">
        <label className="field inline">
          <span>Action</span>
          <input value={action} placeholder="e.g. ENABLE_PROTECTION" onChange={(e) => setAction(e.target.value)} />
        </label>
        <label className="field inline grow">
          <span>Target id</span>
          <input value={targetId} onChange={(e) => setTargetId(e.target.value)} />
        </label>
      </div>
      <PagedList
        connection={data?.auditLogs}
        fetching={fetching}
        error={error}
        what="the audit log"
        pages={pages}
        empty="No audit entries match."
      >
        {(rows) => (
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
        )}
      </PagedList>
    </section>
  );
}
