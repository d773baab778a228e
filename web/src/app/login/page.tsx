'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, Suspense, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNote } from '@/components/ui';
import { graphql } from '@/gql';

const LoginDoc = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      expiresAt
      user {
        id
        displayName
      }
    }
  }
`);

function LoginForm() {
  const [{ fetching, error }, login] = useMutation(LoginDoc);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const router = useRouter();
  const next = useSearchParams().get('next');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await login({ input: { email, password } });
    // The API set the HttpOnly session cookie; the token in the answer is not kept anywhere.
    if (result.data) router.replace(next?.startsWith('/') && !next.startsWith('//') ? next : '/');
  };

  return (
    <form className="card login" onSubmit={submit}>
      <h1>Sign in to HSS</h1>
      <label className="field">
        <span>E-mail</span>
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Password</span>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={fetching}>
        {fetching ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

export default function LoginPage() {
  return (
    <main className="centered">
      <Suspense>
        <LoginForm />
      </Suspense>
    </main>
  );
}
