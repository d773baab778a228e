'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSession } from '@/components/app-shell';
import { Dialog, ErrorNote, PagedList, usePages } from '@/components/ui';
import { graphql } from '@/gql';
import type { UserRole } from '@/gql/graphql';
import { dateTime, label } from '@/lib/format';

const UsersDoc = graphql(`
  query Users($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          email
          displayName
          role
          createdAt
        }
      }
    }
  }
`);

const CreateUserDoc = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        id
      }
    }
  }
`);

const UpdateRoleDoc = graphql(`
  mutation UpdateUserRole($input: UpdateUserRoleInput!) {
    updateUserRole(input: $input) {
      user {
        id
        role
      }
    }
  }
`);

const DeleteUserDoc = graphql(`
  mutation DeleteUser($input: DeleteUserInput!) {
    deleteUser(input: $input) {
      __typename
    }
  }
`);

const ROLES: UserRole[] = ['ADMIN', 'OPERATOR', 'VIEWER'];

function CreateUserDialog({ open, onClose }: { open: boolean; onClose: (changed: boolean) => void }) {
  const [form, setForm] = useState({ email: '', displayName: '', role: 'OPERATOR' as UserRole, password: '' });
  const [{ fetching, error }, create] = useMutation(CreateUserDoc);
  const submit = async () => {
    const result = await create({ input: form });
    if (result.data) {
      setForm({ email: '', displayName: '', role: 'OPERATOR', password: '' });
      onClose(true);
    }
  };
  return (
    <Dialog
      open={open}
      title="Add a user"
      onClose={() => onClose(false)}
      action={{ label: 'Add user', onConfirm: submit, disabled: fetching }}
    >
      <label className="field">
        <span>E-mail</span>
        <input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
      </label>
      <label className="field">
        <span>Name</span>
        <input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
      </label>
      <label className="field">
        <span>Role</span>
        <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as UserRole })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {label(r)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Initial password (12 characters or more; they change it in Settings)</span>
        <input
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
      </label>
      <ErrorNote error={error} />
    </Dialog>
  );
}

export function UsersPanel() {
  const { viewer } = useSession();
  const pages = usePages();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<{ id: string; email: string } | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: UsersDoc,
    variables: { first: 25, after: pages.after },
  });
  const [roleChange, updateRole] = useMutation(UpdateRoleDoc);
  const [deletion, deleteUser] = useMutation(DeleteUserDoc);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const removeUser = async () => {
    if (!removing) return;
    const result = await deleteUser({ input: { userId: removing.id } });
    if (result.data) {
      setRemoving(null);
      reload();
    }
  };
  return (
    <section className="grid">
      <div className="toolbar">
        <p className="muted grow">
          Administrators manage everything; operators protect servers, handle alarms and run scans; viewers only read.
        </p>
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          Add user
        </button>
      </div>
      <PagedList
        connection={data?.users}
        fetching={fetching}
        error={roleChange.error ?? error}
        what="users"
        pages={pages}
        empty="No users."
      >
        {(users) => (
          <table data-testid="users-table">
            <thead>
              <tr>
                <th>User</th>
                <th>Role</th>
                <th className="hide-phone">Added</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-user-email={u.email}>
                  <td>
                    {u.displayName}
                    <div className="sub">{u.email}</div>
                  </td>
                  <td>
                    <select
                      aria-label={`Role of ${u.email}`}
                      value={u.role}
                      disabled={roleChange.fetching}
                      onChange={async (e) => {
                        const result = await updateRole({ input: { userId: u.id, role: e.target.value as UserRole } });
                        if (result.data) reload();
                      }}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {label(r)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="hide-phone">{dateTime(u.createdAt)}</td>
                  <td className="actions">
                    {u.id !== viewer.id && (
                      <button type="button" className="danger" onClick={() => setRemoving(u)}>
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
      <CreateUserDialog
        open={adding}
        onClose={(changed) => {
          setAdding(false);
          if (changed) reload();
        }}
      />
      <Dialog
        open={Boolean(removing)}
        title="Remove user"
        onClose={() => setRemoving(null)}
        action={{ label: 'Remove user', onConfirm: removeUser, disabled: deletion.fetching, danger: true }}
      >
        <p>
          {removing?.email} is signed out everywhere at once, and the API tokens they created stop working. The audit log keeps
          what they did.
        </p>
        <ErrorNote error={deletion.error} />
      </Dialog>
    </section>
  );
}
