import { afterAll } from 'vitest';
import { scanCapturedLogs } from './secrets.js';

// Registered before the file's own hooks, so it runs after them: servers have stopped and
// written their last lines.
afterAll(() => {
  const { leaks } = scanCapturedLogs();
  if (leaks.length) {
    throw new Error(`Secrets used by this test file appear in the server's logs: ${leaks.join(', ')}. Never log them.`);
  }
});
