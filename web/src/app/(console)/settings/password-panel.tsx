'use client';

import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { useSession } from '@/components/app-shell';
import { ErrorNote } from '@/components/ui';
import { graphql } from '@/gql';
import { label } from '@/lib/format';

const ChangePasswordDoc = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      revokedSessions
    }
  }
`);

export function PasswordPanel() {
  const { viewer } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching, error }, change] = useMutation(ChangePasswordDoc);
  const mismatch = repeat !== '' && next !== repeat;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (mismatch) return;
    const result = await change({ input: { currentPassword: current, newPassword: next } });
    if (result.data) {
      const n = result.data.changePassword.revokedSessions;
      setDone(
        `Password changed. ${n === 0 ? 'No other session was open.' : `${n} other session${n === 1 ? '' : 's'} signed out.`}`,
      );
      setCurrent('');
      setNext('');
      setRepeat('');
    }
  };
  return (
    <section className="grid two">
      <div className="card">
        <h2>Signed in as</h2>
        <dl className="kv">
          <dt>Name</dt>
          <dd>{viewer.displayName}</dd>
          <dt>E-mail</dt>
          <dd>{viewer.email}</dd>
          <dt>Role</dt>
          <dd>{label(viewer.role)}</dd>
        </dl>
      </div>
      <form className="card grid" onSubmit={submit}>
        <h2>Change password</h2>
        <label className="field">
          <span>Current password</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label className="field">
          <span>New password (12 characters or more)</span>
          <input type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <label className="field">
          <span>New password again</span>
          <input
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </label>
        <ErrorNote message={mismatch ? 'The two new passwords differ.' : null} />
        <ErrorNote error={error} />
        {done && (
          <p className="notice" role="status">
            {done}
          </p>
        )}
        <div>
          <button type="submit" className="primary" disabled={fetching || mismatch}>
            Change password
          </button>
        </div>
      </form>
    </section>
  );
}
