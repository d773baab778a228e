import './globals.css';
import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { browserWsConfig } from '@/lib/api-url';
import { GraphqlProvider } from '@/lib/urql';

export const metadata: Metadata = { title: 'HSS console', description: 'Host Security Service' };
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Read the environment per request, not at build time: one build serves any deployment.
  await connection();
  return (
    <html lang="en">
      <body>
        <GraphqlProvider config={browserWsConfig()}>{children}</GraphqlProvider>
      </body>
    </html>
  );
}
