/**
 * The child process of a full scan (see scan-child.ts): receives one job over IPC, scans, looks
 * for malicious files, sends the inventory as soon as it has it, then the result and what the scan
 * cost, and exits. Everything a scan
 * allocates dies with this process, so the long-lived agent stays small.
 */
import { findMaliciousFiles, loadSignatures } from './detect/malware.js';
import { scan } from './scan.js';
import type { ScanChildJob, ScanChildReply } from './scan-child.js';

/** Resolves once sent, or at once when the agent is gone (the scan then ends with nobody to tell). */
const reply = (message: ScanChildReply) =>
  new Promise<void>((resolve) =>
    process.send && process.connected ? process.send(message, undefined, {}, () => resolve()) : resolve(),
  );

process.once('message', async (job: ScanChildJob) => {
  try {
    const result = await scan({
      root: job.root,
      ...(job.policyFile ? { policyFile: job.policyFile } : {}),
      onInventory: (inventory) => reply({ kind: 'inventory', inventory }),
    });
    const malicious = job.malware
      ? findMaliciousFiles(
          job.root,
          job.malware.dirs,
          loadSignatures(job.malware.signaturesFile).signatures,
          job.malware.quarantineDir,
        )
      : [];
    const usage = process.resourceUsage();
    await reply({
      kind: 'done',
      result,
      malicious,
      cost: { cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000), maxRssKb: usage.maxRSS },
    });
  } catch (err) {
    await reply({ kind: 'failed', error: (err as Error)?.message ?? String(err) });
  }
  if (process.connected) process.disconnect();
});
