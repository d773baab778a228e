/**
 * What a policy says, as agents receive it. Defaults are the product's: brute force is 5
 * failed logins from one IP within 30 s, and the IP is then blocked for 12 hours.
 */
export interface PolicyDocument {
  loginProtection: {
    /** Logins from other IPs raise an abnormal-login alarm. Empty: no such alarm. */
    commonLoginIps: string[];
    /** SSH from outside this list raises an alarm (and is rejected in enforce mode). Empty: no whitelist. */
    sshWhitelist: string[];
    enforceSshWhitelist: boolean;
  };
  bruteForce: { threshold: number; windowSeconds: number; blockSeconds: number };
  fimPaths: string[];
  webTamper: { directories: string[]; paused: boolean };
  isolateMaliciousFiles: boolean;
}

export const DEFAULT_POLICY: PolicyDocument = {
  loginProtection: { commonLoginIps: [], sshWhitelist: [], enforceSshWhitelist: false },
  bruteForce: { threshold: 5, windowSeconds: 30, blockSeconds: 12 * 3600 },
  fimPaths: ['/etc/passwd', '/etc/shadow', '/etc/group', '/etc/sudoers', '/etc/ssh/sshd_config'],
  webTamper: { directories: [], paused: false },
  isolateMaliciousFiles: false,
};
