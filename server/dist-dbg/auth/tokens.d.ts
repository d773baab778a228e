/** Opaque bearer secrets: random, prefixed by kind so that a leaked one is recognisable. */
export declare function newSecret(prefix: string): string;
/** Secrets are high-entropy, so a plain SHA-256 is a safe and fast lookup key. */
export declare function hashSecret(secret: string): string;
