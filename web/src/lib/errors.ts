import type { CombinedError } from 'urql';

/** The API's own words for what went wrong (its messages are written for people). */
export function errorMessage(error: CombinedError | null | undefined): string | null {
  if (!error) return null;
  if (error.graphQLErrors.length) return error.graphQLErrors.map((e) => e.message).join(' ');
  if (error.networkError)
    return `The console cannot reach the API (${error.networkError.message}). Check that the control plane is running.`;
  return error.message;
}

export function errorCode(error: CombinedError | null | undefined): string | undefined {
  return error?.graphQLErrors[0]?.extensions?.code as string | undefined;
}
