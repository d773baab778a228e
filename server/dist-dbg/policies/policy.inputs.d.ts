export declare class LoginProtection {
    commonLoginIps: string[];
    sshWhitelist: string[];
    enforceSshWhitelist: boolean;
}
export declare class BruteForce {
    threshold: number;
    windowSeconds: number;
    blockSeconds: number;
}
export declare class WebTamper {
    directories: string[];
    paused: boolean;
}
export declare class PolicyView {
    regionId: string;
    version: number;
    loginProtection: LoginProtection;
    bruteForce: BruteForce;
    fimPaths: string[];
    webTamper: WebTamper;
    isolateMaliciousFiles: boolean;
    acknowledgedBy: number;
}
export declare class UpdatePolicyInput {
    regionId: string;
    loginProtection?: LoginProtection | null;
    bruteForce?: BruteForce | null;
    fimPaths?: string[] | null;
    webTamper?: WebTamper | null;
    isolateMaliciousFiles?: boolean | null;
}
