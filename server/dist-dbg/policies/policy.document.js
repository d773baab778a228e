export const DEFAULT_POLICY = {
    loginProtection: { commonLoginIps: [], sshWhitelist: [], enforceSshWhitelist: false },
    bruteForce: { threshold: 5, windowSeconds: 30, blockSeconds: 12 * 3600 },
    fimPaths: ['/etc/passwd', '/etc/shadow', '/etc/group', '/etc/sudoers', '/etc/ssh/sshd_config'],
    webTamper: { directories: [], paused: false },
    isolateMaliciousFiles: false,
};
//# sourceMappingURL=policy.document.js.map