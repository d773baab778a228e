'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Dialog, ErrorNote, PagedList, usePages } from '@/components/ui';
import { graphql } from '@/gql';
import type { UserRole } from '@/gql/graphql';
import { ago, dateTime, label } from '@/lib/format';

const ApiTokensDoc = graphql(`
  query ApiTokens($first: Int!, $after: String) {
    apiTokens(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          role
          createdAt
          expiresAt
          lastUsedAt
          revokedAt
          createdBy {
            email
          }
        }
      }
    }
  }
`);

const CreateApiTokenDoc = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      secret
      apiToken {
        id
        name
      }
    }
  }
`);

const RevokeApiTokenDoc = graphql(`
  mutation RevokeApiToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      __typename
    }
  }
`);

const ROLES: UserRole[] = ['VIEWER', 'OPERATOR', 'ADMIN'];

export function ApiTokensPanel() {
  const pages = usePages();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('VIEWER');
  const [days, setDays] = useState('90');
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ApiTokensDoc,
    variables: { first: 25, after: pages.after },
  });
  const [creation, create] = useMutation(CreateApiTokenDoc);
  const [revocation, revoke] = useMutation(RevokeApiTokenDoc);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const submit = async () => {
    const expiresAt = days ? new Date(Date.now() + Number(days) * 86_400_000).toISOString() : null;
    const result = await create({ input: { name, role, expiresAt } });
    if (result.data) {
      setCreating(false);
      setSecret({ name: result.data.createApiToken.apiToken.name, secret: result.data.createApiToken.secret });
      setName('');
      reload();
    }
  };

  return (
    <section className="grid">
      <div className="toolbar">
        <p className="muted grow">
          Integrations (SIEM, ticketing, scripts) call the GraphQL API with <code>Authorization: Bearer &lt;token&gt;</code>,
          acting with the token's role. Only a hash is stored; the secret is shown once.
        </p>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          Create API token
        </button>
      </div>
      {secret && (
        <div className="card notice" role="status">
          <strong>{secret.name}</strong>: copy the secret now, it is not shown again.
          <pre className="code" data-testid="api-token-secret">
            {secret.secret}
          </pre>
          <button type="button" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      )}
      <PagedList
        connection={data?.apiTokens}
        fetching={fetching}
        error={revocation.error ?? error}
        what="API tokens"
        pages={pages}
        empty="No API tokens yet."
      >
        {(tokens) => (
          <table data-testid="api-tokens-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th className="hide-phone">Created</th>
                <th className="hide-phone">Expires</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>
                    {t.name}
                    {t.createdBy && <div className="sub">by {t.createdBy.email}</div>}
                  </td>
                  <td>{label(t.role)}</td>
                  <td className="hide-phone">{dateTime(t.createdAt)}</td>
                  <td className="hide-phone">{t.expiresAt ? dateTime(t.expiresAt) : 'never'}</td>
                  <td>{t.lastUsedAt ? ago(t.lastUsedAt) : 'never'}</td>
                  <td className="actions">
                    {t.revokedAt ? (
                      <span className="badge badge-expired">Revoked</span>
                    ) : (
                      <button
                        type="button"
                        className="danger"
                        disabled={revocation.fetching}
                        onClick={async () => {
                          const result = await revoke({ input: { id: t.id } });
                          if (result.data) reload();
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
      <Dialog
        open={creating}
        title="Create API token"
        onClose={() => setCreating(false)}
        action={{ label: 'Create token', onConfirm: submit, disabled: creation.fetching }}
      >
        <label className="field">
          <span>Name (what uses it)</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. SIEM export" />
        </label>
        <label className="field">
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Expires after</span>
          <select value={days} onChange={(e) => setDays(e.target.value)}>
            <option value="30">30 days</option>
            <option value="90">90 days</option>
            <option value="365">1 year</option>
            <option value="">Never</option>
          </select>
        </label>
        <ErrorNote error={creation.error} />
      </Dialog>
    </section>
  );
}
